"""`yiyang template`: the blank data-collection workbook for a plan, and that `check` reads it back.

Every plan in the catalogue, in both languages: the sheets and headers, the columns every
indicator needs, Excel's data validations, header notes and frozen panes (read from the xlsx
XML), and a round trip: the template filled with a few rows is read by `check` without a
mapping, every column mapped, every value readable, no indicator short of a field.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import python_calamine as pc

from yiyang_cli import check
from yiyang_cli.commands.template import write_template
from yiyang_cli.errors import UsageError
from yiyang_cli.fields import ENTITIES
from yiyang_cli.messages import t
from yiyang_cli.plan import catalogue_dir, catalogue_ids, load_plan
from yiyang_cli.reader import Mapping, read_inputs
from yiyang_cli.reader.dataset import col_letter
from yiyang_cli.reader.header import ALIAS_INDEX, entity_from_name, norm_header
from yiyang_cli.render.template_xlsx import build_workbook as write_workbook
from yiyang_cli.template import BOOL_WORDS, LEVELS, layout, sheet_name, target_text, template_view

PLANS = catalogue_ids()
LANGS = ("zh", "en")
AS_OF = dt.date(2025, 12, 31)
NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


# ---------------------------------------------------------------- helpers


def build_workbook(plan, target, lang, rows=None):
    """The template for `plan`, filled with `rows` (entity -> rows of {field: value}) as a bureau would."""
    return write_workbook(template_view(plan, lang), target, rows)


def needed(ind) -> dict[str, set[str]]:
    """The fields the engine looks for when it evaluates an indicator: what Evaluator.missing_fields
    reports on a dataset whose tables have rows of no columns at all."""
    import pandas as pd

    from yiyang_cli.engine.evaluator import Evaluator
    from yiyang_cli.reader import Dataset, Table

    tables = [Table(e, "empty", None, 1, {}, pd.DataFrame({"_row": pd.Series([1], dtype="int64")})) for e in ENTITIES]
    out: dict[str, set[str]] = {}
    for item in Evaluator(None, Dataset(tables, [], []), AS_OF).missing_fields(ind):
        entity, field = item.split(".")
        out.setdefault(entity, set()).add(field)
    return out


def header_fields(entity_id: str, headers: list[str]) -> list[str | None]:
    """What the reader's alias index makes of each header: a field id, or None."""
    return [ALIAS_INDEX[entity_id].get(norm_header(h)) for h in headers]


def sheet_xml(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML part inside the xlsx."""
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    out = {}
    for s in wb.find("m:sheets", NS):
        target = targets[s.get(f"{{{NS['r']}}}id")]
        out[s.get("name")] = "xl/" + target.lstrip("/").removeprefix("xl/")
    return out


def comments_of(z: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Cell ref -> note text for one sheet (empty when it has no notes)."""
    rels_part = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
    if rels_part not in z.namelist():
        return {}
    rels = ET.fromstring(z.read(rels_part))
    out = {}
    for r in rels.findall("rel:Relationship", NS):
        if r.get("Type").endswith("/comments"):
            path = "xl/" + r.get("Target").replace("../", "")
            root = ET.fromstring(z.read(path))
            for c in root.iter(f"{{{NS['m']}}}comment"):
                out[c.get("ref")] = "".join(x.text or "" for x in c.iter(f"{{{NS['m']}}}t"))
    return out


PLACES = ["城关镇", "东城街道", "西城街道"]


def sample_value(f, entity, i: int, lang: str):
    """A plausible value for row i: every relation (nursing beds <= beds …) holds because every
    count in a row is the same number."""
    if f.id == entity.label_field and f.type == "text":
        return f"{entity.zh}{i + 1}"
    if f.type == "category":
        if f.values:
            return f.values[i % len(f.values)]
        return {"county": "义乌市"}.get(f.id, PLACES[i % len(PLACES)])
    return {
        "text": f"{f.zh}{i + 1}",
        "int": 10 * (i + 1),
        "number": 12.5 * (i + 1),
        "bool": BOOL_WORDS[lang][i % 2],
        "ratio": 0.9,
        "date": dt.date(2020, 1 + i, 1),
        "level": LEVELS[i % len(LEVELS)],
        "year": AS_OF.year,
    }[f.type]


def expected_typed(f, value):
    """What the reader should make of a sample value."""
    if f.type == "bool":
        return value in ("是", "Yes")
    if f.type == "level":
        return {"三级": 3.0, "二级": 2.0, "一级": 1.0, "未定级": 0.0}[value]
    if f.type in ("int", "number", "ratio", "year"):
        return float(value)
    if f.type == "date":
        return value
    return value


@pytest.fixture(scope="module")
def blank_template(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    """`blank_template(plan_id, lang)`: the path of that blank template, written by `write_template`
    once for the three tests below that only read it."""
    folder = tmp_path_factory.mktemp("templates")
    written: dict[tuple[str, str], Path] = {}

    def get(plan_id: str, lang: str) -> Path:
        if (plan_id, lang) not in written:
            path = folder / f"{plan_id}-{lang}.xlsx"
            assert write_template(plan_id, path, lang) == path
            written[plan_id, lang] = path
        return written[plan_id, lang]

    return get


def filled_rows(plan, lang: str, n: int = 3) -> dict[str, list[dict]]:
    return {
        spec.entity.id: [
            {c.field.id: sample_value(c.field, spec.entity, i, lang) for c in spec.columns} for i in range(n)
        ]
        for spec in layout(plan, lang)
    }


# ---------------------------------------------------------------- (a) sheets, headers, columns


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("plan_id", PLANS)
def test_template_has_a_sheet_per_table_with_every_needed_column(blank_template, plan_id, lang):
    plan = load_plan(plan_id)
    out = blank_template(plan_id, lang)
    wb = pc.CalamineWorkbook.from_path(str(out))
    specs = layout(plan, lang)
    assert wb.sheet_names == [t("template.sheet_instructions", lang)] + [s.name for s in specs]
    assert {s.entity.id for s in specs} == plan.entities()
    for spec in specs:
        # The sheet name alone tells the reader which table it is.
        assert entity_from_name(spec.name, Mapping()) == spec.entity.id
        if lang == "zh":
            assert spec.name == spec.entity.zh
        rows = wb.get_sheet_by_name(spec.name).to_python()
        headers = [str(h) for h in rows[0]]
        assert headers == [c.header for c in spec.columns]
        assert all(not any(cell not in ("", None) for cell in row) for row in rows[1:])  # blank below
        # Every header maps to its own field through the alias index: no mapping file needed.
        assert header_fields(spec.entity.id, headers) == [c.field.id for c in spec.columns]
        if lang == "zh":
            for c in spec.columns:
                assert c.header == (f"{c.field.zh}（{c.field.unit}）" if c.field.unit else c.field.zh)
        else:
            assert all(c.header.startswith(c.field.en) for c in spec.columns)
        entity = spec.entity
        columns = {c.field.id for c in spec.columns}
        assert entity.label_field in columns
        assert set(entity.group_fields) <= columns
    by_entity = {s.entity.id: {c.field.id for c in s.columns} for s in specs}
    for ind in plan.indicators:
        for entity, fields in needed(ind).items():
            assert fields <= by_entity[entity], (ind.id, entity, fields - by_entity[entity])
    # Exactly the needed fields, plus the label, area and year columns.
    for spec in specs:
        wanted = set().union(*(needed(ind).get(spec.entity.id, set()) for ind in plan.indicators))
        extra = by_entity[spec.entity.id] - wanted - {spec.entity.label_field, *spec.entity.group_fields, "year"}
        assert not extra - {ind.group_by for ind in plan.indicators}, extra


@pytest.mark.parametrize("lang", LANGS)
def test_instructions_sheet_lists_the_plan_rules_and_every_indicator(tmp_path, lang):
    plan = load_plan("yiwu-2023")
    out = write_template("yiwu-2023", tmp_path / "form.xlsx", lang)
    wb = pc.CalamineWorkbook.from_path(str(out))
    rows = wb.get_sheet_by_name(t("template.sheet_instructions", lang)).to_python()
    cells = [str(c) for row in rows for c in row if c not in ("", None)]
    text = "\n".join(cells)
    assert max(sum(c not in ("", None) for c in row) for row in rows) <= 2  # notes, never a table
    for value in (plan.doc_no, plan.issuer, plan.source_file, plan.id):
        assert value in text
    assert (plan.title_en if lang == "en" else plan.title) in text
    for ind in plan.indicators:
        assert ind.label(lang) in cells
        assert ind.quote in text  # verbatim
        assert t(f"severity.{ind.severity}", lang) in cells
    signing = next(i for i in plan.indicators if i.id == "elderly_institution_signing_rate")
    if lang == "zh":
        assert "≥ 100%（2023-06-20）" in cells
        assert "养老机构：是否与医疗卫生机构签约合作" in cells
        assert "约束性" in cells and "倡导性" in cells
        assert any("合计" in c for c in cells) and any("空白" in c and "0" in c and "否" in c for c in cells)
    else:
        assert target_text(signing.targets[0], "en") == "≥ 100% (2023-06-20)"
        assert "Elderly-care institutions: Signed cooperation with a medical institution" in cells
    for rule in ("rows", "bool", "blank", "numbers", "lists", "total", "extra", "notes"):
        assert t(f"template.rule_{rule}", lang) in cells


def test_target_text_covers_units_stages_and_missing_deadlines():
    from yiyang_cli.plan import Target

    assert target_text(Target(comparator=">=", value=0.55, deadline="2025-12-31"), "zh") == "≥ 55%（2025-12-31）"
    assert target_text(Target(comparator=">", value=0.625), "en") == "> 62.5% (no deadline)"
    assert (
        target_text(
            Target(comparator=">=", value=3, unit="count", deadline="2022-12-31", deadline_note="十四五末"), "zh"
        )
        == "≥ 3（2022-12-31，十四五末）"
    )
    assert target_text(Target(comparator="<=", value=2.5, unit="per_1000"), "zh") == "≤ 2.50‰（无期限）"


# ---------------------------------------------------------------- (b) validations, notes, panes


def _expected_validation(f, lang):
    """(type, operator, formula1, formula2, errorStyle) a column should carry; None for no type."""
    if f.type == "bool":
        return ("list", None, '"' + ",".join(BOOL_WORDS[lang]) + '"', None, None)
    if f.type == "category" and f.values:
        return ("list", None, '"' + ",".join(f.values) + '"', None, "warning")
    if f.type == "level":
        return ("list", None, '"' + ",".join(LEVELS) + '"', None, "warning")
    return {
        "int": ("whole", "greaterThanOrEqual", "0", None, None),
        "number": ("decimal", "greaterThanOrEqual", "0", None, None),
        "ratio": ("decimal", None, "0", "1", None),
        "year": ("whole", None, "1900", "2100", None),
        "date": ("date", None, "1", "73415", None),
    }.get(f.type, (None, None, None, None, None))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("plan_id", PLANS)
def test_template_has_validations_notes_and_frozen_headers(blank_template, plan_id, lang):
    plan = load_plan(plan_id)
    out = blank_template(plan_id, lang)
    with zipfile.ZipFile(out) as z:
        parts = sheet_xml(z)
        assert any(n.startswith("xl/comments") for n in z.namelist())
        instructions = parts[t("template.sheet_instructions", lang)]
        assert b"<dataValidation" not in z.read(instructions) and not comments_of(z, instructions)
        for spec in layout(plan, lang):
            xml = z.read(parts[spec.name]).decode("utf-8")
            assert re.search(r'<pane [^>]*ySplit="1"[^>]*state="frozen"', xml)
            assert re.search(r'<col [^>]*width="[\d.]+"[^>]*customWidth="1"', xml)
            root = ET.fromstring(xml)
            validations = {}
            for dv in root.iter(f"{{{NS['m']}}}dataValidation"):
                f1, f2 = dv.find("m:formula1", NS), dv.find("m:formula2", NS)
                validations[dv.get("sqref")] = (
                    dv.get("type"),
                    dv.get("operator"),
                    None if f1 is None else f1.text,
                    None if f2 is None else f2.text,
                    dv.get("errorStyle"),
                    dv.get("prompt"),
                )
            notes = comments_of(z, parts[spec.name])
            assert len(validations) == len(spec.columns)
            assert sorted(notes) == sorted(f"{col_letter(i)}1" for i in range(len(spec.columns)))
            for i, col in enumerate(spec.columns):
                f = col.field
                letter = col_letter(i)
                got = validations[f"{letter}2:{letter}1048576"]
                assert got[:5] == _expected_validation(f, lang), (spec.name, f.id, got)
                assert got[5]  # every column prompts what to enter
                note = notes[f"{letter}1"]
                assert f.zh in note and f.en in note and f.id in note, note
                assert t(f"template.type.{f.type}", lang) in note
                if f.unit:
                    assert f.unit in note
                for name in col.used_by:
                    assert name in note


# ---------------------------------------------------------------- (c) round trip through check


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("plan_id", PLANS)
def test_filled_template_is_read_back_without_a_mapping(blank_template, tmp_path, plan_id, lang):
    plan = load_plan(plan_id)
    rows = filled_rows(plan, lang)
    path = tmp_path / "filled.xlsx"
    specs = build_workbook(plan, path, lang, rows)
    # The filled workbook has the very headers the blank template has.
    blank = blank_template(plan_id, lang)
    wb_blank, wb_filled = pc.CalamineWorkbook.from_path(str(blank)), pc.CalamineWorkbook.from_path(str(path))
    assert wb_blank.sheet_names == wb_filled.sheet_names
    for spec in specs:
        assert (
            wb_blank.get_sheet_by_name(spec.name).to_python()[0]
            == wb_filled.get_sheet_by_name(spec.name).to_python()[0]
        )

    result = check([path], plan_id, AS_OF, None)
    assert [(r.indicator.id, r.missing_fields) for r in result.indicators if r.missing_fields] == []
    tables = result.inputs[0].tables
    assert [tb["sheet"] for tb in tables] == [s.name for s in specs]  # the instructions sheet is no table
    for spec, tb in zip(specs, tables):
        assert tb["entity"] == spec.entity.id
        assert tb["ignored_headers"] == []
        assert tb["header_row"] == 1
        assert tb["rows"] == len(rows[spec.entity.id])
        assert tb["skipped_rows"] == []
        assert sorted(tb["fields"]) == sorted(c.field.id for c in spec.columns)
    bad = {
        "bad_value",
        "formula_error",
        "unknown_header",
        "duplicate_column",
        "sheet_unrecognised",
        "no_header",
        "hidden_sheet",
        "bad_sheet",
        "no_rows",
    }
    assert [(i.code, i.location) for i in result.data_issues if i.code in bad or i.severity == "error"] == []
    assert not [i.code for i in result.data_issues if "_gt_" in i.code]  # the sample rows are plausible

    # Every value comes back as what was written, typed.
    data = read_inputs([path])
    for spec, table in zip(specs, data.tables):
        frame = table.frame
        for r, written in enumerate(rows[spec.entity.id]):
            for fid, value in written.items():
                got = frame[fid].iat[r]
                f = spec.entity.fields[fid]
                want = expected_typed(f, value)
                if f.type == "date":
                    got = got.date()
                elif f.type in ("category", "text"):
                    got = str(got)
                    want = f.synonyms.get(want, want)
                assert got == want, (spec.name, fid, value, got)


@pytest.mark.parametrize("lang", LANGS)
def test_yiwu_template_filled_with_four_homes_three_signed(tmp_path, lang):
    plan = load_plan("yiwu-2023")
    yes, no = BOOL_WORDS[lang]
    homes = [
        {"name": f"养老院{i}", "county": "义乌市", "town": town, "beds": beds, "signed_medical_cooperation": signed}
        for i, (town, beds, signed) in enumerate(
            [("稠城街道", 120, yes), ("稠城街道", 80, yes), ("佛堂镇", 60, no), ("佛堂镇", 150, yes)], start=1
        )
    ]
    path = tmp_path / "yiwu.xlsx"
    build_workbook(plan, path, lang, {"elderly_institutions": homes})
    result = check([path], "yiwu-2023", AS_OF, None)
    r = next(r for r in result.indicators if r.indicator.id == "elderly_institution_signing_rate")
    assert (r.status, r.value, r.numerator, r.denominator) == ("not_met", pytest.approx(0.75), 3, 4)
    assert [(f.name, f.location) for f in r.failing] == [("养老院3", f"{layout(plan, lang)[0].name}!A4")]
    assert {g.group: (g.numerator, g.denominator) for g in r.groups} == {"稠城街道": (2, 2), "佛堂镇": (1, 2)}
    # The other sheets are blank: their indicators have nothing in scope, never a missing field.
    assert all(not x.missing_fields for x in result.indicators)


# ---------------------------------------------------------------- the command's edges


def test_blank_template_is_checked_without_warnings_about_its_sheets(tmp_path):
    out = write_template("yiwu-2023", tmp_path / "form.xlsx", "zh")
    result = check([out], "yiwu-2023", AS_OF, None)
    assert {i.code for i in result.data_issues} == {"no_rows"}
    assert all(not r.missing_fields for r in result.indicators)


def test_template_from_a_rule_file_path(tmp_path):
    out = write_template(str(catalogue_dir() / "mangshi-2017.yaml"), tmp_path / "sub" / "m.xlsx", "zh")
    assert out.is_file()
    assert pc.CalamineWorkbook.from_path(str(out)).sheet_names[0] == "填表说明"


def test_english_sheet_names_are_ones_the_reader_recognises():
    names = {e.id: sheet_name(e, "en") for e in ENTITIES.values()}
    # "Medical institutions" contains the elderly-care alias "institutions": every English label is a
    # sheet alias of its own entity, so the longest match wins and the labels can be used as they are.
    assert names == {
        "elderly_institutions": "Elderly-care institutions",
        "medical_institutions": "Medical institutions",
        "areas": "Area statistics",
        "finance": "Funding",
        "community_care_centres": "Community care facilities",
    }


@pytest.mark.parametrize(
    "args, key",
    [
        (("yiwu-2023", "form.xls", "zh"), "template.bad_output"),
        (("yiwu-2023", "form.csv", "zh"), "template.bad_output"),
        (("no-such-plan", "form.xlsx", "zh"), "plan.unknown"),
        (("yiwu-2023", "form.xlsx", "fr"), "template.bad_lang"),
    ],
)
def test_bad_arguments_are_usage_errors(tmp_path, args, key):
    plan, name, lang = args
    with pytest.raises(UsageError) as ei:
        write_template(plan, tmp_path / name, lang)
    assert ei.value.key == key
    assert not list(tmp_path.iterdir())  # nothing written


def test_template_is_written_whole_and_replaces_an_old_file(tmp_path):
    out = tmp_path / "form.xlsx"
    out.write_bytes(b"old")
    write_template("yiwu-2023", out, "en")
    assert out.read_bytes().startswith(b"PK")
    assert [p.name for p in tmp_path.iterdir()] == ["form.xlsx"]  # no temporary file left behind


def test_unwritable_output_is_a_clean_error(tmp_path):
    from yiyang_cli.errors import YiyangError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(YiyangError) as ei:
        write_template("yiwu-2023", blocker / "form.xlsx", "zh")
    assert ei.value.key == "cli.write_failed"


def test_template_command_writes_a_workbook_check_reads_back(cli, tmp_path):
    """The commands as a user types them (run in-process by `cli`): the English template, then
    `check` on it without a mapping."""
    out = tmp_path / "form.xlsx"
    done = cli("template", "--plan", "yiwu-2023", "-o", out, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "wrote the data-collection template" in done.stderr and out.is_file()
    assert pc.CalamineWorkbook.from_path(str(out)).sheet_names[1:] == [
        "Elderly-care institutions",
        "Medical institutions",
        "Area statistics",
        "Funding",
    ]
    checked = cli("check", out, "--plan", "yiwu-2023", "--format", "json", "--as-of", "2025-12-31")
    assert checked.returncode in (0, 1), checked.stderr
    assert "Sheet" not in checked.stderr and "traceback" not in checked.stderr.lower()


@pytest.mark.parametrize(
    "args, text",
    [
        (["--plan", "no-such-plan", "-o", "x.xlsx"], "未知的规划"),
        (["--plan", "yiwu-2023", "-o", "x.csv"], "模板只能写成 .xlsx 文件"),
    ],
)
def test_template_command_refuses_bad_requests_with_exit_2(cli, tmp_path, args, text):
    done = cli("template", *args, cwd=tmp_path)
    assert done.returncode == 2 and text in done.stderr
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- LibreOffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ODS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


@pytest.fixture(scope="module")
def libreoffice_copies(tmp_path_factory):
    """Every shipped plan's template, filled in, then opened and saved as .ods by LibreOffice (one run)."""
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    folder = tmp_path_factory.mktemp("lo")
    for plan_id in PLANS:
        plan = load_plan(plan_id)
        build_workbook(plan, folder / f"{plan_id}.xlsx", "zh", filled_rows(plan, "zh"))
    profile = folder / "profile"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "ods",
            "--outdir",
            str(folder / "ods"),
            *[str(folder / f"{p}.xlsx") for p in PLANS],
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("plan_id", PLANS)
def test_template_opened_in_libreoffice_keeps_dropdowns_and_checks_the_same(libreoffice_copies, plan_id):
    xlsx, ods = libreoffice_copies / f"{plan_id}.xlsx", libreoffice_copies / "ods" / f"{plan_id}.ods"
    assert ods.is_file(), f"LibreOffice did not open {xlsx.name}"
    # The dropdowns and number rules survive: each data sheet's cells carry a validation, and the
    # yes/no lists and whole-number rules are there.
    root = ET.fromstring(zipfile.ZipFile(ods).read("content.xml"))
    conditions = {
        v.get(f"{{{ODS}}}name"): v.get(f"{{{ODS}}}condition") or "" for v in root.iter(f"{{{ODS}}}content-validation")
    }
    specs = layout(load_plan(plan_id), "zh")
    for table in root.iter(f"{{{ODS}}}table"):
        name = table.get(f"{{{ODS}}}name")
        if name not in {s.name for s in specs}:
            continue
        used = {c.get(f"{{{ODS}}}content-validation-name") for c in table.iter(f"{{{ODS}}}table-cell")} - {None}
        assert used, f"{plan_id}: no validation left on sheet {name}"
        spec = next(s for s in specs if s.name == name)
        kinds = {c.field.type for c in spec.columns}
        texts = [conditions[u] for u in used]
        if "bool" in kinds:
            assert any("cell-content-is-in-list" in t and '"是"' in t and '"否"' in t for t in texts), name
        if "int" in kinds:
            assert any("cell-content-is-whole-number" in t for t in texts), name

    # LibreOffice's copy checks exactly like the original.
    def outcome(path):
        result = check([path], plan_id, AS_OF, None)
        return [(r.indicator.id, r.status, r.value, r.numerator, r.denominator) for r in result.indicators]

    assert outcome(ods) == outcome(xlsx)
