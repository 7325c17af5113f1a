"""wenshan-2024 (the Wenshan prefecture plan, seed 003 篇十): readings of the plan on hand-made forms
whose every answer is known in advance, and its metadata.

The sample's figures are in tests/samples/wenshan-2024.yaml. Hand-made forms follow
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

PLAN = "wenshan-2024"
AS_OF = dt.date(2024, 12, 31)  # every dated target (2024-12-31) is due
write_form = partial(_write_form, reporter="填报单位（盖章）：文山州卫生健康委员会")


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


# ---------------------------------------------------------------- hand-made forms for each reading

MED_HEAD = [
    "机构名称",
    "县（市）",
    "机构类别",
    "等级",
    "是否设立老年病科",
    "是否附设老年护理院",
    "是否开展家庭病床服务",
    "是否确定为养老服务支持机构",
]
AREA_HEAD = ["地区", "年度", "65岁及以上常住人口（人）", "65岁及以上接受健康管理人数（人）"]
CENTRE_HEAD = ["设施名称", "县（市）", "设施类型", "是否设立护理站", "是否医养结合机构"]


def book(path: Path, hospitals=None, areas=None, centres=None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if hospitals is not None:
        write_form(wb, "医疗卫生机构", "医疗卫生机构情况表", MED_HEAD, hospitals)
    if areas is not None:
        write_form(wb, "辖区统计", "各县（市）统计表", AREA_HEAD, areas)
    if centres is not None:
        write_form(wb, "社区养老服务设施", "社区养老服务设施情况表", CENTRE_HEAD, centres)
    wb.close()
    return path


def med(
    name, county="文山市", category="综合医院", grade="二级", geriatrics="否", attached="否", beds="否", support="否"
):
    return [name, county, category, grade, geriatrics, attached, beds, support]


@pytest.mark.parametrize("with_dept, status", [(2, "met"), (1, "not_met")])
def test_geriatrics_50_percent_is_inclusive(tmp_path, with_dept, status):
    rows = [med(f"第{i}人民医院", geriatrics="是" if i < with_dept else "否") for i in range(4)]
    rows += [med("州中医医院", category="中医医院", grade="三级"), med("某医院", grade="一级")]  # out of scope
    ind = by_id(check(book(tmp_path / "g.xlsx", rows), AS_OF))["geriatrics_dept_share"]
    assert_ind(ind, status, with_dept / 4, with_dept, 4)


@pytest.mark.parametrize(
    "rows, count, status",
    [
        # Three rows of their own: an independent home and two attached ones, whose hospitals also flag them.
        (
            [
                med("州人民医院", attached="是"),
                med("州人民医院老年护理院", category="老年护理院", grade="未定级"),
                med("某护理院", category="护理院", grade="未定级"),
                med("县人民医院", attached="是"),
                med("县人民医院老年护理院", category="老年护理医院", grade="未定级"),
            ],
            3,
            "met",
        ),
        # Two homes with rows; the hospital flags would have made it 4 under the old reading.
        (
            [
                med("州人民医院", attached="是"),
                med("州人民医院老年护理院", category="老年护理院", grade="未定级"),
                med("某护理院", category="护理院", grade="未定级"),
                med("县人民医院", attached="是"),
            ],
            2,
            "not_met",
        ),
    ],
)
def test_nursing_homes_at_least_three(tmp_path, rows, count, status):
    ind = by_id(check(book(tmp_path / "n.xlsx", rows), AS_OF))["geriatric_nursing_homes"]
    assert_ind(ind, status, count, count, None)


@pytest.mark.parametrize("integrated, status", [(8, "met"), (7, "not_met")])
def test_community_count_not_less_than_8_includes_8(tmp_path, integrated, status):
    rows = [[f"第{i}日间照料中心", "文山市", "日间照料中心", "是", "是" if i < integrated else "否"] for i in range(9)]
    ind = by_id(check(book(tmp_path / "c.xlsx", centres=rows), AS_OF))["community_integrated_care_count"]
    assert_ind(ind, status, integrated, integrated, None)


@pytest.mark.parametrize("managed, status", [(700, "met"), (699, "not_met")])
def test_health_management_70_percent_is_inclusive(tmp_path, managed, status):
    areas = [["文山市", 2024, 600, managed - 300], ["西畴县", 2024, 400, 300]]
    ind = by_id(check(book(tmp_path / "h.xlsx", areas=areas), AS_OF))["elderly_health_management_rate"]
    assert_ind(ind, status, managed / 1000, managed, 1000)


def test_family_beds_county_without_any_row_fails_and_hospitals_do_not_count(tmp_path):
    # 文山市: a 社区卫生服务中心 with home beds; 砚山县: only its 人民医院 runs home beds (not a 社区
    # institution); 西畴县: no medical institution in the table at all. Universe: the 3 area rows.
    hospitals = [
        med("开化街道社区卫生服务中心", category="社区卫生服务中心", grade="一级", beds="是"),
        med("砚山县人民医院", county="砚山县", beds="是"),
    ]
    areas = [["文山市", 2024, 500, 400], ["砚山县", 2024, 400, 300], ["西畴县", 2024, 300, 200]]
    ind = by_id(check(book(tmp_path / "f.xlsx", hospitals, areas), AS_OF))["family_bed_pilot_counties"]
    assert_ind(ind, "not_met", 1 / 3, 1, 3, [("砚山县", "辖区统计!B5"), ("西畴县", "辖区统计!B6")])


def test_support_institution_one_per_county(tmp_path):
    hospitals = [
        med("文山市人民医院", support="是"),
        med("文山州人民医院", support="是"),
        med("砚山县人民医院", county="砚山县", support="√"),
    ]
    areas = [["文山市", 2024, 500, 400], ["砚山县", 2024, 400, 300]]
    ind = by_id(check(book(tmp_path / "s.xlsx", hospitals, areas), AS_OF))["county_support_institution"]
    assert_ind(ind, "met", 1, 2, 2, [])


def test_day_care_scope_is_day_care_centres_only(tmp_path):
    centres = [
        ["开化街道社区日间照料中心", "文山市", "社区日间照料中心", "是", "是"],
        ["新平街道居家养老服务中心", "文山市", "居家养老服务中心", "否", "否"],
        ["坝美村农村幸福院", "广南县", "农村幸福院", "否", "否"],
    ]
    ind = by_id(check(book(tmp_path / "d.xlsx", centres=centres), AS_OF))["day_care_nursing_station"]
    assert_ind(ind, "met", 1, 1, 1, [])


@pytest.mark.parametrize("as_of, status", [(dt.date(2024, 12, 30), "not_due"), (dt.date(2024, 12, 31), "not_met")])
def test_deadline_day_itself_is_due(tmp_path, as_of, status):
    ind = by_id(check(book(tmp_path / "dl.xlsx", [med("某人民医院")]), as_of))["geriatrics_dept_share"]
    assert (ind["status"], ind["value"]) == (status, 0)


def test_plan_metadata():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert (plan.source_part, plan.region) == ("篇十", "文山壮族苗族自治州")
    assert len(plan.indicators) == 14 and len(plan.commitments) == 23
    # Undated sentences have no deadline; only 到2024年 targets carry one.
    assert {i.id for i in plan.indicators if i.targets[0].deadline is None} == {
        "county_support_institution",
        "tcm_prevention_dept",
        "home_visit_insurance",
        "day_care_nursing_station",
        "internal_medical_unit_insurance",
        "ltc_insurance_pilot",
        "lottery_fund_support",
    }
    assert {i.id for i in plan.indicators if i.severity == "advisory"} == {
        "internal_medical_unit_insurance",
        "ltc_insurance_pilot",
        "tcm_prevention_dept",
    }
