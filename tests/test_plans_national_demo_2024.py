"""national-demo-2024 (the national demonstration-project standards, seed 003 篇七): each criterion
and its boundary on hand-made forms whose every answer is known in advance, and the plan's reading.

The figures of the sample (安吉县) are in tests/samples/national-demo-2024.yaml. Hand-made forms
follow tests/formhelpers.write_form: the n-th unit sits on Excel row 3 + n with its name in column B.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan
from formhelpers import write_form as _write_form

PLAN = "national-demo-2024"
AS_OF = dt.date(2024, 12, 31)
write_form = partial(_write_form, reporter="填报单位（盖章）：某县卫生健康局")


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


# ---------------------------------------------------------------- hand-made forms for each reading

HEAD = [
    "机构名称",
    "开业时间",
    "床位数（张）",
    "入住老人数（人）",
    "失能失智入住人数（人）",
    "是否内设医疗机构",
    "是否与医疗卫生机构签约合作",
    "是否申报全国医养结合示范机构",
    "是否提供一体化医养结合服务",
    "工作人员数（人）",
    "持证（培训合格）上岗人数（人）",
    "近5年是否发生重大事故或违法违纪案件",
    "满意度",
]


def home(
    name="甲医养中心",
    opened="2015-01-01",
    beds=100,
    residents=80,
    disabled=50,
    unit="是",
    signed="是",
    candidate="是",
    integrated="是",
    staff=40,
    certified=40,
    incident="否",
    satisfaction="96%",
):
    return [
        name,
        opened,
        beds,
        residents,
        disabled,
        unit,
        signed,
        candidate,
        integrated,
        staff,
        certified,
        incident,
        satisfaction,
    ]


def criteria_result(tmp_path: Path, rows) -> dict:
    wb = xlsxwriter.Workbook(str(tmp_path / "d.xlsx"))
    write_form(wb, "养老机构", "示范机构申报表", HEAD, rows)
    wb.close()
    return by_id(check(tmp_path / "d.xlsx", AS_OF))


@pytest.mark.parametrize(
    "changes, missed",
    [
        ({}, None),
        ({"residents": 60, "disabled": 31}, None),  # 60/100 = 60% and 31/60: both pass
        ({"residents": 59, "disabled": 30}, "入住率≥60%"),  # 59%
        ({"disabled": 40}, "失能失智入住占比>50%"),  # 40/80 = 50% exactly: 超过 excludes it
        ({"satisfaction": "95%"}, None),  # 95%及以上 includes 95%
        ({"satisfaction": 0.949}, "满意度≥95%"),
        ({"certified": 39}, "所有人员持证或培训合格上岗"),
        ({"incident": "是"}, "5年内无重大事故和违法违纪案件"),
        ({"integrated": "否"}, "提供一体化医养结合服务"),
        ({"unit": "否"}, "具备医疗卫生机构资质并已进行养老机构备案"),  # signed only: not a 医养结合机构
        ({"opened": "2020年1月"}, "运营满5年"),  # 2020-01-01: 4 full years at 2024-12-31
    ],
)
def test_each_criterion_and_its_boundary(tmp_path, changes, missed):
    ind = criteria_result(tmp_path, [home(**changes)])["demo_institution_criteria"]
    if missed is None:
        assert_ind(ind, "met", 1.0, 1, 1, [])
    else:
        assert_ind(ind, "not_met", 0, 0, 1, [("甲医养中心", "养老机构!B4")])
        assert ind["failing"][0]["detail"] == f"未满足：{missed}；缺数据：-"


def test_non_candidates_are_out_of_scope_but_count_for_the_area(tmp_path):
    rows = [
        home(),
        home(
            "乙敬老院",
            opened="2021年",
            candidate="否",
            unit="否",
            signed="否",
            integrated="—",
            certified="—",
            incident="—",
            satisfaction="—",
        ),
    ]
    result = criteria_result(tmp_path, rows)
    assert_ind(result["demo_institution_criteria"], "met", 1.0, 1, 1, [])
    assert_ind(result["all_homes_provide_medical_care"], "not_met", 0.5, 1, 2, [("乙敬老院", "养老机构!B5")])


def test_no_candidate_at_all_is_no_data(tmp_path):
    ind = criteria_result(tmp_path, [home(candidate="否")])["demo_institution_criteria"]
    assert (ind["status"], ind["value"]) == ("no_data", None)


def test_blank_criterion_is_named_as_missing_data(tmp_path):
    # Satisfaction left blank: every other criterion is met, so the home is undecided and listed.
    ind = criteria_result(tmp_path, [home(satisfaction=None)])["demo_institution_criteria"]
    assert (ind["status"], ind["unknown"]) == ("no_data", 1)
    assert ind["failing"] == [
        {"name": "甲医养中心", "location": "养老机构!B4", "detail": "未满足：-；缺数据：满意度≥95%"}
    ]


def test_a_failed_criterion_decides_even_with_another_blank(tmp_path):
    ind = criteria_result(tmp_path, [home(satisfaction=None, incident="是")])["demo_institution_criteria"]
    assert ind["status"] == "not_met"
    assert ind["failing"][0]["detail"] == "未满足：5年内无重大事故和违法违纪案件；缺数据：满意度≥95%"


def test_area_incident_standard_counts_every_home_and_a_blank_is_undecided(tmp_path):
    # Non-candidates count for the area standard; a blank answer cannot pass it.
    rows = [
        home("甲中心"),
        home("乙敬老院", candidate="否", incident="否"),
        home("丙敬老院", candidate="否", incident=None),
    ]
    ind = criteria_result(tmp_path, rows)["area_no_major_incident"]
    assert (ind["status"], ind["numerator"], ind["denominator"], ind["unknown"]) == ("no_data", 2, 2, 1)
    rows[2] = home("丙敬老院", candidate="否", incident="是")
    ind = criteria_result(tmp_path, rows)["area_no_major_incident"]
    assert_ind(ind, "not_met", 2 / 3, 2, 3, [("丙敬老院", "养老机构!B6")])


def test_plan_lists_the_national_average_target_as_a_commitment():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert [i.id for i in plan.indicators] == [
        "demo_institution_criteria",
        "all_homes_provide_medical_care",
        "area_no_major_incident",
    ]
    crit = plan.indicators[0].measure.criteria
    assert [c.id for c in crit] == [
        "licensed",
        "five_years",
        "occupancy",
        "integrated_service",
        "disabled_share",
        "staff_certified",
        "no_major_incident",
        "satisfaction",
    ]
    assert all(c.quote for c in crit)
    assert any("全国平均水平" in c.quote for c in plan.commitments)
    assert all(t.deadline is None for ind in plan.indicators for t in ind.targets)
