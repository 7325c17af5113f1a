"""Nothing from the data reaches an output as control or markup (issue 14, point 4).

Each test builds hostile data in `tmp_path` (file and sheet names with escape sequences,
institutions named like Markdown links, formulas or rich markup, cells quoting control characters)
and reads every output back the way its reader would: the terminal's text for control characters,
Markdown through a CommonMark parser, JUnit through an XML parser, the workbook's cells and XML.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from yiyang_cli.render import sanitize

PLAN = "yiwu-2023"
# What a terminal acts on: C0 controls but the line break, DEL, C1 controls, bidirectional overrides.
TERMINAL_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
OSC = "\x1b]0;pwned\x07"
# institution name -> how it must read once rendered (control sequences removed, markup kept as text)
NAMES = {
    "[x](http://evil)": "[x](http://evil)",
    "![i](http://evil/i.png)": "![i](http://evil/i.png)",
    '=HYPERLINK("http://evil","x")': '=HYPERLINK("http://evil","x")',
    "[bold red]r[/]": "[bold red]r[/]",
    "**strong** _em_ ~~del~~ $x$": "**strong** _em_ ~~del~~ $x$",
    "`code` <b>x</b> &amp;": "`code` <b>x</b> &amp;",
    "a\x0bb\x7f": "ab",
    f"c{OSC}d": "cd",
    "e\x1b[2J\x1b[Hf": "ef",
    "g\x9b31mh\u202ei": "ghi",
    "j\x1bP1$r\x1b\\k": "jk",
}
FILE = f"养老机构{OSC}\x1b[2J.csv"  # the report shows it as 养老机构.csv


def _hostile_csv(folder: Path, name: str = FILE, county: str = "县\x1b[31m红") -> Path:
    """A form of elderly-care homes, every one failing the signing target (so each is listed), one
    with a bed count whose text quotes an escape sequence (so a data issue quotes it)."""
    folder.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["机构名称", "区县", "床位数", "是否与医疗卫生机构签约合作", "是否内设医疗机构"])
    for n, name_ in enumerate(NAMES):
        writer.writerow([name_, county, f"12{OSC}" if n == 0 else 50, "否", "否"])
    path = folder / name
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _assert_no_controls(text: str) -> None:
    found = TERMINAL_CONTROL.findall(text)
    assert not found, found


def _markdown_texts(markdown: str) -> tuple[str, set[str]]:
    """What a CommonMark reader (with GitHub's tables and strikethrough) shows as text, one line per
    block, and every kind of token it made."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    lines, kinds = [], set()
    for token in parser.parse(markdown):
        kinds.add(token.type)
        if token.children:
            kinds.update(child.type for child in token.children)
            lines.append("".join(c.content for c in token.children if c.type in ("text", "code_inline")))
    return "\n".join(lines), kinds


def _assert_markdown_is_text(markdown: str, *names: str) -> None:
    text, kinds = _markdown_texts(markdown)
    assert not kinds & {"link_open", "image", "html_inline", "html_block", "em_open", "s_open"}, kinds
    for name in names:
        assert name in text, (name, text[:2000])
    _assert_no_controls(markdown)


# ------------------------------------------------------------------------------------------ sanitisers


def test_terminal_sanitiser_removes_sequences_and_controls_and_escapes_markup():
    assert sanitize.terminal_plain(f"a{OSC}b\x1b[2J\x1b[1;1Hc\x9b2Jd\x1bP1$r\x1b\\e\x1b7f\x07g") == "abcdefg"
    assert sanitize.terminal_plain("a\tb\nc\rd\x00e\x7f\x85f\u202eg") == "a b c defg"
    assert sanitize.terminal_plain("未闭合\x1b]0;title") == "未闭合0;title"  # no terminator: the rest is text
    assert sanitize.terminal("[bold red]x[/] 养老机构\\") == "\\[bold red]x\\[/] 养老机构\\\\"
    assert sanitize.terminal_lines("one\x1b[2K\ntwo\r") == "one\ntwo "
    assert sanitize.terminal("原文\n第二行\x1b[2J[b]") == "原文 第二行\\[b]"
    assert sanitize.terminal("原文\n第二行\x1b[2J[b]", lines=True) == "原文\n第二行\\[b]"  # a plan's wording
    assert sanitize.terminal_plain("医养结合：达标 ≥ 90.0% (9/10)") == "医养结合：达标 ≥ 90.0% (9/10)"


@pytest.mark.parametrize("name", list(NAMES))
def test_markdown_sanitiser_renders_the_text_itself(name):
    cell = sanitize.markdown(name)
    for line in (cell, f"- {cell}", f"| a | {cell} |\n|---|---|\n| {cell} | b |"):
        _assert_markdown_is_text(line, NAMES[name])
    assert sanitize.markdown("signed_medical_cooperation 1,200") == "signed_medical_cooperation 1,200"


@pytest.mark.parametrize("text", ["养老机构!B12", "a`b", "``x``", "`", "a|b", f"x{OSC}y"])
def test_markdown_code_spans_hold_any_text(text):
    code = sanitize.markdown_code(text)
    from markdown_it import MarkdownIt

    children = MarkdownIt("commonmark").parseInline(code)[0].children
    assert [c.type for c in children] == ["code_inline"]
    assert children[0].content == sanitize.terminal_plain(text)
    _, kinds = _markdown_texts(f"| {sanitize.markdown_code(text, in_table=True)} | b |\n|---|---|\n")
    assert "table_open" in kinds


def test_xml_sanitiser_keeps_documents_well_formed():
    hostile = "".join(NAMES) + "\x00\x01\ufffe\ud800\udcb1 tab\tline\n"
    element = ET.Element("e", name=sanitize.xml(hostile))
    element.text = sanitize.xml(hostile)
    back = ET.fromstring(ET.tostring(element, encoding="unicode"))
    assert back.text is not None and "[x](http://evil)" in back.text and "tab\tline\n" in back.text
    assert "\\udcb1" in back.text  # a file name's undecodable byte stays visible


def test_json_text_escapes_c1_controls_and_keeps_the_data():
    data = {"name": "g\x9b31m\x7f\x1b[2J 养老"}
    text = sanitize.json_text(json.dumps(data, ensure_ascii=False))
    _assert_no_controls(text)
    assert json.loads(text) == data and "养老" in text


# ---------------------------------------------------------------------------------------------- check


def test_check_reports_show_hostile_names_as_text(cli, tmp_path):
    data = _hostile_csv(tmp_path / "in")
    out = tmp_path / "out"
    files = [out / "r.md", out / "r.xml", out / "r.json", out / "r.html"]
    proc = cli("check", data, "--plan", PLAN, "--as-of", "2026-01-01", *[a for f in files for a in ("-o", f)])
    assert proc.returncode == 1, proc.stderr
    for stream in (proc.stdout, proc.stderr):
        _assert_no_controls(stream)
    shown = proc.stdout.replace("\n", "")
    assert "[bold red]r[/]" in shown and "[x](http://evil)" in shown and "养老机构.csv" in shown
    assert "“床位数”的值“12”无法识别" in proc.stdout  # the cell text quoted in a data issue, cleaned

    md = files[0].read_text(encoding="utf-8")
    _assert_markdown_is_text(md, *NAMES.values(), "养老机构.csv")

    junit = files[1].read_text(encoding="utf-8")
    root = ET.fromstring(junit.encode("utf-8"))
    failures = "\n".join(f.text or "" for f in root.iter("failure"))
    for shown_name in NAMES.values():
        assert shown_name in failures
    from junitparser import JUnitXml

    assert len(list(next(iter(JUnitXml.fromfile(str(files[1])))))) > 10

    result = json.loads(files[2].read_text(encoding="utf-8"))  # the JSON keeps the data as it is
    failing = next(i for i in result["indicators"] if i["id"] == "elderly_institution_signing_rate")["failing"]
    assert {f["name"] for f in failing} == set(NAMES)
    assert result["inputs"][0]["path"] == str(data)
    _assert_no_controls(files[2].read_text(encoding="utf-8"))

    page = files[3].read_text(encoding="utf-8")  # HTML: escaped by jinja2, as before
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page and "[x](http://evil)" in page


def test_check_to_stdout_in_every_format_is_clean(cli, tmp_path):
    data = _hostile_csv(tmp_path)
    for fmt in ("terminal", "md", "json", "junit", "github", "html"):
        proc = cli("check", data, "--plan", PLAN, "--as-of", "2026-01-01", "--format", fmt, "--lang", "en")
        assert proc.returncode == 1, (fmt, proc.stderr)
        _assert_no_controls(proc.stdout.replace("\t", " ") if fmt == "junit" else proc.stdout)


def test_github_annotations_cannot_be_forged_from_the_data(cli, tmp_path):
    path = tmp_path / "养老机构.csv"
    path.write_text(
        '机构名称,床位数,是否与医疗卫生机构签约合作,是否内设医疗机构\n"甲\n::error file=x::forged 100%",50,否,否\n'
        f'"乙{OSC}",50,否,否\n',
        encoding="utf-8",
    )
    proc = cli("check", path, "--plan", PLAN, "--as-of", "2026-01-01", "--format", "github")
    lines = proc.stdout.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "yiyang ")) for line in lines), lines
    assert any(line.endswith("::甲::error file=x::forged 100%25 [养老机构.csv:2]") for line in lines)
    assert any(line.endswith("::乙 [养老机构.csv:3]") for line in lines)
    _assert_no_controls(proc.stdout)
    assert sanitize.github_data("a\r\n::error::x 5%") == "a%0D%0A::error::x 5%25"
    assert sanitize.github_property("t: a, b\n") == "t%3A a%2C b%0A"


def _workbook_with_sheet_name(path: Path, sheet: str) -> Path:
    """An .xlsx whose sheet is called `sheet`, which Excel would refuse: written under a placeholder
    name, then renamed in workbook.xml with character references."""
    import xlsxwriter

    plain = path.with_suffix(".tmp.xlsx")
    wb = xlsxwriter.Workbook(str(plain))
    ws = wb.add_worksheet("PLACEHOLDER")
    ws.write_row(0, 0, ["机构名称", "床位数", "是否与医疗卫生机构签约合作", "是否内设医疗机构"])
    ws.write_row(1, 0, ["甲院", 50, "否", "否"])
    ws.write_row(2, 0, ["乙院", f"5{OSC}0", "否", "否"])
    wb.close()
    escaped = "".join(f"&#x{ord(c):X};" if ord(c) < 0x20 else c for c in sheet).encode("utf-8")
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"PLACEHOLDER", escaped)
            dst.writestr(item.filename, data)
    plain.unlink()
    return path


def test_a_sheet_name_with_escape_sequences_is_shown_clean(cli, tmp_path):
    book = _workbook_with_sheet_name(tmp_path / "报送.xlsx", f"{OSC}养老机构\x1b[2J")
    import python_calamine

    assert python_calamine.CalamineWorkbook.from_path(str(book)).sheet_names == [f"{OSC}养老机构\x1b[2J"]
    md, xml_file = tmp_path / "r.md", tmp_path / "r.xml"
    proc = cli("check", book, "--plan", PLAN, "--as-of", "2026-01-01", "-o", md, "-o", xml_file)
    assert proc.returncode == 1, proc.stderr
    _assert_no_controls(proc.stdout + proc.stderr)
    assert "养老机构：养老机构，表头在第 1 行" in proc.stdout
    _assert_markdown_is_text(md.read_text(encoding="utf-8"), "养老机构")
    ET.fromstring(xml_file.read_bytes())


def test_error_messages_quoting_a_path_are_clean(cli, tmp_path):
    missing = tmp_path / f"不存在{OSC}\x1b[2J.xlsx"
    proc = cli("check", missing, "--plan", PLAN)
    assert proc.returncode == 3 and "不存在.xlsx" in proc.stderr
    _assert_no_controls(proc.stderr)
    broken = tmp_path / f"坏{OSC}.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook" * 10)
    proc = cli("check", broken, "--plan", PLAN, "--lang", "en")
    assert proc.returncode == 3 and "坏.xlsx" in proc.stderr
    _assert_no_controls(proc.stderr)
    proc = cli("check", tmp_path / "x.csv", "--plan", f"{tmp_path}/规则{OSC}.yaml")
    assert proc.returncode == 2 and "规则.yaml" in proc.stderr
    _assert_no_controls(proc.stderr)


# -------------------------------------------------------------------------------------------- compare


def test_compare_labels_and_names_are_text(cli, tmp_path):
    data = _hostile_csv(tmp_path / "in")
    a, b = tmp_path / f"[a](evil){OSC}.json", tmp_path / "=b\x9b31m.json"
    for path, date in ((a, "2024-12-31"), (b, "2026-01-01")):
        assert cli("check", data, "--plan", PLAN, "--as-of", date, "-o", path).returncode == 1
    md, page = tmp_path / "c.md", tmp_path / "c.html"
    proc = cli("compare", a, b, "--all", "-o", md, "-o", page)
    assert proc.returncode == 0, proc.stderr
    _assert_no_controls(proc.stdout + proc.stderr)
    shown = proc.stdout.replace("\n", "")
    assert "[a](evil).json" in shown and "=b.json" in shown
    _assert_markdown_is_text(md.read_text(encoding="utf-8"), "[a](evil).json", "=b.json")
    _assert_no_controls(page.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------- xlsx


def _xlsx_cells(path: Path) -> dict[str, list[list[object]]]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def _assert_no_formulas_or_links(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                text = z.read(name).decode("utf-8")
                assert "<f>" not in text and "<f " not in text and "hyperlink" not in text, name


def test_summary_workbook_stores_data_as_strings(tmp_path):
    from yiyang_cli.api import load_plan
    from yiyang_cli.batch.summary import RowCollector, build_summary
    from yiyang_cli.render.batch import xlsx

    rules = tmp_path / "p.yaml"
    text = (Path(__file__).resolve().parent.parent / "rules" / f"{PLAN}.yaml").read_text(encoding="utf-8")
    first = re.search(r"^    name: (.+)$", text, re.M)
    assert first is not None
    rules.write_text(text.replace(first.group(0), """    name: '=HYPERLINK("https://evil","i")'""", 1), "utf-8")
    plan = load_plan(rules)
    hostile = {
        "=1+2": "https://evil.example/x",
        "00123": "=SUM(A1:A9)",
        "+cmd|' /C calc'!A0": "mailto:x@evil.example",
        "-2.5e3": "1,200",
        "@SUM(1)": "\udcb1\udca8 GBK 文件名",
    }
    collected = RowCollector([i.id for i in plan.indicators])
    for submitter, error in hostile.items():
        collected.add(
            {
                "submitter": submitter,
                "files": [f"{error}.csv"],
                "input_hash": "0123",
                "area": None,
                "status": "error",
                "exit_code": 3,
                "summary": None,
                "indicators": {},
                "issues": {},
                "error": error,
                "reports": {},
            }
        )
    summary = build_summary(plan, dt.date(2025, 12, 31), collected.rows, {}, "zh", "mandatory", "x")
    path = tmp_path / "summary.xlsx"
    xlsx.write(summary, path, "zh")
    _assert_no_formulas_or_links(path)
    cells = _xlsx_cells(path)
    rows = list(cells.values())[0][1:]
    by_submitter = {row[0]: row for row in rows}
    assert set(by_submitter) == set(hostile)
    for submitter, error in hostile.items():
        assert sanitize.xlsx(error) in by_submitter[submitter], by_submitter[submitter]
        assert f"{sanitize.xlsx(error)}.csv" in by_submitter[submitter]
    assert '=HYPERLINK("https://evil","i")' in list(cells.values())[1][1]


# --------------------------------------------------------------------------- batch, history and compare


@pytest.mark.slow
def test_batch_history_and_compare_show_hostile_names_as_text(cli, tmp_path):
    subs = tmp_path / "subs"
    for name in ("=1+2.csv", "[x](evil).csv", "\x9b31m乙.csv", "00123.csv", f"{OSC}甲.csv", "**b** <i>.csv"):
        _hostile_csv(subs, name)
    (subs / f"坏{OSC}\x1b[2J.xlsx").write_bytes(b"PK\x03\x04 not a workbook" * 10)
    db = tmp_path / "h.sqlite"
    for year in (2024, 2025):
        out = tmp_path / f"out{year}"
        args = ("--as-of", f"{year}-12-31", "-o", out, "-f", "md,xml", "-j", "1", "--history", db)
        proc = cli("batch", subs, "--plan", PLAN, *args)
        assert proc.returncode == 3, proc.stderr
        _assert_no_controls(proc.stdout + proc.stderr)
        assert "=1+2" in proc.stdout and "[x](evil)" in proc.stdout and "坏.xlsx" in proc.stdout.replace("\n", "")
    submitters = [r["submitter"] for r in json.loads((out / "summary.json").read_text("utf-8"))["submissions"]]
    assert "=1+2" in submitters and "00123" in submitters and "[x](evil)" in submitters
    summary_md = (out / "summary.md").read_text(encoding="utf-8")
    _assert_markdown_is_text(summary_md, "=1+2", "[x](evil)", "__b__ _i_", "坏.xlsx")
    for report in out.glob("*.xml"):
        ET.fromstring(report.read_bytes())
    for report in set(out.glob("*.md")) - {out / "summary.md"}:
        _assert_markdown_is_text(report.read_text(encoding="utf-8"), "[x](http://evil)")
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "<i>" not in page and "&lt;i&gt;" in page
    _assert_no_formulas_or_links(out / "summary.xlsx")
    first_column = [row[0] for row in list(_xlsx_cells(out / "summary.xlsx").values())[0]]
    assert "=1+2" in first_column and "00123" in first_column and "[x](evil)" in first_column

    proc = cli("history", db)
    assert proc.returncode == 0, proc.stderr
    _assert_no_controls(proc.stdout)
    assert "县红" in proc.stdout and "=1+2" in proc.stdout
    history = json.loads(cli("history", db, "--format", "json").stdout)
    assert {r["area"] for r in history if r["area"]} == {"县\x1b[31m红"}  # the data as it is

    md, page_file = tmp_path / "c.md", tmp_path / "c.html"
    proc = cli("compare", db, "--plan", PLAN, "--from", "2024", "--to", "2025", "--all", "-o", md, "-o", page_file)
    assert proc.returncode == 0, proc.stderr
    _assert_no_controls(proc.stdout + proc.stderr)
    assert "=1+2" in proc.stdout and "[x](evil)" in proc.stdout
    _assert_markdown_is_text(md.read_text(encoding="utf-8"), "=1+2", "[x](evil)", "__b__ _i_")
    assert "<i>" not in page_file.read_text(encoding="utf-8")
