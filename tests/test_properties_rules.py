"""Properties of the rule-file loader (yiyang_cli/plan/load.py), whatever a rule file holds.

A shipped plan with one value replaced or one key added (anything YAML can hold: NaN and
infinities, deep lists, wrong types, hostile expressions), and arbitrary text saved as a rule file,
either load or are refused with RuleError, whose every problem has a location in the file and
renders in both languages; never any other exception. A plan that loads runs its rule tests
(`yiyang rules test`) with no other exception either, and is JSON without NaN or infinities. See
tests/fuzzing.py for the example budget.

The `@example`s are the inputs that once failed: a list as a rule-test cell (TypeError in `rules
test`), `.nan` as a count target (NaN in the plan's JSON), a capitalised unknown key such as
`Notes:` or the file `A:` (IndexError while locating the problem).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tempfile
from pathlib import Path
from typing import Any

import yaml
from fuzzing import budget
from hypothesis import example, given
from hypothesis import strategies as st

from yiyang_cli.errors import RuleError, YiyangError
from yiyang_cli.plan.load import load_file
from yiyang_cli.ruletests import run_fixture

ROOT = Path(__file__).resolve().parent.parent
# Two shipped plans, between them every measure unit and rule-test fixtures.
PLANS = {
    name: yaml.safe_load((ROOT / "rules" / f"{name}.yaml").read_text(encoding="utf-8"))
    for name in ("beijing-2024", "yiwu-2023")
}
DEEP = "@@deep@@"  # replaced in the YAML text by a flow list nested `depth` times


def paths(node: Any, at: tuple = ()) -> list[tuple]:
    """Every place in the plan's tree, the root's children down to the leaves."""
    out = [at] if at else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*at, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*at, i))
    return out


PLACES = [(name, at) for name, tree in PLANS.items() for at in paths(tree)]


def node_at(tree: Any, at: tuple) -> Any:
    for part in at:
        tree = tree[part]
    return tree


MAPPINGS = [
    (name, at) for name, tree in PLANS.items() for at in [(), *paths(tree)] if isinstance(node_at(tree, at), dict)
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # .nan, .inf, -.inf
    st.text(max_size=20),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from(
        [
            "beds >= 100",
            "beds >",
            "__import__('os')",
            "not " * 60 + "true",
            "(" * 450 + "1" + ")" * 450,
            "../../etc/passwd",
            "count",
            "ratio",
            ">=",
            "2025-12-31",
            DEEP,
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def replaced(tree: Any, at: tuple, value: Any) -> Any:
    if not at:
        return value
    copy = dict(tree) if isinstance(tree, dict) else list(tree)
    copy[at[0]] = replaced(tree[at[0]], at[1:], value)
    return copy


def as_yaml(tree: Any, depth: int = 1) -> str:
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    return text.replace(f"'{DEEP}'", "[" * depth + "1" + "]" * depth)


def load_or_refuse(text: str) -> None:
    """Load the rule file and run its rule tests (`yiyang rules test`), or be refused with RuleError
    at a place in the file; a plan that loads is JSON without NaN or infinities (`plans show`)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            plan = load_file(path)
            for index in range(len(plan.tests)):
                run_fixture(plan, index)
        except RuleError as err:
            for key, location, _args in err.problems:
                assert location.startswith(str(path)), (key, location)
            assert err.render("zh") and err.render("en")
            return
        except YiyangError as err:
            assert err.render("zh") and err.render("en")
            return
        json.dumps(plan.model_dump(mode="json"), allow_nan=False)


@given(place=st.sampled_from(PLACES), value=values, depth=st.integers(1, 600))
@example(place=("yiwu-2023", ("tests", 0, "data", "elderly_institutions", 0, "beds")), value=[1], depth=1)
@budget(0.5)
def test_a_plan_with_any_value_anywhere_loads_or_is_refused(place, value, depth):
    name, at = place
    load_or_refuse(as_yaml(replaced(PLANS[name], at, value), depth))


TARGETS = [(name, at) for name, at in PLACES if at[-1] == "value" and "targets" in at]


@given(place=st.sampled_from(TARGETS), value=st.floats() | st.integers())
@example(place=("yiwu-2023", ("indicators", 0, "targets", 0, "value")), value=math.nan)
@budget(0.5)
def test_any_number_as_a_target_loads_finite_or_is_refused(place, value):
    name, at = place
    load_or_refuse(as_yaml(replaced(PLANS[name], at, value)))


def added(tree: Any, at: tuple, key: str, value: Any) -> Any:
    return replaced(tree, at, {**node_at(tree, at), key: value})


@given(
    place=st.sampled_from(MAPPINGS),
    key=st.text(max_size=10) | st.sampled_from(["Notes", "Kind", "kind", "extends", "tests", "measure", "targets"]),
    value=values,
)
@example(place=("beijing-2024", ()), key="Notes", value="x")
@budget(0.5)
def test_a_plan_with_any_key_added_loads_or_is_refused(place, key, value):
    name, at = place
    load_or_refuse(as_yaml(added(PLANS[name], at, key, value)))


@given(st.text(max_size=200))
@example("id: x\nindicators: [")
@example("A:")
def test_any_text_as_a_rule_file_loads_or_is_refused(text):
    load_or_refuse(text)
