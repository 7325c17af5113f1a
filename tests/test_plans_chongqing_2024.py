"""chongqing-2024 (the Chongqing district plan, seed 003 篇九/篇十三): readings of the plan on hand-made
forms whose every answer is known in advance, and its commitments.

The sample's figures are in tests/samples/chongqing-2024.yaml. Hand-made forms follow
tests/formhelpers.write_form: the n-th unit sits on Excel row 3 + n with its name in column B.
Only the five goals of the "到 2024 年" sentence are due 2024-12-31; the plan's undated sentences are
standing requirements with no deadline (see the plan's notes).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
import xlsxwriter
from formhelpers import assert_ind, by_id, check_plan
from formhelpers import write_form as _write_form

PLAN = "chongqing-2024"
AFTER = dt.date(2025, 1, 1)  # every target is due (the dated goals on 2024-12-31)
write_form = partial(_write_form, reporter="填报单位（盖章）：璧山区卫生健康委员会")


def check(path: Path, as_of: dt.date) -> dict:
    return check_plan(path, PLAN, as_of)


# ---------------------------------------------------------------- the plan


def test_the_signing_sentence_is_a_commitment_not_a_100_percent_target():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert "elderly_institution_signing" not in {i.id for i in plan.indicators}
    assert any(c.quote.startswith("提倡养老机构") for c in plan.commitments)


DATED = {
    "medical_green_channel",
    "geriatrics_dept_rate",
    "geriatric_nursing_home_count",
    "community_integrated_care_count",
    "elderly_health_management_rate",
}


# ---------------------------------------------------------------- hand-made forms for each reading

MED_HEAD = [
    "机构名称",
    "乡镇（街道）",
    "机构类别",
    "等级",
    "是否开设老年人就医绿色通道",
    "是否设立老年医学科",
    "是否附设老年护理院",
    "是否提供上门医疗服务",
    "上门服务是否投保责任险、医疗意外险、人身意外险",
]


def book(path: Path, hospitals=None, community=None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    if hospitals is not None:
        write_form(wb, "医疗卫生机构", "医疗卫生机构情况表", MED_HEAD, hospitals)
    if community is not None:
        write_form(
            wb,
            "社区养老服务设施",
            "社区养老服务设施情况表",
            ["设施名称", "乡镇（街道）", "设施类型", "是否医养结合机构"],
            community,
        )
    wb.close()
    return path


def hospital(name, category, grade, geriatrics="否", attached="否", visits="否", insured="否"):
    return [name, "璧城街道", category, grade, "是", geriatrics, attached, visits, insured]


@pytest.mark.parametrize("with_geriatrics, status", [(7, "met"), (6, "not_met")])
def test_geriatrics_70_percent_is_inclusive(tmp_path, with_geriatrics, status):
    # 10 grade-2+ 综合医院, plus a 一级 综合医院 and a 二级 中医医院 without geriatrics (out of scope).
    rows = [hospital(f"综合医院{i}", "综合医院", "二级", "是" if i < with_geriatrics else "否") for i in range(10)]
    rows += [hospital("一级医院", "综合医院", "一级"), hospital("中医院", "中医医院", "二级")]
    ind = by_id(check(book(tmp_path / "g.xlsx", rows), AFTER))["geriatrics_dept_rate"]
    assert_ind(ind, status, with_geriatrics / 10, with_geriatrics, 10)


@pytest.mark.parametrize(
    "rows, status, count",
    [
        ([hospital("某护理院", "护理院", "未定级")], "met", 1),  # independent
        ([hospital("区人民医院老年护理院", "老年护理院", "未定级")], "met", 1),  # 老年护理院 is read as 护理院
        # An attached home listed as its own row and flagged by its hospital counts once, not twice.
        (
            [
                hospital("区人民医院", "综合医院", "三级", attached="是"),
                hospital("区人民医院老年护理院", "老年护理医院", "未定级"),
            ],
            "met",
            1,
        ),
        # A hospital's flag alone is not counted (the one route: 护理院 rows).
        ([hospital("区人民医院", "综合医院", "三级", attached="是")], "not_met", 0),
        ([hospital("区人民医院", "综合医院", "三级")], "not_met", 0),  # neither
    ],
)
def test_nursing_home_counted_by_its_own_row_once(tmp_path, rows, status, count):
    ind = by_id(check(book(tmp_path / "n.xlsx", rows), AFTER))["geriatric_nursing_home_count"]
    assert_ind(ind, status, count, count, None)


@pytest.mark.parametrize("integrated, status", [(5, "met"), (4, "not_met")])
def test_community_count_not_less_than_5_includes_5(tmp_path, integrated, status):
    rows = [[f"第{i}养老服务中心", "璧城街道", "街道养老服务中心", "是" if i < integrated else "否"] for i in range(7)]
    ind = by_id(check(book(tmp_path / "c.xlsx", community=rows), AFTER))["community_integrated_care_count"]
    assert_ind(ind, status, integrated, integrated, None)


def test_missing_community_sheet_is_no_data(tmp_path):
    ind = by_id(check(book(tmp_path / "m.xlsx", [hospital("某护理院", "护理院", "未定级")]), AFTER))[
        "community_integrated_care_count"
    ]
    assert (ind["status"], ind["value"]) == ("no_data", None)


def test_home_visit_insurance_not_applicable_when_nobody_visits(tmp_path):
    rows = [hospital("区人民医院", "综合医院", "三级"), hospital("某卫生院", "乡镇卫生院", "一级")]
    ind = by_id(check(book(tmp_path / "h.xlsx", rows), AFTER))["home_visit_insurance"]
    assert_ind(ind, "not_applicable", None, 0, 0, [])


@pytest.mark.parametrize("as_of, status", [(dt.date(2024, 12, 30), "not_due"), (dt.date(2024, 12, 31), "not_met")])
def test_deadline_day_itself_is_due(tmp_path, as_of, status):
    rows = [hospital("区人民医院", "综合医院", "三级")]  # no geriatrics: 0/1
    ind = by_id(check(book(tmp_path / "d.xlsx", rows), as_of))["geriatrics_dept_rate"]
    assert (ind["status"], ind["value"]) == (status, 0)


def test_plan_encodes_the_repeated_part_once_with_life_expectancy_as_commitment():
    from yiyang_cli.plan import load_plan

    plan = load_plan(PLAN)
    assert "篇九" in plan.source_part and "篇十三" in plan.source_part
    assert any("78.5" in c.quote for c in plan.commitments)
    deadlines = {ind.id: {t.deadline for t in ind.targets} for ind in plan.indicators}
    assert {i for i, d in deadlines.items() if d == {dt.date(2024, 12, 31)}} == DATED
    assert all(d == {None} for i, d in deadlines.items() if i not in DATED)
