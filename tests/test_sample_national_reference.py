"""national-reference (national targets as reported in the press, docs/domain.md §3) on its sample
(an invented county, 云溪县) and on hand-made forms.

Sample layout (scripts/samples/national_reference.py): every sheet has a merged title (row 1), a
填报单位 line (row 2), headers (row 3), so the n-th unit sits on Excel row 3 + n with its name in
column B.
  养老机构      rows 4-15: 12 homes, 合计 on row 16.
  医疗卫生机构  rows 4-21: 18 institutions (9 hospitals, a 护理院, 2 社区卫生服务中心, 6 卫生院), no 合计.
  辖区统计      rows 4-11: 8 towns (2025), 合计 on row 12.
Every target is due 2025-12-31; every indicator is advisory (second-hand national benchmarks).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter

from formhelpers import approx, assert_ind, by_id, check_plan, groups, run_cli_json, write_form as _write_form

PLAN = "national-reference"
END_2025 = dt.date(2025, 12, 31)
MID_2025 = dt.date(2025, 6, 30)

write_form = partial(_write_form, reporter="填报单位（盖章）：云溪县卫生健康局            填报时间：2026年1月")


def sample(samples: Path, as_of: dt.date) -> dict:
    return check_plan(samples / "national-reference.xlsx", PLAN, as_of)


@pytest.fixture(scope="module")
def inds(samples) -> dict:
    return by_id(sample(samples, END_2025))


# ---------------------------------------------------------------- the sample workbook

def test_sample_is_read_as_laid_out(samples):
    result = sample(samples, END_2025)
    tables = {t["sheet"]: t for t in result["inputs"][0]["tables"]}
    assert {s: (t["entity"], t["rows"]) for s, t in tables.items()} == {
        "养老机构": ("elderly_institutions", 12), "医疗卫生机构": ("medical_institutions", 18), "辖区统计": ("areas", 8)}
    assert {"row": 16, "reason": "total"} in tables["养老机构"]["skipped_rows"]
    assert {"row": 12, "reason": "total"} in tables["辖区统计"]["skipped_rows"]
    assert result["data_issues"] == []  # the 合计 rows agree with their columns
    assert result["summary"] == {"met": 2, "not_met": 2, "not_due": 0, "no_data": 0, "not_applicable": 0}


def test_sample_nursing_bed_share_met(inds):
    ind = inds["nursing_bed_share"]
    # Σ beds    = 300+60+220+180+80+50+120+40+70+150+200+100 = 1570
    # Σ nursing = 200+30+150+110+36+18+70+12+30+96+124+48 = 924
    # 924 / 1570 = 58.85% >= 55%
    assert_ind(ind, "met", 924 / 1570, 924, 1570, [])
    assert (ind["scope"], ind["severity"]) == ("region", "advisory")
    assert ind["target"]["deadline"] == "2025-12-31"
    # Per town, recomputed from each town's sums: 城关镇 (300+60 beds), 北山乡 18/50.
    assert groups(ind)["城关镇"] == (approx(230 / 360), "met", 230, 360)
    assert groups(ind)["北山乡"] == (approx(18 / 50), "not_met", 18, 50)
    assert {g for g, v in groups(ind).items() if v[1] == "not_met"} == {"南湖镇", "北山乡", "白水乡", "石门镇"}


def test_sample_general_hospital_geriatrics_share_not_met(inds):
    ind = inds["general_hospital_geriatrics_share"]
    # 综合医院 of grade >= 2: 人民医院 (三级乙等), 第二人民医院 (二级甲等), 青山镇中心医院 (二级乙等), 康华 (二级),
    # 仁济 (参照二级), 安康 (二级) = 6. Out of scope: 中医院 and 妇幼保健院 (not 综合医院), 石门医院 (一级).
    # With a geriatrics department: 人民医院, 第二人民医院, 仁济 (√) = 3/6 = 50% < 60%.
    assert_ind(ind, "not_met", 0.5, 3, 6, [("云溪县青山镇中心医院", "医疗卫生机构!B8"), ("云溪康华医院", "医疗卫生机构!B9"),
                                           ("云溪安康医院", "医疗卫生机构!B12")])
    assert ind["severity"] == "advisory"
    assert ind["gap"] == approx(-0.1)


def test_sample_elderly_friendly_share_met(inds):
    ind = inds["elderly_friendly_share"]
    # All 18 institutions; 康华医院 (B9) and 北山乡卫生院 (B18) answer 否: 16/18 = 88.9% >= 85%.
    assert_ind(ind, "met", 16 / 18, 16, 18, [])
    # 西城街道: 康华 (否), 安康 (√), 西城街道社区卫生服务中心 (√) = 2/3.
    assert groups(ind)["西城街道"] == (approx(2 / 3), "not_met", 2, 3)
    assert groups(ind)["北山乡"] == (approx(0.0), "not_met", 0, 1)


def test_sample_health_management_rate_not_met(inds):
    ind = inds["elderly_health_management_rate"]
    # Σ 65+ resident    = 12850+7420+6930+5680+2940+4560+2270+3650 = 46300
    # Σ under management = 8360+4970+4510+3520+1710+3010+1290+2380 = 29750
    # 29750 / 46300 = 64.25% < 65%, although 5 of the 8 towns reach 65% on their own.
    assert_ind(ind, "not_met", 29750 / 46300, 29750, 46300,
               [("南湖镇", "辖区统计!B7"), ("北山乡", "辖区统计!B8"), ("白水乡", "辖区统计!B10")])
    assert ind["scope"] == "area"
    assert groups(ind)["城关镇"] == (approx(8360 / 12850), "met", 8360, 12850)


def test_sample_exit_code_is_zero_because_every_indicator_is_advisory(samples, cli):
    code, out, err = run_cli_json(samples / "national-reference.xlsx", PLAN, "2025-12-31")
    assert code == 0, err
    assert {i["id"]: (i["status"], i["severity"]) for i in out["indicators"]} == {
        "nursing_bed_share": ("met", "advisory"),
        "general_hospital_geriatrics_share": ("not_met", "advisory"),
        "elderly_friendly_share": ("met", "advisory"),
        "elderly_health_management_rate": ("not_met", "advisory")}
    proc = cli("check", samples / "national-reference.xlsx", "--plan", PLAN, "--as-of", "2025-12-31",
               "--fail-on", "advisory")
    assert proc.returncode == 1, proc.stderr


def test_sample_before_the_deadline_is_not_due(samples):
    inds = by_id(sample(samples, MID_2025))
    assert {k: v["status"] for k, v in inds.items()} == dict.fromkeys(
        ["nursing_bed_share", "general_hospital_geriatrics_share", "elderly_friendly_share",
         "elderly_health_management_rate"], "not_due")
    assert inds["nursing_bed_share"]["value"] == approx(924 / 1570)


def test_the_plan_says_it_is_second_hand():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert plan.region == "全国" and not plan.doc_no and "second-hand" in plan.issuer
    assert "not the text of" in plan.notes and "7,800" in plan.notes
    assert [i.id for i in plan.indicators] == ["nursing_bed_share", "general_hospital_geriatrics_share",
                                               "elderly_friendly_share", "elderly_health_management_rate"]
    for ind in plan.indicators:
        assert ind.severity == "advisory" and "as reported in the press" in ind.reading, ind.id
        assert [str(t.deadline) for t in ind.targets] == ["2025-12-31"], ind.id


# ---------------------------------------------------------------- hand-made forms

HOSPITAL_HEAD = ["机构名称", "乡镇（街道）", "机构类别", "等级", "是否设立老年医学科", "老年友善医疗机构"]


def test_boundaries_are_met(tmp_path):
    # 55% of beds (55 + 55 of 100 + 100), 60% of hospitals (3 of 5), 85% elderly-friendly (17 of 20),
    # 65% under health management (650 of 1000): each meets its target.
    wb = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"))
    write_form(wb, "养老机构", "养老机构情况", ["机构名称", "床位数（张）", "护理型床位数（张）"],
               [["甲养老院", 100, 55], ["乙敬老院", 100, 55]])
    hospitals = [[f"第{i}医院", "城关镇", "综合医院", "二级", "是" if i < 3 else "否", "是"] for i in range(5)]
    others = [[f"第{i}卫生院", "城关镇", "乡镇卫生院", "一级", "", "是" if i < 12 else "否"] for i in range(15)]
    write_form(wb, "医疗卫生机构", "医疗卫生机构情况", HOSPITAL_HEAD, hospitals + others, with_total=False)
    write_form(wb, "辖区统计", "老年人健康管理", ["地区", "年度", "65岁及以上常住人口", "65岁及以上接受健康管理人数"],
               [["城关镇", 2025, 600, 400], ["南湖镇", 2025, 400, 250]])
    wb.close()
    inds = by_id(check_plan(tmp_path / "b.xlsx", PLAN, END_2025))
    assert_ind(inds["nursing_bed_share"], "met", 0.55, 110, 200)
    assert_ind(inds["general_hospital_geriatrics_share"], "met", 0.6, 3, 5)
    assert_ind(inds["elderly_friendly_share"], "met", 0.85, 17, 20)
    assert_ind(inds["elderly_health_management_rate"], "met", 0.65, 650, 1000)


def test_ratios_are_of_sums_not_averages(tmp_path):
    # Homes: average of shares (90% + 20%) / 2 = 55%, but (9 + 40) / (10 + 200) = 23.3%.
    # Areas: average of rates (90% + 40%) / 2 = 65%, but (90 + 1440) / (100 + 3600) = 41.4%.
    wb = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"))
    write_form(wb, "养老机构", "养老机构情况", ["机构名称", "床位数（张）", "护理型床位数（张）"],
               [["甲养老院", 10, 9], ["乙敬老院", 200, 40]])
    write_form(wb, "辖区统计", "老年人健康管理", ["地区", "年度", "65岁及以上常住人口", "65岁及以上接受健康管理人数"],
               [["城关镇", 2025, 100, 90], ["南湖镇", 2025, 3600, 1440]])
    wb.close()
    inds = by_id(check_plan(tmp_path / "b.xlsx", PLAN, END_2025))
    assert_ind(inds["nursing_bed_share"], "not_met", 49 / 210, 49, 210)
    assert_ind(inds["elderly_health_management_rate"], "not_met", 1530 / 3700, 1530, 3700)


def test_elderly_friendly_is_read_under_each_alias(tmp_path):
    for i, header in enumerate(["是否老年友善医疗机构", "老年友善医疗机构", "是否为老年友善医疗机构", "老年友善医疗机构创建情况"]):
        wb = xlsxwriter.Workbook(str(tmp_path / f"a{i}.xlsx"))
        write_form(wb, "医疗卫生机构", "医疗卫生机构情况", ["机构名称", "机构类别", header],
                   [["县人民医院", "综合医院", "是"], ["北山乡卫生院", "乡镇卫生院", "否"]], with_total=False)
        wb.close()
        ind = by_id(check_plan(tmp_path / f"a{i}.xlsx", PLAN, END_2025))["elderly_friendly_share"]
        assert_ind(ind, "not_met", 0.5, 1, 2, [("北山乡卫生院", "医疗卫生机构!B5")])
