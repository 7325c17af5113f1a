"""The expected figures of the sample workbooks (tests/samples/<plan>.yaml) and how a result meets them.

One data file per plan::

    plan: beijing-2024
    samples:
      beijing-2024.xlsx:              # a workbook scripts/make_samples.py makes
        2024-12-31:                   # the as-of date
          exit_code: 0                # of `yiyang check --format json`
          summary: {met: 2, not_met: 0, not_due: 0, no_data: 0, not_applicable: 0}
          data_issues: []
          tables:                     # every table read, in order, by sheet
            养老机构: {entity: elderly_institutions, rows: 20, skipped_rows_include: [{row: 24, reason: total}]}
          every_indicator: {severity: mandatory}     # what each indicator below also meets
          indicators:                 # every indicator of the result, in order
            nursing_bed_share: {status: met, value: 1826/3440, numerator: 1826, denominator: 3440,
                                failing: []}

An indicator's expectation names a field of its JSON (`target.deadline` reaches inside `target`) and
the value it must have, exactly. `value` and `gap` (of an indicator or a group) may also be written as
a fraction (`1826/3440`, `494/550.5`), which is compared to within 1e-6: the JSON rounds them to six
places. The other keys:

    failing:          [[name, cell], ...]   the failing units in any order; failing_total is their count
    details:          {name: detail}        a failing unit's detail, exactly
    details_contain:  {name: [text, ...]}   ... contains each text
    details_lack:     {name: [text, ...]}   ... contains none of them
    groups:           {group: [value, status, numerator, denominator]} or {group: {field: value}}
    groups_absent:    [group, ...]          no breakdown entry for these
    groups_met:       [group, ...]          exactly the groups with that status, in order
    groups_not_met:   [group, ...]
    group_order:      [group, ...]          every group, in order

Each comparison returns the mismatches as sentences (an empty list when all is as expected), so that
one failing test names every figure that is off.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

TABLES = Path(__file__).resolve().parent / "samples"
TOLERANCE = 1e-6
APPROXIMATE = ("value", "gap")
RUN_KEYS = {"exit_code", "summary", "data_issues", "tables", "every_indicator", "indicators"}
TABLE_EXACT = ("entity", "rows", "header_row")
CLI_FIELDS = ("status", "severity")


@dataclass(frozen=True)
class SampleCheck:
    """One sample workbook checked against its plan at one as-of date, and what must come out."""

    plan: str
    file: str
    as_of: dt.date
    expected: dict[str, Any]

    @property
    def label(self) -> str:
        """`plan@date`, or `plan(workbook)@date` when the workbook is not named after the plan."""
        stem = Path(self.file).stem
        name = self.plan if stem == self.plan else f"{self.plan}({stem})"
        return f"{name}@{self.as_of}"


def sample_checks() -> list[SampleCheck]:
    """Every (sample, as-of) of every table file, in file order."""
    checks = []
    for path in sorted(TABLES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for file, dates in data["samples"].items():
            for as_of, expected in dates.items():
                where = f"{path.name}: {file} {as_of}"
                unknown = set(expected) - RUN_KEYS
                assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
                # Every indicator is listed with its status at least: the command's output is checked against it.
                assert all("status" in e for e in expected["indicators"].values()), (
                    f"{where}: an indicator without status"
                )
                checks.append(SampleCheck(data["plan"], file, as_of, expected))
    return checks


@functools.cache
def sample_result(path: Path, plan: str, as_of: dt.date) -> dict[str, Any]:
    """The JSON result of checking a sample, computed once per session (treat it as read-only)."""
    from yiyang_cli import check

    return check([path], plan, as_of).to_dict("zh")


def indicators_by_id(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {ind["id"]: ind for ind in result["indicators"]}


# ---------------------------------------------------------------- numbers


def fraction(written: str) -> float:
    """`1826/3440` or `494/550.5` as a number."""
    top, _, bottom = written.partition("/")
    return float(Fraction(top) / Fraction(bottom or "1"))


def close(got: Any, written: str) -> bool:
    return isinstance(got, (int, float)) and abs(got - fraction(written)) <= TOLERANCE


# ---------------------------------------------------------------- one indicator


def field(record: dict[str, Any], path: str) -> Any:
    """`target.deadline` -> record["target"]["deadline"]; KeyError names the missing field."""
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(path)
        value = value[part]
    return value


def field_mismatches(record: dict[str, Any], key: str, want: Any) -> list[str]:
    try:
        got = field(record, key)
    except KeyError:
        return [f"{key}: no such field"]
    same = close(got, want) if key in APPROXIMATE and isinstance(want, str) else got == want
    return [] if same else [f"{key}: expected {want!r}, got {got!r}"]


def failing_mismatches(ind: dict[str, Any], want: list[list[str]]) -> list[str]:
    # Order is not part of the contract; names and cells are.
    got = sorted((f["name"], f["location"]) for f in ind["failing"])
    out = [] if got == sorted(map(tuple, want)) else [f"failing: expected {sorted(map(tuple, want))}, got {got}"]
    if ind["failing_total"] != len(want):
        out.append(f"failing_total: expected {len(want)}, got {ind['failing_total']}")
    return out


def details(ind: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["detail"] for f in ind["failing"]}


def details_mismatches(ind: dict[str, Any], want: dict[str, str]) -> list[str]:
    got = details(ind)
    return [
        f"detail of {name}: expected {text!r}, got {got.get(name)!r}"
        for name, text in want.items()
        if got.get(name) != text
    ]


def details_contain_mismatches(ind: dict[str, Any], want: dict[str, list[str]]) -> list[str]:
    got = details(ind)
    return [
        f"detail of {name} lacks {text!r}: {got.get(name)!r}"
        for name, texts in want.items()
        for text in texts
        if text not in got.get(name, "")
    ]


def details_lack_mismatches(ind: dict[str, Any], want: dict[str, list[str]]) -> list[str]:
    got = details(ind)
    return [
        f"detail of {name} has {text!r}: {got[name]!r}"
        for name, texts in want.items()
        for text in texts
        if name in got and text in got[name]
    ]


def groups(ind: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {g["group"]: g for g in ind["groups"]}


def groups_mismatches(ind: dict[str, Any], want: dict[str, Any]) -> list[str]:
    got = groups(ind)
    out = []
    for name, expected in want.items():
        if name not in got:
            out.append(f"group {name}: missing")
            continue
        if isinstance(expected, list):
            expected = dict(zip(("value", "status", "numerator", "denominator"), expected))
        out += [
            f"group {name}: {m}" for key, value in expected.items() for m in field_mismatches(got[name], key, value)
        ]
    return out


def groups_absent_mismatches(ind: dict[str, Any], want: list[str]) -> list[str]:
    return [f"group {name}: expected no entry" for name in want if name in groups(ind)]


def groups_with(status: str) -> Callable[[dict[str, Any], list[str]], list[str]]:
    def mismatches(ind: dict[str, Any], want: list[str]) -> list[str]:
        got = [g["group"] for g in ind["groups"] if g["status"] == status]
        return [] if got == want else [f"groups {status}: expected {want}, got {got}"]

    return mismatches


def group_order_mismatches(ind: dict[str, Any], want: list[str]) -> list[str]:
    got = [g["group"] for g in ind["groups"]]
    return [] if got == want else [f"groups: expected {want}, got {got}"]


INDICATOR_KEYS: dict[str, Callable[[dict[str, Any], Any], list[str]]] = {
    "failing": failing_mismatches,
    "details": details_mismatches,
    "details_contain": details_contain_mismatches,
    "details_lack": details_lack_mismatches,
    "groups": groups_mismatches,
    "groups_absent": groups_absent_mismatches,
    "groups_met": groups_with("met"),
    "groups_not_met": groups_with("not_met"),
    "group_order": group_order_mismatches,
}


def indicator_mismatches(ind: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    out = []
    for key, want in expected.items():
        compare = INDICATOR_KEYS.get(key)
        out += compare(ind, want) if compare else field_mismatches(ind, key, want)
    return out


# ---------------------------------------------------------------- the whole result


def table_mismatches(tables: list[dict[str, Any]], want: dict[str, dict[str, Any]]) -> list[str]:
    sheets = [t["sheet"] for t in tables]
    if sheets != list(want):
        return [f"tables: expected sheets {list(want)}, got {sheets}"]
    out = []
    for table, expected in zip(tables, want.values()):
        where = f"table {table['sheet']}"
        out += [
            f"{where}: {m}"
            for key in TABLE_EXACT
            if key in expected
            for m in field_mismatches(table, key, expected[key])
        ]
        out += [
            f"{where}: skipped row {row} not listed"
            for row in expected.get("skipped_rows_include", [])
            if row not in table["skipped_rows"]
        ]
        out += [f"{where}: field {f} not read" for f in expected.get("fields_include", []) if f not in table["fields"]]
        out += [f"{where}: field {f} read" for f in expected.get("fields_exclude", []) if f in table["fields"]]
        unknown = set(expected) - {*TABLE_EXACT, "skipped_rows_include", "fields_include", "fields_exclude"}
        out += [f"{where}: unknown expectation {key}" for key in sorted(unknown)]
    return out


def run_mismatches(result: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """Everything of a (sample, as-of) expectation but the exit code and the single indicators."""
    out = []
    ids = [ind["id"] for ind in result["indicators"]]
    if ids != list(expected["indicators"]):
        out.append(f"indicators: expected {list(expected['indicators'])}, got {ids}")
    for key in ("summary", "data_issues"):
        if key in expected and result[key] != expected[key]:
            out.append(f"{key}: expected {expected[key]!r}, got {result[key]!r}")
    if "tables" in expected:
        out += table_mismatches(result["inputs"][0]["tables"], expected["tables"])
    for ind in result["indicators"]:
        out += [f"{ind['id']}: {m}" for m in indicator_mismatches(ind, expected.get("every_indicator", {}))]
    return out


def cli_mismatches(code: int, out: dict[str, Any], plan: str, expected: dict[str, Any]) -> list[str]:
    """The exit code, and what the printed JSON says: plan, summary, each indicator's status and severity."""
    problems = [] if code == expected["exit_code"] else [f"exit code: expected {expected['exit_code']}, got {code}"]
    if out["plan"]["id"] != plan:
        problems.append(f"plan: expected {plan}, got {out['plan']['id']}")
    if "summary" in expected and out["summary"] != expected["summary"]:
        problems.append(f"summary: expected {expected['summary']}, got {out['summary']}")
    ids = [ind["id"] for ind in out["indicators"]]
    if ids != list(expected["indicators"]):
        return [*problems, f"indicators: expected {list(expected['indicators'])}, got {ids}"]
    every = {key: want for key, want in expected.get("every_indicator", {}).items() if key in CLI_FIELDS}
    for ind in out["indicators"]:
        wanted = every | {key: want for key, want in expected["indicators"][ind["id"]].items() if key in CLI_FIELDS}
        problems += [f"{ind['id']}: {m}" for key, want in wanted.items() for m in field_mismatches(ind, key, want)]
    return problems
