"""Rule and mapping files are validated, never trusted (issue 14, point 5): non-finite numbers,
documents nested too deeply, lists and mappings where one value belongs, `extends` that is not an
id or not a plan, and a corpus of malformed files: each is a problem at file:line:column and exit
3, never a traceback."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from yiyang_cli.errors import RuleError, YiyangError
from yiyang_cli.messages import MESSAGES, t
from yiyang_cli.plan import load_file
from yiyang_cli.reader.mapping import load_mapping
from yiyang_cli.ruletests import run_fixture

ROOT = Path(__file__).resolve().parent.parent
PLAN = """\
id: my-plan
title: T
region: R
issuer: I
source_file: x.txt
indicators:
  - id: big_homes
    name: 大型养老机构数
    name_en: Large homes
    quote: 床位100张以上
    severity: mandatory
    entity: elderly_institutions
    where: beds >= 0
    measure:
      kind: count
      condition: beds >= 100
    targets:
      - {comparator: ">=", value: 1, unit: count, deadline: 2025-12-31}
tests:
  - name: one
    as_of: 2026-01-01
    data:
      elderly_institutions:
        - {name: 甲, beds: 120}
    expect:
      big_homes: {status: met, value: 1}
"""
RATIO = """\
  - id: nurses
    name: 护理型床位占比
    name_en: Nursing beds
    quote: 护理型床位
    severity: advisory
    entity: elderly_institutions
    measure: {kind: ratio, numerator: {sum: nursing_beds}, denominator: {sum: beds}, scale: 100}
    targets: [{comparator: ">=", value: 50, unit: per_100}]
"""


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def edited(tmp_path: Path, old: str, new: str, base: str = PLAN) -> Path:
    assert old in base, old
    return write(tmp_path, base.replace(old, new, 1))


def refused(path: Path) -> list[tuple[str, str, dict]]:
    """Every problem as (key, line:column, args); each renders in both languages."""
    with pytest.raises(RuleError) as ei:
        load_file(path)
    out = []
    for key, loc, args in ei.value.problems:
        assert key in MESSAGES, key
        t(key, "zh", **args), t(key, "en", **args)
        assert loc.startswith(f"{path}:"), loc
        out.append((key, loc[len(str(path)) + 1 :], args))
    return out


def test_the_base_plan_is_valid(tmp_path):
    plan = load_file(write(tmp_path, PLAN))
    assert run_fixture(plan, 0) == []


# ---------------------------------------------------------------- non-finite numbers

NON_FINITE = [
    ("value: 1, unit: count", "value: .nan, unit: count", "rule.not_finite", "18:35"),
    ("value: 1, unit: count", "value: .inf, unit: count", "rule.not_finite", "18:35"),
    ("value: 1, unit: count", "value: -.Inf, unit: count", "rule.not_finite", "18:35"),
    ("value: 1, unit: count", "value: 1.0e+400, unit: count", "rule.not_finite", "18:35"),
    ("value: 1, unit: count", f"value: {'9' * 400}, unit: count", "rule.not_finite", "18:35"),
    # text that a float would take as infinite or not a number
    ("value: 1, unit: count", "value: 'nan', unit: count", "rule.invalid", "18:35"),
    ("value: 1, unit: count", "value: '1e999', unit: count", "rule.invalid", "18:35"),
    ("value: 1, unit: count", f"value: '{'9' * 5000}', unit: count", "rule.invalid", "18:35"),
    ("value: 1}\n", "value: .nan}\n", "rule.not_finite", "26:39"),  # a fixture's expectation
    ("beds: 120}", "beds: .inf}", "rule.not_finite", "24:27"),  # a fixture's cell
]


@pytest.mark.parametrize("old, new, key, where", NON_FINITE, ids=[c[1][:24] for c in NON_FINITE])
def test_non_finite_numbers_are_refused_where_they_are(tmp_path, old, new, key, where):
    found = refused(edited(tmp_path, old, new))
    assert [(k, loc) for k, loc, _ in found] == [(key, where)]


@pytest.mark.parametrize("scale", [".inf", ".nan", "'inf'", "1.0e+999"])
def test_a_non_finite_scale_is_refused(tmp_path, scale):
    text = PLAN.replace("tests:\n", RATIO.replace("scale: 100", f"scale: {scale}") + "tests:\n")
    [(key, loc, _)] = refused(write(tmp_path, text))
    assert key in ("rule.not_finite", "rule.invalid") and loc.startswith("25:")


def test_a_percent_expectation_that_is_infinite_is_refused(tmp_path):
    # the expectation is a status or a mapping: both readings are told why they do not fit
    found = refused(edited(tmp_path, "value: 1}\n", "value: 'inf%'}\n"))
    assert ("rule.invalid", "26:39") in [(k, loc) for k, loc, _ in found]


def test_a_non_finite_coverage_minimum_is_refused(tmp_path):
    text = PLAN.replace(
        "      kind: count\n      condition: beds >= 100", "      kind: coverage\n      over: town\n      min: .nan"
    )
    assert [(k, loc) for k, loc, _ in refused(write(tmp_path, text))] == [("rule.not_finite", "17:12")]


def test_nan_target_fails_lint_check_and_batch_with_exit_3(cli, tmp_path, samples):
    plan = edited(tmp_path, "value: 1, unit: count", "value: .nan, unit: count")
    for args in (
        ("rules", "lint", plan),
        ("check", samples / "yiwu-2023.xlsx", "--plan", plan, "--format", "json"),
        ("batch", samples / "yiwu-2023.xlsx", "--plan", plan, "-o", tmp_path / "out"),
    ):
        proc = cli(*args)
        assert proc.returncode == 3, (args, proc.stderr)
        assert f"{plan}:18:35" in proc.stderr and proc.stdout == ""
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- nesting


@pytest.mark.parametrize("depth", [25, 450, 990, 5000])
def test_deeply_nested_yaml_is_refused_before_it_is_built(tmp_path, depth):
    path = edited(tmp_path, "where: beds >= 0", "where: " + "[" * depth + "]" * depth)
    [(key, loc, _)] = refused(path)
    # libyaml stops at 1000 levels itself; below that, the loader stops at its own limit
    assert key == ("rule.too_deep" if depth < 1000 else "rule.yaml_syntax") and loc.startswith("13:")


def test_deep_nesting_without_libyaml_is_refused_too(tmp_path, monkeypatch):
    # PyYAML's pure-Python composer (used when libyaml is missing) recurses once per level itself
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    path = edited(tmp_path, "where: beds >= 0", "where: " + "[" * 5000 + "]" * 5000)
    assert [k for k, _, _ in refused(path)] == ["rule.too_deep"]


def test_deep_mappings_in_a_fixture_are_refused(tmp_path):
    path = edited(tmp_path, "beds: 120}", "beds: " + "{a: " * 400 + "1" + "}" * 400 + "}")
    assert [k for k, _, _ in refused(path)] == ["rule.too_deep"]


@pytest.mark.parametrize("parens", [41, 450, 990])
def test_deeply_nested_expressions_are_refused_at_their_column(tmp_path, parens):
    path = edited(tmp_path, "where: beds >= 0", "where: " + "(" * parens + "beds >= 0" + ")" * parens)
    assert refused(path) == [("expr.too_deep", "13:52", {"limit": 40, "entity": "elderly_institutions", "text": ANY})]


class _Any:
    def __eq__(self, other: object) -> bool:
        return True


ANY: Any = _Any()


def test_the_shipped_plans_are_far_from_the_nesting_limit():
    from yiyang_cli.plan.yamlsrc import MAX_NESTING, load

    deepest = max(len(p) for f in (ROOT / "rules").glob("*.yaml") for p in load(f)[1].marks)
    assert deepest <= MAX_NESTING // 2


# ---------------------------------------------------------------- one value where one is expected


@pytest.mark.parametrize("value", ["[1, 2]", "[]", "{a: 1}", "{}", "[[120]]"])
def test_a_list_or_mapping_in_a_fixture_cell_is_refused_at_its_column(tmp_path, value):
    found = refused(edited(tmp_path, "beds: 120}", f"beds: {value}}}"))
    assert found == [("rule.not_scalar", "24:27", {"key": "tests.0.data.elderly_institutions.0.beds"})]


def test_rules_test_with_a_list_in_a_fixture_exits_3(cli, tmp_path):
    path = edited(tmp_path, "name: 甲,", "name: [甲, 乙],")
    proc = cli("rules", "test", path)
    assert proc.returncode == 3 and f"{path}:24:18" in proc.stderr, proc.stderr
    assert "内部错误" not in proc.stderr


def test_fixture_cells_of_every_scalar_kind_still_load(tmp_path):
    cells = "beds: 120, opened: 2020-01-01, has_medical_unit: true, town: ~, satisfaction: 0.5}"
    text = PLAN.replace("beds: 120}", cells)
    plan = load_file(write(tmp_path, text))
    assert run_fixture(plan, 0) == []


@pytest.mark.parametrize(
    "mapping, key, where",
    [
        ("columns:\n  实有床位: [beds, nursing_beds]\n", "mapping.not_text", "2:9"),
        ("columns:\n  实有床位: {field: beds}\n", "mapping.not_text", "2:9"),
        ("sheets:\n  Sheet1: [elderly_institutions]\n", "mapping.not_text", "2:11"),
        ("columns:\n  实有床位: .nan\n", "rule.not_finite", "2:9"),
        ("columns:\n  " + "{a: " * 30 + "1" + "}" * 30 + ": beds\n", "rule.bad_key", "2:3"),
        ("columns: " + "{a: " * 30 + "1" + "}" * 30 + "\n", "rule.too_deep", "1:"),
        ("columns: beds\n", "mapping.not_mapping", "1:10"),
        ("colums:\n  a: beds\n", "mapping.unknown_key", "1:1"),
        ("- columns\n", "mapping.not_mapping", "1:1"),
    ],
)
def test_mapping_files_wrong_types_are_refused_at_line_and_column(tmp_path, mapping, key, where):
    path = write(tmp_path, mapping, "mapping.yaml")
    with pytest.raises(RuleError) as ei:
        load_mapping(path)
    [(got, loc, args)] = ei.value.problems
    assert got == key and loc.startswith(f"{path}:{where}"), loc
    t(got, "en", **args)


def test_check_with_a_list_in_the_mapping_exits_3(cli, tmp_path, samples):
    path = write(tmp_path, "columns:\n  实有床位（张）: [beds]\n", "mapping.yaml")
    proc = cli("check", samples / "yiwu-2023.xlsx", "--plan", "yiwu-2023", "--mapping", path)
    assert proc.returncode == 3 and f"{path}:2:" in proc.stderr and "内部错误" not in proc.stderr


def test_mapping_keys_that_yaml_reads_as_numbers_or_dates_still_map(tmp_path):
    path = write(tmp_path, "columns:\n  2023: beds\n  2024-01-01: opened\n", "mapping.yaml")
    mapping = load_mapping(path)
    assert mapping.columns == {"2023": "beds", "2024-01-01": "opened"}


# ---------------------------------------------------------------- empty expressions


@pytest.mark.parametrize(
    "old, new, where",
    [
        ("where: beds >= 0", "where: ''", "13:13"),
        ("condition: beds >= 100", "condition: ''", "16:19"),
        ("condition: beds >= 100", "condition: '   '", "16:19"),
    ],
)
def test_an_empty_expression_is_refused_when_linted_not_when_evaluated(tmp_path, old, new, where):
    assert [(k, loc) for k, loc, _ in refused(edited(tmp_path, old, new))] == [("expr.empty", where)]


# ---------------------------------------------------------------- extends


@pytest.mark.parametrize(
    "ref", ["../rules/yiwu-2023", "../../../../etc/passwd", "/etc/passwd", "yiwu-2023/../yiwu-2023", "Yiwu", "."]
)
def test_extends_a_catalogue_id_that_is_not_an_id(tmp_path, ref):
    path = edited(tmp_path, "id: my-plan\n", f"id: my-plan\nextends: '{ref}'\n")
    assert refused(path) == [("rule.extends_bad_id", "2:10", {"ref": ref})]


def test_extends_takes_a_path_relative_to_the_rule_file(tmp_path, cli):
    (tmp_path / "county").mkdir()
    (tmp_path / "city.yaml").write_text(PLAN.replace("id: my-plan", "id: city"), encoding="utf-8")
    child = write(tmp_path / "county", "id: county\nextends: ../city.yaml\ntitle: C\nregion: R\n", "county.yaml")
    plan = load_file(child)
    assert [i.id for i in plan.indicators] == ["big_homes"] and plan.issuer == "I"
    proc = cli("rules", "lint", "county/county.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


def test_extends_a_file_that_is_not_a_plan_does_not_echo_it(tmp_path, cli):
    (tmp_path / "secrets.yml").write_text(
        "id: x\npassword: hunter2-SECRET\nissued: SECRET-DATE\nindicators: [{severity: SECRET-VALUE}]\n",
        encoding="utf-8",
    )
    path = edited(tmp_path, "id: my-plan\n", "id: my-plan\nextends: secrets.yml\n")
    [(key, loc, args)] = refused(path)
    assert (key, loc, args["ref"]) == ("rule.extends_invalid", "2:10", "secrets.yml")
    proc = cli("rules", "lint", path, "--lang", "en")
    assert proc.returncode == 3 and "SECRET" not in proc.stderr and "password" not in proc.stderr
    assert f"{path}:2:10" in proc.stderr and "secrets.yml" in proc.stderr


@pytest.mark.parametrize("text", ["[1, 2]\n", "just text\n", "a: [unclosed\n", ""])
def test_extends_a_yaml_file_that_is_no_mapping_at_all(tmp_path, text):
    (tmp_path / "other.yaml").write_text(text, encoding="utf-8")
    path = edited(tmp_path, "id: my-plan\n", "id: my-plan\nextends: other.yaml\n")
    assert [(k, loc) for k, loc, _ in refused(path)] == [("rule.extends_invalid", "2:10")]


# ---------------------------------------------------------------- a corpus of malformed rule files

BASE = yaml.safe_load(PLAN)
# Raw documents the YAML writer could not produce, or edits of the plan's text.
MALFORMED = {
    "empty": "",
    "comment only": "# nothing\n",
    "null document": "~\n",
    "a list": "- id: x\n",
    "a scalar": "hello\n",
    "a number": "3\n",
    "only a BOM": "\ufeff",
    "two documents": PLAN + "---\nid: other\n",
    "duplicate top-level key": PLAN + "id: other\n",
    "duplicate key in a row": PLAN.replace("beds: 120}", "beds: 120, beds: 1}"),
    "integer key": PLAN.replace("title: T", "1: T"),
    "null key": PLAN.replace("title: T", "~: T"),
    "boolean key": PLAN.replace("title: T", "true: T"),
    "date key": PLAN.replace("title: T", "2024-01-01: T"),
    "list key": PLAN.replace("title: T", "? [a, b]\n: T"),
    "integer field in a row": PLAN.replace("name: 甲,", "3: 甲,"),
    "null field in a row": PLAN.replace("name: 甲,", "~: 甲,"),
    "integer indicator in expect": PLAN.replace("big_homes: {status", "7: {status"),
    "binary tag": PLAN.replace("title: T", "title: !!binary aGVsbG8="),
    "set tag": PLAN.replace("title: T", "title: !!set {a, b}"),
    "python tag": PLAN.replace("title: T", "title: !!python/object/apply:os.system [ls]"),
    "anchor": PLAN.replace("title: T", "title: &t T\nissuer2: *t"),
    "timestamp title": PLAN.replace("title: T", "title: 2024-01-01 10:00:00"),
    "as_of with a time": PLAN.replace("as_of: 2026-01-01", "as_of: 2026-01-01 10:00:00"),
    "as_of a year": PLAN.replace("as_of: 2026-01-01", "as_of: 2026"),
    "deadline with a time": PLAN.replace("deadline: 2025-12-31", "deadline: 2025-12-31 12:00:00"),
    "bad date": PLAN.replace("deadline: 2025-12-31", "deadline: 2025-13-45"),
    "row is a number": PLAN.replace("- {name: 甲, beds: 120}", "- 5"),
    "rows are a mapping": PLAN.replace("        - {name: 甲, beds: 120}", "          name: 甲"),
    "expectation is a list": PLAN.replace("big_homes: {status: met, value: 1}", "big_homes: [met]"),
    "failing holds lists": PLAN.replace("value: 1}\n", "value: 1, failing: [[甲]]}\n"),
    "fixture with a datetime": PLAN.replace("beds: 120}", "beds: 120, opened: 2024-01-01 10:00:00}"),
    "fixture with a huge integer": PLAN.replace("beds: 120", "beds: " + "9" * 400),
    "fixture with huge text": PLAN.replace("beds: 120", "beds: '" + "9" * 5000 + "'"),
    "target a huge integer": PLAN.replace("value: 1,", "value: " + "9" * 5000 + ","),
    "tab indentation": "id: x\n\t- y\n",
    "NUL in an expression": PLAN.replace("where: beds >= 0", 'where: "beds\\0 >= 0"'),
    "2000 open parentheses": PLAN.replace("where: beds >= 0", "where: '" + "(" * 1990 + "'"),
    "expression is a number": PLAN.replace("where: beds >= 0", "where: 5"),
    "expression is a boolean": PLAN.replace("where: beds >= 0", "where: true"),
    "extends a number": PLAN.replace("id: my-plan\n", "id: my-plan\nextends: 5\n"),
    "extends a list": PLAN.replace("id: my-plan\n", "id: my-plan\nextends: [yiwu-2023]\n"),
    "extends empty text": PLAN.replace("id: my-plan\n", "id: my-plan\nextends: ''\n"),
    "overrides of every wrong type": PLAN.replace(
        "id: my-plan\n",
        "id: my-plan\nextends: yiwu-2023\noverrides: [{id: [1]}, 5, {id: large_home_medical_unit, severity: [x], "
        "targets: {a: 1}}]\ndrop: [[x], 5, ~]\n",
    ),
    "override with a NaN target": PLAN.replace(
        "id: my-plan\n",
        "id: my-plan\nextends: yiwu-2023\noverrides: [{id: large_home_medical_unit, "
        "targets: [{comparator: '>=', value: .nan}]}]\n",
    ),
    "override with an empty where": PLAN.replace(
        "id: my-plan\n", "id: my-plan\nextends: yiwu-2023\noverrides: [{id: large_home_medical_unit, where: ''}]\n"
    ),
}


# Odd but harmless: they load, and their fixtures run.
LOADS = {"binary tag", "fixture with a datetime", "fixture with huge text"}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_rule_files_are_rule_errors(tmp_path, name):
    path = write(tmp_path, MALFORMED[name])
    if name in LOADS:
        plan = load_file(path)
        for i in range(len(plan.tests)):
            run_fixture(plan, i)
        return
    with pytest.raises(RuleError) as ei:
        load_file(path)
    for key, loc, args in ei.value.problems:
        assert key in MESSAGES and loc.startswith(str(path)), (key, loc)
        t(key, "zh", **args), t(key, "en", **args)


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, path + (i,))
    return out


def _replaced(doc: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    doc = copy.deepcopy(doc)
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return doc


WRONG = [None, [], {"a": 1}, [[1]], -1, 1.5, True, "", "x", "inf%"]


def test_a_wrong_type_at_every_level_is_a_rule_error_or_a_valid_plan(tmp_path):
    """Every value of the plan, replaced by each kind of wrong value: the loader either refuses it
    with located problems or loads a plan whose fixture then runs; nothing else escapes."""
    escaped = []
    for n, path in enumerate(_paths(BASE)):
        for value in WRONG:
            doc = _replaced(BASE, path, value)
            file = write(tmp_path, yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), f"c{n}.yaml")
            try:
                plan = load_file(file)
                for i in range(len(plan.tests)):
                    run_fixture(plan, i)
            except RuleError as err:
                if any(not loc.startswith(str(file)) for _, loc, _ in err.problems):
                    escaped.append((path, value, "unlocated"))
            except YiyangError:
                pass
            except Exception as exc:  # what the test looks for
                escaped.append((path, value, f"{type(exc).__name__}: {exc}"))
    assert escaped == []
