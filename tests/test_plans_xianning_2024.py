"""xianning-2024 (the Xianning plan, seed 003 篇六): readings of the plan on hand-made forms whose
every answer is known in advance, and its metadata.

The sample's figures are in tests/samples/xianning-2024.yaml. Hand-made forms follow
tests/formhelpers.write_form: the n-th unit sits on Excel row 3 + n with its name in column B.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan
from formhelpers import write_form as _write_form

PLAN = "xianning-2024"
AS_OF = dt.date(2024, 12, 31)  # the dated targets (2024-12-31) are due
BEFORE = dt.date(2024, 6, 30)  # only the standing requirements are due
write_form = partial(_write_form, reporter="填报单位（盖章）：咸宁市民政局")


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


# ---------------------------------------------------------------- hand-made forms for each reading

HOME_HEAD = [
    "机构名称",
    "县（市、区）",
    "床位数（张）",
    "护理型床位数（张）",
    "是否内设医疗机构",
    "是否与医疗卫生机构签约合作",
    "社会工作者人数（人）",
]
MED_HEAD = [
    "机构名称",
    "县（市、区）",
    "机构类别",
    "是否提供上门医疗服务",
    "上门服务是否投保责任险、医疗意外险、人身意外险",
]
AREA_HEAD = ["地区", "年度", "户籍60岁及以上人口（人）", "为老服务社会工作者人数（人）"]


def book(path: Path, homes=None, hospitals=None, areas=None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if homes is not None:
        write_form(wb, "养老机构", "养老机构情况表", HOME_HEAD, homes)
    if hospitals is not None:
        write_form(wb, "医疗卫生机构", "医疗卫生机构情况表", MED_HEAD, hospitals)
    if areas is not None:
        write_form(wb, "辖区统计", "辖区统计表", AREA_HEAD, areas)
    wb.close()
    return path


@pytest.mark.parametrize("nursing, status", [(50, "met"), (49, "not_met")])
def test_nursing_share_50_percent_is_inclusive(tmp_path, nursing, status):
    homes = [["甲福利院", "咸安区", 60, nursing - 20, "是", "是", 1], ["乙福利院", "赤壁市", 40, 20, "是", "是", 0]]
    ind = by_id(check(book(tmp_path / "n.xlsx", homes), AS_OF))["nursing_bed_share"]
    assert_ind(ind, status, nursing / 100, nursing, 100)


@pytest.mark.parametrize("workers, status", [(3, "met"), (2, "not_met")])
def test_per_1000_elderly_one_exactly_is_met(tmp_path, workers, status):
    # 3000 registered 60+ people: 3 social workers is exactly 1 per 1000 (达到 includes it).
    areas = [["咸安区", 2024, 2000, workers - 1], ["通山县", 2024, 1000, 1]]
    ind = by_id(check(book(tmp_path / "a.xlsx", areas=areas), AS_OF))["social_workers_per_1000_elderly"]
    assert_ind(ind, status, workers / 3, workers, 3000)


def test_per_100_beds_is_a_city_ratio_not_per_home(tmp_path):
    # A 40-bed home without a social worker does not fail on its own: 2 workers for 200 beds = 1/100.
    homes = [["甲福利院", "咸安区", 160, 80, "是", "是", 2], ["乙敬老院", "咸安区", 40, 20, "否", "是", 0]]
    ind = by_id(check(book(tmp_path / "b.xlsx", homes), AS_OF))["social_workers_per_100_beds"]
    assert_ind(ind, "met", 1.0, 2, 200, [])


def test_signing_scope_is_homes_without_a_unit(tmp_path):
    # A home with a unit and no agreement is out of scope; the two without a unit are signed.
    homes = [
        ["甲福利院", "咸安区", 100, 50, "是", "否", 1],
        ["乙敬老院", "咸安区", 40, 20, "否", "是", 0],
        ["丙敬老院", "通山县", 30, 10, "无", "√", 0],
    ]
    ind = by_id(check(book(tmp_path / "s.xlsx", homes), AS_OF))["homes_without_medical_unit_signed"]
    assert_ind(ind, "met", 1.0, 2, 2, [])


def test_signing_blank_unit_answer_leaves_it_undecided(tmp_path):
    # 丙敬老院 left 是否内设医疗机构 blank and is unsigned: in scope it fails, out of scope it does not.
    homes = [["乙敬老院", "咸安区", 40, 20, "否", "是", 0], ["丙敬老院", "通山县", 30, 10, None, "否", 0]]
    ind = by_id(check(book(tmp_path / "u.xlsx", homes), AS_OF))["homes_without_medical_unit_signed"]
    assert (ind["status"], ind["value"], ind["unknown"]) == ("no_data", 1, 1)


def test_home_visit_insurance_not_applicable_when_nobody_visits(tmp_path):
    hospitals = [["咸宁市中心医院", "咸安区", "综合医院", "否", "/"], ["某卫生院", "通山县", "乡镇卫生院", "否", "/"]]
    ind = by_id(check(book(tmp_path / "h.xlsx", hospitals=hospitals), AS_OF))["home_visit_insurance"]
    assert_ind(ind, "not_applicable", None, 0, 0, [])


def test_plan_metadata():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert (plan.source_part, plan.region, plan.issued) == ("篇六", "咸宁市", None)
    assert len(plan.indicators) == 14 and len(plan.commitments) == 20
    assert {i.id for i in plan.indicators if i.severity == "advisory"} == {
        "social_workers_per_1000_elderly",
        "social_workers_per_100_beds",
        "internal_medical_unit_insurance",
        "ltc_insurance_pilot",
        "integrated_institutions_in_medical_alliance",
        "homes_signed_cooperation",
    }
    assert all(
        not ind.targets[0].deadline
        for ind in plan.indicators
        if ind.id not in ("nursing_bed_share", "social_workers_per_1000_elderly", "social_workers_per_100_beds")
    )
    dated = [t for ind in plan.indicators for t in ind.targets if t.deadline]
    assert all(t.deadline == dt.date(2024, 12, 31) and t.deadline_note for t in dated)


def test_health_records_and_management_are_over_the_resident_65_plus_population(tmp_path):
    wb_path = tmp_path / "e.xlsx"
    wb = xlsxwriter.Workbook(str(wb_path))
    write_form(
        wb,
        "辖区统计",
        "辖区统计表",
        [
            "地区",
            "年度",
            "65岁及以上常住人口（人）",
            "65岁及以上建立电子健康档案人数（人）",
            "65岁及以上接受健康管理人数（人）",
        ],
        [["咸安区", 2024, 1000, 1000, 1000], ["通山县", 2024, 500, 500, 499]],
    )
    wb.close()
    inds = by_id(check(wb_path, BEFORE))  # no year: due at any date
    # A record for every resident aged 65+ meets the 100% reading; one person short of health management fails it.
    assert_ind(inds["elderly_ehr_65"], "met", 1.0, 1500, 1500, [])
    assert_ind(inds["elderly_health_management_65"], "not_met", 1499 / 1500, 1499, 1500, [("通山县", "辖区统计!B5")])
