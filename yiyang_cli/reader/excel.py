"""The workbook format: .xlsx .xlsm .xlsb .xls .ods, read with python-calamine.

Every worksheet is a sheet (chart and macro sheets are not), in the workbook's order; a hidden one
is read too, with a warning, since a hidden sheet still counts in the figures someone submitted. A
large .xlsx sheet is read as Arrow columns instead (`xlsx_arrow`): the same cells, several times
faster; python-calamine then opens the workbook only if a small sheet is left to read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..result import DataIssue
from .dataset import RawSheet

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook


def sheets(path: Path, data: bytes, issues: list[DataIssue]) -> Iterator[RawSheet]:
    from .xlsx_arrow import FastWorkbook

    fast = FastWorkbook.open(data, path.suffix.lower())  # None unless a sheet is large enough to be read as columns
    wb = None
    if fast is not None:
        names = fast.sheets
    else:
        import python_calamine as pc

        wb = _open_workbook(path, data)
        names = [
            (m.name, m.visible == pc.SheetVisibleEnum.Visible)
            for m in wb.sheets_metadata
            if m.typ == pc.SheetTypeEnum.WorkSheet
        ]
    for name, visible in names:
        if not visible:
            issues.append(
                DataIssue("warning", "hidden_sheet", "issue.hidden_sheet", {"sheet": name}, f"{path.name}!{name}")
            )
        columnar = fast.read(name) if fast is not None else None
        if columnar is not None:  # a large sheet, read as Arrow columns: the same cells, faster
            yield RawSheet(name, columnar, False, columnar.merged)
            continue
        if wb is None:
            wb = _open_workbook(path, data)
        try:
            sheet = wb.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except Exception as exc:  # a single corrupt sheet is reported, the others still read
            issues.append(
                DataIssue(
                    "error", "bad_sheet", "issue.bad_sheet", {"sheet": name, "reason": str(exc)[:200]}, f"{path.name}"
                )
            )
            continue
        yield RawSheet(name, rows, False, merged)


def _open_workbook(path: Path, data: bytes) -> CalamineWorkbook:
    """python-calamine's workbook; a password or a damaged file is the user's input error."""
    import python_calamine as pc

    try:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise InputError("input.password", str(path)) from None
    except Exception as exc:  # calamine raises several error types for corrupt files
        raise InputError("input.bad_workbook", str(path), reason=str(exc)[:200]) from None
