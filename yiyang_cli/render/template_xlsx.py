"""Writing the data-collection workbook (template.py decides what it says) with xlsxwriter."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any, BinaryIO

from ..template import InstructionRow, SheetSpec, SheetView, TemplateView, display_width
from .sanitize import XLSX_OPTIONS

MAX_ROW = 1_048_575  # the last row of a worksheet (0-based): validations cover every data row


class _Formats:
    def __init__(self, wb: Any):
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.heading = wb.add_format({"bold": True, "font_size": 12, "bottom": 1})
        self.key = wb.add_format({"bold": True, "valign": "top", "font_color": "#444444"})
        self.text = wb.add_format({"text_wrap": True, "valign": "top"})
        self.name = wb.add_format({"text_wrap": True, "valign": "top", "bold": True})
        self.quote = wb.add_format({"text_wrap": True, "valign": "top", "italic": True, "font_color": "#333333"})
        self.header = wb.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
                "bg_color": "#DDEBF7",
                "border": 1,
            }
        )
        self.date = wb.add_format({"num_format": "yyyy-mm-dd"})
        self.numbers: dict[str, Any] = {}
        self._wb = wb

    def number(self, num_format: str) -> Any:
        if num_format not in self.numbers:
            self.numbers[num_format] = self._wb.add_format({"num_format": num_format})
        return self.numbers[num_format]


def build_workbook(
    view: TemplateView, target: str | Path | BinaryIO, rows: dict[str, list[dict[str, Any]]] | None = None
) -> tuple[SheetSpec, ...]:
    """Write the template to a path or binary stream; returns its data sheets.

    `rows` (entity id -> rows of {field id: value}) fills the data sheets below the headers;
    the tests use it to fill a template exactly as a bureau would.
    """
    import xlsxwriter

    options = {"in_memory": True, **XLSX_OPTIONS}
    wb = xlsxwriter.Workbook(target, options)
    wb.set_properties(
        {
            "title": view.title,
            "subject": view.plan_id,
            "author": "yiyang",
            "comments": f"yiyang template --plan {view.plan_id}",
        }
    )
    wb.set_custom_property("yiyang_plan", view.plan_id)
    formats = _Formats(wb)
    _instructions(wb, formats, view)
    for sheet, spec in zip(view.sheets, view.specs):
        _data_sheet(wb, formats, sheet, (rows or {}).get(spec.entity.id, []))
    wb.close()
    return view.specs


def _instructions(wb: Any, fm: _Formats, view: TemplateView) -> None:
    ws = wb.add_worksheet(view.instructions_name)
    ws.set_column(0, 0, view.key_width)
    ws.set_column(1, 1, 100)
    for row, line in enumerate(view.instructions):
        _instruction(ws, fm, row, line)


def _instruction(ws: Any, fm: _Formats, row: int, line: InstructionRow) -> None:
    if line.style in ("title", "heading"):
        ws.write_string(row, 0, line.key, getattr(fm, line.style))
    elif line.style != "blank":
        ws.write_string(row, 0, line.key, fm.key)
        ws.write_string(row, 1, line.text, getattr(fm, line.style))
        lines = sum(max(1, math.ceil(display_width(part) / 96)) for part in line.text.split("\n"))
        if lines > 1:
            ws.set_row(row, 15 * lines + 3)


def _data_sheet(wb: Any, fm: _Formats, sheet: SheetView, rows: list[dict[str, Any]]) -> None:
    ws = wb.add_worksheet(sheet.name)
    lines = 1
    for c, col in enumerate(sheet.columns):
        ws.set_column(c, c, col.width, fm.number(col.num_format))
        ws.write_string(0, c, col.header, fm.header)
        lines = max(lines, math.ceil(display_width(col.header) / max(1, col.width - 2)))
        # A note box is about 40 narrow characters wide at this scale and 5 lines tall at scale 1.
        note_lines = sum(max(1, math.ceil(display_width(part) / 40)) for part in col.note.split("\n"))
        ws.write_comment(
            0, c, col.note, {"author": "yiyang", "x_scale": 2.2, "y_scale": max(1.0, round(note_lines / 5 + 0.2, 1))}
        )
        if col.validation:
            ws.data_validation(1, c, MAX_ROW, c, col.validation)
    ws.set_row(0, 15 * min(lines, 4) + 6)
    ws.freeze_panes(1, 1)
    for r, values in enumerate(rows, start=1):
        for c, col in enumerate(sheet.columns):
            value = values.get(col.field_id)
            if value is None:
                continue
            if isinstance(value, (dt.date, dt.datetime)):
                ws.write_datetime(r, c, value, fm.date)
            else:
                ws.write(r, c, value)
