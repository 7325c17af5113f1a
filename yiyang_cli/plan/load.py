"""Loading a rule file: YAML with a source map, validation, `extends`, and every problem found,
each with file:line:column.

Checks the schema cannot express are made here too: tables, fields, expressions (type-checked),
target units against the measure kind, stage order, and that rule tests name real tables,
fields and indicators.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .. import expr as ex
from .. import measures
from ..errors import RuleError
from ..fields import ENTITIES
from ..measures.criteria import ID_PATTERN
from .catalogue import catalogue_dir, catalogue_ids, resolve
from .model import INHERITED, MAX_EXTENDS, Commitment, Indicator, Origin, Plan, Target, compile_expr

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from .yamlsrc import SourceMap

Problem = tuple[str, str, dict[str, Any]]
CHAIN_PROBLEMS = ("rule.extends_cycle", "rule.extends_deep")


def load_plan(ref: str) -> Plan:
    return load_file(resolve(ref))


def load_file(path: Path, _chain: tuple = ()) -> Plan:
    """Load, validate and (for `extends`) merge a rule file into the effective plan."""
    from .yamlsrc import YamlProblem, load

    name = str(path)
    try:
        data, smap = load(path)
    except YamlProblem as p:
        loc = f"{name}:{p.line}:{p.column}" if p.line else name
        raise RuleError([(p.key, loc, p.args_)]) from None
    if not isinstance(data, dict):
        raise RuleError([("rule.not_mapping", f"{name}:1", {})])
    parent = None
    if isinstance(data.get("extends"), str):
        parent = _load_parent(data["extends"], path, smap, _chain + (path.resolve(),))
        for key in INHERITED:
            if key not in data and getattr(parent, key) not in (None, ""):
                data[key] = getattr(parent, key)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        raise RuleError([_pydantic_problem(e, name, smap) for e in exc.errors()]) from None
    problems = _semantic_problems(plan, name, smap)
    if parent is not None:
        problems += _inherit(plan, parent, _Checker(name, smap))
    problems += _test_problems(plan, name, smap)
    if problems:
        raise RuleError(problems)
    plan._source, plan._smap = path, smap
    return plan


def _load_parent(ref: str, child: Path, smap, chain: tuple) -> Plan:
    """The plan `extends` names: a .yaml/.yml path relative to the child, else a catalogue id (an
    id, so it cannot reach a file outside the catalogue)."""
    line, col = smap.locate(("extends",))
    where = f"{child}:{line}:{col}"
    if Path(ref).suffix in (".yaml", ".yml"):
        target = child.parent / ref
    elif re.fullmatch(ID_PATTERN, ref):
        target = catalogue_dir() / f"{ref}.yaml"
    else:
        raise RuleError([("rule.extends_bad_id", where, {"ref": ref})])
    if not target.is_file():
        raise RuleError([("rule.extends_unknown", where, {"ref": ref, "known": ", ".join(catalogue_ids())})])
    if target.resolve() in chain:
        raise RuleError([("rule.extends_cycle", where, {"ref": ref})])
    if len(chain) > MAX_EXTENDS:
        raise RuleError([("rule.extends_deep", where, {"limit": MAX_EXTENDS})])
    try:
        return load_file(target, chain)
    except RuleError as err:
        if all(key in CHAIN_PROBLEMS for key, _, _ in err.problems):
            raise  # a cycle or too long a chain further up: said where it is
        # Whatever the file holds is not quoted here (it may not be a plan at all, or not ours to show).
        problem = {"ref": ref, "path": str(target), "n": len(err.problems)}
        raise RuleError([("rule.extends_invalid", where, problem)]) from None


def _inherit(plan: Plan, parent: Plan, checker: _Checker) -> list[tuple[str, str, dict]]:
    """Make `plan` the effective plan: the parent's indicators, less `drop`, with `overrides`
    applied, then the plan's own. Records where every indicator and overridden value came from."""
    inherited = {ind.id: ind for ind in parent.indicators}
    for j, drop_id in enumerate(plan.drop):
        if drop_id not in inherited:
            checker.problems.append(("rule.unknown_indicator", checker.at(("drop", j)), {"id": drop_id}))
    changes = {}
    for j, o in enumerate(plan.overrides):
        if o.id not in inherited:
            checker.problems.append(("rule.unknown_indicator", checker.at(("overrides", j, "id")), {"id": o.id}))
            continue
        fields = o.model_dump(exclude_unset=True, exclude={"id"})
        base = inherited[o.id].model_dump()
        if "reading" in fields and "reading_zh" not in fields:
            base["reading_zh"] = ""  # the parent's Chinese reading no longer says what the child reads
        merged = Indicator.model_validate({**base, **fields})
        checker.indicator(merged, ("overrides", j))
        changes[o.id] = (merged, sorted(fields))
    own = {ind.id for ind in plan.indicators}
    effective: list[Indicator] = []
    origin: dict[str, Origin] = {}
    for ind in parent.indicators:
        if ind.id in plan.drop or ind.id in own:
            continue
        merged, keys = changes.get(ind.id, (ind, []))
        effective.append(merged)
        before = parent.origin(ind.id)
        origin[ind.id] = {
            "defined_in": before["defined_in"],
            "overrides": {**before["overrides"], **dict.fromkeys(keys, plan.id)},
        }
    plan.indicators = effective + plan.indicators
    plan.commitments = parent.commitments + plan.commitments
    plan._origin = origin
    return checker.problems


def _test_problems(plan: Plan, name: str, smap) -> list[tuple[str, str, dict]]:
    """Rule tests name real tables, fields and indicators."""
    problems = []
    ids = {ind.id for ind in plan.indicators}

    def at(path: tuple) -> str:
        line, col = smap.locate(path)
        return f"{name}:{line}:{col}"

    for i, test in enumerate(plan.tests):
        base = ("tests", i)
        for entity_id, rows in test.data.items():
            if entity_id not in ENTITIES:
                problems.append(
                    (
                        "rule.unknown_entity",
                        at(base + ("data", entity_id)),
                        {"entity": entity_id, "known": ", ".join(ENTITIES)},
                    )
                )
                continue
            fields = ENTITIES[entity_id].fields
            for j, row in enumerate(rows):
                for key in row:
                    if key not in fields:
                        problems.append(
                            (
                                "rule.unknown_field",
                                at(base + ("data", entity_id, j, key)),
                                {"name": key, "entity": entity_id},
                            )
                        )
        for key in test.expect:
            if key not in ids:
                problems.append(("rule.unknown_indicator", at(base + ("expect", key)), {"id": key}))
    return problems


def _pydantic_problem(err: ErrorDetails, name: str, smap: SourceMap) -> Problem:
    # Discriminated unions put the tag (a measure kind, a model's class name) in the location; drop
    # such parts unless the document has them (an unknown key may well be capitalised: `Notes:`).
    clean: tuple = ()
    for part in err["loc"]:
        here = clean + (part,)
        in_document = here in smap.marks or here in smap.keys
        tag = isinstance(part, str) and (part[:1].isupper() or part in measures.MEASURES)
        if in_document or not tag:
            clean = here
    line, col = smap.locate(clean)
    dotted = ".".join(str(p) for p in clean)
    etype = err["type"]
    if etype == "extra_forbidden":
        key = str(clean[-1])
        line, col = smap.keys.get(clean, (line, col))  # point at the key, not its value
        parent = _model_at(clean[:-1])
        suggestion = _closest(key, parent)
        return ("rule.unknown_key", f"{name}:{line}:{col}", {"key": key, "suggestion": suggestion})
    if etype == "missing":
        return ("rule.missing_key", f"{name}:{line}:{col}", {"key": dotted})
    if etype == "not_scalar":
        return ("rule.not_scalar", f"{name}:{line}:{col}", {"key": dotted})
    if etype == "literal_error":
        return (
            "rule.bad_choice",
            f"{name}:{line}:{col}",
            {"key": dotted, "expected": err.get("ctx", {}).get("expected", ""), "got": repr(err.get("input"))},
        )
    if etype.startswith("date"):
        return ("rule.bad_date", f"{name}:{line}:{col}", {"key": dotted, "got": repr(err.get("input"))})
    if etype == "union_tag_invalid":
        return (
            "rule.bad_choice",
            f"{name}:{line}:{col}",
            {
                "key": dotted + ".kind",
                "expected": err.get("ctx", {}).get("expected_tags", ""),
                "got": repr(err.get("ctx", {}).get("tag")),
            },
        )
    return ("rule.invalid", f"{name}:{line}:{col}", {"key": dotted, "problem": err["msg"]})


def _model_at(path: tuple[Any, ...]) -> type | None:
    """The model class a document path points into (for suggesting a key)."""
    from ..measures.criteria import Criterion
    from ..measures.ratio import Side

    model: type = Plan
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)  # type: ignore[attr-defined]
        if field is None:
            return None
        ann = field.annotation
        for cand in (Indicator, Target, Commitment, Side, Criterion):
            if cand is ann or cand in getattr(ann, "__args__", ()):
                model = cand
                break
        else:
            if part == "measure":
                return None
    return model


def _closest(key: str, model: type | None) -> str:
    import difflib

    if model is not None:
        names = list(model.model_fields)  # type: ignore[attr-defined]
    else:  # somewhere in a measure: the keys of every kind
        names = list(dict.fromkeys(name for m in measures.all_modules() for name in m.Spec.model_fields))
    close = difflib.get_close_matches(key, names, n=1)
    return close[0] if close else ""


class _Checker:
    """Checks what the schema cannot: tables, fields, expressions, units and stages, each problem
    located in the file it was written in."""

    def __init__(self, name: str, smap):
        self.name, self.smap = name, smap
        self.problems: list[tuple[str, str, dict]] = []

    def at(self, path: tuple) -> str:
        line, col = self.smap.locate(path)
        return f"{self.name}:{line}:{col}"

    def expr(self, path: tuple, text: str, entity_id: str, want: str) -> None:
        try:
            got = ex.check(compile_expr(text), ENTITIES[entity_id].fields)
            if got != want:
                raise ex.ExprError("expr.result_type", 0, want=want, got=got)
        except ex.ExprError as e:
            line, _ = self.smap.locate(path)
            col = self.smap.value_column(path) + e.pos
            self.problems.append((e.key, f"{self.name}:{line}:{col}", dict(e.args_, entity=entity_id, text=text)))

    def entity(self, path: tuple, entity_id: str) -> bool:
        if entity_id not in ENTITIES:
            self.problems.append(
                ("rule.unknown_entity", self.at(path), {"entity": entity_id, "known": ", ".join(ENTITIES)})
            )
            return False
        return True

    def field(self, path: tuple, field_id: str, entity_id: str) -> None:
        if field_id not in ENTITIES[entity_id].fields:
            self.problems.append(("rule.unknown_field", self.at(path), {"name": field_id, "entity": entity_id}))

    def indicator(self, ind: Indicator, base: tuple[Any, ...]) -> None:
        if not self.entity(base + ("entity",), ind.entity):
            return
        if ind.where is not None:  # an empty one too: it is refused here, not when evaluated
            self.expr(base + ("where",), ind.where, ind.entity, "bool")
        if ind.group_by:
            self.field(base + ("group_by",), ind.group_by, ind.entity)
        ind.kind.lint(ind.measure, ind, self, base + ("measure",))
        self.targets(ind, base)

    def targets(self, ind: Indicator, base: tuple) -> None:
        units = {t.unit for t in ind.targets}
        expected = ind.kind.expected_unit(ind.measure)
        if expected and units != {expected}:
            self.problems.append(
                (
                    "rule.unit_mismatch",
                    self.at(base + ("targets",)),
                    {"kind": ind.measure.kind, "unit": expected, "got": ", ".join(sorted(units))},
                )
            )
        deadlines = [t.deadline for t in ind.targets]
        dated = [d for d in deadlines if d is not None]
        if len(ind.targets) > 1 and (
            len(dated) < len(deadlines) or dated != sorted(dated) or len(set(dated)) != len(dated)
        ):
            self.problems.append(("rule.stage_order", self.at(base + ("targets",)), {}))
        for j, t in enumerate(ind.targets):
            if t.unit == "ratio" and not 0 <= t.value <= 1:
                self.problems.append(("rule.ratio_range", self.at(base + ("targets", j, "value")), {"value": t.value}))


def _semantic_problems(plan: Plan, name: str, smap) -> list[tuple[str, str, dict]]:
    checker = _Checker(name, smap)
    seen_ids: set[str] = set()
    for i, ind in enumerate(plan.indicators):
        base = ("indicators", i)
        if ind.id in seen_ids:
            checker.problems.append(("rule.duplicate_id", checker.at(base + ("id",)), {"id": ind.id}))
        seen_ids.add(ind.id)
        checker.indicator(ind, base)
    return checker.problems
