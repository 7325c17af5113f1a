"""beijing-2024 (003 篇二) on its sample (Chaoyang district's homes) and on hand-made forms.

The sample (scripts/samples/beijing_2024.py) has 20 homes in 养老机构, rows 4-23, name in column B,
合计 on row 24, and 4 districts in 辖区统计 (朝阳区, 海淀区, 石景山区 row 6, 房山区). Hand-made forms
follow tests/formhelpers.write_form: the n-th unit on row 3 + n.
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
    table, areas = result["inputs"][0]["tables"]
    assert (table["sheet"], table["entity"], table["rows"]) == ("养老机构", "elderly_institutions", 20)
    assert {"row": 24, "reason": "total"} in table["skipped_rows"]
    assert (areas["sheet"], areas["entity"], areas["rows"]) == ("辖区统计", "areas", 4)
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


def test_sample_shijingshan_ltc_pilot_met(samples):
    ind = by_id(sample(samples, END_2024))["shijingshan_ltc_pilot"]
    # Only 石景山区 (辖区统计 row 6, 是) is in scope; 朝阳区, 海淀区, 房山区 (否) are not named by the plan.
    assert_ind(ind, "met", 1.0, 1, 1, [])
    # 推进 is not a binding word (and xianning-2024, yiwu-2023 read their pilot sentences the same way).
    assert ind["severity"] == "advisory"
    assert ind["target"]["deadline"] == "2024-12-31"


def test_the_permissive_outsourcing_sentence_is_a_commitment_not_a_target():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert [i.id for i in plan.indicators] == ["nursing_bed_share", "shijingshan_ltc_pilot"]
    outsourcing = next(c for c in plan.commitments if c.quote.startswith("养老机构可通过服务外包"))
    assert "可" in outsourcing.why_not_checked
    assert not any("石景山区" in c.quote for c in plan.commitments)


def test_sample_exit_code_every_target_met(samples):
    code, out, _ = run_cli_json(samples / "beijing-2024.xlsx", PLAN, "2024-12-31")
    assert code == 0
    assert out["summary"] == {"met": 2, "not_met": 0, "not_due": 0, "no_data": 0, "not_applicable": 0}


def test_sample_before_the_deadline_is_not_due(samples):
    inds = by_id(sample(samples, MID_2024))
    assert inds["nursing_bed_share"]["status"] == "not_due"
    assert inds["nursing_bed_share"]["value"] == approx(1826 / 3440)
    assert inds["shijingshan_ltc_pilot"]["status"] == "not_due"


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


def test_ltc_pilot_not_running_in_shijingshan_fails(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    write_form(wb, "辖区统计", "各区长期护理保险制度试点情况", ["地区", "年度", "是否开展长期护理保险制度试点"],
               [["朝阳区", 2024, "是"], ["石景山区", 2024, "否"]])
    wb.close()
    ind = by_id(check_plan(tmp_path / "a.xlsx", PLAN, END_2024))["shijingshan_ltc_pilot"]
    assert_ind(ind, "not_met", 0, 0, 1, [("石景山区", "辖区统计!B5")])


def test_ltc_pilot_not_running_is_advice_and_does_not_fail_the_run(tmp_path, cli):
    # Nursing-type beds met (60 / 120), 石景山区's pilot not running: advisory, so exit 0 unless
    # advisory targets are asked to fail the run.
    wb = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    write_form(wb, "养老机构", "养老机构医养结合情况统计表", HEAD, [["甲养老院", "双井街道", 120, 60, "是", "是"]])
    write_form(wb, "辖区统计", "各区长期护理保险制度试点情况", ["地区", "年度", "是否开展长期护理保险制度试点"],
               [["石景山区", 2024, "否"]])
    wb.close()
    code, out, err = run_cli_json(tmp_path / "a.xlsx", PLAN, "2024-12-31")
    assert code == 0, err
    assert {i["id"]: (i["status"], i["severity"]) for i in out["indicators"]} == {
        "nursing_bed_share": ("met", "mandatory"), "shijingshan_ltc_pilot": ("not_met", "advisory")}
    proc = cli("check", tmp_path / "a.xlsx", "--plan", PLAN, "--as-of", "2024-12-31", "--fail-on", "advisory")
    assert proc.returncode == 1, proc.stderr


def test_ltc_pilot_without_a_shijingshan_row_is_no_data(tmp_path):
    # The plan names the district: an area table without its row cannot tell, and that is not a pass.
    wb = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    write_form(wb, "辖区统计", "各区长期护理保险制度试点情况", ["地区", "年度", "是否开展长期护理保险制度试点"],
               [["朝阳区", 2024, "是"]])
    wb.close()
    ind = by_id(check_plan(tmp_path / "a.xlsx", PLAN, END_2024))["shijingshan_ltc_pilot"]
    assert (ind["status"], ind["denominator"]) == ("no_data", 0)
