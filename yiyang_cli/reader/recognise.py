"""One raw sheet into one typed table, the way a person reads a form.

Find the header below any title rows and map its columns to field ids (`header.py`), tell the units
from the form's furniture under it (`rows.py`), then type every mapped column (`values.py`). Every
skipped row and every unreadable cell is recorded, so the reading can be audited; a 合计 row that
disagrees with the rows read, and figures that cannot be true (`plausibility.py`), are data issues.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..fields import ENTITIES, Entity
from ..result import DataIssue
from . import plausibility
from .dataset import Cell, RawSheet, Rows, SkippedRow, Table, col_letter
from .header import HEADER_SCAN_ROWS, HeaderBand, entity_from_name, find_header, unmatched_headers
from .rows import Body, body_of, classify_rows
from .values import as_shown, category_lookup, convert_codes

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    from .mapping import Mapping

    IntArray = npt.NDArray[np.int64]

MAX_CELL_ISSUES = 20  # per field and table; the rest are counted

_FORMULA_ERROR = re.compile(r"^#(DIV/0!|N/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$")

Locate = Callable[[int, int], str]  # (sheet row, column), both from 0 -> `养老机构!C12` or `file.csv:12`


def recognise(path: Path, sheet: RawSheet, mapping: Mapping, issues: list[DataIssue]) -> Table | None:
    """The table a sheet holds, or None when it holds no form yiyang knows (said in `issues`
    when it looks like one)."""
    import pandas as pd

    source = path.name
    where = source if sheet.is_csv else f"{source}!{sheet.name}"
    named = entity_from_name(sheet.name, mapping)
    band = find_header(sheet.rows, [named] if named else list(ENTITIES), mapping, sheet.merged)
    if band is None or band.fields_matched < 2:
        _unrecognised(sheet, named, issues, where)
        return None
    entity = ENTITIES[band.entity]
    first_data = band.row + band.depth

    def loc(row_idx: int, col: int) -> str:
        return f"{source}:{row_idx + 1}" if sheet.is_csv else f"{sheet.name}!{col_letter(col)}{row_idx + 1}"

    ignored = unmatched_headers(band, mapping, issues, lambda col: loc(first_data - 1, col))
    # Title, form block (表号/制表机关) and reporter lines above the header are listed, not read.
    skipped: list[SkippedRow] = [
        {"row": r + 1, "reason": "above_header"}
        for r in range(band.row)
        if any(c not in (None, "") for c in sheet.rows[r])
    ]
    grand_totals: list[int] = []  # 合计/总计 rows (not 小计), reconciled against the rows below
    body = body_of(sheet.rows, first_data, typed=not sheet.is_csv)
    keep = classify_rows(body, first_data, band.columns.get(entity.label_field), skipped, grand_totals)
    typed_columns, missing_cells = _typed_columns(body, keep, first_data, band, sheet.rows, issues, loc, where)
    # One frame at once, its column labels an object index: with pyarrow installed pandas 3 would
    # hold them as Arrow strings, and every column added or looked up later paid for it.
    frame = pd.DataFrame(typed_columns, columns=pd.Index(list(typed_columns), dtype=object))
    table = Table(
        band.entity,
        source,
        None if sheet.is_csv else sheet.name,
        band.row + 1,
        band.columns,
        frame,
        skipped,
        ignored,
        band.depth,
        missing_cells,
    )
    if not len(keep):
        issues.append(DataIssue("warning", "no_rows", "issue.no_rows", {"entity": entity.zh}, where))
    issues.extend(_reconcile_totals(table, sheet.rows, grand_totals, loc))
    issues.extend(plausibility.check_table(table))
    return table


def _unrecognised(sheet: RawSheet, named: str | None, issues: list[DataIssue], where: str) -> None:
    """Say why a sheet was not read: its name promised a table whose header is not there, or it
    looks like a table nobody could map. A notes or instructions sheet stays quiet."""
    if named:
        issues.append(
            DataIssue(
                "error", "no_header", "issue.no_header", {"sheet": sheet.name, "entity": ENTITIES[named].zh}, where
            )
        )
    elif any(sum(c not in (None, "") for c in row) >= 3 for row in sheet.rows[:HEADER_SCAN_ROWS]):
        issues.append(
            DataIssue("warning", "sheet_unrecognised", "issue.sheet_unrecognised", {"sheet": sheet.name}, where)
        )


def _typed_columns(
    body: Body,
    keep: IntArray,
    first_data: int,
    band: HeaderBand,
    rows: Rows,
    issues: list[DataIssue],
    loc: Locate,
    where: str,
) -> tuple[dict[str, pd.Series], dict[str, dict[str, int]]]:
    """`_row` (1-based) and each mapped field's column of the kept rows, typed; the missing cells
    counted by kind per field. An unreadable cell is a data issue at its cell (the first
    MAX_CELL_ISSUES of a field; the rest are counted)."""
    import pandas as pd

    entity: Entity = ENTITIES[band.entity]
    keep_local = keep - first_data
    typed_columns = {"_row": pd.Series(keep + 1, dtype="int64")}
    missing_cells: dict[str, dict[str, int]] = {}
    for fid, col in band.columns.items():
        f = entity.fields[fid]
        codes, uniques = body.factorize(col, keep_local, f.type)
        typed, bad, missing = convert_codes(codes, uniques, f.type, category_lookup(f))
        typed_columns[fid] = typed
        if missing:
            missing_cells[fid] = missing
        for n, pos in enumerate(bad):
            if n == MAX_CELL_ISSUES:
                issues.append(
                    DataIssue(
                        "warning",
                        "bad_value_truncated",
                        "issue.truncated",
                        {"n": len(bad) - MAX_CELL_ISSUES, "field": f.zh},
                        where,
                    )
                )
                break
            r = int(keep[pos])
            raw_text = shown(rows[r][col])
            code = "formula_error" if _FORMULA_ERROR.match(raw_text.strip()) else "bad_value"
            issues.append(
                DataIssue(
                    "warning", code, f"issue.{code}", {"raw": raw_text, "field": f.zh, "type": f.type}, loc(r, col)
                )
            )
    return typed_columns, missing_cells


def _reconcile_totals(table: Table, rows: Rows, totals: list[int], loc: Locate) -> list[DataIssue]:
    """A 合计 row that disagrees with the sum of the rows read (beyond rounding) is a data issue."""
    from .values import parse_number

    out = []
    entity = ENTITIES[table.entity]
    for r in totals:
        for fid, col in table.columns.items():
            f = entity.fields[fid]
            if f.type not in ("int", "number") or col >= len(rows[r]):
                continue
            total = parse_number(rows[r][col]) if rows[r][col] not in (None, "") else None
            values = table.frame[fid]
            if not isinstance(total, float) or values.isna().any():
                continue  # no total given, or rows with unknown values: nothing to reconcile
            summed = float(values.sum())
            if abs(total - summed) > max(0.5, abs(summed) * 1e-6):
                out.append(
                    DataIssue(
                        "warning",
                        "total_mismatch",
                        "issue.total_mismatch",
                        {"field": f.zh, "total": _plain(total), "sum": _plain(summed)},
                        loc(r, col),
                    )
                )
    return out


def shown(value: Cell) -> str:
    """A cell as a message quotes it, the way Excel shows it: TRUE/FALSE, a date without 00:00:00.
    (A sheet read as Arrow columns has every cell as text: `true`, `2024-03-01 00:00:00`.)"""
    if isinstance(value, bool) or value in ("true", "false"):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # python-calamine gives the number 30 as 30.0
    return as_shown(str(value))


def _plain(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:,.2f}"
