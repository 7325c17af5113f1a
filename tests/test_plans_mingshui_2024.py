"""mingshui-2024 (003 篇一, a Mingshui county hospital's own plan): readings of the plan on hand-made forms.

The sample's figures are in tests/samples/mingshui-2024.yaml. Hand-made forms follow
tests/formhelpers.write_form: the n-th unit on row 3 + n.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan
from formhelpers import write_form as _write_form

PLAN = "mingshui-2024"
END_2024 = dt.date(2024, 12, 31)  # every target due

write_form = partial(_write_form, reporter="填报单位（盖章）：明水县人民医院            填报时间：2025年1月")


# ---------------------------------------------------------------- hand-made forms

HOME_HEAD = [
    "机构名称",
    "乡镇（街道）",
    "床位数（张）",
    "是否与医疗卫生机构签约合作",
    "是否有医疗机构定期巡诊",
    "是否设立日间照料中心",
]
MED_HEAD = ["机构名称", "乡镇（街道）", "机构类别", "是否提供上门医疗服务", "是否提供家庭护理", "是否开设家庭病床"]
AREA_HEAD = [
    "地区",
    "年度",
    "60岁及以上常住人口（人）",
    "60岁及以上建立健康档案人数（人）",
    "60岁及以上年内接受健康体检人数（人）",
    "计生特扶对象人数（人）",
    "计生特扶对象家庭医生签约人数（人）",
]


def make_book(path: Path, homes=None, medical=None, areas=None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if homes is not None:
        write_form(wb, "养老机构", "明水县养老机构情况表", HOME_HEAD, homes)
    if medical is not None:
        write_form(wb, "医疗卫生机构", "上门服务开展情况", MED_HEAD, medical)
    if areas is not None:
        write_form(wb, "辖区统计", "明水县老年人健康管理情况", AREA_HEAD, areas)
    wb.close()
    return path


def test_named_home_missing_from_the_data_is_no_data(tmp_path):
    # The plan names 明水县敬老院: a table without it cannot show the liaison or the day-care centre.
    path = make_book(
        tmp_path / "homes.xlsx",
        homes=[
            ["明水镇贴心之家养老院", "明水镇", 40, "是", "是", "是"],
            ["兴仁镇贴心之家", "兴仁镇", 24, "是", "是", "是"],
        ],
    )
    inds = by_id(check_plan(path, PLAN, END_2024))
    assert_ind(inds["named_home_liaison"], "no_data", None, 0, 0)
    assert_ind(inds["named_home_day_care_centre"], "no_data", None, 0, 0)


def test_named_home_liaison_needs_both_criteria(tmp_path):
    # Signed but no regular clinics: the missed criterion is named; another home's visits do not help.
    path = make_book(
        tmp_path / "homes.xlsx",
        homes=[
            ["明水镇贴心之家养老院", "明水镇", 40, "是", "是", "否"],
            ["明水县敬老院", "明水镇", 120, "是", "否", "有"],
        ],
    )
    inds = by_id(check_plan(path, PLAN, END_2024))
    ind = inds["named_home_liaison"]
    assert_ind(ind, "not_met", 0, 0, 1, [("明水县敬老院", "养老机构!B5")])
    assert ind["failing"][0]["detail"] == "未满足：镇卫生院定期坐诊、出诊；缺数据：-"
    assert_ind(inds["named_home_day_care_centre"], "met", 1.0, 1, 1, [])


def test_named_home_liaison_blank_visits_is_no_data(tmp_path):
    path = make_book(tmp_path / "homes.xlsx", homes=[["明水县敬老院", "明水镇", 120, "是", "—", "否"]])
    ind = by_id(check_plan(path, PLAN, END_2024))["named_home_liaison"]
    assert ind["status"] == "no_data"
    assert ind["failing"][0]["detail"] == "未满足：-；缺数据：镇卫生院定期坐诊、出诊"


def test_home_services_every_hospital_in_the_submission_must_offer_all_three(tmp_path):
    path = make_book(
        tmp_path / "med.xlsx",
        medical=[
            ["明水县人民医院", "明水镇", "综合医院", "是", "是", "是"],  # B4 all three
            ["明水县中医医院", "明水镇", "中医院", "是", "否", "否"],  # B5 misses two (中医院 = 中医医院)
            ["兴仁镇卫生院", "兴仁镇", "乡镇卫生院", "否", "否", "否"],  # B6 not the hospital: out of scope
        ],
    )
    ind = by_id(check_plan(path, PLAN, END_2024))["hospital_home_services"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("明水县中医医院", "医疗卫生机构!B5")])
    assert ind["failing"][0]["detail"] == "未满足：家庭护理、家庭病床；缺数据：-"


def test_home_services_without_a_hospital_is_no_data(tmp_path):
    # The plan is the hospital's own: a form listing only township health centres cannot show it.
    path = make_book(tmp_path / "med.xlsx", medical=[["兴仁镇卫生院", "兴仁镇", "乡镇卫生院", "是", "是", "是"]])
    ind = by_id(check_plan(path, PLAN, END_2024))["hospital_home_services"]
    assert (ind["status"], ind["denominator"]) == ("no_data", 0)


def test_rates_of_exactly_100_percent_are_met_and_are_ratios_of_sums(tmp_path):
    path = make_book(
        tmp_path / "areas.xlsx",
        areas=[
            ["明水镇", 2024, 1000, 1000, 1000, 10, 10],
            ["兴仁镇", 2024, 500, 500, 499, 5, 5],  # one person short of a health check
        ],
    )
    inds = by_id(check_plan(path, PLAN, END_2024))
    assert_ind(inds["elderly_health_records"], "met", 1.0, 1500, 1500, [])
    # 1499 / 1500: computed from the sums, not an average of 100% and 99.8%.
    assert_ind(inds["elderly_annual_health_exam"], "not_met", 1499 / 1500, 1499, 1500, [("兴仁镇", "辖区统计!B5")])
    assert_ind(inds["tefu_family_doctor_signing"], "met", 1.0, 15, 15, [])


def test_the_as_of_year_row_of_the_area_table_is_used(tmp_path):
    path = make_book(
        tmp_path / "areas.xlsx",
        areas=[["明水镇", 2024, 1000, 990, 800, 10, 10], ["明水镇", 2025, 1000, 1000, 1000, 10, 9]],
    )
    inds = by_id(check_plan(path, PLAN, END_2024))
    assert_ind(inds["elderly_health_records"], "not_met", 0.99, 990, 1000)
    assert_ind(inds["tefu_family_doctor_signing"], "met", 1.0, 10, 10)
    inds = by_id(check_plan(path, PLAN, dt.date(2025, 12, 31)))
    assert_ind(inds["elderly_health_records"], "met", 1.0, 1000, 1000)
    assert_ind(inds["tefu_family_doctor_signing"], "not_met", 0.9, 9, 10)
