"""The table of input formats: every entry is a module with the format interface, a file is read by
the module its suffix and contents call for, and a format module is imported only when used."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from yiyang_cli.errors import InputError
from yiyang_cli.reader import formats

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("module", sorted({*formats.FORMATS.values(), formats.HTML}))
def test_every_format_module_offers_sheets(module):
    assert callable(importlib.import_module(f"yiyang_cli.reader.{module}").sheets)


@pytest.mark.parametrize(
    ("name", "data", "module"),
    [
        ("a.csv", b"x,y\n", "csvfile"),
        ("a.TSV", b"x\ty\n", "csvfile"),
        ("a.txt", b"x\ty\n", "csvfile"),
        ("a.xls", b"\xef\xbb\xbf <html><table><tr><td>x</td></tr></table></html>", "htmlfile"),
        ("a.xlsx", (ROOT / "sample_data" / "yiwu-2023.xlsx").read_bytes(), "excel"),
        ("a.ods", b"PK\x03\x04 not really", "excel"),
    ],
)
def test_a_file_is_read_by_the_module_its_suffix_and_contents_call_for(name, data, module):
    assert formats.format_for(Path(name), data).__name__ == f"yiyang_cli.reader.{module}"


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("a.json", b"{}", "input.unknown_format"),
        ("a", b"x", "input.unknown_format"),
        ("a.xlsx", b"", "input.empty"),
        ("a.xlsx", formats.CFB_MAGIC + b"\0" * 504, "input.password"),
    ],
)
def test_files_no_format_reads_are_refused_before_any_library_opens_them(name, data, key):
    with pytest.raises(InputError) as err:
        formats.format_for(Path(name), data)
    assert err.value.key == key


def test_reading_a_csv_imports_no_workbook_library(tmp_path):
    path = tmp_path / "养老机构.csv"
    path.write_text("机构名称,乡镇（街道）,床位数（张）\n福寿园,佛堂镇,120\n", encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from yiyang_cli.reader import read_inputs; "
        "read_inputs([Path(sys.argv[1])]); "
        "print(sorted(m for m in ('python_calamine', 'fastexcel', 'yiyang_cli.reader.excel', "
        "'yiyang_cli.reader.xlsx_arrow', 'yiyang_cli.reader.htmlfile') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
