"""Reading the spreadsheets people submit: encodings, form furniture, odd values, mappings."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from yiyang_cli.errors import InputError
from yiyang_cli.reader import load_mapping, read_inputs
from yiyang_cli.reader.header import norm_header

HEADER = "机构名称,乡镇（街道）,床位数（张）,护理型床位数（张）,是否内设医疗机构,是否与医疗卫生机构签约合作,满意度"


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def frame(ds, entity="elderly_institutions"):
    return ds.frame(entity)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_csv_encodings(tmp_path, encoding):
    path = write_csv(tmp_path / "养老机构.csv", [HEADER, "福寿园,佛堂镇,120,60,是,否,95%"], encoding)
    df = frame(read_inputs([path]))
    assert df["name"].tolist() == ["福寿园"] and df["town"].tolist() == ["佛堂镇"]
    assert df["beds"].tolist() == [120] and df["satisfaction"].tolist() == [0.95]


def test_title_row_total_row_and_footer_are_skipped(tmp_path):
    path = write_csv(
        tmp_path / "data.csv",
        [
            "2024年某县养老机构医养结合情况统计表,,,,,,",
            "填报单位（盖章）：某县民政局,,,,,,",
            HEADER,
            "甲,乙,1,2,3,4,5",
            "福寿园,佛堂镇,120,60,是,否,0.95",
            '康乐院,赤岸镇,"1,200",６０,√,×,',
            "其中：公办,,80,20,,,",
            '合计,,"1,320",120,,,',
            "单位负责人：张三   填表人：李四,,,,,,",
            "说明：本表数据截至2024年底,,,,,,",
        ],
    )
    ds = read_inputs([path])
    table = ds.tables[0]
    assert table.header_row == 3
    assert [s["reason"] for s in table.skipped] == [
        "above_header",
        "above_header",
        "column_codes",
        "sub_item",
        "total",
        "footer",
        "footer",
    ]
    df = frame(ds)
    assert df["name"].tolist() == ["福寿园", "康乐院"]
    assert df["_row"].tolist() == [5, 6]
    assert df["beds"].tolist() == [120, 1200]
    assert df["nursing_beds"].tolist() == [60, 60]  # full-width digits
    assert df["has_medical_unit"].tolist() == [True, True]
    assert df["signed_medical_cooperation"].tolist() == [False, False]
    assert df["satisfaction"].isna().tolist() == [False, True]
    assert table.location(6, "name") == "data.csv:6"


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("是", True),
        ("否", False),
        ("有", True),
        ("无", False),
        ("√", True),
        ("×", False),
        ("✓", True),
        ("Y", True),
        ("n", False),
        ("1", True),
        ("0", False),
        ("已签约", True),
        ("未签约", False),
        ("yes", True),
        ("已创建", True),
        ("未创建", False),
        ("已建成", True),
    ],
)
def test_yes_no_spellings(tmp_path, raw, expected):
    path = write_csv(tmp_path / "养老机构.csv", [HEADER, f"甲院,某镇,10,1,{raw},{raw},"])
    df = frame(read_inputs([path]))
    assert df["has_medical_unit"].tolist() == [expected]


@pytest.mark.parametrize("raw", ["-", "—", "/", "…", ""])
def test_missing_marks_are_missing_not_zero(tmp_path, raw):
    path = write_csv(tmp_path / "养老机构.csv", [HEADER, f"甲院,某镇,{raw},{raw},{raw},{raw},{raw}"])
    ds = read_inputs([path])
    df = frame(ds)
    assert df["beds"].isna().all() and df["has_medical_unit"].isna().all()
    assert ds.issues == []


@pytest.mark.parametrize("raw,value", [("85%", 0.85), ("0.85", 0.85), ("85", 0.85), ("８５％", 0.85), ("1", 1.0)])
def test_percentages(tmp_path, raw, value):
    path = write_csv(tmp_path / "养老机构.csv", [HEADER, f"甲院,某镇,10,1,是,是,{raw}"])
    assert frame(read_inputs([path]))["satisfaction"].tolist() == [pytest.approx(value)]


def test_units_glued_to_numbers(tmp_path):
    path = write_csv(tmp_path / "养老机构.csv", [HEADER, "甲院,某镇,120张,30 张,是,是,"])
    df = frame(read_inputs([path]))
    assert df["beds"].tolist() == [120] and df["nursing_beds"].tolist() == [30]


def test_unreadable_value_is_a_data_issue_at_its_cell(tmp_path):
    path = write_csv(tmp_path / "养老机构.csv", [HEADER, "甲院,某镇,一百二十,30,也许,是,"])
    ds = read_inputs([path])
    df = frame(ds)
    assert df["beds"].isna().all() and df["has_medical_unit"].isna().all()
    found = {(d.code, d.location, d.args["raw"]) for d in ds.issues}
    assert found == {("bad_value", "养老机构.csv:2", "一百二十"), ("bad_value", "养老机构.csv:2", "也许")}
    messages = [d.to_dict("zh")["message"] for d in ds.issues]
    assert "“床位数”的值“一百二十”无法识别（应为整数），按缺失处理" in messages


def test_headers_normalised():
    assert norm_header("床位数\n（张）") == "床位数"
    assert norm_header(" 床位数(张) ") == "床位数"
    assert norm_header("ＢＥＤＳ") == "beds"
    assert norm_header("单位：张") == "张"


def test_workbook_sheets_by_name_and_by_headers(tmp_path):
    path = tmp_path / "报送.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet1")  # recognised by its headers
    ws.merge_range(0, 0, 0, 4, "医疗卫生机构情况")
    ws.write_row(2, 0, ["序号", "机构名称", "机构类别", "等级", "是否设立老年医学科"])
    ws.write_row(3, 0, [1, "某县人民医院", "综合医院", "二级甲等", "是"])
    ws.write_row(4, 0, [2, "某县中医院", "中医院", "参照二级", "否"])
    ws2 = wb.add_worksheet("辖区统计")
    ws2.write_row(0, 0, ["地区", "65岁及以上常住人口（人）", "65岁及以上接受健康管理人数（人）"])
    ws2.write_row(1, 0, ["甲镇", "1,000", 700])
    ws2.write_row(2, 0, ["全县合计", 1000, 700])
    wb.close()
    before = path.read_bytes()
    ds = read_inputs([path])
    assert path.read_bytes() == before
    med = ds.frame("medical_institutions")
    assert med["category"].tolist() == ["综合医院", "中医医院"]
    assert med["grade"].tolist() == [2, 2]
    assert ds.tables[0].location(4, "name") == "Sheet1!B4"
    areas = ds.frame("areas")
    assert areas["area"].tolist() == ["甲镇"] and areas["pop_65"].tolist() == [1000]


def test_hidden_sheet_is_reported(tmp_path):
    path = tmp_path / "h.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("说明").write(0, 0, "填表说明")
    hidden = wb.add_worksheet("养老机构")
    hidden.write_row(0, 0, ["机构名称", "床位数"])
    hidden.write_row(1, 0, ["甲院", 10])
    hidden.hide()
    wb.close()
    ds = read_inputs([path])
    assert [d.code for d in ds.issues] == ["hidden_sheet"]
    assert ds.frame("elderly_institutions")["beds"].tolist() == [10]


def test_mapping_file_maps_unknown_headers_and_sheets(tmp_path):
    path = write_csv(tmp_path / "export.csv", ["单位,实有床位数量,医养签约情况", "甲院,50,已签约"])
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "columns:\n  单位: name\n  实有床位数量: beds\n  医养签约情况: signed_medical_cooperation\n"
        "sheets:\n  export: elderly_institutions\n",
        encoding="utf-8",
    )
    ds = read_inputs([path], load_mapping(mapping))
    df = ds.frame("elderly_institutions")
    assert df["name"].tolist() == ["甲院"] and df["beds"].tolist() == [50]
    assert df["signed_medical_cooperation"].tolist() == [True]


def test_no_recognisable_table(tmp_path):
    path = write_csv(tmp_path / "x.csv", ["foo,bar", "1,2"])
    with pytest.raises(InputError) as err:
        read_inputs([path])
    assert err.value.key == "input.no_tables"


def test_several_files_combined_with_their_own_locations(tmp_path):
    a = write_csv(tmp_path / "a.csv", [HEADER, "甲院,某镇,10,1,是,是,"])
    b = write_csv(tmp_path / "b.csv", [HEADER, "乙院,某镇,20,2,否,否,", "丙院,某镇,30,3,否,否,"])
    ds = read_inputs([a, b])
    df = ds.frame("elderly_institutions")
    assert df["name"].tolist() == ["甲院", "乙院", "丙院"]
    assert [ds.location(t, r) for t, r in zip(df["_t"], df["_row"])] == ["a.csv:2", "b.csv:2", "b.csv:3"]


REALDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "realdata"


@pytest.mark.skipif(
    not (REALDATA / "shanghai_elderly_institutions.csv").is_file(), reason="../shared/realdata is not present"
)
def test_real_shanghai_institutions(tmp_path):
    """626 real Shanghai homes: the published totals come out, and lacking columns is no_data, not 0%."""
    import datetime as dt

    from yiyang_cli import check

    rules = tmp_path / "shanghai-150.yaml"
    rules.write_text(
        """
id: shanghai-150
title: 150张以上养老机构设置医疗机构
region: 上海市
issuer: test
source_file: 003_6104121fb84d74b0.txt
indicators:
  - {id: big_homes_medical, name: 150张以上设医疗机构, name_en: x, quote: q, severity: mandatory,
     entity: elderly_institutions, where: beds >= 150,
     measure: {kind: share, condition: has_medical_unit}, targets: [{comparator: ">=", value: 1.0, unit: ratio}]}
  - {id: big_homes, name: 150张以上机构数, name_en: x, quote: q, severity: advisory,
     entity: elderly_institutions, where: beds >= 150,
     measure: {kind: count}, targets: [{comparator: ">=", value: 1, unit: count}]}
  - {id: homes_100, name: 100张以上机构数, name_en: x, quote: q, severity: advisory,
     entity: elderly_institutions, where: beds >= 100,
     measure: {kind: count}, targets: [{comparator: ">=", value: 1, unit: count}]}
  - {id: beds_total, name: 床位总数, name_en: x, quote: q, severity: advisory, entity: elderly_institutions,
     measure: {kind: sum, sum: beds}, targets: [{comparator: ">=", value: 1, unit: count}]}
""",
        encoding="utf-8",
    )
    path = REALDATA / "shanghai_elderly_institutions.csv"
    res = check([path], str(rules), dt.date(2025, 1, 1), None)
    table = res.inputs[0].tables[0]
    assert table["rows"] == 626
    assert {"name", "county", "town", "beds", "opened", "operation"} <= set(table["fields"])
    by_id = {r.indicator.id: r for r in res.indicators}
    assert by_id["big_homes"].value == 370
    assert by_id["homes_100"].value == 496
    assert by_id["beds_total"].value == 153065
    medical = by_id["big_homes_medical"]
    assert medical.status == "no_data" and medical.value is None
    assert medical.missing_fields == ["elderly_institutions.has_medical_unit"]
    assert res.to_dict("zh")["indicators"][0]["reason"].startswith(
        "缺少所需字段：养老机构·是否内设医疗机构（has_medical_unit）"
    )


# ---------------------------------------------------------------- printed forms with merged headers


def _messy_rows():
    """A form as a statistics system prints it: title, form block, reporter line, a two-row header
    with `床位数（张）` merged over `总数 | 其中：护理型`, a column-code row, a unit row, a 合计 row."""
    return [
        ["2024年某县养老机构医养结合情况统计表", "", "", "", "", ""],
        ["表号：民医养1表", "", "", "制表机关：某县民政局", "", ""],
        ["填报单位（盖章）：某县民政局", "", "", "填报时间：2025年1月", "", ""],
        ["序号", "机构名称", "床位数（张）", "", "入住老人数", "是否内设医疗机构"],
        ["", "", "总数", "其中：护理型", "", ""],
        ["甲", "乙", "1", "2", "3", "4"],
        ["", "", "张", "张", "人", ""],
        ["1", "福寿园", "１２０张", "60", "80", "√"],
        ["2", "康乐院", "1,200", "—", "900", "×"],
        ["", "合计", "1320", "60", "980", ""],
        ["单位负责人：", "", "填表人：", "", "报出日期：", ""],
    ]


def _check_messy(ds):
    table = ds.tables[0]
    assert (table.header_row, table.header_depth) == (4, 2)
    assert [(s["row"], s["reason"]) for s in table.skipped] == [
        (1, "above_header"),
        (2, "above_header"),
        (3, "above_header"),
        (6, "column_codes"),
        (7, "units"),
        (10, "total"),
        (11, "footer"),
    ]
    df = ds.frame("elderly_institutions")
    assert df["name"].tolist() == ["福寿园", "康乐院"]
    assert df["beds"].tolist() == [120, 1200]
    assert df["nursing_beds"].tolist()[0] == 60 and df["nursing_beds"].isna().tolist() == [False, True]
    assert df["residents"].tolist() == [80, 900]
    assert df["has_medical_unit"].tolist() == [True, False]
    assert df["_row"].tolist() == [8, 9]


def test_merged_two_row_header_in_a_workbook(tmp_path):
    path = tmp_path / "form.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("养老机构")
    rows = _messy_rows()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value != "":
                ws.write(r, c, value)
    ws.merge_range(0, 0, 0, 5, rows[0][0])
    for c in (0, 1, 4, 5):
        ws.merge_range(3, c, 4, c, rows[3][c])  # single headers span both header rows
    ws.merge_range(3, 2, 3, 3, "床位数（张）")
    wb.close()
    ds = read_inputs([path])
    _check_messy(ds)
    assert ds.tables[0].location(8, "nursing_beds") == "养老机构!D8"


def test_same_form_as_gbk_csv_gives_the_same_numbers(tmp_path):
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows(_messy_rows())
    path = tmp_path / "养老机构.csv"
    path.write_bytes(buf.getvalue().encode("gb18030"))
    _check_messy(read_inputs([path]))


# ---------------------------------------------------------------- totals, plausibility, formula errors


def test_total_row_that_disagrees_with_the_rows_is_reported(tmp_path):
    path = write_csv(
        tmp_path / "养老机构.csv", [HEADER, "甲院,某镇,100,40,是,是,", "乙院,某镇,50,10,否,是,", "合计,,160,50,,,"]
    )
    ds = read_inputs([path])
    found = [(d.code, d.location, d.to_dict("zh")["message"]) for d in ds.issues]
    assert found == [("total_mismatch", "养老机构.csv:4", "合计行的“床位数”为 160，明细行之和为 150，二者不符")]


def test_subtotals_are_not_reconciled_and_a_matching_total_is_quiet(tmp_path):
    path = write_csv(
        tmp_path / "养老机构.csv",
        [
            HEADER,
            "甲院,甲镇,100,40,是,是,",
            "小计,,100,40,,,",
            "乙院,乙镇,50,10,否,是,",
            "小计,,50,10,,,",
            "合计,,150,50,,,",
        ],
    )
    ds = read_inputs([path])
    assert ds.issues == []
    assert ds.frame("elderly_institutions")["name"].tolist() == ["甲院", "乙院"]


def test_plausibility_findings_name_the_rule_the_unit_and_the_cell(tmp_path):
    path = write_csv(
        tmp_path / "养老机构.csv",
        [
            "机构名称,乡镇（街道）,床位数,护理型床位数,入住老人数,失能失智入住人数",
            "甲院,甲镇,100,120,80,10",  # nursing beds > beds
            "乙院,甲镇,50,10,60,70",  # residents > beds, disabled > residents
            "丙院,乙镇,40,0,0,-1",  # negative count
            "甲院,甲镇,100,40,80,10",  # the same home twice in 甲镇
            "甲院,乙镇,30,10,20,5",  # same name, other town: a different home
        ],
    )
    ds = read_inputs([path])
    found = sorted((d.code, d.location) for d in ds.issues)
    assert found == sorted(
        [
            ("nursing_beds_gt_beds", "养老机构.csv:2"),
            ("residents_gt_beds", "养老机构.csv:3"),
            ("disabled_residents_gt_residents", "养老机构.csv:3"),
            ("negative_value", "养老机构.csv:4"),
            ("duplicate_unit", "养老机构.csv:5"),
        ]
    )
    messages = {d.code: d.to_dict("zh")["message"] for d in ds.issues}
    assert messages["nursing_beds_gt_beds"] == "甲院：护理型床位数（120）大于床位数（100），不合理"
    assert messages["duplicate_unit"] == "甲院 在同一地区重复出现（首次出现在 养老机构.csv:2），会被重复计算"
    assert all(d.severity == "warning" for d in ds.issues)


def test_plausibility_findings_are_capped_per_check(tmp_path):
    lines = ["机构名称,床位数,护理型床位数"] + [f"院{i},10,20" for i in range(30)]
    ds = read_inputs([write_csv(tmp_path / "养老机构.csv", lines)])
    codes = [d.code for d in ds.issues]
    assert codes.count("nursing_beds_gt_beds") == 20
    assert codes[-1] == "nursing_beds_gt_beds_truncated"
    assert ds.issues[-1].to_dict("en")["message"] == "10 more findings of nursing_beds_gt_beds not listed"


def test_formula_error_cell_is_missing_with_its_own_code(tmp_path):
    path = write_csv(tmp_path / "养老机构.csv", [HEADER, "甲院,某镇,#DIV/0!,#N/A,是,是,#VALUE!"])
    ds = read_inputs([path])
    df = ds.frame("elderly_institutions")
    assert df["beds"].isna().all() and df["nursing_beds"].isna().all() and df["satisfaction"].isna().all()
    assert sorted((d.code, d.args["raw"]) for d in ds.issues) == [
        ("formula_error", "#DIV/0!"),
        ("formula_error", "#N/A"),
        ("formula_error", "#VALUE!"),
    ]


# ---------------------------------------------------------------- other formats and broken files


def _form_rows():
    return [
        ["2024年养老机构情况", "", ""],
        ["机构名称", "床位数（张）", "是否内设医疗机构"],
        ["福寿园", 120, "是"],
        ["康乐院", 80, "否"],
        ["合计", 200, ""],
    ]


def _assert_form(ds, location):
    df = ds.frame("elderly_institutions")
    assert df["name"].tolist() == ["福寿园", "康乐院"] and df["beds"].tolist() == [120, 80]
    assert df["has_medical_unit"].tolist() == [True, False]
    assert ds.tables[0].location(4, "beds") == location


def test_old_binary_xls(tmp_path):
    import xlwt

    path = tmp_path / "报送.xls"
    wb = xlwt.Workbook()
    ws = wb.add_sheet("养老机构")
    for r, row in enumerate(_form_rows()):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    wb.save(str(path))
    _assert_form(read_inputs([path]), "养老机构!B4")


def test_ods(tmp_path):
    import pandas as pd

    path = tmp_path / "报送.ods"
    pd.DataFrame(_form_rows()).to_excel(path, engine="odf", sheet_name="养老机构", header=False, index=False)
    _assert_form(read_inputs([path]), "养老机构!B4")


def test_html_table_saved_as_xls(tmp_path):
    html = """<html><head><meta charset="gbk"></head><body>
    <table border=1>
      <tr><td colspan=4>2024年养老机构情况</td></tr>
      <tr><th rowspan=2>机构名称</th><th colspan=2>床位数（张）</th><th rowspan=2>是否内设医疗机构</th></tr>
      <tr><th>总数</th><th>其中：护理型</th></tr>
      <tr><td>福寿园</td><td>120</td><td>60</td><td>√</td></tr>
      <tr><td>康乐院&amp;颐养</td><td>80</td><td>—</td><td>×</td></tr>
      <tr><td>合计</td><td>200</td><td>60</td><td></td></tr>
    </table></body></html>"""
    path = tmp_path / "导出.xls"
    path.write_bytes(html.encode("gb18030"))
    ds = read_inputs([path])
    df = ds.frame("elderly_institutions")
    assert df["name"].tolist() == ["福寿园", "康乐院&颐养"]
    assert df["beds"].tolist() == [120, 80] and df["nursing_beds"].tolist()[0] == 60
    assert df["has_medical_unit"].tolist() == [True, False]
    assert ds.tables[0].location(5, "name") == "导出!A5"


def test_html_without_a_table_is_refused(tmp_path):
    path = tmp_path / "page.xls"
    path.write_text("<html><body><p>登录已过期</p><table></table></body></html>", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_inputs([path])
    assert err.value.key == "input.html_no_table"


def test_zip_bomb_is_refused_before_inflating(tmp_path, monkeypatch):
    import zipfile

    from yiyang_cli.reader import formats

    monkeypatch.setattr(formats, "MAX_UNCOMPRESSED", 1 << 20)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("xl/worksheets/sheet1.xml", "w") as fh:
        for _ in range(8):
            fh.write(b"\0" * (1 << 20))
    before = path.read_bytes()
    with pytest.raises(InputError) as err:
        read_inputs([path])
    assert err.value.key == "input.zip_bomb" and err.value.args_["size"] == 8
    assert path.read_bytes() == before


def test_unknown_header_gets_a_suggestion_and_missing_fields_name_the_headers_seen(tmp_path):
    import datetime as dt

    from yiyang_cli import check

    path = write_csv(
        tmp_path / "养老机构.csv", ["机构名称,床位数（张）,是否与医疗机构签订协议,联系电话", "甲院,120,是,123"]
    )
    result = check([path], "yiwu-2023", dt.date(2024, 1, 1), None)
    hints = [d.to_dict("zh") for d in result.data_issues if d.code == "unknown_header"]
    assert hints == [
        {
            "severity": "warning",
            "code": "unknown_header",
            "location": "养老机构.csv:1",
            "message": "列“是否与医疗机构签订协议”未识别，是否为“是否与医疗卫生机构签约合作”"
            "（signed_medical_cooperation）？可用 --mapping 指定",
        }
    ]
    signing = next(i for i in result.to_dict("zh")["indicators"] if i["id"] == "elderly_institution_signing_rate")
    assert signing["status"] == "no_data"
    assert signing["reason"] == (
        "缺少所需字段：养老机构·是否与医疗卫生机构签约合作（signed_medical_cooperation）。"
        "表中未识别的列：是否与医疗机构签订协议、联系电话（可用 --mapping 指定表头）"
    )


def test_missing_cells_are_counted_by_kind(tmp_path):
    path = write_csv(
        tmp_path / "养老机构.csv", [HEADER, "甲院,某镇,—,/,是,是,", "乙院,某镇,,…,是,是,", "丙院,某镇,不详,－,否,否,"]
    )
    table = read_inputs([path]).tables[0].describe()
    assert table["missing_cells"]["beds"] == {"dash": 1, "blank": 1, "unknown": 1}
    assert table["missing_cells"]["nursing_beds"] == {"slash": 1, "ellipsis": 1, "dash": 1}
    assert table["missing_cells"]["satisfaction"] == {"blank": 3}


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("2024年3月", "2024-03-01"),
        ("2024.03", "2024-03-01"),
        ("2024-03-15", "2024-03-15"),
        ("2024/3/5", "2024-03-05"),
        ("2024年3月5日", "2024-03-05"),
        ("45366", "2024-03-15"),
        ("2019", "2019-01-01"),
    ],
)
def test_dates(tmp_path, raw, expected):
    path = write_csv(tmp_path / "养老机构.csv", ["机构名称,床位数,开业时间", f"甲院,10,{raw}"])
    df = read_inputs([path]).frame("elderly_institutions")
    assert df["opened"].dt.strftime("%Y-%m-%d").tolist() == [expected]


def test_a_number_too_large_for_a_float_is_an_unreadable_cell_not_infinity(tmp_path, cli):
    """400 digits overflow a float to inf: the cell is a data issue and the JSON stays valid (no Infinity)."""
    import json

    path = write_csv(
        tmp_path / "养老机构.csv", [HEADER, f"福寿园,佛堂镇,{'9' * 400},60,是,是,95%", "康乐院,赤岸镇,100,50,否,是,90%"]
    )
    ds = read_inputs([path])
    assert [(d.code, d.location) for d in ds.issues] == [("bad_value", "养老机构.csv:2")]
    done = cli("check", path, "--plan", "yiwu-2023", "--as-of", "2025-12-31", "--format", "json")
    assert "Infinity" not in done.stdout and "NaN" not in done.stdout
    json.loads(done.stdout)


def test_category_spellings_read_as_the_known_category(tmp_path):
    """Width, spaces and line breaks do not make a new category; unknown categories stay as written."""
    path = write_csv(
        tmp_path / "医疗卫生机构.csv",
        [
            "机构名称,机构类别",
            "甲,乡镇 卫生院",
            "乙,社区卫生服务中心(站)",
            '丙,"中医\n院"',
            "丁,综合医院",
            "戊,民营门诊部",
        ],
    )
    df = frame(read_inputs([path]), "medical_institutions")
    assert df["category"].tolist() == ["乡镇卫生院", "社区卫生服务中心", "中医医院", "综合医院", "民营门诊部"]


def test_full_width_grades_read_as_grades(tmp_path):
    path = write_csv(
        tmp_path / "社区养老服务设施.csv",
        [
            "设施名称,设施类型,等级评定",
            "甲站,居家养老服务站,ＡＡ 级",
            "乙站,居家养老服务站,AAA",
            "丙站,居家养老服务站,Ａ",
        ],
    )
    df = frame(read_inputs([path]), "community_care_centres")
    assert df["star_rating"].tolist() == ["AA", "AAA", "A"]
