"""Large .xlsx sheets read into Arrow columns (fastexcel), not into a Python object per cell.

python-calamine turns every cell of a sheet into a Python object; for a national-scale form
(100,000 rows and more) that, and recognising the form from those objects, costs as much again as
parsing the file. fastexcel parses the same sheet (with the same Rust calamine) into Arrow string
columns without holding the GIL, and the reader then works on whole columns: which cells are
filled, which hold a character of 合计/其中/填表人, and each column dictionary-encoded so that
every distinct value is parsed once in Python.

The reader sees the same thing either way (see `ArrowRows`): cells as text, empty cells as "",
rows and columns at their place in the sheet. Two facts fastexcel does not give are read from the
sheet's XML: where the used range starts (fastexcel's first row is the first row with a value)
and the merged cells of a multi-row header. Whenever anything here is unsure (no fastexcel or
pyarrow, a workbook laid out unusually, a sheet whose first cell cannot be placed), the sheet is
read the ordinary way instead. It is a faster road to the same result: tests/test_xlsx_columns.py
reads forms both ways and compares everything; the one difference known is how a fraction typed
into a text column prints (`0.00001` here, `1e-05` there).

Only sheets of at least `MIN_SHEET_XML` bytes take this road; small forms are read as before.
`excel.py` asks `FastWorkbook` first and reads with python-calamine what it declines.
"""

from __future__ import annotations

import io
import posixpath
import re
import threading
import zipfile
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, overload

from .dataset import MergedRange

if TYPE_CHECKING:
    import fastexcel
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa

    BoolArray = npt.NDArray[np.bool_]
    IntArray = npt.NDArray[np.int64]

MIN_SHEET_XML = 8 << 20  # uncompressed sheet XML: about 15,000 rows of a ten-column form
_MAX_PART = 16 << 20  # workbook.xml and its relationships are a few KB; more is not a workbook to trust

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb"""\br=["']([A-Z]{1,3})(\d+)["']""")
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v|t)\b[^>]*>[^<]")
_END_DATA = re.compile(rb"</(?:\w+:)?sheetData>|<(?:\w+:)?sheetData\s*/>")
_MERGE = re.compile(rb"""<(?:\w+:)?mergeCell\b[^>]*\bref=["']([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?["']""")


def available() -> bool:
    """Whether fastexcel and pyarrow are installed; neither is imported here (pyarrow alone takes
    0.2 s, which pandas pays anyway on the other thread while the sheet is parsed)."""
    from importlib.util import find_spec

    return find_spec("fastexcel") is not None and find_spec("pyarrow") is not None


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _read_part(zf: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_PART:
        return None
    return zf.read(info)


def sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str, bool]]:
    """The workbook's worksheets in order: (name, zip member holding its XML, visible), read from
    the workbook and its relationships (chart and macro sheets are left out, as the reader does)."""
    import xml.etree.ElementTree as ET

    root_rels = _read_part(zf, "_rels/.rels")
    book = "xl/workbook.xml"
    if root_rels:
        for rel in ET.fromstring(root_rels):
            target = rel.get("Target")
            if rel.get("Type", "").endswith("/officeDocument") and target:
                book = target.lstrip("/")
    folder, base = posixpath.split(book)
    book_xml = _read_part(zf, book)
    rels_xml = _read_part(zf, posixpath.join(folder, "_rels", base + ".rels"))
    if not book_xml or not rels_xml:
        return []
    targets: dict[str | None, str] = {}
    for rel in ET.fromstring(rels_xml):
        if not rel.get("Type", "").endswith("/worksheet"):
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        targets[rel.get("Id")] = path
    out = []
    for el in ET.fromstring(book_xml).iter():
        if el.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if k.rsplit("}", 1)[-1] == "id" and k != "sheetId"), None)
        name = el.get("name")
        if name is not None and rid in targets:
            out.append((name, targets[rid], el.get("state", "visible") == "visible"))
    return out


class _SheetXml:
    """One pass over a sheet's XML, on its own thread (inflating releases the GIL): the first and
    the last cell that hold a value (row, column), and the merged ranges listed after the data.

    The cells are found with a few regular expressions, which is safe for the XML that spreadsheet
    programs write; a sheet holding a comment or a CDATA section is not scanned (the ordinary road
    reads it), and `FastWorkbook.read` checks the two cells against what fastexcel parsed."""

    def __init__(self, zf: zipfile.ZipFile, member: str):
        self.first: tuple[int, int] | None = None
        self.last: tuple[int, int] | None = None
        self.merged: list[MergedRange] = []
        self.ok = False
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._scan, args=(zf, member), daemon=True)
        self.thread.start()

    def _scan(self, zf: zipfile.ZipFile, member: str) -> None:
        from ..threads import yield_to_main

        yield_to_main()
        try:
            self.ok = self._read(zf, member)
        except BaseException as exc:
            self.error = exc

    def _read(self, zf: zipfile.ZipFile, member: str) -> bool:
        pending = b""  # text not yet searched for the first cell (a cell may cross a chunk's end)
        prev = b""  # the previous chunk: the last cells before </sheetData> may be in it
        after: list[bytes] | None = None  # everything after </sheetData>, where <mergeCells> is
        with zf.open(member) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                if after is not None:
                    after.append(chunk)
                    continue
                seam = prev[-64:] + chunk[:64]  # what a search of each chunk alone would miss
                # A comment or CDATA: the regular expressions could misplace a cell. ("!" first: one
                # memchr, where a search for "<!--" stops at every "<".)
                if any(b"!" in text and (b"<!--" in text or b"<![CDATA[" in text) for text in (chunk, seam)):
                    return False
                if self.first is None:
                    rest = self._find_first(pending + chunk)
                    if rest is None:
                        return False
                    pending = rest
                # Plain searches of the chunk (a regex over each held the GIL); both chunks joined
                # only once, when </sheetData> is in sight.
                if b"sheetData" in chunk or b"sheetData" in seam:
                    buf = prev + chunk
                    at = buf.find(b"sheetData", max(0, len(prev) - 64))
                    while at != -1:
                        end = _END_DATA.match(buf, buf.rfind(b"<", 0, at))
                        if end:
                            self.last = self._find_last(buf[: end.start()])
                            after = [buf[end.end() :]]
                            break
                        at = buf.find(b"sheetData", at + 1)
                prev = chunk
        if self.first is None and pending:
            self._find_first(pending + b"</c>")
        text = b"".join(after or [])
        if b"<!--" in text:
            return False
        self.merged = [
            ((int(r1) - 1, _col_index(c1)), (int(r2 or r1) - 1, _col_index(c2 or c1)))
            for c1, r1, c2, r2 in _MERGE.findall(text)
        ]
        return True

    @staticmethod
    def _valued(m: re.Match[bytes]) -> tuple[int, int] | None:
        """The cell a `_CELL` match stands for, if it holds a value: (row, column), or (-1, -1) when
        it has no `r` reference (optional in the format: then nothing can be placed); else None."""
        body = m.group(2)
        if not body or not _HAS_VALUE.search(body):
            return None
        ref = _REF.search(m.group(1))
        return (int(ref.group(2)) - 1, _col_index(ref.group(1))) if ref else (-1, -1)

    def _find_first(self, text: bytes) -> bytes | None:
        """Look for the first cell holding a value; return what is left to search, or None when it
        cannot be placed."""
        last_end = 0
        for m in _CELL.finditer(text):
            last_end = m.end()
            cell = self._valued(m)
            if cell is not None:
                if cell[0] < 0:
                    return None
                self.first = cell
                return b""
        return text[last_end:]

    def _find_last(self, text: bytes) -> tuple[int, int] | None:
        """The last cell holding a value in the text before </sheetData> (None: none there, or it
        cannot be placed). The first cells of `text` may be cut; the last ones are whole."""
        found: tuple[int, int] | None = None
        for m in _CELL.finditer(text, max(0, len(text) - (1 << 16))):
            found = self._valued(m) or found
        if found is None and len(text) > 1 << 16:
            for m in _CELL.finditer(text):
                found = self._valued(m) or found
        return found if found is not None and found[0] >= 0 else None

    def result(self) -> tuple[tuple[int, int] | None, tuple[int, int] | None, list[MergedRange] | None]:
        """(first cell, last cell, merged ranges); merged is None when the scan failed."""
        self.thread.join()
        return self.first, self.last, (self.merged if self.ok and self.error is None else None)


class FastWorkbook:
    """An .xlsx with at least one sheet large enough to be read as Arrow columns; `sheets` lists
    its worksheets (name, visible) in order, so python-calamine need not open it unless a small
    sheet is to be read."""

    def __init__(self, data: bytes, zf: zipfile.ZipFile, sheets: list[tuple[str, bool]], large: dict[str, str]):
        self.data, self.zf, self.sheets, self.parts = data, zf, sheets, large
        self.reader: fastexcel.ExcelReader | None = None

    @classmethod
    def open(cls, data: bytes, suffix: str) -> FastWorkbook | None:
        if suffix not in (".xlsx", ".xlsm") or not data.startswith(b"PK") or not available():
            return None
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            parts = sheet_parts(zf)
            large = {
                name: member
                for name, member, _ in parts
                if member in zf.NameToInfo and zf.getinfo(member).file_size >= MIN_SHEET_XML
            }
        except Exception:
            return None
        return cls(data, zf, [(name, visible) for name, _, visible in parts], large) if large else None

    def read(self, name: str) -> ArrowRows | None:
        """The sheet as `ArrowRows` with its merged ranges, or None to read it the ordinary way."""
        member = self.parts.get(name)
        if member is None:
            return None
        scan = _SheetXml(self.zf, member)
        try:
            import fastexcel

            if self.reader is None:
                self.reader = fastexcel.read_excel(self.data)
            sheet = self.reader.load_sheet(name, header_row=None, dtypes="string")
            columns = sheet.available_columns()
            col0 = columns[0].absolute_index if columns else 0
            batch = sheet.to_arrow()
        except Exception:
            scan.result()  # the scan thread ends before the sheet is read the ordinary way
            return None
        first, last, merged = scan.result()
        if merged is None or (batch.num_rows and (first is None or last is None)):
            return None
        row0 = first[0] if first else 0
        try:
            rows = ArrowRows(batch, row0, col0, merged)
            # fastexcel's rows run from the first row with a value to the last: the XML's first and
            # last values must be at both ends, in their columns. Otherwise, don't guess.
            if (
                batch.num_rows
                and first is not None
                and last is not None
                and (
                    last[0] != row0 + batch.num_rows - 1
                    or not all(col0 <= c < rows.width and rows[r][c] != "" for r, c in (first, last))
                )
            ):
                return None
        except Exception:
            return None
        return rows


class ArrowRows:
    """A sheet held as Arrow string columns, indexed like python-calamine's rows: `rows[i][j]` is the
    cell at row i, column j from A1, "" when empty. Rows are made into lists only when asked for
    (the header band, a 合计 row, an unreadable cell); the body is read by columns (`body`)."""

    HEAD = 40  # rows kept as lists: the header scan looks at the first 30 rows and up to 3 below

    def __init__(self, batch: pa.RecordBatch, row0: int, col0: int, merged: list[MergedRange]):
        self.batch, self.row0, self.col0, self.merged = batch, row0, col0, merged
        self.width = col0 + batch.num_columns
        self.n = row0 + batch.num_rows
        self._head = self._materialise(range(min(self.n, self.HEAD)))

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, i: int) -> list[str]: ...

    @overload
    def __getitem__(self, i: slice) -> list[list[str]]: ...

    def __getitem__(self, i: int | slice) -> list[str] | list[list[str]]:
        if isinstance(i, slice):
            idx = range(*i.indices(self.n))
            if all(k < len(self._head) for k in idx):
                return [self._head[k] for k in idx]
            return self._materialise(idx)
        k = i + self.n if i < 0 else i
        if not 0 <= k < self.n:
            raise IndexError(k)
        return self._head[k] if k < len(self._head) else self._materialise([k])[0]

    def _materialise(self, rows: Iterable[int]) -> list[list[str]]:
        """Rows (sheet indices from 0) as lists of cells from column A."""
        import pyarrow as pa

        idx = list(rows)
        pad = [""] * self.col0
        out: list[list[str]] = []
        inside = [k - self.row0 for k in idx if k >= self.row0]
        taken = self.batch.take(pa.array(inside, type=pa.int64())) if inside else None
        cols = [c.to_pylist() for c in taken.columns] if taken is not None else []
        j = 0
        for k in idx:
            if k < self.row0:
                out.append([""] * self.width)
            else:
                out.append(pad + ["" if c[j] is None else c[j] for c in cols])
                j += 1
        return out

    def body(self, first: int) -> ArrowBody:
        return ArrowBody(self, first)


class ArrowBody:
    """The rows from `first` on, by column: what `rows.classify_rows` and `recognise` ask of a body
    (`rows.Body`)."""

    def __init__(self, rows: ArrowRows, first: int):
        self.rows, self.first = rows, first
        self.n = max(0, rows.n - first)
        self.width = rows.width
        self.skip = max(0, first - rows.row0)  # batch rows above the body
        self.lead = max(0, rows.row0 - first)  # body rows above the batch (empty rows)
        self._matches: dict[int, BoolArray] = {}  # column -> cells holding a character of the trigger words

    def _column(self, j: int) -> pa.Array | None:
        """Column j of the body's batch rows, or None for a column left of the used range."""
        if j < self.rows.col0 or j >= self.width:
            return None
        return self.rows.batch.column(j - self.rows.col0).slice(self.skip)

    def filled(self, j: int) -> BoolArray:
        import numpy as np
        import pyarrow.compute as pc

        out = np.zeros(self.n, dtype=bool)  # rows above the used range (`lead`) are empty
        col = self._column(j)
        if col is not None:
            out[self.lead :] = pc.fill_null(pc.not_equal(col, ""), False).to_numpy(zero_copy_only=False)
        return out

    def matching(self, j: int, at: IntArray, pattern: re.Pattern[str]) -> BoolArray:
        """For the body rows `at`: which cells of column j hold a match of `pattern` (a pattern of
        single characters, like `rows._TRIGGER`)."""
        import numpy as np

        if j not in self._matches:
            col = self._column(j)
            hits = np.zeros(self.n, dtype=bool)
            if col is not None:
                hits[self.lead :] = _cells_matching(col, pattern)
            self._matches[j] = hits
        return self._matches[j][np.asarray(at, dtype=np.int64)]

    def row_lists(self, idx: Sequence[int] | IntArray) -> list[list[str]]:
        """The body rows `idx` as lists of cells."""
        return self.rows._materialise([self.first + int(k) for k in idx])

    def factorize(self, j: int, keep: IntArray, ftype: str = "text") -> tuple[IntArray, npt.NDArray[np.object_]]:
        """Column j's cells in the body rows `keep`: (codes, distinct values), -1 for an empty cell,
        values in order of first appearance, as `pandas.factorize` gives them."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        body_rows = np.asarray(keep, dtype=np.int64) - self.lead
        col = self._column(j)
        if col is None or not len(body_rows):
            return np.full(len(body_rows), -1, dtype=np.int64), np.empty(0, dtype=object)
        inside = body_rows >= 0
        rows = body_rows[inside]
        if len(rows) and rows[-1] - rows[0] == len(rows) - 1:  # contiguous (the usual case): no copy
            cells = col.slice(int(rows[0]), len(rows))
        else:
            cells = col.take(pa.array(rows))
        if ftype == "text":  # names: nearly one value per cell, so encoding them would be work for nothing
            codes = np.arange(len(cells), dtype=np.int64)
            codes[~pc.is_valid(cells).to_numpy(zero_copy_only=False)] = -1
            uniques = pc.fill_null(cells, "").to_numpy(zero_copy_only=False)  # all text: no slow path for None
        else:
            encoded = cells.dictionary_encode()
            codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
            uniques = encoded.dictionary.to_numpy(zero_copy_only=False).astype(object)
        if inside.all():
            return codes, uniques
        out = np.full(len(body_rows), -1, dtype=np.int64)
        out[inside] = codes
        return out, uniques


def _cells_matching(col: pa.Array, pattern: re.Pattern[str]) -> BoolArray:
    """Which cells of an Arrow string column hold a match of a single-character pattern: one regex
    pass over the column's text (its data buffer, decoded once), matches placed in their cells by
    the cells' lengths in characters. Nearly every column has no match at all, and this is several
    times quicker than a regex per cell."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    col = pc.fill_null(col, "")  # a null slot may hold bytes; a filled one holds none
    width = np.int64 if pa.types.is_large_string(col.type) else np.int32
    offsets = np.frombuffer(col.buffers()[1], dtype=width)[col.offset : col.offset + len(col) + 1]
    data = col.buffers()[2]  # None when every cell is empty
    text = data.to_pybytes()[offsets[0] : offsets[-1]].decode("utf-8") if data is not None and len(col) else ""
    hits = np.zeros(len(col), dtype=bool)
    starts = [m.start() for m in pattern.finditer(text)]
    if starts:
        ends = np.cumsum(pc.utf8_length(col).to_numpy(zero_copy_only=False))
        hits[np.searchsorted(ends, starts, side="right")] = True
    return hits
