"""Properties of value parsing (yiyang_cli/reader/values.py), whatever a cell holds.

Every parser takes any cell a reader can give (text with full-width digits, units, percent signs
and Chinese marks; int, float with nan and inf, bool, date, datetime, time, None) without raising,
and answers a value of its type or the "unreadable" marker; a whole column converts to a Series of
its length in which every cell is read, missing or reported unreadable. And the ways a form writes
a number, a date, a yes or no, a grade or a year read back as what was written. See
tests/fuzzing.py for the example budget.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from fuzzing import cells
from hypothesis import example, given
from hypothesis import strategies as st

from yiyang_cli.fields import ENTITIES
from yiyang_cli.reader import values as v
from yiyang_cli.reader.values import _BAD, DTYPES, FALSE_WORDS, PARSERS, TRUE_WORDS

FULL_WIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


def is_finite_float(x: object) -> bool:
    return type(x) is float and math.isfinite(x)


# What each parser answers when it can read a cell.
ANSWERS = {
    "number": is_finite_float,
    "int": is_finite_float,
    "ratio": is_finite_float,
    "level": lambda x: x in (0.0, 1.0, 2.0, 3.0) and type(x) is float,
    "year": is_finite_float,
    "bool": lambda x: type(x) is bool,
    "date": lambda x: type(x) is dt.date,
    "text": lambda x: type(x) is str,
    "category": lambda x: type(x) is str,
}


# ---------------------------------------------------------------- any cell


@pytest.mark.parametrize("ftype", sorted(PARSERS))
@given(cell=cells)
@example(cell="0000")  # year 0 matched as a year: ValueError from dt.date
@example(cell="0000年")
@example(cell=10**400)  # a whole number past float's range: OverflowError in parse_bool
def test_any_cell_is_read_or_unreadable(ftype, cell):
    out = PARSERS[ftype](cell)
    assert out is _BAD or ANSWERS[ftype](out), out


@given(cell=cells)
def test_missing_marks_are_told_apart(cell):
    assert isinstance(v.is_missing(cell), bool)
    assert v.missing_kind(cell) in ("blank", "dash", "slash", "ellipsis", "unknown")


def categories_of(ftype: str) -> list[dict | None]:
    """The category lookups of every field of the type (None for other types)."""
    found = {
        tuple(sorted(lookup.items()))
        for entity in ENTITIES.values()
        for f in entity.fields.values()
        if f.type == ftype and (lookup := v.category_lookup(f))
    }
    return [None] + [dict(items) for items in sorted(found)][:3]


@pytest.mark.parametrize("ftype", sorted(PARSERS))
@given(data=st.data(), column=st.lists(cells, max_size=12))
def test_any_column_converts_cell_for_cell(ftype, data, column):
    """Every cell of a column is read, counted missing by its kind, or reported unreadable: never
    lost silently, and the Series keeps the column's index and takes the field type's dtype."""
    categories = data.draw(st.sampled_from(categories_of(ftype)))
    raw = pd.Series(column, index=[5 + 2 * i for i in range(len(column))], dtype=object)
    typed, bad, missing = v.convert(raw, ftype, categories)
    assert len(typed) == len(raw) and list(typed.index) == list(raw.index)
    if ftype == "date":
        assert str(typed.dtype).startswith("datetime64")
    else:
        assert typed.dtype == pd.api.types.pandas_dtype(DTYPES[ftype])
    assert set(bad) <= set(raw.index) and all(pd.isna(typed[i]) for i in bad)
    assert set(missing) <= {"blank", "dash", "slash", "ellipsis", "unknown"}
    assert int(typed.notna().sum()) + len(bad) + sum(missing.values()) == len(raw)


def read_as(ftype: str, cell: object) -> object:
    out = PARSERS[ftype](cell)
    return "unreadable" if out is _BAD else out


@given(
    ftype=st.sampled_from(sorted(set(PARSERS) - {"text", "category"})),
    n=st.integers(-(10**6), 10**6) | st.integers(1900, 2200) | st.integers(20000, 80000),
    whole_float=st.booleans(),
)
@example(ftype="level", n=10, whole_float=False)  # the text 10 read as grade 1 (it starts with 1)
@example(ftype="level", n=0, whole_float=False)  # the text 0 unreadable, the number 0 未定级
@example(ftype="year", n=1800, whole_float=False)  # the text 1800 read as a year, the number refused
def test_a_number_reads_the_same_as_its_text(ftype, n, whole_float):
    """A form saved as CSV holds the text of the numbers an .xlsx holds: both read alike."""
    number = float(n) if whole_float else n
    assert read_as(ftype, number) == read_as(ftype, str(n))


# ---------------------------------------------------------------- round trips

amounts = st.integers(0, 10**9)
decimals = st.tuples(st.integers(0, 10**6), st.integers(0, 99)).map(lambda p: (f"{p[0]}.{p[1]:02d}", p[0] + p[1] / 100))
units = st.sampled_from(["", "张", "人", "个", "万元", "元", "次", "户"])
pad = st.sampled_from(["", " ", "  ", "\u3000", "\n"])


def thousands(n: int) -> str:
    return f"{n:,}"


@given(n=amounts, way=st.sampled_from([str, thousands]), unit=units, before=pad, after=pad, wide=st.booleans())
@example(n=1200, way=thousands, unit="", before="", after="", wide=False)  # 1,200
@example(n=120, way=str, unit="", before="", after="", wide=True)  # １２０
@example(n=120, way=str, unit="张", before="", after="", wide=False)  # 120张
def test_whole_numbers_as_forms_write_them_read_back(n, way, unit, before, after, wide):
    text = way(n)
    if wide:
        text = text.translate(FULL_WIDTH)
    cell = f"{before}{text}{unit}{after}"
    assert v.parse_number(cell) == n
    assert v.parse_int(cell) == n
    assert v.parse_number(n) == n and v.parse_number(float(n)) == n


@given(d=decimals, unit=units, pad=pad)
def test_decimal_numbers_read_back(d, unit, pad):
    text, value = d
    assert v.parse_number(f"{pad}{text}{unit}{pad}") == pytest.approx(value)


@given(percent=st.integers(0, 100), wide=st.booleans(), space=st.sampled_from(["", " "]))
@example(percent=85, wide=False, space="")  # 85% / 0.85 / 85
def test_ratios_read_back_however_written(percent, wide, space):
    share = percent / 100
    written = f"{percent}{space}%"
    assert v.parse_ratio(written.translate(FULL_WIDTH) if wide else written) == pytest.approx(share)
    assert v.parse_ratio(share) == pytest.approx(share)
    assert v.parse_ratio(str(share)) == pytest.approx(share)
    if percent > 1:  # 1 itself is the whole, not 1%
        assert v.parse_ratio(percent) == pytest.approx(share)
        assert v.parse_ratio(str(percent)) == pytest.approx(share)
    assert v.parse_int(written) is _BAD  # a percentage is not a count


days = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))


def date_writings(d: dt.date) -> list[object]:
    """The ways a form writes the day `d`, as text and as the cells the readers give."""
    out: list[object] = [
        d,
        dt.datetime(d.year, d.month, d.day),
        d.isoformat(),
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.year} 年 {d.month} 月 {d.day} 日",
        f"{d.year}.{d.month:02d}.{d.day:02d}",
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}-{d.month}-{d.day}",
        f"{d.isoformat()} 00:00:00",
        f"{d.year:04d}/{d.month:02d}/{d.day:02d} 00:00:00",
        d.isoformat().translate(FULL_WIDTH).replace("-", "－"),
    ]
    serial = (d - dt.date(1899, 12, 30)).days
    if 20000 <= serial <= 80000:  # the Excel serials the reader takes for dates (1954-10-03 to 2119-01-11)
        out += [serial, float(serial), str(serial)]
    return out


@given(d=days)
@example(d=dt.date(2024, 3, 1))
def test_dates_as_forms_write_them_read_back(d):
    for written in date_writings(d):
        assert v.parse_date(written) == d, written


@given(year=st.integers(1900, 2200), suffix=st.sampled_from(["", "年", "年度", " 年"]))
def test_years_read_back(year, suffix):
    assert v.parse_year(f"{year}{suffix}") == year
    assert v.parse_year(year) == year and v.parse_year(float(year)) == year
    assert v.parse_date(f"{year}{suffix}") == dt.date(year, 1, 1)


def spelled(word: str, how: str) -> str:
    return {"as is": word, "upper": word.upper(), "spaced": f" {word} ", "wide": word.translate(WIDE_LETTERS)}[how]


WIDE_LETTERS = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}  # ASCII to its full-width form


@given(word=st.sampled_from(sorted(TRUE_WORDS)), how=st.sampled_from(["as is", "upper", "spaced", "wide"]))
def test_yes_words_read_as_yes(word, how):
    assert v.parse_bool(spelled(word, how)) is True


@given(word=st.sampled_from(sorted(FALSE_WORDS)), how=st.sampled_from(["as is", "upper", "spaced", "wide"]))
def test_no_words_read_as_no(word, how):
    assert v.parse_bool(spelled(word, how)) is False


@given(
    grade=st.sampled_from([("三", 3.0), ("二", 2.0), ("一", 1.0), ("3", 3.0), ("2", 2.0), ("1", 1.0)]),
    rest=st.sampled_from(["级", "级甲等", "级乙等", "甲", "乙", "级医院"]),
    referenced=st.booleans(),
)
def test_grades_read_back(grade, rest, referenced):
    digit, level = grade
    assert v.parse_level(("参照" if referenced else "") + digit + rest) == level
