"""A small, safe expression language for rule conditions and measures.

    beds >= 100 and not has_medical_unit
    category in ['综合医院', '中医医院'] and grade >= 2
    (nursing_beds + 0) / beds > 0.5
    years_since(opened) >= 5

Text is tokenised and parsed into a tree by hand; the tree is type-checked against the field
registry when a rule file is loaded and evaluated column-wise over pandas Series. Nothing here
calls eval, exec or pandas.eval/query: identifiers can only name fields of the entity or one of
the few functions listed in FUNCTIONS, and there is no attribute access, indexing or import.

Values follow three-valued (Kleene) logic: a comparison with a missing cell is unknown (pd.NA),
never False, so that missing is never mistaken for "no".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .reader.values import TEXT_DTYPE

if TYPE_CHECKING:
    import pandas as pd

    from .fields import Field

MAX_LENGTH = 2000
MAX_DEPTH = 40
MAX_LIST = 500


class ExprError(Exception):
    """A syntax or type error; `key` is a message-catalogue key, `pos` a 0-based column."""

    def __init__(self, key: str, pos: int = 0, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.pos = pos
        self.args_ = args


# ---------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<number>\d+(?:\.\d+)?%?)
  | (?P<string>'[^'\n]*'|"[^"\n]*"|‘[^’\n]*’|“[^”\n]*”)
  | (?P<op><=|>=|==|!=|<|>|\+|-|\*|/|\(|\)|\[|\]|,)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    """,
    re.VERBOSE,
)
KEYWORDS = {"and", "or", "not", "in", "true", "false"}
COMPARATORS = {"<", "<=", ">", ">=", "==", "!="}


@dataclass(frozen=True)
class Token:
    kind: str  # number, string, op, name, keyword, end
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    if len(text) > MAX_LENGTH:
        raise ExprError("expr.too_long", 0, limit=MAX_LENGTH)
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ExprError("expr.bad_char", pos, char=text[pos])
        kind = m.lastgroup
        value = m.group()
        if kind == "name":
            if value.startswith("_"):
                raise ExprError("expr.underscore", pos, name=value)
            if value in KEYWORDS:
                kind = "keyword"
        if kind is not None and kind != "ws":
            tokens.append(Token(kind, value, pos))
        pos = m.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


# ---------------------------------------------------------------- tree


@dataclass(frozen=True)
class Node:
    pos: int


@dataclass(frozen=True)
class Literal(Node):
    value: Any  # float, str or bool


@dataclass(frozen=True)
class FieldRef(Node):
    name: str


@dataclass(frozen=True)
class Unary(Node):
    op: str  # "not" or "-"
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    op: str  # and, or, + - * /, comparators
    left: Node
    right: Node


@dataclass(frozen=True)
class InList(Node):
    operand: Node
    values: tuple[float | str, ...]
    negated: bool


@dataclass(frozen=True)
class Call(Node):
    func: str
    args: tuple[Node, ...]


# Function name -> (argument types, result type). Arguments are field references.
FUNCTIONS = {
    "missing": (("any",), "bool"),  # the cell is empty or unreadable
    "present": (("any",), "bool"),  # the cell has a value
    "years_since": (("date",), "number"),  # whole years from the date to the as-of date
}


class _Parser:
    def __init__(self, text: str):
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def accept(self, kind: str, text: str | None = None) -> Token | None:
        tok = self.peek()
        if tok.kind == kind and (text is None or tok.text == text):
            self.i += 1
            return tok
        return None

    def expect(self, kind: str, text: str) -> Token:
        tok = self.accept(kind, text)
        if tok is None:
            got = self.peek()
            raise ExprError("expr.expected", got.pos, expected=text, got=got.text or "结尾/end")
        return tok

    def _enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError("expr.too_deep", pos, limit=MAX_DEPTH)

    def parse(self) -> Node:
        node = self.or_()
        tok = self.peek()
        if tok.kind != "end":
            raise ExprError("expr.unexpected", tok.pos, token=tok.text)
        return node

    def or_(self) -> Node:
        node, start = self.and_(), self.depth
        while tok := self.accept("keyword", "or"):
            self._enter(tok.pos)  # each operator in a chain is a level of the tree
            node = Binary(tok.pos, "or", node, self.and_())
        self.depth = start
        return node

    def and_(self) -> Node:
        node, start = self.not_(), self.depth
        while tok := self.accept("keyword", "and"):
            self._enter(tok.pos)
            node = Binary(tok.pos, "and", node, self.not_())
        self.depth = start
        return node

    def not_(self) -> Node:
        tok = self.accept("keyword", "not")
        if tok:
            self._enter(tok.pos)
            node = Unary(tok.pos, "not", self.not_())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        left = self.arith()
        tok = self.peek()
        if tok.kind == "op" and tok.text in COMPARATORS:
            self.take()
            return Binary(tok.pos, tok.text, left, self.arith())
        if tok.kind == "keyword" and tok.text == "in":
            self.take()
            return InList(tok.pos, left, self.literal_list(), False)
        if tok.kind == "keyword" and tok.text == "not" and self.tokens[self.i + 1].text == "in":
            self.take()
            self.take()
            return InList(tok.pos, left, self.literal_list(), True)
        return left

    def arith(self) -> Node:
        node, start = self.term(), self.depth
        while self.peek().kind == "op" and self.peek().text in "+-":
            tok = self.take()
            self._enter(tok.pos)
            node = Binary(tok.pos, tok.text, node, self.term())
        self.depth = start
        return node

    def term(self) -> Node:
        node, start = self.unary(), self.depth
        while self.peek().kind == "op" and self.peek().text in "*/":
            tok = self.take()
            self._enter(tok.pos)
            node = Binary(tok.pos, tok.text, node, self.unary())
        self.depth = start
        return node

    def unary(self) -> Node:
        tok = self.accept("op", "-")
        if tok:
            self._enter(tok.pos)
            node = Unary(tok.pos, "-", self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "number":
            return Literal(tok.pos, _number(tok.text))
        if tok.kind == "string":
            return Literal(tok.pos, tok.text[1:-1])
        if tok.kind == "keyword" and tok.text in ("true", "false"):
            return Literal(tok.pos, tok.text == "true")
        if tok.kind == "name":
            if self.accept("op", "("):
                if tok.text not in FUNCTIONS:
                    raise ExprError("expr.unknown_function", tok.pos, name=tok.text, allowed=", ".join(FUNCTIONS))
                self._enter(tok.pos)
                args = [] if self.peek().text == ")" else [self.or_()]
                while self.accept("op", ","):
                    args.append(self.or_())
                self.expect("op", ")")
                self.depth -= 1
                return Call(tok.pos, tok.text, tuple(args))
            return FieldRef(tok.pos, tok.text)
        if tok.kind == "op" and tok.text == "(":
            self._enter(tok.pos)
            node = self.or_()
            self.expect("op", ")")
            self.depth -= 1
            return node
        if tok.kind == "op" and tok.text == "[":
            raise ExprError("expr.list_outside_in", tok.pos)
        if tok.kind == "end":
            raise ExprError("expr.incomplete", tok.pos)
        raise ExprError("expr.unexpected", tok.pos, token=tok.text)

    def literal_list(self) -> tuple[float | str, ...]:
        self.expect("op", "[")
        values: list[float | str] = []
        while True:
            tok = self.take()
            neg = False
            if tok.kind == "op" and tok.text == "-":
                neg, tok = True, self.take()
            if tok.kind == "number":
                values.append(-_number(tok.text) if neg else _number(tok.text))
            elif tok.kind == "string" and not neg:
                values.append(tok.text[1:-1])
            else:
                raise ExprError("expr.list_literal", tok.pos, token=tok.text)
            if len(values) > MAX_LIST:
                raise ExprError("expr.list_too_long", tok.pos, limit=MAX_LIST)
            if self.accept("op", "]"):
                return tuple(values)
            self.expect("op", ",")


def _number(text: str) -> float:
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


def parse(text: str) -> Node:
    """Parse expression text into a tree; raises ExprError with the column of the problem."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("expr.empty", 0)
    return _Parser(text).parse()


# ---------------------------------------------------------------- checking


def _field_kind(ftype: str) -> str:
    from .fields import NUMERIC_TYPES

    if ftype in NUMERIC_TYPES:
        return "number"
    if ftype == "bool":
        return "bool"
    if ftype == "date":
        return "date"
    return "text"


def check(node: Node, fields: dict[str, Field]) -> str:
    """Type-check a tree against an entity's fields; return its type (bool, number, text, date)."""
    if isinstance(node, Literal):
        if isinstance(node.value, bool):
            return "bool"
        return "text" if isinstance(node.value, str) else "number"
    if isinstance(node, FieldRef):
        f = fields.get(node.name)
        if f is None:
            raise ExprError("expr.unknown_field", node.pos, name=node.name, suggestion=_suggest(node.name, fields))
        return _field_kind(f.type)
    if isinstance(node, Unary):
        t = check(node.operand, fields)
        want = "bool" if node.op == "not" else "number"
        if t != want:
            raise ExprError("expr.type", node.pos, op=node.op, want=want, got=t)
        return want
    if isinstance(node, InList):
        t = check(node.operand, fields)
        for v in node.values:
            vt = "text" if isinstance(v, str) else "number"
            if vt != t:
                raise ExprError("expr.type", node.pos, op="in", want=t, got=vt)
        return "bool"
    if isinstance(node, Call):
        argtypes, result = FUNCTIONS[node.func]
        if len(node.args) != len(argtypes):
            raise ExprError("expr.arity", node.pos, name=node.func, n=len(argtypes))
        for arg, want in zip(node.args, argtypes):
            if not isinstance(arg, FieldRef):
                raise ExprError("expr.function_arg", arg.pos, name=node.func)
            got = check(arg, fields)
            if want != "any" and got != want:
                raise ExprError("expr.type", arg.pos, op=node.func, want=want, got=got)
        return result
    assert isinstance(node, Binary)
    lt, rt = check(node.left, fields), check(node.right, fields)
    if node.op in ("and", "or"):
        for t in (lt, rt):
            if t != "bool":
                raise ExprError("expr.type", node.pos, op=node.op, want="bool", got=t)
        return "bool"
    if node.op in "+-*/":
        for t in (lt, rt):
            if t != "number":
                raise ExprError("expr.type", node.pos, op=node.op, want="number", got=t)
        return "number"
    if lt != rt:
        raise ExprError("expr.type", node.pos, op=node.op, want=lt, got=rt)
    if lt in ("bool", "text") and node.op not in ("==", "!="):
        raise ExprError("expr.type", node.pos, op=node.op, want="number", got=lt)
    return "bool"


def _suggest(name: str, fields: dict[str, Field]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(fields), n=1)
    return close[0] if close else ""


def field_refs(node: Node) -> set[str]:
    """Every field id a tree reads."""
    if isinstance(node, FieldRef):
        return {node.name}
    if isinstance(node, Unary):
        return field_refs(node.operand)
    if isinstance(node, InList):
        return field_refs(node.operand)
    if isinstance(node, Call):
        return set().union(*(field_refs(a) for a in node.args))
    if isinstance(node, Binary):
        return field_refs(node.left) | field_refs(node.right)
    return set()


def presence_refs(node: Node) -> set[str]:
    """Field ids asked about with missing() or present(): for those, an absent column is no answer."""
    if isinstance(node, Call):
        return set().union(*(field_refs(a) for a in node.args)) if node.func in ("missing", "present") else set()
    if isinstance(node, Unary):
        return presence_refs(node.operand)
    if isinstance(node, Binary):
        return presence_refs(node.left) | presence_refs(node.right)
    return set()


def map_text_literals(node: Node, convert: Callable[[str, str], str]) -> Node:
    """The tree with each text literal compared to a field (==, !=, in) replaced by
    `convert(field id, literal)`: how a rule's category spelling is matched to the data's."""
    from dataclasses import replace

    if isinstance(node, InList) and isinstance(node.operand, FieldRef):
        name = node.operand.name
        return replace(node, values=tuple(convert(name, v) if isinstance(v, str) else v for v in node.values))
    if isinstance(node, Unary):
        return replace(node, operand=map_text_literals(node.operand, convert))
    if isinstance(node, Binary):
        if node.op in ("==", "!="):
            if (
                isinstance(node.left, FieldRef)
                and isinstance(node.right, Literal)
                and isinstance(node.right.value, str)
            ):
                return replace(node, right=replace(node.right, value=convert(node.left.name, node.right.value)))
            if isinstance(node.right, FieldRef) and isinstance(node.left, Literal) and isinstance(node.left.value, str):
                return replace(node, left=replace(node.left, value=convert(node.right.name, node.left.value)))
        return replace(node, left=map_text_literals(node.left, convert), right=map_text_literals(node.right, convert))
    return node


# ---------------------------------------------------------------- evaluation


def evaluate(node: Node, df: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """Evaluate a checked tree over the columns of `df`; always returns a Series of len(df)."""
    return _as_series(_eval(node, df, as_of), df)


def _eval(node: Node, df: pd.DataFrame, as_of: dt.date) -> Any:
    import pandas as pd

    if isinstance(node, Literal):
        return node.value
    if isinstance(node, FieldRef):
        return df[node.name]
    if isinstance(node, Unary):
        v = _eval(node.operand, df, as_of)
        return ~v if node.op == "not" and isinstance(v, pd.Series) else (not v if node.op == "not" else -v)
    if isinstance(node, InList):
        s = _as_series(_eval(node.operand, df, as_of), df)
        hit = s.isin(list(node.values)).astype("boolean")
        if node.negated:
            hit = ~hit
        hit[s.isna()] = pd.NA
        return hit
    if isinstance(node, Call):
        s = _eval(node.args[0], df, as_of)
        if node.func == "missing":
            return s.isna().astype("boolean")
        if node.func == "present":
            return s.notna().astype("boolean")
        # years_since: whole years completed between the date and the as-of date
        dates = pd.to_datetime(s)
        years = as_of.year - dates.dt.year
        before_anniversary = (dates.dt.month > as_of.month) | (
            (dates.dt.month == as_of.month) & (dates.dt.day > as_of.day)
        )
        return (years - before_anniversary.astype(int)).astype("Float64").where(dates.notna(), pd.NA)
    assert isinstance(node, Binary)
    left, right = _eval(node.left, df, as_of), _eval(node.right, df, as_of)
    op = node.op
    if op == "and":
        return _as_series(left, df) & right
    if op == "or":
        return _as_series(left, df) | right
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if op == "/":
        num = _as_series(left, df).astype("Float64")
        den = _as_series(right, df).astype("Float64")
        return (num / den).mask(den == 0, pd.NA)
    left = _as_series(left, df)
    result = {
        "<": left.__lt__,
        "<=": left.__le__,
        ">": left.__gt__,
        ">=": left.__ge__,
        "==": left.__eq__,
        "!=": left.__ne__,
    }[op](right)
    return result.astype("boolean")


def _as_series(v: Any, df: pd.DataFrame) -> pd.Series:
    """A value as a column: a Series stays, a constant (a literal) is repeated down the rows."""
    import pandas as pd

    if isinstance(v, pd.Series):
        return v
    dtype = "boolean" if isinstance(v, bool) else ("Float64" if isinstance(v, float) else TEXT_DTYPE)
    return pd.Series([v] * len(df), index=df.index, dtype=dtype)
