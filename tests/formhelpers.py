"""Helpers shared by the plan tests: hand-made forms, running a check, asserting one indicator."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from yiyang_cli import check


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
        total = [sum(r[c] for r in rows) if all(isinstance(r[c], int) for r in rows) and headers[c] != "年度"
                 else None for c in range(len(headers))]
        ws.write_row(last + 1, 0, ["合计", *total])
        last += 1
    ws.write(last + 2, 0, "单位负责人：          填表人：          报出日期：")


def check_plan(path: Path, plan: str, as_of: dt.date) -> dict:
    return check([path], plan, as_of, None).to_dict("zh")


def run_cli_json(path: Path, plan: str, as_of: str):
    proc = subprocess.run([sys.executable, "-m", "yiyang_cli", "check", str(path), "--plan", plan,
                           "--as-of", as_of, "--format", "json"], capture_output=True, text=True, timeout=120)
    return proc.returncode, json.loads(proc.stdout) if proc.stdout else None, proc.stderr


def by_id(result: dict) -> dict:
    return {i["id"]: i for i in result["indicators"]}


def approx(v):
    return None if v is None else pytest.approx(v, abs=1e-6)


def assert_ind(ind, status, value, numerator, denominator, failing=None):
    assert (ind["status"], ind["value"], ind["numerator"], ind["denominator"]) == \
        (status, approx(value), numerator, denominator), ind["id"]
    if failing is not None:
        # Order is not part of the contract; names and cells are.
        assert sorted((f["name"], f["location"]) for f in ind["failing"]) == sorted(failing), ind["id"]
        assert ind["failing_total"] == len(failing)


def groups(ind) -> dict:
    return {g["group"]: (g["value"], g["status"], g["numerator"], g["denominator"]) for g in ind["groups"]}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
