"""The rule expression language: parsing, type checking, Kleene evaluation, hostile input."""

from __future__ import annotations

import builtins
import datetime as dt

import pandas as pd
import pytest

from yiyang_cli import expr as ex
from yiyang_cli.expr import ExprError, check, evaluate, field_refs, parse
from yiyang_cli.fields import ENTITIES
from yiyang_cli.messages import MESSAGES, t

ELDERLY = ENTITIES["elderly_institutions"].fields
MEDICAL = ENTITIES["medical_institutions"].fields
AS_OF = dt.date(2025, 6, 15)
NA = None  # how a missing value looks after values()


def sx(node) -> str:
    """The tree as an S-expression, to compare shapes without positions."""
    if isinstance(node, ex.Literal):
        return repr(node.value)
    if isinstance(node, ex.FieldRef):
        return node.name
    if isinstance(node, ex.Unary):
        return f"({node.op} {sx(node.operand)})"
    if isinstance(node, ex.Binary):
        return f"({node.op} {sx(node.left)} {sx(node.right)})"
    if isinstance(node, ex.InList):
        return f"({'not in' if node.negated else 'in'} {sx(node.operand)} {list(node.values)})"
    assert isinstance(node, ex.Call)
    return f"({node.func} {' '.join(sx(a) for a in node.args)})"


def values(series: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in series]


@pytest.fixture
def df() -> pd.DataFrame:
    """Four elderly-care homes, typed exactly as reader/values.convert types them."""
    frame = pd.DataFrame(
        {
            "beds": pd.Series([150, 80, None, 100], dtype="Float64"),
            "nursing_beds": pd.Series([90, 0, 10, None], dtype="Float64"),
            "has_medical_unit": pd.Series([True, False, None, True], dtype="boolean"),
            "signed_medical_cooperation": pd.Series([None, None, True, False], dtype="boolean"),
            "ownership": pd.Series(["公办", "民办", None, "公办"], dtype="string"),
            "opened": pd.to_datetime(pd.Series(["2020-06-15", "2020-06-16", None, "2019-12-31"]), errors="coerce"),
        }
    )
    frame.index = [10, 11, 12, 13]  # not 0..n-1: results must keep the frame's index
    return frame


def run(text: str, frame: pd.DataFrame, fields=ELDERLY, as_of=AS_OF) -> pd.Series:
    node = parse(text)
    check(node, fields)
    out = evaluate(node, frame, as_of)
    assert list(out.index) == list(frame.index)
    return out


# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    "text, tree",
    [
        ("not a and b or c", "(or (and (not a) b) c)"),
        ("a or b and c", "(or a (and b c))"),
        ("a or not b and not c", "(or a (and (not b) (not c)))"),
        ("not (a or b)", "(not (or a b))"),
        ("not beds >= 100", "(not (>= beds 100.0))"),
        ("1 + 2 * 3", "(+ 1.0 (* 2.0 3.0))"),
        ("(1 + 2) * 3", "(* (+ 1.0 2.0) 3.0)"),
        ("10 - 4 - 3", "(- (- 10.0 4.0) 3.0)"),
        ("8 / 4 / 2", "(/ (/ 8.0 4.0) 2.0)"),
        ("-beds * 2", "(* (- beds) 2.0)"),
        ("beds + 1 >= nursing_beds * 2 and x", "(and (>= (+ beds 1.0) (* nursing_beds 2.0)) x)"),
        ("a == b or c != d", "(or (== a b) (!= c d))"),
        ("category in ['综合医院', \"中医医院\"]", "(in category ['综合医院', '中医医院'])"),
        ("grade not in [1, -2, 3.5]", "(not in grade [1.0, -2.0, 3.5])"),
        ("not x in [1]", "(not (in x [1.0]))"),
        ("missing(beds) or present(opened)", "(or (missing beds) (present opened))"),
        ("years_since(opened) >= 5", "(>= (years_since opened) 5.0)"),
        ("true and false", "(and True False)"),
    ],
)
def test_precedence(text, tree):
    assert sx(parse(text)) == tree


@pytest.mark.parametrize(
    "text, value", [("55%", 0.55), ("100%", 1.0), ("12.5%", 0.125), ("0%", 0.0), ("3", 3.0), ("0.75", 0.75)]
)
def test_number_and_percent_literals(text, value):
    node = parse(text)
    assert isinstance(node, ex.Literal) and node.value == pytest.approx(value)
    assert isinstance(node.value, float)


def test_percent_inside_list():
    assert parse("satisfaction in [50%, 1]").values == (0.5, 1.0)


@pytest.mark.parametrize("text", ["'公办'", '"公办"', "‘公办’", "“公办”"])
def test_all_quote_styles_give_the_same_text(text):
    node = parse(f"ownership == {text}")
    assert node.right == ex.Literal(13, "公办")


def test_operator_positions_are_columns():
    node = parse("beds >= 100 and  has_medical_unit")
    assert (node.op, node.pos) == ("and", 12)
    assert (node.left.op, node.left.pos) == (">=", 5)
    assert node.right == ex.FieldRef(17, "has_medical_unit")


@pytest.mark.parametrize(
    "text, key, pos",
    [
        ("", "expr.empty", 0),
        ("   ", "expr.empty", 0),
        ("beds >= ", "expr.incomplete", 8),
        ("1 +", "expr.incomplete", 3),
        ("beds >= 100)", "expr.unexpected", 11),
        ("1 2", "expr.unexpected", 2),
        ("1 < 2 < 3", "expr.unexpected", 6),  # comparisons do not chain
        ("(beds", "expr.expected", 5),
        ("beds => 1", "expr.bad_char", 5),
        ("beds = 1", "expr.bad_char", 5),
        ("1.5.5", "expr.bad_char", 3),
        ("'unterminated", "expr.bad_char", 0),
        ("'mixed\"", "expr.bad_char", 0),
        ("x in [1, beds]", "expr.list_literal", 9),
        ("x in []", "expr.list_literal", 6),
        ("x in ['a' 'b']", "expr.expected", 10),
        ("x in 1", "expr.expected", 5),
        ("x + [1]", "expr.list_outside_in", 4),
    ],
)
def test_syntax_errors(text, key, pos):
    with pytest.raises(ExprError) as ei:
        parse(text)
    assert (ei.value.key, ei.value.pos) == (key, pos)
    assert ei.value.key in MESSAGES


def test_list_too_long():
    with pytest.raises(ExprError) as ei:
        parse("beds in [" + ", ".join(["1"] * (ex.MAX_LIST + 1)) + "]")
    assert ei.value.key == "expr.list_too_long"


# ---------------------------------------------------------------- type checking


@pytest.mark.parametrize(
    "text, fields, kind",
    [
        ("beds", ELDERLY, "number"),
        ("ownership", ELDERLY, "text"),
        ("opened", ELDERLY, "date"),
        ("has_medical_unit", ELDERLY, "bool"),
        ("years_since(opened)", ELDERLY, "number"),
        ("missing(opened) or present(ownership)", ELDERLY, "bool"),
        ("nursing_beds / beds > 50%", ELDERLY, "bool"),
        ("category in ['综合医院', '中医医院'] and grade >= 2", MEDICAL, "bool"),
        ("ownership == '公办'", ELDERLY, "bool"),
        ("has_medical_unit == false", ELDERLY, "bool"),
    ],
)
def test_check_returns_the_type(text, fields, kind):
    assert check(parse(text), fields) == kind


@pytest.mark.parametrize(
    "text, key, pos, args",
    [
        ("beds + true", "expr.type", 5, {"op": "+", "want": "number", "got": "bool"}),
        ("has_medical_unit > false", "expr.type", 17, {"op": ">", "want": "number", "got": "bool"}),
        ("beds == has_medical_unit", "expr.type", 5, {"op": "==", "want": "number", "got": "bool"}),
        ("ownership < '公办'", "expr.type", 10, {"op": "<", "want": "number", "got": "text"}),
        ("beds < '100'", "expr.type", 5, {"op": "<", "want": "number", "got": "text"}),
        ("beds and true", "expr.type", 5, {"op": "and", "want": "bool", "got": "number"}),
        ("not beds", "expr.type", 0, {"op": "not", "want": "bool", "got": "number"}),
        ("-has_medical_unit", "expr.type", 0, {"op": "-", "want": "number", "got": "bool"}),
        ("beds in ['100']", "expr.type", 5, {"op": "in", "want": "number", "got": "text"}),
        ("years_since(beds) > 1", "expr.type", 12, {"op": "years_since", "want": "date"}),
        ("bedz >= 1", "expr.unknown_field", 0, {"name": "bedz", "suggestion": "beds"}),
        (
            "beds > 1 and has_medicl_unit",
            "expr.unknown_field",
            13,
            {"name": "has_medicl_unit", "suggestion": "has_medical_unit"},
        ),
        ("zzz", "expr.unknown_field", 0, {"name": "zzz", "suggestion": ""}),
        ("missing()", "expr.arity", 0, {"name": "missing", "n": 1}),
        ("beds > 1 and present(beds, opened)", "expr.arity", 13, {"name": "present", "n": 1}),
        ("missing(1)", "expr.function_arg", 8, {"name": "missing"}),
        ("years_since(opened + 1) > 1", "expr.function_arg", 19, {"name": "years_since"}),
    ],
)
def test_type_errors(text, key, pos, args):
    with pytest.raises(ExprError) as ei:
        check(parse(text), ELDERLY)
    err = ei.value
    assert (err.key, err.pos) == (key, pos)
    assert args.items() <= err.args_.items()


def test_type_error_messages_render_in_both_languages():
    with pytest.raises(ExprError) as ei:
        check(parse("bedz >= 1"), ELDERLY)
    args = dict(ei.value.args_, entity="elderly_institutions", text="bedz >= 1")
    assert "did you mean 'beds'?" in t(ei.value.key, "en", **args)
    assert "是否想写“beds”" in t(ei.value.key, "zh", **args)
    with pytest.raises(ExprError) as ei:
        check(parse("beds + true"), ELDERLY)
    assert t(ei.value.key, "en", **ei.value.args_) == "'+' needs a number, got yes/no"


# ---------------------------------------------------------------- evaluation


def test_comparison_with_missing_is_unknown(df):
    out = run("beds >= 100", df)
    assert out.dtype == "boolean"
    assert values(out) == [True, False, NA, True]


def test_kleene_truth_tables():
    a = [True, True, True, False, False, False, None, None, None]
    b = [True, False, None] * 3
    frame = pd.DataFrame(
        {"has_medical_unit": pd.Series(a, dtype="boolean"), "signed_medical_cooperation": pd.Series(b, dtype="boolean")}
    )
    both = run("has_medical_unit and signed_medical_cooperation", frame)
    either = run("has_medical_unit or signed_medical_cooperation", frame)
    negated = run("not has_medical_unit", frame)
    assert values(both) == [True, False, NA, False, False, False, NA, False, NA]
    assert values(either) == [True, True, True, True, False, NA, True, NA, NA]
    assert values(negated) == [False] * 3 + [True] * 3 + [NA] * 3


def test_literal_false_and_true_absorb_missing(df):
    assert values(run("false and has_medical_unit", df)) == [False] * 4
    assert values(run("has_medical_unit and false", df)) == [False] * 4
    assert values(run("true or signed_medical_cooperation", df)) == [True] * 4
    assert values(run("signed_medical_cooperation or true", df)) == [True] * 4
    assert values(run("true and has_medical_unit", df)) == [True, False, NA, True]


def test_in_and_not_in_propagate_missing(df):
    assert values(run("ownership in ['公办', '其他']", df)) == [True, False, NA, True]
    assert values(run("ownership not in ['公办']", df)) == [False, True, NA, False]
    assert values(run("beds in [80, 150]", df)) == [True, True, NA, False]
    assert values(run("beds not in [80, 150]", df)) == [False, False, NA, True]


def test_in_on_a_literal_operand(df):
    # Regression: a literal left of `in` used to crash with AttributeError.
    assert values(run("1 in [1, 2]", df)) == [True] * 4
    assert values(run("'a' not in ['a']", df)) == [False] * 4


def test_text_equality(df):
    assert values(run("ownership == '公办'", df)) == [True, False, NA, True]
    assert values(run("ownership != “民办”", df)) == [True, False, NA, True]


def test_arithmetic_and_division(df):
    ratio = run("nursing_beds / beds", df)
    assert ratio.dtype == "Float64"
    assert values(ratio) == [pytest.approx(0.6), 0.0, NA, NA]
    assert values(run("beds - nursing_beds * 2", df)) == [-30.0, 80.0, NA, NA]
    assert values(run("-beds", df)) == [-150.0, -80.0, NA, -100.0]
    assert values(run("nursing_beds / beds > 55%", df)) == [True, False, NA, NA]


def test_division_by_zero_is_unknown(df):
    assert values(run("beds / nursing_beds", df)) == [pytest.approx(150 / 90), NA, NA, NA]
    assert values(run("beds / 0", df)) == [NA] * 4
    assert values(run("0 / 0", df)) == [NA] * 4
    assert values(run("beds / (nursing_beds - nursing_beds) >= 0", df)) == [NA] * 4


def test_missing_and_present_are_never_unknown(df):
    assert values(run("missing(beds)", df)) == [False, False, True, False]
    assert values(run("present(ownership)", df)) == [True, True, False, True]
    assert values(run("missing(opened)", df)) == [False, False, True, False]
    assert values(run("missing(signed_medical_cooperation)", df)) == [True, True, False, False]


def test_years_since_counts_whole_years(df):
    out = run("years_since(opened)", df)
    assert out.dtype == "Float64"
    # 2020-06-15 -> anniversary on the as-of day counts; 2020-06-16 is one day short.
    assert values(out) == [5.0, 4.0, NA, 5.0]
    assert values(run("years_since(opened) >= 5", df)) == [True, False, NA, True]


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (dt.date(2025, 2, 28), [4.0, 0.0, 1.0]),
        (dt.date(2025, 3, 1), [5.0, 1.0, 2.0]),
        (dt.date(2024, 2, 29), [4.0, 0.0, 0.0]),
        (dt.date(2024, 2, 28), [3.0, -1.0, 0.0]),  # opened after the as-of date
    ],
)
def test_years_since_around_leap_days(as_of, expected):
    frame = pd.DataFrame({"opened": pd.to_datetime(pd.Series(["2020-02-29", "2024-02-29", "2023-03-01"]))})
    assert values(run("years_since(opened)", frame, as_of=as_of)) == expected


def test_constant_expressions_broadcast_with_their_dtype(df):
    assert (run("true", df).dtype, values(run("true", df))) == ("boolean", [True] * 4)
    assert (run("1 + 2", df).dtype, values(run("1 + 2", df))) == ("Float64", [3.0] * 4)
    assert values(run("'x'", df)) == ["x"] * 4
    assert values(run("not true", df)) == [False] * 4


def test_empty_frame_gives_empty_series(df):
    assert len(run("beds >= 100 and years_since(opened) > 1", df.iloc[:0])) == 0


# ---------------------------------------------------------------- hostile input

HOSTILE = [
    ("__import__('os')", "expr.underscore", 0),
    ("__class__", "expr.underscore", 0),
    ("beds.__class__", "expr.bad_char", 4),
    ("open('x', 'w')", "expr.unknown_function", 0),
    ("eval('1')", "expr.unknown_function", 0),
    ("exec", "expr.unknown_field", 0),
    ("exec('import os')", "expr.unknown_function", 0),
    ("lambda: 1", "expr.bad_char", 6),
    ("[x for x in y]", "expr.list_outside_in", 0),
    ("beds[0]", "expr.unexpected", 4),
    ("a.b", "expr.bad_char", 1),
    ('os.system("ls")', "expr.bad_char", 2),
    ("getattr(beds, 'x')", "expr.unknown_function", 0),
    ("beds if true else 0", "expr.unexpected", 5),
    ("beds; import os", "expr.bad_char", 4),
    ("f'{beds}'", "expr.unexpected", 1),
    ("beds ** 1000", "expr.unexpected", 6),
    ("x" * 10_000, "expr.too_long", 0),
    ("(" * 1000 + "1" + ")" * 1000, "expr.too_long", 0),  # 2001 characters
    ("(" * 500 + "1" + ")" * 500, "expr.too_deep", 40),
    ("not " * 1000 + "true", "expr.too_long", 0),
    ("not " * 300 + "true", "expr.too_deep", 160),
    ("- " * 100 + "1", "expr.too_deep", 80),
    # Regressions: these used to overflow Python's stack (RecursionError), not ExprError.
    ("missing(" * 220 + "beds" + ")" * 220, "expr.too_deep", 320),
    ("1" + "+1" * 999, "expr.too_deep", 81),
    ("true" + " or true" * 240, "expr.too_deep", 325),
]


@pytest.mark.parametrize("text, key, pos", HOSTILE, ids=[h[0][:30] for h in HOSTILE])
def test_hostile_input_is_refused(text, key, pos, monkeypatch, tmp_path):
    def boom(*args, **kwargs):
        raise AssertionError("the expression language must never call eval/exec")

    monkeypatch.setattr(builtins, "eval", boom)
    monkeypatch.setattr(builtins, "exec", boom)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExprError) as ei:
        check(parse(text), ELDERLY)
    assert (ei.value.key, ei.value.pos) == (key, pos)
    assert ei.value.key in MESSAGES
    assert list(tmp_path.iterdir()) == []  # open('x', 'w') created nothing


def test_moderate_chains_are_fine():
    frame = pd.DataFrame({"beds": pd.Series([1.0, None], dtype="Float64")})
    assert values(run(" + ".join(["beds"] * 20), frame)) == [20.0, NA]
    assert values(run(" or ".join(["beds > 5"] * 20) + " or true", frame)) == [True, True]


# ---------------------------------------------------------------- field_refs


@pytest.mark.parametrize(
    "text, refs",
    [
        ("beds >= 100 and not has_medical_unit", {"beds", "has_medical_unit"}),
        ("(nursing_beds + 0) / beds > 0.5", {"nursing_beds", "beds"}),
        ("ownership in ['公办'] or missing(opened)", {"ownership", "opened"}),
        ("years_since(opened) >= 5 and years_since(opened) < 10", {"opened"}),
        ("1 + 2 > 55%", set()),
        ("true", set()),
    ],
)
def test_field_refs(text, refs):
    assert field_refs(parse(text)) == refs
