"""Helpers shared by the plan tests: hand-made forms, running a check, asserting one indicator."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from pathlib import Path

import pytest
from conftest import run_cli

from yiyang_cli import Plan, check, load_plan
from yiyang_cli.plan import catalogue_ids


def write_form(wb, sheet, title, headers, rows, with_total=True, reporter="填报单位（盖章）：某局"):
    """Title (merged), reporter line, 序号 + headers, data from row 4, 合计 row, footer.

    The n-th unit sits on Excel row 3 + n with its name in column B.
    """
    ws = wb.add_worksheet(sheet)
    ws.merge_range(0, 0, 0, len(headers), title, wb.add_format({"bold": True, "align": "center"}))
    ws.write(1, 0, reporter)
    ws.write_row(2, 0, ["序号", *headers], wb.add_format({"bold": True, "text_wrap": True}))
    for i, row in enumerate(rows, start=1):
        ws.write_row(2 + i, 0, [i, *row])
    last = 2 + len(rows)
    if with_total:
        total = [
            sum(r[c] for r in rows) if all(isinstance(r[c], int) for r in rows) and headers[c] != "年度" else None
            for c in range(len(headers))
        ]
        ws.write_row(last + 1, 0, ["合计", *total])
        last += 1
    ws.write(last + 2, 0, "单位负责人：          填表人：          报出日期：")


@functools.cache
def _shipped_plan(plan_id: str) -> Plan:
    """A catalogue plan, loaded and validated once: the plan tests evaluate each on hundreds of forms."""
    return load_plan(plan_id)


def check_plan(path: Path, plan: str, as_of: dt.date) -> dict:
    """`check` of one form; a catalogue plan is loaded once per session (a rule file every time)."""
    return check([path], _shipped_plan(plan) if plan in catalogue_ids() else plan, as_of, None).to_dict("zh")


def run_cli_json(path: Path, plan: str, as_of: str):
    """`yiyang check PATH --plan PLAN --as-of AS_OF --format json`, run in this process (conftest.run_cli)."""
    proc = run_cli("check", path, "--plan", plan, "--as-of", as_of, "--format", "json")
    return proc.returncode, json.loads(proc.stdout) if proc.stdout else None, proc.stderr


def by_id(result: dict) -> dict:
    return {i["id"]: i for i in result["indicators"]}


def approx(v):
    return None if v is None else pytest.approx(v, abs=1e-6)


def assert_ind(ind, status, value, numerator, denominator, failing=None):
    assert (ind["status"], ind["value"], ind["numerator"], ind["denominator"]) == (
        status,
        approx(value),
        numerator,
        denominator,
    ), ind["id"]
    if failing is not None:
        # Order is not part of the contract; names and cells are.
        assert sorted((f["name"], f["location"]) for f in ind["failing"]) == sorted(failing), ind["id"]
        assert ind["failing_total"] == len(failing)


def groups(ind) -> dict:
    return {g["group"]: (g["value"], g["status"], g["numerator"], g["denominator"]) for g in ind["groups"]}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
