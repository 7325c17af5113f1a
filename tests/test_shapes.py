"""Every shape of target in docs/rules.md, on one small dataset whose answers are known."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from yiyang_cli import check

RULES = """
id: shapes
title: 形状
region: 测试县
issuer: 测试
source_file: none.txt
indicators:
  - {id: either_or, name: 小机构医务室或签约, name_en: e, quote: q, severity: mandatory,
     entity: elderly_institutions, where: beds < 100,
     measure: {kind: share, condition: "medical_unit_type in ['医务室', '护理站'] or signed_medical_cooperation"},
     targets: [{comparator: ">=", value: 1.0, unit: ratio}]}
  - {id: nursing_share, name: 护理型床位占比, name_en: n, quote: q, severity: mandatory,
     entity: elderly_institutions,
     measure: {kind: ratio, numerator: {sum: nursing_beds}, denominator: {sum: beds}},
     targets: [{comparator: ">=", value: "50%", unit: ratio}]}
  - {id: outside_population, name: 护理床位占户籍老人, name_en: o, quote: q, severity: mandatory,
     entity: elderly_institutions,
     measure: {kind: ratio, numerator: {sum: nursing_beds}, denominator: {sum: pop_60_registered, entity: areas}},
     targets: [{comparator: ">=", value: 0.015, unit: ratio}]}
  - {id: per_thousand, name: 每千名老人床位, name_en: p, quote: q, severity: advisory,
     entity: elderly_institutions,
     measure: {kind: ratio, numerator: {sum: beds}, denominator: {sum: pop_60_registered, entity: areas}, scale: 1000},
     targets: [{comparator: ">=", value: 40, unit: per_1000}]}
  - {id: town_coverage, name: 每个乡镇有机构, name_en: c, quote: q, severity: mandatory,
     entity: elderly_institutions,
     measure: {kind: coverage, over: town, universe: areas, min: 1},
     targets: [{comparator: ">=", value: 1.0, unit: ratio}]}
  - {id: demo_criteria, name: 示范机构条件, name_en: d, quote: q, severity: advisory,
     entity: elderly_institutions,
     measure: {kind: criteria, aggregate: count, criteria: [
       {id: five_years, name: 运营满5年, condition: years_since(opened) >= 5},
       {id: occupancy, name: 入住率≥60%, condition: residents / beds >= 0.6},
       {id: disabled, name: 失能失智占比>50%, condition: disabled_residents / residents > 0.5}]},
     targets: [{comparator: ">=", value: 1, unit: count}]}
  - {id: staged, name: 分阶段, name_en: s, quote: q, severity: mandatory, entity: elderly_institutions,
     measure: {kind: share, condition: signed_medical_cooperation},
     targets: [{comparator: ">=", value: 0.5, unit: ratio, deadline: 2020-12-31},
               {comparator: ">=", value: 1.0, unit: ratio, deadline: 2025-12-31}]}
"""

INSTITUTIONS = """\
机构名称,乡镇（街道）,床位数,护理型床位数,入住老人数,失能失智入住人数,内设医疗机构类型,是否与医疗卫生机构签约合作,开业时间
甲院,甲镇,80,40,60,40,医务室,否,2015-03-01
乙院,甲镇,50,10,20,5,无,是,2022-01-01
丙院,乙镇,200,150,150,60,无,否,2010-05-01
丁院,乙镇,60,0,30,10,{dtype},否,2019-07-01
"""

AREAS = """\
地区,户籍60岁及以上人口
甲镇,6000
乙镇,4000
丙镇,1000
"""


@pytest.fixture
def result(tmp_path):
    def run(as_of="2024-06-30", ding_unit_type="无"):
        rules = tmp_path / "shapes.yaml"
        rules.write_text(textwrap.dedent(RULES), encoding="utf-8")
        inst = tmp_path / "养老机构.csv"
        inst.write_text(INSTITUTIONS.format(dtype=ding_unit_type), encoding="utf-8")
        areas = tmp_path / "辖区统计.csv"
        areas.write_text(AREAS, encoding="utf-8")
        res = check([inst, areas], str(rules), dt.date.fromisoformat(as_of), None)
        return {r.indicator.id: r for r in res.indicators}

    return run


def test_either_or(result):
    r = result()["either_or"]
    # 甲 has a 医务室, 乙 signed, 丁 neither; 丙 (200 beds) is out of scope.
    assert (r.status, r.numerator, r.denominator) == ("not_met", 2, 3)
    assert [(f.name, f.location) for f in r.failing] == [("丁院", "养老机构.csv:5")]


def test_either_or_blank_is_unknown_not_no(result):
    # 丁院 left its unit type blank and has not signed: it may have a 医务室, so nothing is decided.
    r = result(ding_unit_type="")["either_or"]
    assert (r.status, r.numerator, r.denominator, r.unknown) == ("no_data", 2, 2, 1)
    assert [(f.name, f.detail_key) for f in r.failing] == [("丁院", "detail.unknown")]


def test_ratio_of_sums_within_one_table(result):
    r = result()["nursing_share"]
    assert (r.numerator, r.denominator, r.status) == (200, 390, "met")


def test_ratio_to_outside_population(result):
    r = result()["outside_population"]
    assert (r.numerator, r.denominator) == (200, 11000)
    assert r.value == pytest.approx(200 / 11000) and r.status == "met"


def test_per_thousand(result):
    r = result()["per_thousand"]
    assert r.value == pytest.approx(390 / 11000 * 1000) and r.status == "not_met"


def test_coverage_over_every_area_in_the_area_table(result):
    r = result()["town_coverage"]
    # 丙镇 is in the area table but has no institution.
    assert (r.numerator, r.denominator, r.status) == (2, 3, "not_met")
    assert [(f.name, f.location) for f in r.failing] == [("丙镇", "辖区统计.csv:4")]
    assert [(g.group, g.status) for g in r.groups] == [("甲镇", "met"), ("乙镇", "met"), ("丙镇", "not_met")]


def test_criteria_list_names_missed_criteria(result):
    r = result()["demo_criteria"]
    # Only 甲院 (open 9 years, 75% occupied, 67% disabled) meets all three.
    assert (r.value, r.status) == (1, "met")
    r = result("2019-06-30")["demo_criteria"]
    assert (r.value, r.status) == (0, "not_met")
    details = {f.name: f.detail_args["missed"] for f in r.failing}
    assert details["甲院"] == "运营满5年"
    assert details["乙院"] == "运营满5年、入住率≥60%、失能失智占比>50%"


@pytest.mark.parametrize(
    "as_of,status,target,due",
    [("2019-06-30", "not_due", 0.5, False), ("2021-01-01", "not_met", 0.5, True), ("2026-01-01", "not_met", 1.0, True)],
)
def test_staged_target(result, as_of, status, target, due):
    r = result(as_of)["staged"]
    assert (r.status, r.target.value, r.due) == (status, target, due)
    assert (r.numerator, r.denominator) == (1, 4)


def test_criteria_details_in_english(result):
    r = result("2019-06-30")["demo_criteria"]
    from yiyang_cli.messages import t

    detail = next(f for f in r.failing if f.name == "甲院")
    # No name_en in this rule file: the Chinese name stands in.
    assert t(detail.detail_key, "en", **detail.detail_args) == "misses: 运营满5年; unknown: -"


def test_blank_scope_row_that_may_fail_is_listed_to_fill_in(tmp_path):
    # 丁院's bed count is blank: it may be a small home (in scope) and it has neither form of care.
    rules = tmp_path / "shapes.yaml"
    rules.write_text(textwrap.dedent(RULES), encoding="utf-8")
    inst = tmp_path / "养老机构.csv"
    inst.write_text(
        "机构名称,床位数,内设医疗机构类型,是否与医疗卫生机构签约合作\n甲院,80,医务室,否\n丁院,,无,否\n",
        encoding="utf-8",
    )
    res = check([inst], str(rules), dt.date(2024, 6, 30), None)
    r = next(x for x in res.indicators if x.indicator.id == "either_or")
    assert (r.status, r.numerator, r.denominator, r.unknown) == ("no_data", 1, 1, 1)
    assert [(f.name, f.location, f.detail_key) for f in r.failing] == [("丁院", "养老机构.csv:3", "detail.unknown")]


def test_scope_of_a_share_over_a_facility_table_is_institution():
    from yiyang_cli.plan import load_plan

    plan = load_plan("wenshan-2024")
    shares = [i for i in plan.indicators if i.entity == "community_care_centres" and i.measure.kind == "share"]
    assert shares and all(i.scope == "institution" for i in shares)
