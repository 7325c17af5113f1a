"""Finding a form's header and what its columns mean.

The header is found the way a person finds it: the band of one to three rows (a merged parent
over its children, `床位数` over `总数 | 其中：护理型`) within the first rows of the sheet whose
texts match the most fields of one table, each header matched to a field id through the field's
aliases or the user's mapping file. A sheet's name may say which table it is (`养老机构`); a
header nobody matched gets a "did you mean" when one field is close.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from ..fields import ENTITIES, Entity
from ..result import DataIssue
from .dataset import Cell, MergedRange, Rows
from .rows import SUBITEM
from .values import norm_text

if TYPE_CHECKING:
    from .mapping import Mapping

HEADER_SCAN_ROWS = 30  # the header is looked for in this many rows from the top

_UNIT_SUFFIX = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]$")
# A child header that only says "the total of the parent above": the column is the parent's field.
_TOTAL_WORDS = {"总数", "合计", "小计", "总计", "计", "数量", "总量", "实有", "数", "总", "数目"}
_NUMBERING = ("序号", "编号", "no", "id")  # a column that numbers the rows: no field, and no warning


@functools.lru_cache(maxsize=8192, typed=True)  # typed: 1, 1.0 and True print differently
def norm_header(text: Cell) -> str:
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


# Per table: every normalised alias of its fields -> the field id.
ALIAS_INDEX = {e.id: _alias_index(e) for e in ENTITIES.values()}


class HeaderBand(NamedTuple):
    """The header a sheet's columns were matched by."""

    fields_matched: int
    row: int  # its first row, from 0
    depth: int  # 1-3 rows
    entity: str
    columns: dict[str, int]  # field id -> column
    labels: list[list[str]]  # per column, its header texts from the top row down


def entity_from_name(name: str, mapping: Mapping) -> str | None:
    """The table a sheet's (or CSV file's) name says it holds, if any: the mapping file first, then
    the longest sheet alias the name is or contains."""
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


def find_header(rows: Rows, candidates: list[str], mapping: Mapping, merged: list[MergedRange]) -> HeaderBand | None:
    """The header band (first row, depth 1-3) and entity whose headers match the most fields; None
    for a sheet without rows."""
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
        return None
    rank, r, depth, entity_id, cols, labels = best
    return HeaderBand(rank[0], r, depth, entity_id, cols, labels)


def unmatched_headers(
    band: HeaderBand, mapping: Mapping, issues: list[DataIssue], at: Callable[[int], str]
) -> list[str]:
    """The headers of columns no field was read from (`at`: a column's location in the header).

    A second column for a field already read is a data issue; any other header is listed as
    ignored, with a "did you mean" issue when a field not yet read is close to it."""
    entity = ENTITIES[band.entity]
    ignored = []
    for i, parts in enumerate(band.labels):
        if not parts or i in band.columns.values() or norm_header(parts[-1]) in _NUMBERING:
            continue
        fid = _match_labels([parts], band.entity, mapping)
        if fid:
            issues.append(
                DataIssue(
                    "warning",
                    "duplicate_column",
                    "issue.duplicate_column",
                    {"header": "/".join(parts), "field": next(iter(fid))},
                    at(i),
                )
            )
            continue
        ignored.append("/".join(parts))
        guess = _suggest_field(parts[-1], band.entity, set(band.columns))
        if guess:
            issues.append(
                DataIssue(
                    "warning",
                    "unknown_header",
                    "issue.unknown_header",
                    {
                        "header": parts[-1],
                        "field": guess,
                        "label": entity.fields[guess].zh,
                        "label_en": entity.fields[guess].en,
                    },
                    at(i),
                )
            )
    return ignored


def _band_labels(rows: Rows, top: int, depth: int, merged: list[MergedRange]) -> list[list[str]]:
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
                if (
                    grid[r][c] in (None, "")
                    and grid[-1][c] not in (None, "")
                    and grid[r][c - 1] not in (None, "")
                    and grid[-1][c - 1] not in (None, "")
                ):
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
    bare = SUBITEM.sub("", child)
    out = [child, bare]
    if len(parts) > 1:
        parent = parts[-2]
        if norm_header(bare) in _TOTAL_WORDS:
            out.append(parent)
        out += [parent + bare, bare + parent, parent + child, "".join(parts)]
    return out


def _match_labels(labels: list[list[str]], entity_id: str, mapping: Mapping) -> dict[str, int]:
    """Field id -> column, for the columns whose header texts name a field of the table (the
    mapping file before the aliases; the first column wins a field)."""
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


def _suggest_field(header: str, entity_id: str, taken: set[str]) -> str | None:
    """The field an unrecognised header most likely means ("did you mean 床位数?"), if any is close."""
    import difflib

    index = ALIAS_INDEX[entity_id]
    key = norm_header(header)
    close = difflib.get_close_matches(key, [a for a, f in index.items() if f not in taken], n=1, cutoff=0.75)
    return index[close[0]] if close else None
