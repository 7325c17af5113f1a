"""tongren-2024 (003 篇三, repeated as 篇五): readings of the plan on hand-made forms.

The sample's figures are in tests/samples/tongren-2024.yaml. Hand-made forms follow
tests/formhelpers.write_form: the n-th unit on row 3 + n.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan
from formhelpers import write_form as _write_form

PLAN = "tongren-2024"
END_2024 = dt.date(2024, 12, 31)  # every target due

write_form = partial(_write_form, reporter="填报单位（盖章）：铜仁市民政局            填报时间：2025年1月")


# ---------------------------------------------------------------- hand-made forms

HOME_HEAD = [
    "机构名称",
    "区县",
    "床位数（张）",
    "是否内设医疗机构",
    "是否与医疗卫生机构签约合作",
    "是否医保定点",
    "是否医养结合试点机构",
]
MED_HEAD = [
    "机构名称",
    "区县",
    "机构类别",
    "是否为入住养老机构老年人开通医疗救治绿色通道",
    "是否组建为老服务志愿者队伍",
]


def make_book(path: Path, homes=None, medical=None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if homes is not None:
        write_form(wb, "养老机构", "铜仁市养老机构情况表", HOME_HEAD, homes)
    if medical is not None:
        write_form(wb, "医疗卫生机构", "铜仁市医疗卫生机构情况表", MED_HEAD, medical)
    wb.close()
    return path


BOUNDARY = [
    ["甲敬老院", "碧江区", 49, "否", "是", "否", "否"],  # B4 small only
    ["乙敬老院", "碧江区", 50, "否", "否", "否", "否"],  # B5 exactly 50: small and large
    ["丙福利院", "万山区", 51, "是", "否", "是", "否"],  # B6 large only
]


def test_fifty_beds_is_under_both_rules(tmp_path):
    inds = by_id(check_plan(make_book(tmp_path / "b.xlsx", homes=BOUNDARY), PLAN, END_2024))
    # 50张以下 is <= 50: 甲 and 乙; 乙 has no liaison.
    assert_ind(inds["small_home_liaison"], "not_met", 0.5, 1, 2, [("乙敬老院", "养老机构!B5")])
    # 50张以上 is >= 50: 乙 and 丙; only 丙 has a unit, and 乙 has no liaison either.
    assert_ind(inds["large_home_medical_unit"], "not_met", 0.5, 1, 2, [("乙敬老院", "养老机构!B5")])
    assert_ind(inds["large_home_medical_service"], "not_met", 0.5, 1, 2, [("乙敬老院", "养老机构!B5")])
    assert_ind(inds["large_home_unit_insurance"], "met", 1.0, 1, 1, [])


def test_a_liaison_satisfies_the_binding_large_home_rule_but_not_the_advisory_one(tmp_path):
    homes = [["乙敬老院", "碧江区", 50, "否", "是", "否", "否"], ["丙福利院", "万山区", 51, "是", "否", "否", "否"]]
    inds = by_id(check_plan(make_book(tmp_path / "b.xlsx", homes=homes), PLAN, END_2024))
    assert_ind(inds["large_home_medical_service"], "met", 1.0, 2, 2, [])
    assert_ind(inds["large_home_medical_unit"], "not_met", 0.5, 1, 2, [("乙敬老院", "养老机构!B4")])
    assert_ind(inds["large_home_unit_insurance"], "not_met", 0, 0, 1, [("丙福利院", "养老机构!B5")])


def test_undated_targets_are_due_at_any_date_and_dated_ones_wait(tmp_path):
    inds = by_id(check_plan(make_book(tmp_path / "b.xlsx", homes=BOUNDARY), PLAN, dt.date(2020, 1, 1)))
    assert inds["small_home_liaison"]["status"] == "not_met"  # 20xx年x月前: no deadline
    assert inds["large_home_medical_service"]["status"] == "not_due"  # 2024年x月前 -> 2024-12-31


def test_pilots_count_distinct_homes_in_bijiang_only(tmp_path):
    homes = [
        ["河西社区养老服务中心", "碧江区", 60, "否", "是", "否", "是"],
        ["河西社区养老服务中心", "碧江区", 60, "否", "是", "否", "是"],  # listed twice: one home
        ["万山区社区养老服务中心", "万山区", 40, "否", "是", "否", "是"],  # a pilot, but not in 碧江区
        ["环北居家养老服务中心", "碧江区", 40, "否", "是", "否", "否"],
    ]
    ind = by_id(check_plan(make_book(tmp_path / "b.xlsx", homes=homes), PLAN, END_2024))["bijiang_pilots"]
    assert_ind(ind, "not_met", 1, 1, None)
    homes[3][6] = "√"
    ind = by_id(check_plan(make_book(tmp_path / "c.xlsx", homes=homes), PLAN, END_2024))["bijiang_pilots"]
    assert_ind(ind, "met", 2, 2, None)


def test_volunteer_teams_are_asked_of_hospitals_only(tmp_path):
    medical = [
        ["铜仁市人民医院", "碧江区", "综合医院", "是", "是"],  # B4
        ["铜仁市中医医院", "碧江区", "中医院", "是", "否"],  # B5 中医院 read as 中医医院: in scope
        ["铜仁市妇幼保健院", "碧江区", "专科医院", "是", "是"],  # B6
        ["坝黄镇卫生院", "碧江区", "卫生院", "否", "否"],  # B7 not a county-level hospital
        ["宋家坝村卫生室", "碧江区", "村卫生室", "是", "否"],  # B8
    ]
    inds = by_id(check_plan(make_book(tmp_path / "m.xlsx", medical=medical), PLAN, END_2024))
    assert_ind(inds["hospital_volunteer_team"], "not_met", 2 / 3, 2, 3, [("铜仁市中医医院", "医疗卫生机构!B5")])
    # The green channel is asked of every level, the village clinic included.
    assert_ind(inds["green_channel"], "not_met", 0.8, 4, 5, [("坝黄镇卫生院", "医疗卫生机构!B7")])


def test_health_management_of_exactly_80_percent_is_met(tmp_path):
    wb_path = tmp_path / "h.xlsx"
    wb = xlsxwriter.Workbook(str(wb_path))
    write_form(
        wb,
        "养老机构",
        "铜仁市养老机构情况表",
        ["机构名称", "区县", "入住65岁及以上老人数（人）", "入住65岁及以上老人接受健康管理人数（人）"],
        [["甲福利院", "碧江区", 100, 90], ["乙敬老院", "万山区", 50, 30]],
    )
    wb.close()
    ind = by_id(check_plan(wb_path, PLAN, END_2024))["resident_health_management_65"]
    # (90 + 30) / (100 + 50) = 120 / 150 = 80%: 80%以上 includes 80%.
    assert_ind(ind, "met", 0.8, 120, 150)


def test_the_general_green_channel_for_older_patients_does_not_count(tmp_path):
    wb_path = tmp_path / "g.xlsx"
    wb = xlsxwriter.Workbook(str(wb_path))
    write_form(
        wb,
        "医疗卫生机构",
        "铜仁市医疗卫生机构情况表",
        ["机构名称", "区县", "机构类别", "是否开设老年人就医绿色通道", "是否为养老机构开通预约就诊绿色通道"],
        [["铜仁市人民医院", "碧江区", "综合医院", "是", "是"], ["碧江区中医医院", "碧江区", "中医医院", "是", "否"]],
    )
    wb.close()
    ind = by_id(check_plan(wb_path, PLAN, END_2024))["green_channel"]
    assert_ind(ind, "not_met", 0.5, 1, 2, [("碧江区中医医院", "医疗卫生机构!B5")])
    # A form that only answers the general question leaves the channel for the homes unknown.
    wb_path = tmp_path / "h.xlsx"
    wb = xlsxwriter.Workbook(str(wb_path))
    write_form(
        wb,
        "医疗卫生机构",
        "铜仁市医疗卫生机构情况表",
        ["机构名称", "区县", "机构类别", "是否开设老年人就医绿色通道"],
        [["铜仁市人民医院", "碧江区", "综合医院", "是"]],
    )
    wb.close()
    assert by_id(check_plan(wb_path, PLAN, END_2024))["green_channel"]["status"] == "no_data"
