"""luan-tcm (the Lu'an TCM plan, seed 003 篇十四): readings of the plan on hand-made forms.

The sample's figures are in tests/samples/luan-tcm.yaml. Hand-made forms follow
tests/formhelpers.write_form: the n-th unit sits on Excel row 3 + n with its name in column B.
The plan has no year anywhere (the provincial plan's years are erased in the seed), so every target
is due at any date.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan
from formhelpers import write_form as _write_form

PLAN = "luan-tcm"
AS_OF = dt.date(2025, 6, 30)
write_form = partial(_write_form, reporter="填报单位（盖章）：六安市卫生健康委员会")


def check(path: Path, as_of: dt.date = AS_OF) -> dict:
    return check_plan(path, PLAN, as_of)


# ---------------------------------------------------------------- hand-made forms for each reading

HEAD = ["机构名称", "区县", "机构类别", "等级", "等次", "是否能提供中医药服务", "省级名中医人数（人）"]


def book(path: Path, rows) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    write_form(wb, "医疗卫生机构", "六安市医疗卫生机构中医药服务能力统计表", HEAD, rows)
    wb.close()
    return path


def tcm(name, county, grade, klass, category="中医医院", service="是", doctors=0):
    return [name, county, category, grade, klass, service, doctors]


@pytest.mark.parametrize(
    "grade, klass, status",
    [("三级", "乙等", "met"), ("三级", "甲等", "met"), ("二级", "甲等", "not_met"), ("三级", None, "no_data")],
)
def test_huoshan_three_b_or_better(tmp_path, grade, klass, status):
    ind = by_id(check(book(tmp_path / "h.xlsx", [tcm("霍山县中医院", "霍山县", grade, klass)])))[
        "huoshan_tcm_hospital_grade"
    ]
    assert ind["status"] == status


@pytest.mark.parametrize(
    "name, grade, klass, status",
    [
        ("霍邱县中医院", "二级", "甲等", "met"),
        ("霍邱县中医医院", "二级", "甲", "met"),  # spelled with 医; 甲 read as 甲等
        ("霍邱县中医院", "二级", "乙等", "not_met"),
        ("霍邱县中医院", "三级", None, "met"),  # any 三级 is above 二甲
    ],
)
def test_huoqiu_two_a_or_better(tmp_path, name, grade, klass, status):
    ind = by_id(check(book(tmp_path / "q.xlsx", [tcm(name, "霍邱县", grade, klass)])))["huoqiu_tcm_hospital_grade"]
    assert ind["status"] == status


def test_named_hospital_missing_from_data_is_no_data(tmp_path):
    inds = by_id(check(book(tmp_path / "m.xlsx", [tcm("六安市中医院", "金安区", "三级", "甲等")])))
    for iid in ("huoshan_tcm_hospital_grade", "huoqiu_tcm_hospital_grade"):
        assert (inds[iid]["status"], inds[iid]["value"]) == ("no_data", None), iid


@pytest.mark.parametrize(
    "rows, status, districts",
    [
        ([tcm("金安区中医院", "金安区", "二级", "乙等"), tcm("裕安区中医院", "裕安区", "二级", "乙等")], "met", 2),
        # Two in 金安区 are still one district; 裕安区's 一级 hospital does not count.
        (
            [
                tcm("六安市中医院", "金安区", "三级", "甲等"),
                tcm("金安区中医院", "金安区", "二级", "乙等"),
                tcm("裕安区中医诊疗中心", "裕安区", "一级", None),
            ],
            "not_met",
            1,
        ),
        # A 二级 综合医院 in 裕安区 is not a 中医院.
        (
            [
                tcm("金安区中医院", "金安区", "二级", "乙等"),
                tcm("裕安区人民医院", "裕安区", "二级", "甲等", "综合医院"),
            ],
            "not_met",
            1,
        ),
    ],
)
def test_each_of_jinan_and_yuan_needs_a_grade2_tcm_hospital(tmp_path, rows, status, districts):
    ind = by_id(check(book(tmp_path / "j.xlsx", rows)))["jinan_yuan_grade2_tcm_hospitals"]
    assert_ind(ind, status, districts, districts, None)


@pytest.mark.parametrize("with_service, status", [(4, "met"), (3, "not_met")])
def test_station_village_80_percent_inclusive(tmp_path, with_service, status):
    rows = [
        [f"村卫生室{i}", "金安区", "村卫生室", "未定级", None, "是" if i < with_service else "否", 0] for i in range(5)
    ]
    ind = by_id(check(book(tmp_path / "v.xlsx", rows)))["station_village_tcm_service"]
    assert_ind(ind, status, with_service / 5, with_service, 5)


def test_blank_count_is_no_data_not_zero(tmp_path):
    rows = [
        tcm("六安市中医院", "金安区", "三级", "甲等", doctors=12),
        tcm("霍山县中医院", "霍山县", "二级", "甲等", doctors=None),
    ]
    ind = by_id(check(book(tmp_path / "b.xlsx", rows)))["provincial_famous_tcm_doctors"]
    # 12 known already meets ≥ 10 whatever the blank holds.
    assert (ind["status"], ind["value"], ind["unknown"]) == ("met", 12, 1)
    rows[0][-1] = 8
    ind = by_id(check(book(tmp_path / "c.xlsx", rows)))["provincial_famous_tcm_doctors"]
    # 8 known, one blank: could reach 10 or not.
    assert (ind["status"], ind["value"], ind["unknown"]) == ("no_data", 8, 1)


def test_missing_count_column_is_no_data(tmp_path):
    rows = [tcm("六安市中医院", "金安区", "三级", "甲等")]
    ind = by_id(check(book(tmp_path / "n.xlsx", rows)))["national_key_tcm_specialties"]
    assert (ind["status"], ind["value"]) == ("no_data", None)
    assert ind["missing_fields"] == ["medical_institutions.national_key_tcm_specialties"]


def test_grade2_rehab_accepts_a_rehab_centre(tmp_path):
    wb_path = tmp_path / "r.xlsx"
    wb = xlsxwriter.Workbook(str(wb_path))
    write_form(
        wb,
        "医疗卫生机构",
        "康复科室情况",
        ["机构名称", "机构类别", "等级", "是否设立康复医学科", "是否建设康复中心"],
        [
            ["甲中医院", "中医医院", "二级", "否", "是"],  # centre only: counts
            ["乙中医院", "中医医院", "参照二级", "是", "否"],
            ["丙中医院", "中医医院", "三级", "是", "否"],  # 三级: held to the centre, not to this target
        ],
    )
    wb.close()
    inds = by_id(check(wb_path))
    assert_ind(inds["grade2_tcm_hospital_rehab_dept"], "met", 1.0, 2, 2, [])
    assert_ind(inds["grade3_tcm_hospital_rehab_centre"], "not_met", 0, 0, 1, [("丙中医院", "医疗卫生机构!B6")])
