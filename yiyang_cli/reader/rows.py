"""Which rows under a form's header are units, and which are the form's own furniture.

Under the header a form may have a column-code row (`甲 乙 1 2 3`) or a unit row (`（张） （人）`),
合计/小计 totals, 其中 sub-item rows (parts of the unit above, not units) and a footer
(填表人, 说明…) that ends the table. Each is skipped with its reason, so that the reading can be
audited; a 合计 (not a 小计) is kept aside to be reconciled with the rows read.

A body is read by columns (`Body`): `_Columns` over rows held as lists of cells, or
`xlsx_arrow.ArrowBody` over a large sheet held as Arrow columns.
"""

from __future__ import annotations

import operator
import re
from typing import TYPE_CHECKING, Protocol

from .dataset import Cell, Rows, SkippedRow
from .values import cells_matching, factorize_cells, norm_text

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    BoolArray = npt.NDArray[np.bool_]
    IntArray = npt.NDArray[np.int64]
    ObjectArray = npt.NDArray[np.object_]

_TOTAL = re.compile(r"^(全[市县区州省镇]|总|各[镇乡])?(合计|总计|小计|总数)$")
SUBITEM = re.compile(r"^其中[:：]?")  # also a header's child: `其中：护理型` under `床位数`
_FOOTER = re.compile(r"^(单位负责人|填表人|制表人|统计负责人|审核人|报出日期|填报日期|说明|注[:：]|备注[:：])")
_CODE_CELLS = set("甲乙丙丁戊己庚辛壬癸")
# A character that every 合计/总计/小计/总数, 其中 and footer (单位负责人, 填表人, 说明, 注…) contains.
_TRIGGER = re.compile("[计其总负填制统审报说注备]")
_UNITS = {"张", "人", "个", "所", "家", "名", "万元", "元", "%", "％", "岁", "年", "次", "床", "间", "户", "平方米"}


class Body(Protocol):
    """The rows under a header, by column; rows and columns counted from the body's first row and
    column A."""

    n: int  # rows
    width: int  # columns

    def filled(self, j: int) -> BoolArray:
        """Which cells of column j hold anything."""
        ...

    def matching(self, j: int, at: IntArray, pattern: re.Pattern[str]) -> BoolArray:
        """For the rows `at`: which cells of column j hold a match of a single-character pattern."""
        ...

    def row_lists(self, idx: IntArray | list[int]) -> list[list[Cell]]:
        """The rows `idx` as lists of cells."""
        ...

    def factorize(self, j: int, keep: IntArray, ftype: str) -> tuple[IntArray, ObjectArray]:
        """Column j's cells in the rows `keep`: (codes, distinct values), -1 for an empty cell."""
        ...


def body_of(rows: Rows, first: int, typed: bool) -> Body:
    """The rows from `first` on, by column (`typed`: cells as python-calamine gives them; False:
    all text, as in a CSV)."""
    if isinstance(rows, list):
        return _Columns(rows[first:], typed=typed)
    return rows.body(first)


def classify_rows(
    body: Body, first_data: int, label_col: int | None, skipped: list[SkippedRow], grand_totals: list[int]
) -> IntArray:
    """Which rows below the header are units: their row indices in the sheet.

    A row is decided by its first three filled cells and its name cell: a column-code or unit row
    right under the header, a 合计/小计 total, an 其中 sub-item, a footer (which ends the table) or
    data. Almost every row is data, so the work is done on whole columns: which cells are filled,
    which rows' deciding cells hold a character of those words at all; only those few rows, and the
    rows before the first data row, are looked at one by one. Skipped rows go to `skipped`, the
    sheet rows of 合计 totals to `grand_totals`.
    """
    import numpy as np

    n, width = body.n, body.width
    if not n:
        return np.zeros(0, dtype=np.int64)
    # Rows whose first three cells are filled (nearly all data rows) are decided by those cells
    # and the name cell, on whole columns; the others one by one.
    lead = list(range(min(3, width)))
    complete = np.ones(n, dtype=bool) if len(lead) == 3 else np.zeros(n, dtype=bool)
    for j in lead:
        complete &= body.filled(j)
    trigger = np.zeros(n, dtype=bool)
    nonempty = complete.copy()
    at = np.flatnonzero(complete)
    deciding = lead + ([label_col] if label_col is not None and 3 <= label_col < width else [])
    for j in deciding:
        trigger[at[body.matching(j, at, _TRIGGER)]] = True
    incomplete = np.flatnonzero(~complete)
    for k, row in zip(incomplete, body.row_lists(incomplete)):
        cells = [c for c in row[:3] if c is not None and c != ""]
        if len(cells) < 3:
            cells = [c for c in row if c is not None and c != ""][:3]
        if not cells:
            continue
        nonempty[k] = True
        if label_col is not None and label_col < width:
            cells.append(row[label_col])
        trigger[k] = bool(_TRIGGER.search("\n".join(c for c in cells if isinstance(c, str))))

    keep: list[int] = []
    # Up to the first data row: column codes and units may sit under the header.
    i = 0
    while i < n and not keep:
        if nonempty[i]:
            row = body.row_lists([i])[0]
            texts = [_cell_text(c) for c in row if c is not None and c != ""]
            if _is_code_row(texts):
                skipped.append({"row": first_data + i + 1, "reason": "column_codes"})
            elif _is_unit_row(texts):
                skipped.append({"row": first_data + i + 1, "reason": "units"})
            else:
                verdict = _decide(row, first_data + i, label_col, skipped, grand_totals) if trigger[i] else "keep"
                if verdict == "keep":
                    keep.append(i)
                elif verdict == "footer":
                    return _footer(np.array(keep, dtype=np.int64), i, nonempty, first_data, skipped)
        i += 1
    special = [int(k) for k in np.flatnonzero(nonempty & trigger) if k >= i]
    plain = np.flatnonzero(nonempty & ~trigger)
    plain = plain[plain >= i]
    for r, row in zip(special, body.row_lists(special)):
        verdict = _decide(row, first_data + r, label_col, skipped, grand_totals)
        if verdict == "keep":
            keep.append(r)
        elif verdict == "footer":
            rows_kept = np.sort(np.concatenate([np.array(keep, dtype=np.int64), plain[plain < r]]))
            return _footer(rows_kept, r, nonempty, first_data, skipped)
    return np.sort(np.concatenate([np.array(keep, dtype=np.int64), plain])) + first_data


class _Columns:
    """The body's rows (lists of cells, from python-calamine or a CSV) by column, each column taken
    from the rows only when first asked for: a plan needs a handful of a form's columns, and
    transposing all of them cost more than reading. `xlsx_arrow.ArrowBody` answers the same questions
    for a sheet held as Arrow columns."""

    def __init__(self, rows: list[list[Cell]], typed: bool = True):
        import numpy as np

        self.rows, self.n = rows, len(rows)
        self.cache: dict[int, ObjectArray] = {}
        self.typed = typed  # cells as python-calamine gives them; False: all text (CSV), no booleans
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        self.width = int(lengths.max()) if len(rows) else 0
        for k in np.flatnonzero(lengths < self.width):  # ragged CSV lines (a short 合计 line): pad only those
            rows[k] = _pad(rows[k], self.width)

    def __getitem__(self, j: int) -> ObjectArray:
        import numpy as np

        if j not in self.cache:
            out = np.empty(len(self.rows), dtype=object)
            out[:] = list(map(operator.itemgetter(j), self.rows))
            self.cache[j] = out
        return self.cache[j]

    def filled(self, j: int) -> BoolArray:
        import numpy as np

        col = self[j]
        empty = np.equal(col, None) | (col == "")  # type: ignore[call-overload]  # numpy's stubs: no None
        return ~empty

    def matching(self, j: int, at: IntArray, pattern: re.Pattern[str]) -> BoolArray:
        return cells_matching(self[j][at], pattern)

    def row_lists(self, idx: IntArray | list[int]) -> list[list[Cell]]:
        return [self.rows[k] for k in idx]

    def factorize(self, j: int, keep: IntArray, ftype: str) -> tuple[IntArray, ObjectArray]:
        import numpy as np

        if j >= self.width:
            return np.full(len(keep), -1, dtype=np.int64), np.empty(0, dtype=object)
        return factorize_cells(self[j][keep], may_hold_bools=self.typed)


def _decide(row: list[Cell], r: int, label_col: int | None, skipped: list[SkippedRow], grand_totals: list[int]) -> str:
    """keep, footer or skipped, for a row whose deciding cells hold a character of a total/sub-item/footer word."""
    lead3 = [c for c in row if c is not None and c != ""][:3]
    lead_raw = [c for c in lead3 if isinstance(c, str)]
    if label_col is not None and label_col < len(row) and isinstance(row[label_col], str) and row[label_col]:
        lead_raw.append(row[label_col])
    lead = [_cell_text(c) for c in lead_raw]
    if isinstance(lead3[0], str) and _FOOTER.match(_cell_text(lead3[0])):
        return "footer"
    if any(_TOTAL.match(t) for t in lead):
        skipped.append({"row": r + 1, "reason": "total"})
        if not any("小计" in t for t in lead):
            grand_totals.append(r)
        return "skipped"
    if any(SUBITEM.match(t) for t in lead):
        skipped.append({"row": r + 1, "reason": "sub_item"})
        return "skipped"
    return "keep"


def _footer(kept: IntArray, at: int, nonempty: BoolArray, first_data: int, skipped: list[SkippedRow]) -> IntArray:
    """A footer line ends the table: it and every filled row after it are skipped."""
    import numpy as np

    skipped.extend({"row": first_data + int(k) + 1, "reason": "footer"} for k in np.flatnonzero(nonempty[at:]) + at)
    return kept + first_data


def _cell_text(value: Cell) -> str:
    if type(value) is float and value.is_integer():
        value = int(value)  # python-calamine gives the number 1 as 1.0: the column code `1`, not `1.0`
    return norm_text(str(value)).replace(" ", "")


def _pad(row: list[Cell], width: int) -> list[Cell]:
    return (row + [None] * (width - len(row)))[:width] if len(row) != width else row


def _is_unit_row(texts: list[str]) -> bool:
    """`（张） （人） %` under the header: units, not data."""
    return all(re.sub(r"^单位[:：]|[()（）]", "", t) in _UNITS for t in texts)


def _is_code_row(texts: list[str]) -> bool:
    """`甲 乙 丙 1 2 3` under the header: column codes, not data."""
    digits = [t for t in texts if t.isdigit()]
    codes = [t for t in texts if t in _CODE_CELLS]
    if len(digits) + len(codes) != len(texts) or len(texts) < 2:
        return False
    nums = [int(float(t)) for t in digits]
    return nums == list(range(nums[0], nums[0] + len(nums))) if nums else True
