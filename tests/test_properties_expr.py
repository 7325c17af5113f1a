"""Properties of the expression language (yiyang_cli/expr.py), whatever text a rule file holds.

Parsing any text either gives a tree or raises ExprError at a column of the text; checking a tree
gives its type or raises ExprError; evaluating a checked tree on a frame typed as the reader types
one (missing cells included) gives a Series of the frame's length, with the dtype of its type; and
nothing on the way reaches eval, exec or pandas' own evaluators. See tests/fuzzing.py for the
example budget.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import pandas as pd
from fuzzing import budget, cells
from hypothesis import example, given
from hypothesis import strategies as st

from yiyang_cli.expr import FUNCTIONS, KEYWORDS, ExprError, _field_kind, check, evaluate, field_refs, parse
from yiyang_cli.fields import ENTITIES
from yiyang_cli.reader.values import category_lookup, convert

KINDS = ("bool", "number", "text", "date")
DTYPE_OF_KIND = {"bool": "boolean", "number": "Float64"}  # what the engine's masks and measures take


def _refusing(original: Callable[..., Any]) -> Callable[..., Any]:
    """`original` (eval or exec) failing the test when given text, or when yiyang_cli calls it; the
    import machinery, which execs compiled modules, still works (pandas imports lazily)."""

    def guarded(*args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1).f_code.co_filename
        if (args and isinstance(args[0], (str, bytes))) or f"{os.sep}yiyang_cli{os.sep}" in caller:
            raise AssertionError(f"the expression language must never call {original.__name__}")
        return original(*args, **kwargs)

    return guarded


def _boom(*args: object, **kwargs: object) -> None:
    raise AssertionError("the expression language must never call pandas.eval or DataFrame.eval/query")


@contextlib.contextmanager
def no_evaluators() -> Iterator[None]:
    """eval and exec of text, and pandas' string evaluators, fail the test if anything calls them."""
    with (
        mock.patch.object(builtins, "eval", _refusing(builtins.eval)),
        mock.patch.object(builtins, "exec", _refusing(builtins.exec)),
        mock.patch.object(pd, "eval", _boom),
        mock.patch.object(pd.DataFrame, "eval", _boom),
        mock.patch.object(pd.DataFrame, "query", _boom),
    ):
        yield


# ---------------------------------------------------------------- text from the grammar

entities = st.sampled_from(sorted(ENTITIES))


def names_of(fields: dict, kind: str) -> list[str]:
    return sorted(f.id for f in fields.values() if _field_kind(f.type) == kind)


number_literals = st.from_regex(r"\A\d{1,6}(\.\d{1,4})?%?\Z")
text_literals = st.builds(
    lambda quotes, body: quotes[0] + body + quotes[1],
    st.sampled_from(["''", '""', "‘’", "“”"]),
    st.text(st.characters(exclude_characters="'\"‘’“”\n"), max_size=8),
)
spaces = st.sampled_from(["", " ", "  ", "\t", "\u3000"])
soup_spaces = st.sampled_from([" ", " ", " ", ""])


ORDERED = ["<", "<=", ">", ">=", "==", "!="]
OPERATORS_OF_KIND = {"number": ORDERED, "date": ORDERED, "text": ["==", "!="], "bool": ["==", "!="]}


def typed(fields: dict, kind: str, depth: int) -> st.SearchStrategy[str]:
    """Well-typed expression text of `kind` over `fields`: most of it passes `check`, so evaluation
    is exercised as much as parsing. Nothing when the entity has no field of the kind (a date)."""
    leaves: list[st.SearchStrategy[str]] = []
    if names_of(fields, kind):
        leaves.append(st.sampled_from(names_of(fields, kind)))
    if kind == "number":
        leaves.append(number_literals)
        if names_of(fields, "date"):
            leaves.append(st.sampled_from(names_of(fields, "date")).map(lambda f: f"years_since({f})"))
    if kind == "bool":
        leaves.append(st.sampled_from(["true", "false"]))
        presence = st.sampled_from(["missing", "present"])
        leaves.append(st.builds(lambda fn, f: f"{fn}({f})", presence, st.sampled_from(sorted(fields))))
    if kind == "text":
        leaves.append(text_literals)
    leaf = st.one_of(leaves)
    if depth == 0 or kind in ("text", "date"):
        return leaf
    same = typed(fields, kind, depth - 1)
    if kind == "number":
        compound = st.one_of(
            st.builds(lambda a, op, b, s: f"{a}{s}{op}{s}{b}", same, st.sampled_from("+-*/"), same, spaces),
            same.map(lambda a: f"-{a}"),
            same.map(lambda a: f"({a})"),
        )
        return st.one_of(leaf, compound)
    number, text = typed(fields, "number", depth - 1), typed(fields, "text", 0)
    negation = st.sampled_from(["", "not "])
    compounds = [
        st.builds(lambda a, op, b: f"{a} {op} {b}", same, st.sampled_from(["and", "or"]), same),
        same.map(lambda a: f"not {a}"),
        same.map(lambda a: f"({a})"),
        st.builds(
            lambda a, neg, vs: f"{a} {neg}in [{', '.join(vs)}]",
            number,
            negation,
            st.lists(number_literals | number_literals.map(lambda n: f"-{n}"), min_size=1, max_size=4),
        ),
        st.builds(
            lambda a, neg, vs: f"{a} {neg}in [{', '.join(vs)}]",
            text,
            negation,
            st.lists(text_literals, min_size=1, max_size=4),
        ),
    ]
    for operand_kind, operators in OPERATORS_OF_KIND.items():
        if operand_kind == "date" and not names_of(fields, "date"):
            continue
        operand = same if operand_kind == "bool" else typed(fields, operand_kind, depth - 1)
        compounds.append(st.builds(lambda a, op, b: f"{a} {op} {b}", operand, st.sampled_from(operators), operand))
    return st.one_of(leaf, *compounds)


@st.composite
def well_typed(draw: st.DrawFn) -> tuple[str, str]:
    entity = draw(entities)
    fields = ENTITIES[entity].fields
    return entity, draw(typed(fields, draw(st.sampled_from(["bool", "number"])), draw(st.integers(0, 3))))


TOKENS = sorted(
    {*KEYWORDS, *FUNCTIONS, "(", ")", "[", "]", ",", "+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!="}
    | {"=", "=>", "**", ".", ";", "_x", "%", "'", '"', "“", "0", "1.5", "55%", "'公办'", "“民办”", "eval", "__import__"}
)


@st.composite
def token_soup(draw: st.DrawFn) -> tuple[str, str]:
    """Tokens of the language (and a few that are not) in any order: mostly wrong, every way."""
    entity = draw(entities)
    words = st.one_of(st.sampled_from(TOKENS), st.sampled_from(sorted(ENTITIES[entity].fields)), number_literals)
    return entity, "".join(draw(st.lists(st.tuples(words, soup_spaces).map("".join), max_size=12)))


# ---------------------------------------------------------------- frames as the reader types them


@st.composite
def frame_for(draw: st.DrawFn, entity: str, names: set[str]) -> pd.DataFrame:
    """The columns `names` of `entity`, typed by reader/values.convert from random cells, on an index
    that is not 0..n-1 (results must keep the frame's index)."""
    n = draw(st.integers(0, 6))
    fields = ENTITIES[entity].fields
    columns = {}
    for name in sorted(names):
        raw = pd.Series(draw(st.lists(cells, min_size=n, max_size=n)), dtype=object)
        columns[name], _, _ = convert(raw, fields[name].type, category_lookup(fields[name]))
    frame = pd.DataFrame(columns, index=range(n))
    frame.index = [10 + 3 * i for i in range(n)]
    return frame


as_of_dates = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))


# ---------------------------------------------------------------- properties


def parse_or_refuse(text: str):
    """The tree, or None when ExprError was raised at a column of the text."""
    try:
        return parse(text)
    except ExprError as err:
        assert 0 <= err.pos <= len(text), (err.key, err.pos)
        return None


def check_or_refuse(tree, fields: dict) -> str | None:
    try:
        kind = check(tree, fields)
    except ExprError:
        return None
    assert kind in KINDS
    return kind


def evaluates(tree, kind: str, frame: pd.DataFrame, as_of: dt.date) -> None:
    out = evaluate(tree, frame, as_of)
    assert isinstance(out, pd.Series)
    assert len(out) == len(frame) and list(out.index) == list(frame.index)
    if kind in DTYPE_OF_KIND:
        assert str(out.dtype) == DTYPE_OF_KIND[kind], out.dtype


@given(st.text(max_size=60))
@example("")
@example("(" * 50 + "1")
@example("1" * 400)  # a literal past float's range
def test_any_text_parses_or_is_refused_at_a_column(text):
    with no_evaluators():
        parse_or_refuse(text)


@given(token_soup())
def test_token_soup_parses_and_checks_or_is_refused(case):
    entity, text = case
    with no_evaluators():
        tree = parse_or_refuse(text)
        if tree is not None:
            check_or_refuse(tree, ENTITIES[entity].fields)


@given(st.data(), well_typed(), as_of_dates)
@budget(1.0)
def test_well_typed_expressions_evaluate_on_any_frame(data, case, as_of):
    checked_expression_evaluates(data, case, as_of)


@given(st.data(), token_soup(), as_of_dates)
def test_whatever_checks_evaluates(data, case, as_of):
    checked_expression_evaluates(data, case, as_of)


def checked_expression_evaluates(data, case, as_of):
    """Parse and check `case`; if it checks, evaluate it on a frame drawn for the fields it reads."""
    entity, text = case
    fields = ENTITIES[entity].fields
    with no_evaluators():
        tree = parse_or_refuse(text)
        kind = None if tree is None else check_or_refuse(tree, fields)
    if kind is not None:
        frame = data.draw(frame_for(entity, field_refs(tree)))
        with no_evaluators():
            evaluates(tree, kind, frame, as_of)
