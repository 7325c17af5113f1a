"""What was read: the raw sheets a format module gives, and the typed tables made of them.

A format module (see `formats.py`) turns a file into `RawSheet`s, cells as the file holds them;
`recognise.py` turns each raw sheet that is a known form into a `Table`; a `Dataset` is every
table of one submission with the data issues found on the way.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict, Union

from ..fields import ENTITIES
from ..result import DataIssue, InputInfo

if TYPE_CHECKING:
    import pandas as pd

    from .xlsx_arrow import ArrowRows

Cell = Any  # a cell as its reader gives it: str, float, int, bool, date, datetime, time or None
# A merged range of cells, ((first row, first column), (last row, last column)), all from 0.
MergedRange = tuple[tuple[int, int], tuple[int, int]]
# A sheet's rows from its first row and column A: lists of cells, or Arrow columns that answer the
# same questions (a large .xlsx sheet, see `xlsx_arrow.ArrowRows`).
Rows = Union[list[list[Cell]], "ArrowRows"]


class SkippedRow(TypedDict):
    """A row of a sheet that was not read as a unit, and why (reported in the JSON's `inputs`)."""

    row: int  # 1-based
    reason: str  # above_header, column_codes, units, total, sub_item, footer


class RawSheet(NamedTuple):
    """One sheet as a format module reads it, before anything in it is recognised."""

    name: str  # the sheet's name; a CSV's file stem
    rows: Rows
    is_csv: bool  # text cells only, and located by line (`file.csv:12`) rather than cell
    merged: list[MergedRange]


@functools.lru_cache(maxsize=1024)
def col_letter(index: int) -> str:
    """The spreadsheet letters of a column from 0: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class Table:
    entity: str
    source: str
    sheet: str | None  # None for CSV
    header_row: int  # 1-based
    columns: dict[str, int]  # field id -> 0-based column
    frame: pd.DataFrame  # typed field columns and `_row` (1-based)
    skipped: list[SkippedRow] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    header_depth: int = 1  # rows in the header band (merged two- or three-row headers)
    missing_cells: dict[str, dict[str, int]] = field(default_factory=dict)  # field -> {blank|dash|…: n}

    def location(self, row: int, field_id: str | None = None) -> str:
        if self.sheet is None:
            return f"{self.source}:{row}"
        ent = ENTITIES[self.entity]
        col = self.columns.get(field_id or ent.label_field, min(self.columns.values(), default=0))
        return f"{self.sheet}!{col_letter(col)}{row}"

    def describe(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "entity": self.entity,
            "header_row": self.header_row,
            "header_rows": self.header_depth,
            "rows": int(len(self.frame)),
            "fields": sorted(self.columns),
            "missing_cells": self.missing_cells,
            "skipped_rows": self.skipped,
            "ignored_headers": self.ignored_headers,
        }


@dataclass
class Dataset:
    tables: list[Table]
    issues: list[DataIssue]
    inputs: list[InputInfo]

    def frame(self, entity: str) -> pd.DataFrame | None:
        """All rows of an entity, with `_t` (table index) and `_row` for locating them."""
        import pandas as pd

        parts = []
        for i, t in enumerate(self.tables):
            if t.entity == entity:
                parts.append(t.frame.assign(_t=i))
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return pd.concat(parts, ignore_index=True)

    def location(self, t: int, row: int, field_id: str | None = None) -> str:
        return self.tables[t].location(row, field_id)
