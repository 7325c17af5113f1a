"""Turn raw cell values into typed columns.

Each distinct raw value is parsed once and the result mapped back over the column, so a
column of a million yes/no cells costs a handful of parses. A value that cannot be read
becomes missing (pd.NA) and is returned with its row positions so the reader can report it
at its cell; it is never guessed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

# Cells that say "nothing here": kept missing, never read as zero or "no".
MISSING_MARKS = {
    "",
    "-",
    "--",
    "—",
    "——",
    "－",
    "/",
    "／",
    "…",
    "……",
    "...",
    "不详",
    "未知",
    "无数据",
    "n/a",
    "na",
    "null",
    "none",
    "nan",
}

TRUE_WORDS = {
    "是",
    "有",
    "√",
    "✓",
    "✔",
    "☑",
    "y",
    "yes",
    "true",
    "t",
    "1",
    "对",
    "已签约",
    "签约",
    "已设立",
    "设立",
    "已设置",
    "设置",
    "已开设",
    "开设",
    "已开展",
    "开展",
    "已建立",
    "建立",
    "能",
    "可以",
    "已",
    "已纳入",
    "纳入",
    "具备",
    "设有",
    "提供",
    "能提供",
    "已定点",
    "定点",
    "已创建",
    "已建成",
    "建成",
}
FALSE_WORDS = {
    "否",
    "无",
    "×",
    "✗",
    "✘",
    "☒",
    "x",
    "n",
    "no",
    "false",
    "f",
    "0",
    "未签约",
    "没有",
    "未设立",
    "未设置",
    "未开设",
    "未开展",
    "未建立",
    "不能",
    "不可以",
    "未",
    "未纳入",
    "不具备",
    "未设",
    "不提供",
    "未定点",
    "非定点",
    "未创建",
    "未建成",
}

_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(%)?\s*([\u4e00-\u9fff]{1,3})?$")
_DATE_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月)?$")
_YEAR = re.compile(r"^(\d{4})\s*年?(?:度)?$")
_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_DAY_ZERO = (dt.date(1899, 12, 30), dt.date(1899, 12, 31))

_BAD = object()  # marker: the value could not be read
# A number cell as yes/no: looked up, not converted, since float() of a whole number of hundreds
# of digits overflows.
_NUMBER_BOOLS: dict[float, bool] = {1.0: True, 0.0: False}


# Kinds of "nothing here", kept apart because forms give them different meanings
# (a dash is often "not applicable", a blank "not filled in").
MISSING_KINDS = {
    "": "blank",
    "-": "dash",
    "--": "dash",
    "—": "dash",
    "——": "dash",
    "－": "dash",
    "/": "slash",
    "／": "slash",
    "…": "ellipsis",
    "……": "ellipsis",
    "...": "ellipsis",
}


def missing_kind(value) -> str:
    """blank, dash, slash, ellipsis or unknown (不详, n/a, …) for a missing cell."""
    if value is None or isinstance(value, float) and math.isnan(value):
        return "blank"
    return MISSING_KINDS.get(norm_text(str(value)), "unknown")


def norm_text(value: str) -> str:
    """Full-width to half-width, no surrounding or inner line breaks, trimmed."""
    return unicodedata.normalize("NFKC", value).replace("\n", "").replace("\r", "").strip()


_MARK_MAX = max(len(m) for m in MISSING_MARKS)


def is_missing(value) -> bool:
    if value is None:
        return True
    if (
        isinstance(value, str)
        and len(value) > 2 * _MARK_MAX
        and value[0] > " "
        and value[-1] > " "
        and "\n" not in value
        and "\r" not in value
    ):
        return False  # a name or a sentence: far too long to be a mark, skip normalising it
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and norm_text(value).lower() in MISSING_MARKS


def parse_number(value):
    if isinstance(value, bool):
        return _BAD
    if isinstance(value, (int, float)):
        try:
            n = float(value)
        except OverflowError:  # an integer of hundreds of digits
            return _BAD
        return n if math.isfinite(n) else _BAD
    if isinstance(value, str):
        text = norm_text(value).replace(",", "").replace(" ", "")
        m = _NUMBER.match(text)
        if m:
            n = float(m.group(1))
            if math.isfinite(n):  # 400 digits overflow to inf: unreadable, not infinitely many beds
                return n / 100 if m.group(2) else n
    return _BAD


def parse_ratio(value):
    """0.85, '85%' and 85 all mean 85%: a share cannot exceed 1, so 1 < x <= 100 is a percent."""
    n = parse_number(value)
    if n is _BAD:
        return _BAD
    if isinstance(value, str) and "%" in unicodedata.normalize("NFKC", value):
        return n
    return n / 100 if 1 < n <= 100 else n


def parse_int(value):
    n = parse_number(value)
    if n is _BAD or isinstance(value, str) and "%" in unicodedata.normalize("NFKC", value):
        return _BAD
    return n


def parse_bool(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return _NUMBER_BOOLS.get(value, _BAD)
    if isinstance(value, str):
        text = norm_text(value).lower().replace(" ", "")
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
    return _BAD


def parse_level(value):
    """Hospital grade: 三级/三甲 -> 3, 二级/参照二级/二乙 -> 2, 一级 -> 1, 未定级 -> 0."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if value in (0, 1, 2, 3) else _BAD
    if isinstance(value, str):
        text = norm_text(value)
        if _BARE_NUMBER.match(text):  # a number saved as text (a CSV) reads as the number would: 10 is no grade
            return parse_level(float(text))
        if "未定级" in text or text in ("无", "无等级", "未评级"):
            return 0.0
        for ch, level in (("三", 3.0), ("3", 3.0), ("二", 2.0), ("2", 2.0), ("一", 1.0), ("1", 1.0)):
            if text.startswith(ch) or text.startswith("参照" + ch):
                return level
    return _BAD


def parse_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1000 <= value <= 9999 and float(value).is_integer():
            return dt.date(int(value), 1, 1)
        if 20000 <= value <= 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return _BAD
    if isinstance(value, str):
        spaced = norm_text(value)
        text = spaced.replace(" ", "")
        m = _DATE_YMD.match(text)
        if m:
            return _day(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
        m = _YEAR.match(text)
        if m:
            return _day(int(m.group(1)), 1, 1)  # 0000 is no year
        if text.isdigit() and 20000 <= int(text) <= 80000:  # an Excel date serial exported as text
            return _EXCEL_EPOCH + dt.timedelta(days=int(text))
        for fmt in (
            "%Y-%m-%d %H:%M:%S",
            "%Y/%m/%d %H:%M:%S",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M:%S.%f",
            "%Y/%m/%d %H:%M:%S.%f",
            "%Y-%m-%dT%H:%M:%S.%f",
        ):
            try:
                day = dt.datetime.strptime(spaced, fmt).date()
            except ValueError:
                continue
            # Excel's day zero: a time of day without a date (python-calamine gives it as a time)
            return _BAD if day in _EXCEL_DAY_ZERO else day
    return _BAD


def _day(year: int, month: int, day: int):
    try:
        return dt.date(year, month, day)
    except ValueError:  # 2024-02-30, or year 0
        return _BAD


def parse_year(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if 1900 <= value <= 2200 and float(value).is_integer() else _BAD
    if isinstance(value, str):
        m = _YEAR.match(norm_text(value).replace(" ", ""))
        if m:
            return parse_year(int(m.group(1)))  # the bounds of a year typed as a number
    return _BAD


_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$")
_DAY_ZERO = re.compile(r"^1899-12-3[01] (\d{2}:\d{2}:\d{2}(?:\.\d{6})?)$")
_FRACTION = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\.(\d{1,9})$")


def as_shown(text: str) -> str:
    """A number, date or time printed the same whichever reader gave it. An Arrow column has
    `2024-03-01 00:00:00`, `1899-12-31 08:30:00`, `2024-03-01 09:15:30.250` and `-0` where
    python-calamine has a date, a time, a datetime (printed `…30.250000`) and -0.0 (printed `0`):
    a date loses its midnight, a time Excel's day zero, a fraction of a second has six digits."""
    m = _FRACTION.match(text)
    if m:
        digits = m.group(2)[:6].rstrip("0")
        text = m.group(1) + ("." + digits.ljust(6, "0") if digits else "")
    m = _DAY_ZERO.match(text) or _MIDNIGHT.match(text)  # 1899-12-31 00:00:00 is the time 00:00:00
    if m:
        return m.group(1)
    return "0" if text == "-0" else text


def parse_text(value):
    """A cell as text, the same whether the sheet came as Python values or as Arrow text columns
    (where a boolean is `true` and a date `2024-03-01 00:00:00`): TRUE and FALSE as `true` and
    `false`, a whole number without `.0`, dates and times as `as_shown` gives them."""
    if type(value) is bool:
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return as_shown(str(value).replace("\r", "").replace("\n", "").strip())


PARSERS = {
    "int": parse_int,
    "number": parse_number,
    "ratio": parse_ratio,
    "bool": parse_bool,
    "level": parse_level,
    "date": parse_date,
    "year": parse_year,
    "text": parse_text,
    "category": parse_text,
}
# Text is held as Python strings whether or not pyarrow is installed (pandas 3 would otherwise pick
# Arrow storage when it is): the same behaviour everywhere, and names are listed without a copy.
TEXT_DTYPE = "string[python]"
DTYPES = {
    "int": "Float64",
    "number": "Float64",
    "ratio": "Float64",
    "level": "Float64",
    "year": "Float64",
    "bool": "boolean",
    "text": TEXT_DTYPE,
    "category": TEXT_DTYPE,
}


class _Bool:
    """A boolean cell that is not equal to the numbers 1 and 0 (Python's True == 1)."""

    __slots__ = ("value",)

    def __init__(self, value: bool):
        self.value = value

    def __hash__(self) -> int:
        return hash(("bool", self.value))

    def __eq__(self, other) -> bool:
        return type(other) is _Bool and other.value is self.value


def _has_bool(values) -> bool:
    return any(type(v) is bool for v in values)


def category_key(text: str) -> str:
    """What makes two spellings of a category the same value: character width (ＡＡ级, 卫生所（室）
    against 卫生所(室)), spaces and line breaks (乡镇 卫生院)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def category_lookup(field) -> dict | None:
    """For a category field: every declared value and synonym, keyed by `category_key`, to the
    field's own spelling of the value, so that variants of a known category read as that category.
    Values the field does not know are kept as written."""
    if field.type != "category":
        return None
    out = {category_key(v): v for v in field.values}
    out.update({category_key(k): target for k, target in field.synonyms.items()})
    return out or None


def cells_matching(values, pattern):
    """Which cells' text holds a match of `pattern` (one that cannot match across "\x00"): one regex pass
    over the cells joined, instead of one call per cell. Numbers, dates and None are printed."""
    import numpy as np

    try:
        texts, joined = values, "\x00".join(values)
    except TypeError:  # not all text
        texts = list(map(str, values))
        joined = "\x00".join(texts)
    hits = np.zeros(len(texts), dtype=bool)
    offsets = [m.start() for m in pattern.finditer(joined)]
    if offsets:
        ends = np.cumsum(np.fromiter(map(len, texts), np.int64, len(texts)) + 1)
        hits[np.searchsorted(ends, offsets, side="right")] = True
    return hits


_NOT_PLAIN = re.compile(r"[\r\n]|1899-12-3| 00:00:00|:\d\d\.\d")  # line breaks to drop; dates, times (as_shown)


def _plain_text(uniques):
    """Which distinct values are text that needs no parsing: long enough not to be a missing mark,
    no line breaks or midnight, nothing to trim. Worked out with C-level passes (map, join), not one Python
    call per value, because a name column has as many distinct values as rows."""
    import numpy as np

    n = len(uniques)
    try:
        stripped = np.fromiter(map(str.strip, uniques), dtype=object, count=n)
    except TypeError:  # numbers or dates among the values: only the text ones can be plain
        is_str = np.fromiter((type(v) is str for v in uniques), dtype=bool, count=n)
        out = np.zeros(n, dtype=bool)
        out[is_str] = _plain_text(uniques[is_str])
        return out
    lengths = np.fromiter(map(len, uniques), dtype=np.int64, count=n)
    return (lengths > 2 * _MARK_MAX) & (stripped == uniques) & ~cells_matching(uniques, _NOT_PLAIN)


def factorize_cells(cells, may_hold_bools: bool = True):
    """Each cell's code of its distinct value (None and NaN: -1) and the distinct values, in order
    of first appearance; an Excel TRUE/FALSE is kept apart from the numbers 1 and 0 (a CSV, all
    text, holds no booleans: `may_hold_bools=False` spares the look)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    if (
        may_hold_bools
        and any(type(u) is bool or (type(u) in (int, float) and u in (0, 1)) for u in uniques)
        and _has_bool(cells)
    ):
        # Python holds True == 1 and False == 0, so an Excel TRUE and a number 1 in one column
        # would share a code: factorise again with the booleans told apart.
        codes, tagged = pd.factorize(
            np.array([_Bool(v) if type(v) is bool else v for v in cells], dtype=object), use_na_sentinel=True
        )
        uniques = np.array([v.value if type(v) is _Bool else v for v in tagged], dtype=object)
    return codes, uniques


def convert(raw, ftype: str, categories: dict | None = None):
    """Convert a Series of raw cells.

    `categories` (from `category_lookup`) maps the known spellings of a category field's values.
    Returns the typed Series, the positions (index labels) of unreadable cells, and the count of
    missing cells by kind (blank, dash, slash, ellipsis, unknown).
    """
    codes, uniques = factorize_cells(raw.to_numpy(dtype=object))
    typed, bad, missing = convert_codes(codes, uniques, ftype, categories)
    typed.index = raw.index
    return typed, list(raw.index[bad]), missing


def convert_codes(codes, uniques, ftype: str, categories: dict | None = None):
    """Type a factorised column: `codes` (-1 for an empty cell) into `uniques` (which need not be
    distinct: a column of names may come as one value per cell).

    Each distinct value is parsed once and the results taken back by code. Returns the typed Series
    (index from 0), the positions of unreadable cells, and the missing cells counted by kind.
    """
    import numpy as np
    import pandas as pd

    parser = PARSERS[ftype]
    parsed = np.empty(len(uniques) + 1, dtype=object)
    parsed[-1] = pd.NA  # code -1: a blank cell
    todo: range | np.ndarray = range(len(uniques))
    if ftype == "text":  # categories are few and matched against their known spellings below
        plain = _plain_text(uniques)
        parsed[:-1][plain] = uniques[plain]
        todo = np.flatnonzero(~plain)
    bad_codes, missing_codes = [], []
    for code in todo:
        value = uniques[code]
        if is_missing(value):
            parsed[code] = pd.NA
            missing_codes.append(code)
            continue
        out = parser(value)
        if out is _BAD:
            parsed[code] = pd.NA
            bad_codes.append(code)
        else:
            parsed[code] = out
    if categories:
        for code in range(len(uniques)):
            if isinstance(parsed[code], str):
                parsed[code] = categories.get(category_key(parsed[code]), parsed[code])
    if DTYPES.get(ftype) in ("Float64", "boolean"):
        # Numbers and yes/no straight into masked arrays: a lookup table by code, no object column.
        known = np.fromiter((v is not pd.NA for v in parsed), dtype=bool, count=len(parsed))
        if DTYPES[ftype] == "Float64":
            table = np.zeros(len(parsed), dtype=float)
            table[known] = parsed[known].astype(float)
            typed = pd.Series(pd.arrays.FloatingArray(table[codes], ~known[codes]))
        else:
            table = np.zeros(len(parsed), dtype=bool)
            table[known] = parsed[known].astype(bool)
            typed = pd.Series(pd.arrays.BooleanArray(table[codes], ~known[codes]))
    elif ftype == "date":
        mapped = pd.Series(parsed[codes], dtype=object)
        typed = pd.to_datetime(mapped.where(mapped.notna(), None), errors="coerce")
    else:
        typed = pd.Series(parsed[codes], dtype=object).astype(DTYPES[ftype])
    bad_positions = np.flatnonzero(np.isin(codes, bad_codes)) if bad_codes else np.zeros(0, dtype=np.int64)
    missing: dict[str, int] = {}
    counts = np.bincount(codes + 1, minlength=len(uniques) + 1) if len(codes) else np.zeros(1, dtype=np.int64)
    if counts[0]:
        missing["blank"] = int(counts[0])
    for code in missing_codes:
        kind = missing_kind(uniques[code])
        missing[kind] = missing.get(kind, 0) + int(counts[code + 1])
    return typed, bad_positions, missing
