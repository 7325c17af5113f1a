"""beijing-2024 (003 篇二) on its sample (Chaoyang district's homes) and on hand-made forms.

The sample (scripts/samples/beijing_2024.py) has 20 homes in 养老机构, rows 4-23, name in column B,
合计 on row 24. Hand-made forms follow tests/formhelpers.write_form: the n-th home on row 3 + n.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import xlsxwriter

from formhelpers import approx, assert_ind, by_id, check_plan, groups, run_cli_json, write_form as _write_form

PLAN = "beijing-2024"
END_2024 = dt.date(2024, 12, 31)
MID_2024 = dt.date(2024, 6, 30)

write_form = partial(_write_form, reporter="填报单位（盖章）：北京市朝阳区民政局            填报时间：2025年1月")


def sample(samples: Path, as_of: dt.date) -> dict:
    return check_plan(samples / "beijing-2024.xlsx", PLAN, as_of)


# ---------------------------------------------------------------- the sample workbook

def test_sample_is_read_as_laid_out(samples):
    result = sample(samples, END_2024)
    (table,) = result["inputs"][0]["tables"]
    assert (table["sheet"], table["entity"], table["rows"]) == ("养老机构", "elderly_institutions", 20)
    assert {"row": 24, "reason": "total"} in table["skipped_rows"]
    assert result["data_issues"] == []


def test_sample_nursing_bed_share_met(samples):
    ind = by_id(sample(samples, END_2024))["nursing_bed_share"]
    # Σ beds    = 420+180+360+150+210+320+96+140+88+260+200+130+176+120+160+100+110+90+60+70 = 3440
    # Σ nursing = 260+96+212+70+130+196+40+62+30+150+118+58+104+52+88+36+48+32+20+24 = 1826
    # 1826 / 3440 = 0.530814 >= 50%
    assert_ind(ind, "met", 1826 / 3440, 1826, 3440, [])
    assert ind["scope"] == "region" and ind["severity"] == "mandatory"
    # Per-street breakdown, recomputed from each street's sums: 常营 260/420, 南磨房 30/88.
    assert groups(ind)["常营地区"] == (approx(260 / 420), "met", 260, 420)
    assert groups(ind)["南磨房地区"] == (approx(30 / 88), "not_met", 30, 88)


def test_sample_homes_without_unit_contracted_not_met(samples):
    ind = by_id(sample(samples, END_2024))["homes_without_unit_contracted"]
    # Without an internal unit (否/无): rows 7, 10, 11, 12, 15, 17, 19, 20, 21, 22, 23 = 11 homes.
    # Of these, 南磨房 (row 12, 否) and 豆各庄 (row 19, ×) have no agreement: 9 / 11.
    assert_ind(ind, "not_met", 9 / 11, 9, 11,
               [("北京朝阳区南磨房福寿老年公寓", "养老机构!B12"), ("北京朝阳区豆各庄康颐老年公寓", "养老机构!B19")])
    assert ind["severity"] == "advisory"
    # 管庄康乐养老院 (row 16) has no agreement either, but it runs a clinic: out of scope.
    assert "北京朝阳区管庄康乐养老院" not in {f["name"] for f in ind["failing"]}


def test_sample_exit_code_ignores_the_advisory_failure(samples):
    code, out, _ = run_cli_json(samples / "beijing-2024.xlsx", PLAN, "2024-12-31")
    assert code == 0
    assert out["summary"] == {"met": 1, "not_met": 1, "not_due": 0, "no_data": 0, "not_applicable": 0}


def test_sample_before_the_deadline_is_not_due(samples):
    inds = by_id(sample(samples, MID_2024))
    assert inds["nursing_bed_share"]["status"] == "not_due"
    assert inds["nursing_bed_share"]["value"] == approx(1826 / 3440)
    assert inds["homes_without_unit_contracted"]["status"] == "not_due"


# ---------------------------------------------------------------- hand-made forms

HEAD = ["机构名称", "街道（地区）", "床位数（张）", "护理型床位数（张）", "是否内设医疗机构", "是否与医疗卫生机构签约合作"]


def make_book(path: Path, homes) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    write_form(wb, "养老机构", "养老机构医养结合情况统计表", HEAD, homes)
    wb.close()
    return path


def test_exactly_50_percent_is_met(tmp_path):
    # 不低于50% includes 50%: (60 + 40) / (120 + 80) = 100 / 200.
    path = make_book(tmp_path / "b.xlsx", [["甲养老院", "双井街道", 120, 60, "是", "是"],
                                           ["乙养老院", "劲松街道", 80, 40, "否", "是"]])
    assert_ind(by_id(check_plan(path, PLAN, END_2024))["nursing_bed_share"], "met", 0.5, 100, 200)


def test_share_is_of_summed_beds_not_an_average_of_homes(tmp_path):
    # Average of per-home shares = (0.9 + 0.2) / 2 = 55%, but Σ nursing / Σ beds = (9 + 40) / (10 + 200) = 23.3%.
    path = make_book(tmp_path / "b.xlsx", [["甲养老院", "双井街道", 10, 9, "是", "是"],
                                           ["乙养老院", "劲松街道", 200, 40, "否", "是"]])
    assert_ind(by_id(check_plan(path, PLAN, END_2024))["nursing_bed_share"], "not_met", 49 / 210, 49, 210)


def test_homes_with_a_unit_are_out_of_scope_of_the_contract_target(tmp_path):
    path = make_book(tmp_path / "b.xlsx", [
        ["甲养老院", "双井街道", 120, 60, "是", "否"],   # B4 own unit, no agreement: out of scope
        ["乙养老院", "劲松街道", 80, 40, "否", "是"],    # B5
        ["丙养老院", "劲松街道", 60, 30, "无", "×"],     # B6 fails
    ])
    ind = by_id(check_plan(path, PLAN, END_2024))["homes_without_unit_contracted"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("丙养老院", "养老机构!B6")])


def test_every_home_has_a_unit_is_not_applicable(tmp_path):
    path = make_book(tmp_path / "b.xlsx", [["甲养老院", "双井街道", 120, 60, "是", "否"]])
    ind = by_id(check_plan(path, PLAN, END_2024))["homes_without_unit_contracted"]
    assert_ind(ind, "not_applicable", None, 0, 0)


def test_blank_unit_cell_cannot_pass_an_unsigned_home(tmp_path):
    # Whether 乙 is in scope is unknown and it has no agreement: the data cannot decide.
    path = make_book(tmp_path / "b.xlsx", [["甲养老院", "双井街道", 120, 60, "否", "是"],
                                           ["乙养老院", "劲松街道", 80, 40, "—", "否"]])
    ind = by_id(check_plan(path, PLAN, END_2024))["homes_without_unit_contracted"]
    assert ind["status"] == "no_data"
    assert (ind["numerator"], ind["denominator"], ind["unknown"]) == (1, 1, 1)
