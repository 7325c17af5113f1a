"""What every sample workbook shares: a sheet laid out as a printed statistical form."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import xlsxwriter

YES = ["是", "是", "是", "√", "有"]
NO = ["否", "否", "×", "无"]


def new_workbook(path: Path) -> xlsxwriter.Workbook:
    """A workbook whose bytes depend only on its content: a fixed creation time, so rebuilding the
    samples changes nothing that git can see."""
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": dt.datetime(2025, 1, 1)})
    return wb


def yes_no(rng: random.Random, value: bool) -> str:
    """A yes/no cell in one of the spellings people use."""
    return rng.choice(YES if value else NO)


def write_form(
    wb, sheet_name: str, title: str, headers: list[str], rows: list[list], total: list | None, reporter: str
) -> None:
    """One sheet laid out as a printed statistical form."""
    ws = wb.add_worksheet(sheet_name)
    title_fmt = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    head_fmt = wb.add_format({"bold": True, "text_wrap": True, "border": 1, "align": "center", "valign": "vcenter"})
    cell_fmt = wb.add_format({"border": 1})
    width = len(headers) + 1
    ws.merge_range(0, 0, 0, width - 1, title, title_fmt)
    ws.write(1, 0, reporter)
    ws.write_row(2, 0, ["序号"] + headers, head_fmt)
    ws.set_row(2, 32)
    for i, row in enumerate(rows, start=1):
        ws.write_row(2 + i, 0, [i] + row, cell_fmt)
    last = 2 + len(rows)
    if total is not None:
        ws.write_row(last + 1, 0, ["合计"] + total, cell_fmt)
        last += 1
    ws.write(last + 2, 0, "单位负责人：          填表人：          报出日期：")
    ws.freeze_panes(3, 0)
    ws.set_column(1, 1, 26)
    ws.set_column(2, width, 12)
