"""The HTML-as-.xls format: tables in an HTML page saved with an .xls name, as many government
systems export them.

Excel opens these as a worksheet, so yiyang reads each <table> into rows the same way, placing
cells on a grid that honours colspan and rowspan and reporting those spans as merged ranges. The
first table is named after the file, the others `name#2`, `name#3`… (`formats.py` decides that a
file is such a page.)
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..result import DataIssue
from .charset import decode_text
from .dataset import MergedRange, RawSheet

MAX_SPAN = 200

Grid = dict[tuple[int, int], str]


def sheets(path: Path, data: bytes, issues: list[DataIssue]) -> Iterator[RawSheet]:
    tables = read_tables(decode_text(data, path))
    for n, (rows, merged) in enumerate(tables):
        yield RawSheet(path.stem if n == 0 else f"{path.stem}#{n + 1}", rows, False, merged)
    if not tables:
        raise InputError("input.html_no_table", str(path))


def read_tables(text: str) -> list[tuple[list[list[str]], list[MergedRange]]]:
    """Every table in the document: (rows of cell texts, merged ranges as ((r1, c1), (r2, c2)))."""
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    return parser.tables


class _Cell:
    def __init__(self, colspan: int, rowspan: int):
        self.text: list[str] = []
        self.colspan, self.rowspan = colspan, rowspan


class _Table:
    """A table being parsed: the cells placed so far, its merged ranges, the open row and cell."""

    def __init__(self) -> None:
        self.grid: Grid = {}
        self.merged: list[MergedRange] = []
        self.row = -1
        self.cell: _Cell | None = None

    def place(self) -> None:
        """Put the open cell in the first free column of its row, over its spans."""
        cell, r = self.cell, self.row
        assert cell is not None
        self.cell = None
        c = 0
        while (r, c) in self.grid:
            c += 1
        text = "".join(cell.text).strip()
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                self.grid[(r + dr, c + dc)] = text if (dr, dc) == (0, 0) else ""
        if cell.rowspan > 1 or cell.colspan > 1:
            self.merged.append(((r, c), (r + cell.rowspan - 1, c + cell.colspan - 1)))

    def rows(self) -> list[list[str]]:
        height = max(r for r, _ in self.grid) + 1
        width = max(c for _, c in self.grid) + 1
        return [[self.grid.get((r, c), "") for c in range(width)] for r in range(height)]


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[list[str]], list[MergedRange]]] = []  # (rows, merged ranges)
        self._stack: list[_Table] = []  # tables within tables: the innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._stack.append(_Table())
        elif not self._stack:
            return
        elif tag == "tr":
            self._stack[-1].row += 1
        elif tag in ("td", "th"):
            t = self._stack[-1]
            if t.row < 0:
                t.row = 0
            a = dict(attrs)
            t.cell = _Cell(_span(a.get("colspan")), _span(a.get("rowspan")))
        elif tag == "br" and self._stack[-1].cell is not None:
            self._stack[-1].cell.text.append("\n")

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1].cell is not None:
            self._stack[-1].cell.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            return
        t = self._stack[-1]
        if tag in ("td", "th") and t.cell is not None:
            t.place()
        elif tag == "table":
            if t.cell is not None:
                t.place()
            self._stack.pop()
            if t.grid:
                self.tables.append((t.rows(), t.merged))


def _span(value: str | None) -> int:
    """A colspan or rowspan attribute: 1 when absent or not a number, never above MAX_SPAN."""
    if value is None:
        return 1
    try:
        return max(1, min(MAX_SPAN, int(value)))
    except ValueError:
        return 1
