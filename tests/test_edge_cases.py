"""Edge cases found by review: each pins a behaviour a user relies on."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import xlsxwriter

from yiyang_cli import check
from yiyang_cli.reader import read_inputs
from yiyang_cli.reader.values import _BAD, parse_number

AS_OF = dt.date(2025, 12, 31)

PLAN_HEAD = """id: edge
title: 测试
region: 测试县
issuer: 测试
issued: 2023-01-01
source_file: x.txt
indicators:
"""


def plan_file(tmp_path: Path, indicators: str) -> Path:
    path = tmp_path / "edge.yaml"
    path.write_text(PLAN_HEAD + indicators, encoding="utf-8")
    return path


def statuses(files, plan) -> dict:
    res = check(files, str(plan), AS_OF, None)
    return {r.indicator.id: (r.status, r.numerator, r.denominator) for r in res.indicators}


def test_present_or_missing_of_a_column_the_form_lacks_is_no_data(tmp_path):
    plan = plan_file(
        tmp_path,
        """
  - id: opened_known
    name: 开业时间已填报
    name_en: opened filled
    quote: 须填报开业时间
    severity: mandatory
    entity: elderly_institutions
    measure: {kind: share, condition: present(opened)}
    targets: [{comparator: ">=", value: 1.0, unit: ratio}]
  - id: opened_blank
    name: 未填开业时间的机构数
    name_en: opened blank
    quote: 不超过0家
    severity: mandatory
    entity: elderly_institutions
    measure: {kind: count, condition: missing(opened)}
    targets: [{comparator: "<=", value: 0, unit: count}]
""",
    )
    data = tmp_path / "养老机构.csv"
    data.write_text("机构名称,床位数\n甲院,100\n乙院,50\n", encoding="utf-8")
    assert statuses([data], plan) == {"opened_known": ("no_data", None, None), "opened_blank": ("no_data", None, None)}


def test_a_rule_literal_matches_the_category_whatever_its_bracket_width(tmp_path):
    # The field declares 卫生所（室） with full-width brackets; a rule and a form both write (室).
    plan = plan_file(
        tmp_path,
        """
  - id: clinic_type
    name: 内设卫生所或医务室
    name_en: clinic
    quote: 内设卫生所(室)或医务室
    severity: mandatory
    entity: elderly_institutions
    measure: {kind: share, condition: "medical_unit_type in ['卫生所(室)', '医务室']"}
    targets: [{comparator: ">=", value: 1.0, unit: ratio}]
""",
    )
    data = tmp_path / "养老机构.csv"
    data.write_text("机构名称,内设医疗机构类型\n甲院,卫生所(室)\n乙院,医务室\n丙院,护理站\n", encoding="utf-8")
    assert statuses([data], plan) == {"clinic_type": ("not_met", 2, 3)}


def test_an_integer_too_large_for_a_float_is_unreadable():
    assert parse_number(10**400) is _BAD and parse_number(float("inf")) is _BAD


def test_an_excel_false_does_not_swallow_the_zeros_below_it(tmp_path):
    path = tmp_path / "b.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("养老机构")
    ws.write_row(0, 0, ["机构名称", "床位数", "护理型床位数"])
    ws.write_row(1, 0, ["甲", 100, False])
    ws.write_row(2, 0, ["乙", 100, 0])
    ws.write_row(3, 0, ["丙", 100, 1])
    wb.close()
    ds = read_inputs([path])
    assert ds.frame("elderly_institutions")["nursing_beds"].tolist()[1:] == [0, 1]
    assert [(i.code, i.location) for i in ds.issues] == [("bad_value", "养老机构!C2")]


def test_a_file_name_that_is_not_utf8_is_reported_as_escapes(cli, tmp_path):
    folder = os.fsencode(tmp_path) + b"/bad\xff"
    os.mkdir(folder)
    with open(folder + "/养老机构.csv".encode(), "w", encoding="utf-8") as fh:
        fh.write("机构名称,床位数,护理型床位数\n甲院,100,60\n")
    out = tmp_path / "out"
    proc = cli(
        "check",
        os.fsdecode(folder + "/养老机构.csv".encode()),
        "--plan",
        "beijing-2024",
        "--as-of",
        "2025-12-31",
        "-o",
        out / "r.json",
        "-o",
        out / "r.md",
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["r.json", "r.md"]  # nothing half-written left
    assert json.loads((out / "r.json").read_text(encoding="utf-8"))["inputs"][0]["path"].endswith("养老机构.csv")


def test_a_folder_named_like_a_plan_id_does_not_hide_the_plan(cli, samples, tmp_path):
    (tmp_path / "yiwu-2023").mkdir()  # e.g. last year's batch output
    proc = cli("check", samples / "yiwu-2023.xlsx", "--plan", "yiwu-2023", "--format", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1) and json.loads(proc.stdout)["plan"]["id"] == "yiwu-2023"


def test_an_invalid_rule_file_is_reported_before_an_invalid_mapping(cli, samples, tmp_path):
    plan, mapping = tmp_path / "bad.yaml", tmp_path / "map.yaml"
    plan.write_text("id: [bad\n", encoding="utf-8")
    mapping.write_text("columns: [1\n", encoding="utf-8")
    proc = cli("check", samples / "yiwu-2023.xlsx", "--plan", plan, "--mapping", mapping)
    assert proc.returncode == 3 and "bad.yaml" in proc.stderr and "map.yaml" not in proc.stderr
