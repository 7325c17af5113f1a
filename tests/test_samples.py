"""Every plan on its sample workbooks, and on the fixtures of its own rule file.

The sample figures live in tests/samples/<plan>.yaml (format: tests/sampletable.py), with comments
that say where each number comes from. A result is computed once per (sample, as-of) and shared by
the tests of its indicators. Hand-made forms that probe one reading of a plan are in
tests/test_plans_<plan>.py.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from formhelpers import run_cli_json
from sampletable import (
    SampleCheck,
    cli_mismatches,
    indicator_mismatches,
    indicators_by_id,
    run_mismatches,
    sample_checks,
    sample_result,
)

CHECKS = sample_checks()
INDICATORS = [(check, iid) for check in CHECKS for iid in check.expected["indicators"]]
RULE_FILES = sorted((ROOT / "rules").glob("*.yaml"))


def result_of(samples: Path, check: SampleCheck) -> dict:
    return sample_result(samples / check.file, check.plan, check.as_of)


def where(check: SampleCheck) -> str:
    return f"{check.file} checked against {check.plan} as of {check.as_of}"


# ---------------------------------------------------------------- the sample workbooks


@pytest.mark.parametrize("check", CHECKS, ids=[c.label for c in CHECKS])
def test_sample_as_a_whole(samples, check):
    """Tables read, data issues, summary, and which indicators the result lists."""
    problems = run_mismatches(result_of(samples, check), check.expected)
    assert not problems, where(check) + ":\n" + "\n".join(problems)


@pytest.mark.parametrize("check, iid", INDICATORS, ids=[f"{c.label}/{iid}" for c, iid in INDICATORS])
def test_sample_indicator(samples, check, iid):
    ind = indicators_by_id(result_of(samples, check)).get(iid)
    assert ind is not None, f"{where(check)}: no indicator {iid}"
    problems = indicator_mismatches(ind, check.expected["indicators"][iid])
    assert not problems, f"{where(check)}, {iid}:\n" + "\n".join(problems)


EXITS = [c for c in CHECKS if "exit_code" in c.expected]


@pytest.mark.parametrize("check", EXITS, ids=[c.label for c in EXITS])
def test_sample_exit_code(samples, check):
    """What `yiyang check --format json` exits with and prints for the sample."""
    code, out, err = run_cli_json(samples / check.file, check.plan, str(check.as_of))
    assert out is not None, err
    problems = cli_mismatches(code, out, check.plan, check.expected)
    assert not problems, where(check) + ":\n" + "\n".join(problems) + "\n" + err


# ---------------------------------------------------------------- each rule file's own tests


def rule_fixtures() -> list[tuple[Path, int]]:
    """(rule file, index) of every fixture in the `tests:` of every shipped plan."""
    return [
        (path, i)
        for path in RULE_FILES
        for i in range(len(yaml.safe_load(path.read_text(encoding="utf-8")).get("tests") or []))
    ]


@cache
def load_rule_file(path: Path):
    from yiyang_cli.plan import load_file

    return load_file(path)


def test_every_shipped_plan_carries_fixtures_of_its_own():
    assert RULE_FILES and all(load_rule_file(path).tests for path in RULE_FILES)


FIXTURES = rule_fixtures()


@pytest.mark.parametrize("path, index", FIXTURES, ids=[f"{p.stem}/test{i}" for p, i in FIXTURES])
def test_rule_file_fixture(path, index):
    """What `yiyang rules test` runs: the fixture's rows through the pipeline, then its expectations."""
    from yiyang_cli.ruletests import run_fixture

    plan = load_rule_file(path)
    fixture = plan.tests[index]
    problems = [f"{iid}: expected {key} = {want}, got {got}" for iid, (key, want, got) in run_fixture(plan, index)]
    assert not problems, f"{plan.id} · {fixture.name}:\n" + "\n".join(problems)
