"""Large sheets are read as Arrow columns (xlsx_arrow); that road must give exactly what the ordinary
python-calamine road gives: the same tables, typed values, skipped rows, missing-cell counts, data
issues and cell locations. Each test reads one workbook both ways (the size threshold moved so that
every sheet takes one road or the other) and compares everything the reader produces."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from yiyang_cli.reader import read_inputs, xlsx_arrow

pytest.importorskip("fastexcel")
pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_data").glob("*.xlsx"))


def read_both(monkeypatch, path: Path):
    """(ordinary, columnar, sheets read as columns): the same file read both ways."""
    monkeypatch.setattr(xlsx_arrow, "MIN_SHEET_XML", 1 << 62)
    ordinary = read_inputs([path])
    monkeypatch.setattr(xlsx_arrow, "MIN_SHEET_XML", 0)
    taken = []
    real_read = xlsx_arrow.FastWorkbook.read

    def spy(self, name):
        rows = real_read(self, name)
        if rows is not None:
            taken.append(name)
        return rows

    monkeypatch.setattr(xlsx_arrow.FastWorkbook, "read", spy)
    columnar = read_inputs([path])
    return ordinary, columnar, taken


def assert_same(a, b) -> None:
    assert [i.__dict__ for i in a.issues] == [i.__dict__ for i in b.issues]
    assert [i.__dict__ for i in a.inputs] == [i.__dict__ for i in b.inputs]
    assert len(a.tables) == len(b.tables)
    for ta, tb in zip(a.tables, b.tables):
        assert (
            ta.entity,
            ta.sheet,
            ta.header_row,
            ta.header_depth,
            ta.columns,
            ta.skipped,
            ta.ignored_headers,
            ta.missing_cells,
        ) == (
            tb.entity,
            tb.sheet,
            tb.header_row,
            tb.header_depth,
            tb.columns,
            tb.skipped,
            tb.ignored_headers,
            tb.missing_cells,
        )
        pd.testing.assert_frame_equal(ta.frame, tb.frame)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_sample_reads_the_same_as_columns(monkeypatch, path):
    ordinary, columnar, taken = read_both(monkeypatch, path)
    assert taken, "no sheet took the columnar road"
    assert_same(ordinary, columnar)


def _messy_workbook(path: Path) -> None:
    """What Chinese government forms do to a reader, on a sheet that starts at B3."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})  # no temporary file per part: faster
    ws = wb.add_worksheet("养老机构")
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    pct = wb.add_format({"num_format": "0%"})
    ws.merge_range("B3:K3", "2024年养老机构医养结合情况统计表")
    ws.write("B4", "填报单位（盖章）：某县民政局")
    # Two-row header: 床位数 merged over 总数 | 其中：护理型; the rest merged down two rows.
    for col, text in zip(
        "BCDGHIJK",
        ["序号", "机构名称", "乡镇（街道）", "是否内设医疗机构", "入住老人数（人）", "开业时间", "满意度", "举办性质"],
    ):
        ws.merge_range(f"{col}5:{col}6", text)
    ws.merge_range("E5:F5", "床位数（张）")
    ws.write("E6", "总数")
    ws.write("F6", "其中：护理型")
    ws.write_row("B7", ["甲", "乙", "丙", 1, 2, 3, 4, 5, 6, 7])  # column codes, numbers as numbers
    rows = [
        [1, "城东\n敬老院", "甲镇", 120, 60, "是", 90, dt.datetime(2015, 3, 1), 0.85, "公办"],
        [2, "  城西养老院 ", "乙镇", 80.0, "不详", True, 70, "2019年5月", "90%", "民办"],
        [3, "甲镇中心敬老院", "甲 镇", "150张", "-", False, None, 42000, 95, "公办"],
        [4, "乙镇福利院", "乙镇", True, 1.5, 1, "一百", "2020-01-01", "很好", "民　办"],
        [5, "丙镇颐养院", "丙镇", 200, 100, 0, 180, 2018, 0.7, "公办"],
        [None, "其中：医养结合机构", None, 200, 100, None, None, None, None, None],
        [
            6,
            "丁镇养老院",
            "丁镇",
            "#DIV/0!",
            1e20,
            "√",
            12345678901234567890,
            dt.datetime(2021, 6, 30, 12, 0),
            1.0,
            "其他",
        ],
        [7, "戊镇养老院", "戊镇", 60, 30, "否", "—", "/", "…", "公办"],
        [None, "小计", None, 480, None, None, None, None, None, None],
        [8, "城东敬老院", "甲镇", 50, 20, "否", 40, None, None, "公办"],
        [9, "已", "戊镇", 0, 0, "TRUE", 0, "2024/2/30", 0, "公办"],
        [10, "己镇敬老院", "己镇", 40, 20, "是", 30, dt.time(8, 30), 0.9, "公办"],  # a time, no date
        [11, "庚镇敬老院", "庚镇", -0.0, 10, "是", 5, dt.datetime(2020, 1, 1, 9, 15, 30, 250000), 0.5, dt.time(0, 0)],
    ]
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            cell_fmt = (
                date
                if isinstance(value, (dt.datetime, dt.time))
                else (pct if j == 8 and isinstance(value, float) else None)
            )
            if value is not None:
                ws.write(7 + i, 1 + j, value, cell_fmt)
    ws.write_row(7 + len(rows), 1, ["合计", None, None, 999, 330])
    ws.write(9 + len(rows), 1, "填表人：张三    审核人：李四")
    ws.write(10 + len(rows), 1, "说明：本表由各乡镇汇总")
    hidden = wb.add_worksheet("医疗机构")
    hidden.write_row(0, 0, ["机构名称", "机构类别", "等级", "是否能提供中医药服务"])
    hidden.write_row(1, 0, ["县人民医院", "医院", "二级", "是"])
    hidden.write_row(2, 0, ["甲镇卫生院", "乡镇卫生院", "未定级", "否"])
    hidden.hide()
    notes = wb.add_worksheet("填表说明")
    notes.write(0, 0, "请如实填写")
    wb.close()


def test_a_messy_form_reads_the_same_as_columns(monkeypatch, tmp_path):
    path = tmp_path / "messy.xlsx"
    _messy_workbook(path)
    ordinary, columnar, taken = read_both(monkeypatch, path)
    assert taken == ["养老机构", "医疗机构", "填表说明"]
    assert_same(ordinary, columnar)
    # And what was read is right, not just the same both ways.
    t = columnar.tables[0]
    assert (t.header_row, t.header_depth) == (5, 2)
    assert t.columns["beds"] == 4 and t.columns["nursing_beds"] == 5
    reasons = {s["row"]: s["reason"] for s in t.skipped}
    assert reasons[3] == reasons[4] == "above_header" and reasons[7] == "column_codes"
    assert reasons[13] == "sub_item" and reasons[16] == "total" and reasons[21] == "total"
    assert reasons[23] == reasons[24] == "footer"
    df = t.frame
    assert df["_row"].tolist() == [8, 9, 10, 11, 12, 14, 15, 17, 18, 19, 20]
    assert str(df["opened"].iloc[-1].date()) == "2020-01-01"  # a time stamp with milliseconds
    assert df["ownership"].iloc[-1] == "00:00:00" and df["beds"].iloc[-1] == 0  # a midnight time; -0
    assert df["name"].tolist()[:2] == ["城东敬老院", "城西养老院"]
    assert df["beds"].tolist()[:5] == [120, 80, 150, pd.NA, 200]  # Excel TRUE is no number of beds
    assert df["has_medical_unit"].tolist()[:5] == [True, True, False, True, False]
    assert str(df["opened"].iloc[0].date()) == "2015-03-01"
    locations = {i.location for i in columnar.issues if i.code == "bad_value"}
    assert "养老机构!E11" in locations  # the TRUE in 床位数, at its cell on a sheet that starts at B3
    assert "养老机构!I19" in locations  # 08:30, a time of day, is no opening date


def _no_refs(xml: bytes) -> bytes:
    return re.sub(rb'<c r="[A-Z]+\d+"', b"<c", xml)


def _comment(xml: bytes) -> bytes:
    return xml.replace(b"<sheetData>", b'<sheetData><!-- <c r="A1" t="str"><v>x</v></c> -->', 1)


def _cdata(xml: bytes) -> bytes:
    return xml.replace(
        b"<sheetData>", b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[note]]></t></is></c></row>', 1
    )


def _rows_out_of_order(xml: bytes) -> bytes:
    first = re.search(rb"<row [^>]*>.*?</row>", xml, re.S)
    return xml[: first.start()] + xml[first.end() :].replace(b"</sheetData>", first.group(0) + b"</sheetData>", 1)


@pytest.mark.parametrize("rewrite", [_no_refs, _comment, _cdata, _rows_out_of_order], ids=lambda f: f.__name__)
def test_sheet_xml_the_scan_cannot_place_is_read_the_ordinary_way(monkeypatch, tmp_path, rewrite):
    """`r="B3"` is optional in the format; a comment or CDATA could hide or fake a cell; rows may
    come out of order. The used range can't be placed with certainty, so no guess: the ordinary road."""
    src = tmp_path / "messy.xlsx"
    _messy_workbook(src)
    out = tmp_path / "rewritten.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                changed = rewrite(data)
                assert changed != data
                data = changed
            zout.writestr(item, data)
    ordinary, columnar, taken = read_both(monkeypatch, out)
    assert "养老机构" not in taken
    assert_same(ordinary, columnar)


def test_merged_ranges_come_from_the_sheet_xml_as_calamine_gives_them(tmp_path):
    import python_calamine as pc

    path = tmp_path / "messy.xlsx"
    _messy_workbook(path)
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        scan = xlsx_arrow._SheetXml(zf, "xl/worksheets/sheet1.xml")
        first, last, merged = scan.result()
    sheet = pc.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("养老机构")
    assert sorted(merged) == sorted(sheet.merged_cell_ranges)
    assert first == (2, 1)  # B3, where calamine's used range starts too
    assert sheet.start == first
    assert last == (sheet.end[0], 1)  # the 说明 line under the table, on calamine's last row


def test_small_workbooks_stay_on_the_ordinary_road():
    assert xlsx_arrow.FastWorkbook.open((ROOT / "sample_data" / "yiwu-2023.xlsx").read_bytes(), ".xlsx") is None
    assert xlsx_arrow.FastWorkbook.open(b"PK\x03\x04 not really", ".xlsx") is None
    assert xlsx_arrow.FastWorkbook.open(b"a,b\n", ".csv") is None


def test_without_fastexcel_every_sheet_is_read_the_ordinary_way(monkeypatch):
    monkeypatch.setattr(xlsx_arrow, "MIN_SHEET_XML", 0)
    monkeypatch.setattr(xlsx_arrow, "available", lambda: False)

    def no_columns(self, name):
        raise AssertionError(f"{name} was read as columns without fastexcel")

    monkeypatch.setattr(xlsx_arrow.FastWorkbook, "read", no_columns)
    assert xlsx_arrow.FastWorkbook.open((ROOT / "sample_data" / "yiwu-2023.xlsx").read_bytes(), ".xlsx") is None
    ds = read_inputs([ROOT / "sample_data" / "yiwu-2023.xlsx"])
    assert [t.sheet for t in ds.tables] == ["养老机构", "医疗卫生机构", "资金投入", "辖区统计"]
    assert len(ds.tables[0].frame) > 0


@pytest.mark.slow
def test_a_large_generated_form_is_checked_the_same_both_ways(monkeypatch, tmp_path):
    """End to end above the real threshold: a 20,000-row form, checked against yiwu-2023."""
    import xlsxwriter

    from yiyang_cli import check as check_files

    path = tmp_path / "big.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("养老机构")
    ws.write_row(0, 0, ["2024年养老机构医养结合情况统计表"])
    ws.write_row(
        1,
        0,
        [
            "序号",
            "机构名称",
            "乡镇（街道）",
            "举办性质",
            "床位数（张）",
            "护理型床位数（张）",
            "入住老人数（人）",
            "是否内设医疗机构",
            "是否与医疗卫生机构签约合作",
            "是否医保定点",
        ],
    )
    for i in range(1, 20_001):
        beds = (30, 60, 100, 150, 200)[i % 5]
        ws.write_row(
            i + 1,
            0,
            [
                i,
                f"第{i:05d}号养老服务中心（示范）",
                f"{'甲乙丙丁'[i % 4]}镇",
                "公办" if i % 3 else "民办",
                beds if i % 97 else "不详",
                beds // 2,
                beds * 3 // 4,
                "是" if i % 4 else "否",
                "是" if i % 7 else "否",
                "是" if i % 2 else "否",
            ],
        )
    ws.write_row(20_002, 0, ["合计"])
    wb.close()
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size >= xlsx_arrow.MIN_SHEET_XML

    def check(threshold):
        monkeypatch.setattr(xlsx_arrow, "MIN_SHEET_XML", threshold)
        return check_files([path], "yiwu-2023", dt.date(2025, 12, 31), None).to_dict("zh")

    ordinary, columnar = check(1 << 62), check(xlsx_arrow.MIN_SHEET_XML)
    assert columnar == ordinary
    by_id = {i["id"]: i for i in columnar["indicators"]}
    ind = by_id["large_home_medical_unit"]
    # 100+ beds: i % 5 in (2, 3, 4), less the 不详 rows; with a medical unit: i % 4 != 0.
    large = [i for i in range(1, 20_001) if i % 5 in (2, 3, 4) and i % 97]
    assert ind["denominator"] == len(large)
    assert ind["numerator"] == sum(1 for i in large if i % 4)
    assert ind["failing"][0]["location"] == "养老机构!B6"  # i = 4 (200 beds, no unit) sits on row 6


POOL = [
    0,
    1,
    2,
    30,
    150,
    1.5,
    0.85,
    -3,
    1e20,
    True,
    False,
    dt.datetime(2020, 5, 17),
    dt.datetime(2021, 1, 2, 8, 30),
    "是",
    "否",
    "√",
    "×",
    "有",
    "无",
    "不详",
    "-",
    "—",
    "/",
    "…",
    "",
    " ",
    "150张",
    "85%",
    "2019年5月",
    "2020-01-01",
    "  城南养老院 ",
    "甲\n乙",
    "合计",
    "小计",
    "其中：护理型",
    "填表人：王五",
    "说明：略",
    "#N/A",
    "TRUE",
    "公办",
    "民　办",
    "甲镇",
    "乙 镇",
    "养老机构名称很长很长很长的一家",
    "1",
    "0",
    "3.0",
    "一级",
    "甲",
    "1,200",
]
FIELDS = [
    "机构名称",
    "乡镇（街道）",
    "举办性质",
    "床位数（张）",
    "护理型床位数",
    "入住老人数",
    "是否内设医疗机构",
    "是否医保定点",
    "开业时间",
    "满意度",
    "工作人员数",
    "备注",
    "序号",
]


def _random_workbook(path: Path, seed: int) -> None:
    import random

    import xlsxwriter

    rng = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})  # no temporary file per part: faster
    ws = wb.add_worksheet(rng.choice(["养老机构", "Sheet1", "表1"]))
    r0, c0 = rng.randint(0, 3), rng.randint(0, 2)
    headers = rng.sample(FIELDS, rng.randint(3, 9))
    r = r0
    if rng.random() < 0.6:
        ws.merge_range(r, c0, r, c0 + len(headers) - 1, "2024年养老机构情况表") if len(headers) > 1 else ws.write(
            r, c0, "表"
        )
        r += 1
    if rng.random() < 0.4:  # a two-row header: a parent merged over two children
        k = rng.randint(0, len(headers) - 2)
        for j, h in enumerate(headers):
            if j not in (k, k + 1):
                ws.merge_range(r, c0 + j, r + 1, c0 + j, h)
        ws.merge_range(r, c0 + k, r, c0 + k + 1, "床位数")
        ws.write(r + 1, c0 + k, "总数")
        ws.write(r + 1, c0 + k + 1, "其中：护理型")
        r += 2
    else:
        ws.write_row(r, c0, headers)
        r += 1
    for _ in range(rng.randint(0, 40)):
        for j in range(len(headers) + rng.randint(-1, 1)):
            if rng.random() < 0.85:
                value = rng.choice(POOL)
                fmt = wb.add_format({"num_format": "yyyy-mm-dd"}) if isinstance(value, dt.datetime) else None
                ws.write(r, c0 + j, value, fmt)
        r += rng.choice([1, 1, 1, 2])
    wb.close()


@pytest.mark.parametrize("seed", range(40))
def test_random_forms_read_the_same_as_columns(monkeypatch, tmp_path, seed):
    path = tmp_path / f"random-{seed}.xlsx"
    _random_workbook(path, seed)
    try:
        ordinary = read_inputs([path])
    except Exception as exc:  # no table recognised, say: the columnar road must refuse it alike
        monkeypatch.setattr(xlsx_arrow, "MIN_SHEET_XML", 0)
        with pytest.raises(type(exc)) as caught:
            read_inputs([path])
        assert str(caught.value) == str(exc)
        return
    del ordinary
    ordinary, columnar, taken = read_both(monkeypatch, path)
    assert taken
    assert_same(ordinary, columnar)


def test_trigger_search_on_arrow_text_places_each_match_in_its_cell():
    import numpy as np
    import pyarrow as pa

    from yiyang_cli.reader.rows import _TRIGGER
    from yiyang_cli.reader.values import cells_matching

    cells = ["序号", None, "合计", "", "养老院", "其中：护理型", "填表人", "abc", None, "总", "1", "说"]
    col = pa.array(cells, type=pa.string())
    expected = cells_matching(np.array(["" if c is None else c for c in cells], dtype=object), _TRIGGER)
    assert xlsx_arrow._cells_matching(col, _TRIGGER).tolist() == expected.tolist()
    assert expected.tolist() == [False, False, True, False, False, True, True, False, False, True, False, True]
    for start in range(len(cells)):  # a body starts below the header: sliced columns
        assert xlsx_arrow._cells_matching(col.slice(start), _TRIGGER).tolist() == expected[start:].tolist()
    assert xlsx_arrow._cells_matching(pa.array(["", ""], type=pa.string()), _TRIGGER).tolist() == [False, False]
    assert xlsx_arrow._cells_matching(pa.array([None, None], type=pa.string()), _TRIGGER).tolist() == [False, False]


def test_helper_threads_lower_only_their_own_priority():
    import os
    import sys
    import threading

    from yiyang_cli.threads import HELPER_NICE, yield_to_main

    seen = {}

    def helper():
        yield_to_main()
        seen["helper"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    before = os.getpriority(os.PRIO_PROCESS, 0)
    t = threading.Thread(target=helper)
    t.start()
    t.join()
    assert os.getpriority(os.PRIO_PROCESS, 0) == before  # the main thread (the process) keeps its own
    if sys.platform.startswith("linux"):
        assert seen["helper"] == min(19, max(before, HELPER_NICE))


@pytest.mark.slow
def test_workbooks_saved_by_libreoffice_read_the_same_as_columns(monkeypatch, tmp_path):
    """A real office suite writes shared strings, styles and its own layout: save the messy form and
    a random one through LibreOffice and read what it wrote both ways."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    _messy_workbook(tmp_path / "messy.xlsx")
    _random_workbook(tmp_path / "random.xlsx", 3)
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "lo"),
            str(tmp_path / "messy.xlsx"),
            str(tmp_path / "random.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for name in ("messy.xlsx", "random.xlsx"):
        ordinary, columnar, taken = read_both(monkeypatch, tmp_path / "lo" / name)
        assert taken
        assert_same(ordinary, columnar)
