"""Read submitted spreadsheets into typed tables, one per entity sheet.

A form is read the way a person reads it: find the header row below any title rows, map each
header to a field id through its aliases (or the user's mapping file), skip a column-code row,
合计/小计 rows, 其中 sub-item rows and the footer, then type every column. Every skipped row and
every unreadable cell is recorded, so the reading can be audited.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import operator
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from . import plausibility
from ..errors import InputError
from ..fields import ENTITIES, Entity
from ..result import DataIssue, InputInfo
from .values import as_shown, category_lookup, cells_matching, convert_codes, factorize_cells, norm_text

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
HEADER_SCAN_ROWS = 30
MAX_CELL_ISSUES = 20  # per field and table; the rest are counted

_UNIT_SUFFIX = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]$")
_TOTAL = re.compile(r"^(全[市县区州省镇]|总|各[镇乡])?(合计|总计|小计|总数)$")
_SUBITEM = re.compile(r"^其中[:：]?")
_FOOTER = re.compile(r"^(单位负责人|填表人|制表人|统计负责人|审核人|报出日期|填报日期|说明|注[:：]|备注[:：])")
_CODE_CELLS = set("甲乙丙丁戊己庚辛壬癸")
# A character that every 合计/总计/小计/总数, 其中 and footer (单位负责人, 填表人, 说明, 注…) contains.
_TRIGGER = re.compile("[计其总负填制统审报说注备]")
_FORMULA_ERROR = re.compile(r"^#(DIV/0!|N/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$")


@functools.lru_cache(maxsize=8192, typed=True)  # typed: 1, 1.0 and True print differently
def norm_header(text) -> str:
    """`床位数\n（张）` and `床位数(张)` both become `床位数`; case and width folded. Cached: the
    header search asks for the same few dozen texts thousands of times per sheet."""
    if text is None:
        return ""
    t = norm_text(str(text)).replace(" ", "").replace("\u3000", "")
    while True:
        stripped = _UNIT_SUFFIX.sub("", t)
        if stripped == t or not stripped:
            break
        t = stripped
    t = re.sub(r"^单位[:：]", "", t)
    return t.lower()


def _alias_index(entity: Entity) -> dict[str, str]:
    index: dict[str, str] = {}
    for f in entity.fields.values():
        for alias in (f.id, f.zh, f.en, *f.aliases):
            index.setdefault(norm_header(alias), f.id)
    return index


ALIAS_INDEX = {e.id: _alias_index(e) for e in ENTITIES.values()}


@functools.lru_cache(maxsize=1024)
def col_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # normalised header -> field id
    sheets: dict[str, str] = field(default_factory=dict)  # sheet name or file stem -> entity


@dataclass
class Table:
    entity: str
    source: str
    sheet: Optional[str]  # None for CSV
    header_row: int  # 1-based
    columns: dict[str, int]  # field id -> 0-based column
    frame: object  # pandas DataFrame: typed field columns and `_row` (1-based)
    skipped: list[dict] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    header_depth: int = 1  # rows in the header band (merged two- or three-row headers)
    missing_cells: dict = field(default_factory=dict)  # field -> {blank|dash|slash|ellipsis|unknown: n}

    def location(self, row: int, field_id: Optional[str] = None) -> str:
        if self.sheet is None:
            return f"{self.source}:{row}"
        ent = ENTITIES[self.entity]
        col = self.columns.get(field_id or ent.label_field, min(self.columns.values(), default=0))
        return f"{self.sheet}!{col_letter(col)}{row}"

    def describe(self) -> dict:
        return {"sheet": self.sheet, "entity": self.entity, "header_row": self.header_row,
                "header_rows": self.header_depth,
                "rows": int(len(self.frame)), "fields": sorted(self.columns), "missing_cells": self.missing_cells,
                "skipped_rows": self.skipped, "ignored_headers": self.ignored_headers}


@dataclass
class Dataset:
    tables: list[Table]
    issues: list[DataIssue]
    inputs: list[InputInfo]

    def frame(self, entity: str):
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

    def location(self, t: int, row: int, field_id: Optional[str] = None) -> str:
        return self.tables[t].location(row, field_id)


# ---------------------------------------------------------------- entry point

def read_inputs(paths: list[Path], mapping: Optional[Mapping] = None) -> Dataset:
    mapping = mapping or Mapping()
    tables: list[Table] = []
    issues: list[DataIssue] = []
    inputs: list[InputInfo] = []
    for path in paths:
        data = _read_bytes(path)
        info = InputInfo(str(path), hashlib.sha256(data).hexdigest())
        for sheet_name, rows, is_csv, merged in _raw_sheets(path, data, issues):
            table = _recognise(path, sheet_name, rows, is_csv, mapping, issues, merged)
            if table is not None:
                tables.append(table)
                info.tables.append(table.describe())
        inputs.append(info)
    if not tables:
        raise InputError("input.no_tables", "", files=", ".join(str(p) for p in paths),
                         known=", ".join(f"{e.zh}/{e.id}" for e in ENTITIES.values()))
    return Dataset(tables, issues, inputs)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError("input.not_found", str(path))
    if path.is_dir():
        raise InputError("input.is_dir", str(path))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError("input.unreadable", str(path), reason=exc.strerror or str(exc)) from None


def _raw_sheets(path: Path, data: bytes, issues: list[DataIssue]):
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield path.stem, _csv_rows(path, data, suffix), True, []
        return
    if suffix not in EXCEL_SUFFIXES:
        raise InputError("input.unknown_format", str(path), suffix=suffix or "(none)")
    if not data:
        raise InputError("input.empty", str(path))
    from .htmltable import looks_like_html, read_tables

    if looks_like_html(data):
        # An HTML page saved with an .xls name: read its tables as Excel would show them.
        tables = read_tables(decode_text(data, path))
        for n, (rows, merged) in enumerate(tables):
            yield (path.stem if n == 0 else f"{path.stem}#{n + 1}"), rows, False, merged
        if not tables:
            raise InputError("input.html_no_table", str(path))
        return
    if data.startswith(CFB_MAGIC) and suffix in (".xlsx", ".xlsm"):
        # An .xlsx inside an OLE container is how Office stores a workbook encrypted with a password.
        raise InputError("input.password", str(path))
    _refuse_zip_bomb(path, data)
    from .xlsxfast import FastWorkbook

    fast = FastWorkbook.open(data, suffix)  # None unless a sheet is large enough to be read as columns
    wb = None
    if fast is not None:
        sheets = fast.sheets
    else:
        pc = _calamine()
        wb = _open_workbook(path, data)
        sheets = [(m.name, m.visible == pc.SheetVisibleEnum.Visible) for m in wb.sheets_metadata
                  if m.typ == pc.SheetTypeEnum.WorkSheet]
    for name, visible in sheets:
        if not visible:
            issues.append(DataIssue("warning", "hidden_sheet", "issue.hidden_sheet", {"sheet": name},
                                    f"{path.name}!{name}"))
        columnar = fast.read(name) if fast is not None else None
        if columnar is not None:  # a large sheet, read as Arrow columns: the same cells, faster
            yield name, columnar, False, columnar.merged
            continue
        if wb is None:
            wb = _open_workbook(path, data)
        try:
            sheet = wb.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except Exception as exc:  # a single corrupt sheet is reported, the others still read
            issues.append(DataIssue("error", "bad_sheet", "issue.bad_sheet",
                                    {"sheet": name, "reason": str(exc)[:200]}, f"{path.name}"))
            continue
        yield name, rows, False, merged


def _calamine():
    import python_calamine

    return python_calamine


def _open_workbook(path: Path, data: bytes):
    pc = _calamine()
    try:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise InputError("input.password", str(path)) from None
    except Exception as exc:  # calamine raises several error types for corrupt files
        raise InputError("input.bad_workbook", str(path), reason=str(exc)[:200]) from None


CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNCOMPRESSED = 1 << 30  # 1 GiB: far beyond Excel's own limits for a real submission
MAX_RATIO = 1000  # xlsx compresses well, but not a thousandfold


def _refuse_zip_bomb(path: Path, data: bytes) -> None:
    """xlsx/ods are zip files: refuse one that would inflate past a sane size, before inflating it."""
    import zipfile

    if not data.startswith(b"PK"):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: calamine reports the damage
    if total > MAX_UNCOMPRESSED or (total > 50 * (1 << 20) and total > MAX_RATIO * len(data)):
        raise InputError("input.zip_bomb", str(path), size=total // (1 << 20), limit=MAX_UNCOMPRESSED // (1 << 20))


def decode_text(data: bytes, path: Path) -> str:
    """BOM first, then strict UTF-8, then GB18030 (what Chinese Excel saves)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")  # what Excel's "Unicode text" export writes
        except UnicodeDecodeError:
            raise InputError("input.encoding", str(path)) from None
    if b"\x00" in data[:4096]:
        raise InputError("input.binary", str(path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError("input.encoding", str(path)) from None


def _csv_rows(path: Path, data: bytes, suffix: str) -> list[list]:
    text = decode_text(data, path)
    if not text.strip():
        raise InputError("input.empty", str(path))
    delimiter = "\t" if suffix == ".tsv" or (suffix == ".txt" and "\t" in text[:2000]) else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError("input.bad_csv", str(path), reason=str(exc)) from None


# ---------------------------------------------------------------- recognising a sheet

def _entity_from_name(name: str, mapping: Mapping) -> Optional[str]:
    if name in mapping.sheets:
        return mapping.sheets[name]
    key = norm_header(name)
    best, best_len = None, 0
    for e in ENTITIES.values():
        for alias in e.sheet_aliases:
            a = norm_header(alias)
            if (key == a or (len(a) >= 2 and a in key)) and len(a) > best_len:
                best, best_len = e.id, len(a)
    return best


_TOTAL_WORDS = {"总数", "合计", "小计", "总计", "计", "数量", "总量", "实有", "数", "总", "数目"}


def _band_labels(rows: list[list], top: int, depth: int, merged: list) -> list[list[str]]:
    """For a header band of `depth` rows starting at `top`: per column, its header texts from top to bottom.

    A cell covered by a merged range takes the merged range's text, so `床位数` merged over
    `总数 | 其中：护理型` gives both columns the parent `床位数`.
    """
    width = max((len(rows[r]) for r in range(top, top + depth)), default=0)
    grid = [[rows[r][c] if c < len(rows[r]) else None for c in range(width)] for r in range(top, top + depth)]
    for (r1, c1), (r2, c2) in merged:
        if r2 < top or r1 >= top + depth or r1 >= len(rows) or c1 >= len(rows[r1]):
            continue
        value = rows[r1][c1]
        for r in range(max(r1, top), min(r2, top + depth - 1) + 1):
            for c in range(c1, min(c2, width - 1) + 1):
                grid[r - top][c] = value
    if not merged:
        # CSV and exports keep no merge information: a parent written once stands over the
        # columns to its right that have a child header and no parent of their own.
        for r in range(depth - 1):
            for c in range(1, width):
                if grid[r][c] in (None, "") and grid[-1][c] not in (None, "") \
                        and grid[r][c - 1] not in (None, "") and grid[-1][c - 1] not in (None, ""):
                    grid[r][c] = grid[r][c - 1]
    labels = []
    for c in range(width):
        parts: list[str] = []
        for r in range(depth):
            text = norm_text(str(grid[r][c])) if grid[r][c] not in (None, "") else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append(parts)
    return labels


def _candidates(parts: list[str]) -> list[str]:
    """Header texts to try for one column, most specific first."""
    if not parts:
        return []
    child = parts[-1]
    bare = _SUBITEM.sub("", child)
    out = [child, bare]
    if len(parts) > 1:
        parent = parts[-2]
        if norm_header(bare) in _TOTAL_WORDS:
            out.append(parent)
        out += [parent + bare, bare + parent, parent + child, "".join(parts)]
    return out


def _match_labels(labels: list[list[str]], entity_id: str, mapping: Mapping) -> dict[str, int]:
    index = ALIAS_INDEX[entity_id]
    fields = ENTITIES[entity_id].fields
    found: dict[str, int] = {}
    for col, parts in enumerate(labels):
        for text in _candidates(parts):
            key = norm_header(text)
            fid = mapping.columns.get(key)
            if fid is None or fid not in fields:
                fid = index.get(key)
            if fid is not None:
                if fid not in found:
                    found[fid] = col
                break
    return found


def _suggest_field(header: str, entity_id: str, taken: set[str]) -> Optional[str]:
    """The field an unrecognised header most likely means ("did you mean 床位数?"), if any is close."""
    import difflib

    index = ALIAS_INDEX[entity_id]
    key = norm_header(header)
    close = difflib.get_close_matches(key, [a for a, f in index.items() if f not in taken], n=1, cutoff=0.75)
    return index[close[0]] if close else None


def _find_header(rows: list[list], candidates: list[str], mapping: Mapping, merged: list):
    """The header band (first row, depth 1-3) and entity whose headers match the most fields."""
    best = None  # (score, -depth, -row), row, depth, entity, columns, labels
    for r in range(min(HEADER_SCAN_ROWS, len(rows))):
        for depth in (1, 2, 3):
            if r + depth > len(rows):
                break
            labels = _band_labels(rows, r, depth, merged)
            for entity_id in candidates:
                cols = _match_labels(labels, entity_id, mapping)
                rank = (len(cols), -depth, -r)
                if best is None or rank > best[0]:
                    best = (rank, r, depth, entity_id, cols, labels)
    if best is None:
        return 0, 0, 1, None, {}, []
    rank, r, depth, entity_id, cols, labels = best
    return rank[0], r, depth, entity_id, cols, labels


def _recognise(path: Path, sheet_name: str, rows: list[list], is_csv: bool, mapping: Mapping,
               issues: list[DataIssue], merged: list | None = None) -> Optional[Table]:
    import pandas as pd

    source = path.name
    where = source if is_csv else f"{source}!{sheet_name}"
    named = _entity_from_name(sheet_name, mapping)
    candidates = [named] if named else list(ENTITIES)
    score, header_idx, depth, entity_id, columns, labels = _find_header(rows, candidates, mapping, merged or [])
    if score < 2:
        if named:
            issues.append(DataIssue("error", "no_header", "issue.no_header",
                                    {"sheet": sheet_name, "entity": ENTITIES[named].zh}, where))
        elif any(sum(c not in (None, "") for c in row) >= 3 for row in rows[:HEADER_SCAN_ROWS]):
            # Looks like a table nobody could map; a notes or instructions sheet stays quiet.
            issues.append(DataIssue("warning", "sheet_unrecognised", "issue.sheet_unrecognised",
                                    {"sheet": sheet_name}, where))
        return None
    entity = ENTITIES[entity_id]
    first_data = header_idx + depth

    def loc(row_idx: int, col: int) -> str:
        return f"{source}:{row_idx + 1}" if is_csv else f"{sheet_name}!{col_letter(col)}{row_idx + 1}"

    ignored = []
    for i, parts in enumerate(labels):
        if not parts or i in columns.values() or norm_header(parts[-1]) in ("序号", "编号", "no", "id"):
            continue
        fid = _match_labels([parts], entity_id, mapping)
        if fid:
            issues.append(DataIssue("warning", "duplicate_column", "issue.duplicate_column",
                                    {"header": "/".join(parts), "field": next(iter(fid))},
                                    loc(first_data - 1, i)))
            continue
        ignored.append("/".join(parts))
        guess = _suggest_field(parts[-1], entity_id, set(columns))
        if guess:
            issues.append(DataIssue("warning", "unknown_header", "issue.unknown_header",
                                    {"header": parts[-1], "field": guess, "label": entity.fields[guess].zh,
                                     "label_en": entity.fields[guess].en}, loc(first_data - 1, i)))

    # Title, form block (表号/制表机关) and reporter lines above the header are listed, not read.
    skipped: list[dict] = [{"row": r + 1, "reason": "above_header"} for r in range(header_idx)
                           if any(c not in (None, "") for c in rows[r])]
    grand_totals: list[int] = []  # 合计/总计 rows (not 小计), reconciled against the rows below
    body = rows.body(first_data) if hasattr(rows, "body") else _Columns(rows[first_data:], typed=not is_csv)
    keep = _classify_rows(body, first_data, columns.get(entity.label_field), skipped, grand_totals)
    keep_local = keep - first_data
    typed_columns = {"_row": pd.Series(keep + 1, dtype="int64")}
    missing_cells: dict[str, dict[str, int]] = {}
    for fid, col in columns.items():
        f = entity.fields[fid]
        codes, uniques = body.factorize(col, keep_local, f.type)
        typed, bad, missing = convert_codes(codes, uniques, f.type, category_lookup(f))
        typed_columns[fid] = typed
        if missing:
            missing_cells[fid] = missing
        for n, pos in enumerate(bad):
            if n == MAX_CELL_ISSUES:
                issues.append(DataIssue("warning", "bad_value_truncated", "issue.truncated",
                                        {"n": len(bad) - MAX_CELL_ISSUES, "field": f.zh}, where))
                break
            r = int(keep[pos])
            raw_text = shown(rows[r][col])
            code = "formula_error" if _FORMULA_ERROR.match(raw_text.strip()) else "bad_value"
            issues.append(DataIssue("warning", code, f"issue.{code}",
                                    {"raw": raw_text, "field": f.zh, "type": f.type}, loc(r, col)))
    # One frame at once, its column labels an object index: with pyarrow installed pandas 3 would
    # hold them as Arrow strings, and every column added or looked up later paid for it.
    frame = pd.DataFrame(typed_columns, columns=pd.Index(list(typed_columns), dtype=object))
    table = Table(entity_id, source, None if is_csv else sheet_name, header_idx + 1, columns, frame,
                  skipped, ignored, depth, missing_cells)
    if not len(keep):
        issues.append(DataIssue("warning", "no_rows", "issue.no_rows", {"entity": entity.zh}, where))
    issues.extend(_reconcile_totals(table, rows, grand_totals, loc))
    issues.extend(plausibility.check_table(table))
    return table


def _classify_rows(body, first_data: int, label_col: Optional[int], skipped: list[dict], grand_totals: list[int]):
    """Which rows below the header (`body`: `_Columns` or `xlsxfast.ArrowBody`) are units: their row indices.

    A row is decided by its first three filled cells and its name cell: a column-code or unit row
    right under the header, a 合计/小计 total, an 其中 sub-item, a footer (which ends the table) or
    data. Almost every row is data, so the work is done on whole columns: which cells are filled,
    which rows' deciding cells hold a character of those words at all; only those few rows, and the
    rows before the first data row, are looked at one by one. Skipped rows go to `skipped`.
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
            cells = [c for c in row if c is not None and c != ""]
            texts = [_cell_text(c) for c in cells]
            if _is_code_row(texts):
                skipped.append({"row": first_data + i + 1, "reason": "column_codes"})
            elif _is_unit_row(texts):
                skipped.append({"row": first_data + i + 1, "reason": "units"})
            else:
                verdict = _decide(row, first_data + i, label_col, skipped, grand_totals) \
                    if trigger[i] else "keep"
                if verdict == "keep":
                    keep.append(i)
                elif verdict == "footer":
                    return _footer(np.array(keep, dtype=np.int64), i, nonempty, first_data, skipped)
        i += 1
    special = [int(k) for k in np.flatnonzero(nonempty & trigger) if k >= i]
    plain = np.flatnonzero(nonempty & ~trigger)
    plain = plain[plain >= i]
    for k, row in zip(special, body.row_lists(special)):
        verdict = _decide(row, first_data + k, label_col, skipped, grand_totals)
        if verdict == "keep":
            keep.append(int(k))
        elif verdict == "footer":
            rows_kept = np.sort(np.concatenate([np.array(keep, dtype=np.int64), plain[plain < k]]))
            return _footer(rows_kept, int(k), nonempty, first_data, skipped)
    return np.sort(np.concatenate([np.array(keep, dtype=np.int64), plain])) + first_data


class _Columns:
    """The body's rows (lists of cells, from python-calamine or a CSV) by column, each column taken
    from the rows only when first asked for: a plan needs a handful of a form's columns, and
    transposing all of them cost more than reading. `xlsxfast.ArrowBody` answers the same questions
    for a sheet held as Arrow columns."""

    def __init__(self, rows: list[list], typed: bool = True):
        import numpy as np

        self.rows, self.cache, self.n = rows, {}, len(rows)
        self.typed = typed  # cells as python-calamine gives them; False: all text (CSV), no booleans
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        self.width = int(lengths.max()) if len(rows) else 0
        for k in np.flatnonzero(lengths < self.width):  # ragged CSV lines (a short 合计 line): pad only those
            rows[k] = _pad(rows[k], self.width)

    def __getitem__(self, j: int):
        import numpy as np

        if j not in self.cache:
            out = np.empty(len(self.rows), dtype=object)
            out[:] = list(map(operator.itemgetter(j), self.rows))
            self.cache[j] = out
        return self.cache[j]

    def filled(self, j: int):
        import numpy as np

        col = self[j]
        return ~(np.equal(col, None) | (col == ""))

    def matching(self, j: int, at, pattern):
        return cells_matching(self[j][at], pattern)

    def row_lists(self, idx) -> list[list]:
        return [self.rows[k] for k in idx]

    def factorize(self, j: int, keep, ftype: str):
        import numpy as np

        if j >= self.width:
            return np.full(len(keep), -1, dtype=np.int64), np.empty(0, dtype=object)
        return factorize_cells(self[j][keep], may_hold_bools=self.typed)


def _decide(row: list, r: int, label_col: Optional[int], skipped: list[dict], grand_totals: list[int]) -> str:
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
    if any(_SUBITEM.match(t) for t in lead):
        skipped.append({"row": r + 1, "reason": "sub_item"})
        return "skipped"
    return "keep"


def _footer(kept, at: int, nonempty, first_data: int, skipped: list[dict]):
    """A footer line ends the table: it and every filled row after it are skipped."""
    import numpy as np

    skipped.extend({"row": first_data + int(k) + 1, "reason": "footer"} for k in np.flatnonzero(nonempty[at:]) + at)
    return kept + first_data


def _reconcile_totals(table: Table, rows: list[list], totals: list[int], loc) -> list[DataIssue]:
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
                out.append(DataIssue("warning", "total_mismatch", "issue.total_mismatch",
                                     {"field": f.zh, "total": _plain(total), "sum": _plain(summed)}, loc(r, col)))
    return out


def shown(value) -> str:
    """A cell as a message quotes it, the way Excel shows it: TRUE/FALSE, a date without 00:00:00.
    (A sheet read as Arrow columns has every cell as text: `true`, `2024-03-01 00:00:00`.)"""
    if isinstance(value, bool) or value in ("true", "false"):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # python-calamine gives the number 30 as 30.0
    return as_shown(str(value))


def _plain(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:,.2f}"


def _cell_text(value) -> str:
    if type(value) is float and value.is_integer():
        value = int(value)  # python-calamine gives the number 1 as 1.0: the column code `1`, not `1.0`
    return norm_text(str(value)).replace(" ", "")


def _pad(row: list, width: int) -> list:
    return (row + [None] * (width - len(row)))[:width] if len(row) != width else row


_UNITS = {"张", "人", "个", "所", "家", "名", "万元", "元", "%", "％", "岁", "年", "次", "床", "间", "户", "平方米"}


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


# ---------------------------------------------------------------- mapping files

def load_mapping(path: Path) -> Mapping:
    """Read a `--mapping FILE.yaml` (columns: header -> field id; sheets: name -> entity)."""
    from ..errors import RuleError
    from ..plan.yamlsrc import YamlProblem, load

    name = str(path)
    try:
        data, smap = load(path)
    except YamlProblem as p:
        raise RuleError([(p.key, f"{name}:{p.line}" if p.line else name, p.args_)]) from None
    problems = []
    if not isinstance(data, dict):
        raise RuleError([("mapping.not_mapping", f"{name}:1", {})])
    all_fields = {fid for e in ENTITIES.values() for fid in e.fields}
    mapping = Mapping()
    for key, value in data.items():
        line, _ = smap.locate((key,))
        if key not in ("columns", "sheets"):
            problems.append(("mapping.unknown_key", f"{name}:{line}", {"key": key}))
            continue
        if not isinstance(value, dict):
            problems.append(("mapping.not_mapping", f"{name}:{line}", {}))
            continue
        for header, target in value.items():
            hline, _ = smap.locate((key, header))
            if key == "columns":
                if target not in all_fields:
                    problems.append(("mapping.unknown_field", f"{name}:{hline}",
                                     {"field": target, "header": header}))
                mapping.columns[norm_header(header)] = target
            else:
                if target not in ENTITIES:
                    problems.append(("mapping.unknown_entity", f"{name}:{hline}",
                                     {"entity": target, "known": ", ".join(ENTITIES)}))
                mapping.sheets[str(header)] = target
    if problems:
        raise RuleError(problems)
    return mapping
