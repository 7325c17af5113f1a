"""The catalogue as a whole: the generated docs are current, every plan has a sample it can evaluate."""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest
from conftest import ROOT

from yiyang_cli import check
from yiyang_cli.plan import Plan, catalogue_ids
from yiyang_cli.plan.describe import load_all
from yiyang_cli.render.catalogue_markdown import catalogue_markdown

PLAN_IDS = catalogue_ids()


def _make_docs():
    spec = importlib.util.spec_from_file_location("make_docs", ROOT / "scripts" / "make_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shipped_plans() -> list[Plan]:
    """Every plan in the catalogue, validated: loaded once for the tests that only read them."""
    return load_all()


def test_docs_plans_md_is_current(shipped_plans):
    expected = catalogue_markdown(shipped_plans)
    assert _make_docs().plans_doc() == expected
    actual = (ROOT / "docs" / "plans.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/plans.md is stale: run `python scripts/make_docs.py`"


def test_docs_rules_md_documents_every_measure_kind_from_its_module():
    """The measure kinds in docs/rules.md are the modules' own docstrings, every kind in the table."""
    from yiyang_cli import measures

    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert _make_docs().rules_doc(actual) == actual, "docs/rules.md is stale: run `python scripts/make_docs.py`"
    for kind in measures.MEASURES:
        doc = measures.get(kind).__doc__.strip()
        assert f"### {kind}\n\n{doc}" in actual
        assert f"kind: {kind}" in doc, f"the documentation of {kind} shows no example"


def test_committed_samples_match_the_generator(samples):
    """sample_data/ is what scripts/make_samples.py builds today (compared cell by cell)."""
    import python_calamine as pc

    built = sorted(p.name for p in samples.glob("*.xlsx"))
    committed = sorted(p.name for p in (ROOT / "sample_data").glob("*.xlsx"))
    assert built == committed, "run `python scripts/make_samples.py`"
    for name in built:
        fresh = pc.CalamineWorkbook.from_path(str(samples / name))
        kept = pc.CalamineWorkbook.from_path(str(ROOT / "sample_data" / name))
        assert fresh.sheet_names == kept.sheet_names, name
        for sheet in fresh.sheet_names:
            assert fresh.get_sheet_by_name(sheet).to_python() == kept.get_sheet_by_name(sheet).to_python(), (
                f"{name}!{sheet} differs from the generator: run `python scripts/make_samples.py`"
            )


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_every_plan_has_a_sample_that_evaluates_every_indicator(samples, plan_id):
    path = samples / f"{plan_id}.xlsx"
    assert path.is_file(), f"no sample for {plan_id}: add scripts/samples/{plan_id.replace('-', '_')}.py"
    result = check([path], plan_id, dt.date(2030, 12, 31), None)
    lacking = {r.indicator.id: r.missing_fields for r in result.indicators if r.missing_fields}
    assert lacking == {}
    assert not [d for d in result.data_issues if d.severity == "error"]


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_every_plan_is_traceable(shipped_plans, plan_id):
    plan = next(p for p in shipped_plans if p.id == plan_id)
    assert plan.source_file and plan.issuer and plan.region
    for ind in plan.indicators:
        assert ind.quote and ind.clause, ind.id
        assert ind.name and ind.name_en, ind.id


def test_plans_list_fast_path_agrees_with_the_validated_plans(shipped_plans):
    """`plans list` reads only top-level keys for speed: it must say what the full load says."""
    from yiyang_cli.plan.describe import catalogue_summaries, plan_summary

    fast = catalogue_summaries()
    assert [s for s, _ in fast] == [plan_summary(p) for p in shipped_plans]
    assert [en for _, en in fast] == [{"title": p.title_en, "region": p.region_en} for p in shipped_plans]


def test_every_reading_has_a_chinese_version(shipped_plans):
    """Readings are shown to analysts: each English reading has its Chinese translation beside it."""
    missing = [f"{p.id}.{i.id}" for p in shipped_plans for i in p.indicators if i.reading and not i.reading_zh]
    assert missing == []


def test_folded_chinese_readings_have_no_spaces_between_characters():
    from yiyang_cli.plan import join_chinese_lines

    assert (
        join_chinese_lines("按加总数重新计算， 绝不取平均；字段 `beds >= 100` 的 机构")
        == "按加总数重新计算，绝不取平均；字段 `beds >= 100` 的机构"
    )
