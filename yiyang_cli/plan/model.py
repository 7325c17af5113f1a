"""Plan (rule) files: the schema, and the one place that decides what a valid plan is.

Every other module receives a validated `Plan`. Loading reports every problem it finds with
file:line:column; see docs/rules.md for the format.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from .. import expr as ex
from .catalogue import catalogue_dir, catalogue_ids, resolve  # noqa: F401  (re-exported for callers)
from ..errors import RuleError
from ..fields import ENTITIES

ID_PATTERN = r"^[a-z0-9][a-z0-9_\-]*$"
COMPARATOR_WORDS = {"≥": ">=", "≤": "<=", "=": "=="}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _percent(v):
    """Accept 0.55, '55%' and '55 %' for ratio values."""
    if isinstance(v, str) and v.strip().endswith("%"):
        return float(v.strip()[:-1]) / 100
    return v


class Target(_Strict):
    comparator: Literal[">=", ">", "<=", "<", "=="]
    value: float
    unit: Literal["ratio", "count", "per_1000", "per_100", "amount", "years"] = "ratio"
    deadline: Optional[dt.date] = None
    deadline_note: str = ""

    _pct = field_validator("value", mode="before")(_percent)

    @field_validator("comparator", mode="before")
    @classmethod
    def _symbols(cls, v):
        return COMPARATOR_WORDS.get(v, v) if isinstance(v, str) else v


class Side(_Strict):
    """One side of a ratio: the sum of an expression (or a count of rows) over an entity."""

    sum: Optional[str] = None
    count: Optional[str] = None  # a condition; counts rows where it holds
    entity: Optional[str] = None  # default: the indicator's entity
    where: Optional[str] = None  # default: the indicator's `where` when the entity is the same

    @model_validator(mode="after")
    def _one(self):
        if (self.sum is None) == (self.count is None):
            raise ValueError("exactly one of `sum` or `count`")
        return self


class ShareMeasure(_Strict):
    kind: Literal["share"]
    condition: str


class RatioMeasure(_Strict):
    kind: Literal["ratio"]
    numerator: Side
    denominator: Side
    scale: float = 1.0  # e.g. 1000 for "per thousand"


class CountMeasure(_Strict):
    kind: Literal["count"]
    condition: Optional[str] = None
    distinct: Optional[str] = None  # count distinct values of this field (e.g. name), not rows


class SumMeasure(_Strict):
    kind: Literal["sum"]
    sum: str


class CoverageMeasure(_Strict):
    kind: Literal["coverage"]
    over: str  # the field that names a group (town, county, medical_community, …)
    condition: Optional[str] = None  # rows that count toward a group; default every row in scope
    min: int = 1
    universe: Optional[str] = None  # entity whose `area` rows list every group that must be covered


class Criterion(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    name_en: str = ""
    condition: str
    quote: str = ""


class CriteriaMeasure(_Strict):
    kind: Literal["criteria"]
    criteria: list[Criterion] = Field(min_length=1)
    aggregate: Literal["share", "count"] = "share"


_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def join_chinese_lines(text: str) -> str:
    """A folded YAML block (`>-`) joins its lines with spaces, which Chinese does not put between
    characters: drop a space that has Chinese (or full-width punctuation) on both sides."""
    return _CJK_BREAK.sub("", text)


Measure = Annotated[
    Union[ShareMeasure, RatioMeasure, CountMeasure, SumMeasure, CoverageMeasure, CriteriaMeasure],
    Field(discriminator="kind"),
]


class Indicator(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    name_en: str
    clause: str = ""
    quote: str = Field(min_length=1)
    reading: str = ""
    reading_zh: str = ""  # the reading in Chinese, for Chinese reports; `reading` is the English one
    severity: Literal["mandatory", "advisory"]
    entity: str
    where: Optional[str] = None
    measure: Measure
    targets: list[Target] = Field(min_length=1)
    group_by: Optional[str] = None
    if_empty: Literal["not_applicable", "no_data", "not_met"] = "not_applicable"

    @field_validator("reading_zh")
    @classmethod
    def _join_chinese_lines(cls, text: str) -> str:
        return join_chinese_lines(text)

    def label(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name

    def reading_in(self, lang: str) -> str:
        """The reading in the report's language: Chinese when the rule file gives one, else English."""
        return self.reading_zh if lang != "en" and self.reading_zh else self.reading

    @property
    def scope(self) -> str:
        """The contract's scope: who the target is about."""
        if self.entity == "areas" or isinstance(self.measure, CoverageMeasure):
            return "area"
        unit_table = self.entity in ENTITIES and ENTITIES[self.entity].label_field == "name"
        if isinstance(self.measure, (ShareMeasure, CriteriaMeasure)) and unit_table:
            return "institution"  # one row per institution or facility, each judged on its own
        return "region"

    def stage_for(self, as_of: dt.date) -> tuple[Target, bool, Optional[Target]]:
        """The target that applies at `as_of`, whether it is due, and the next stage if any.

        The latest stage whose deadline has passed applies; before the first deadline the first
        stage is shown as not yet due. A target with no deadline is due from the plan's start.
        """
        stages = self.targets
        passed = [t for t in stages if t.deadline is None or t.deadline <= as_of]
        if passed:
            current = passed[-1]
            later = [t for t in stages if t.deadline and t.deadline > as_of]
            return current, True, (later[0] if later else None)
        upcoming = stages[0]
        return upcoming, False, (stages[1] if len(stages) > 1 else None)


class Commitment(_Strict):
    """A commitment in the plan that data cannot check; listed so the catalogue is complete."""

    clause: str = ""
    quote: str = Field(min_length=1)
    why_not_checked: str = ""


STATUS = Literal["met", "not_met", "not_due", "no_data", "not_applicable"]


class Expectation(_Strict):
    """What a rule test expects of one indicator; numbers are compared to 6 decimal places."""

    status: STATUS
    value: Optional[float] = None
    numerator: Optional[float] = None
    denominator: Optional[float] = None
    failing: Optional[list[str]] = None  # names of the failing units, in any order

    _pct = field_validator("value", mode="before")(_percent)


class RuleTest(_Strict):
    """A small fixture with known answers, run by `yiyang rules test`."""

    name: str
    as_of: dt.date
    data: dict[str, list[dict[str, Any]]]  # table -> rows of {field id: value}
    expect: dict[str, Union[STATUS, Expectation]] = Field(min_length=1)


class Override(_Strict):
    """Changes a child plan makes to one indicator it inherits (`extends`)."""

    id: str
    name: Optional[str] = None
    name_en: Optional[str] = None
    clause: Optional[str] = None
    quote: Optional[str] = None
    reading: Optional[str] = None
    reading_zh: Optional[str] = None
    severity: Optional[Literal["mandatory", "advisory"]] = None
    where: Optional[str] = None
    targets: Optional[list[Target]] = Field(default=None, min_length=1)
    group_by: Optional[str] = None
    if_empty: Optional[Literal["not_applicable", "no_data", "not_met"]] = None


# Plan metadata a child plan takes from its parent when it does not state its own.
INHERITED = ("title", "title_en", "region", "region_en", "issuer", "doc_no", "issued", "effective",
             "source_file", "source_part")
MAX_EXTENDS = 5


class Plan(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    extends: Optional[str] = None  # a catalogue id or a path relative to this file
    overrides: list[Override] = []
    drop: list[str] = []  # inherited indicators this plan does not take
    title: str
    title_en: str = ""
    region: str
    region_en: str = ""
    issuer: str
    doc_no: str = ""
    issued: Optional[dt.date] = None
    effective: Optional[dt.date] = None
    source_file: str
    source_part: str = ""
    notes: str = ""
    indicators: list[Indicator] = []
    commitments: list[Commitment] = []
    tests: list[RuleTest] = []

    @model_validator(mode="after")
    def _has_indicators(self):
        if not self.indicators and not self.extends:
            raise ValueError("a plan needs at least one indicator (or `extends` to inherit them)")
        return self

    _source: Optional[Path] = PrivateAttr(default=None)  # the file it was loaded from
    _smap: Any = PrivateAttr(default=None)  # where each value is written in that file
    # indicator id -> {"defined_in": plan id, "overrides": {key: plan id that set it}}
    _origin: dict = PrivateAttr(default_factory=dict)

    def origin(self, indicator_id: str) -> dict:
        """Where an indicator of the effective plan was written, and which plan set each overridden key."""
        return self._origin.get(indicator_id, {"defined_in": self.id, "overrides": {}})

    @property
    def year(self) -> Optional[int]:
        return self.issued.year if self.issued else None

    def entities(self) -> set[str]:
        """Entities whose data the plan reads."""
        out = set()
        for ind in self.indicators:
            out.add(ind.entity)
            m = ind.measure
            if isinstance(m, RatioMeasure):
                out.update(s.entity for s in (m.numerator, m.denominator) if s.entity)
            if isinstance(m, CoverageMeasure) and m.universe:
                out.add(m.universe)
        return out


@lru_cache(maxsize=4096)
def compile_expr(text: str):
    """Parse an expression once; shared by every indicator that uses the same text."""
    return ex.parse(text)


# ---------------------------------------------------------------- loading

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
    line, col = smap.locate(("extends",))
    where = f"{child}:{line}:{col}"
    candidate = (child.parent / ref)
    target = candidate if candidate.suffix in (".yaml", ".yml") else catalogue_dir() / f"{ref}.yaml"
    if not target.is_file():
        raise RuleError([("rule.extends_unknown", where, {"ref": ref, "known": ", ".join(catalogue_ids())})])
    if target.resolve() in chain:
        raise RuleError([("rule.extends_cycle", where, {"ref": ref})])
    if len(chain) > MAX_EXTENDS:
        raise RuleError([("rule.extends_deep", where, {"limit": MAX_EXTENDS})])
    return load_file(target, chain)


def _inherit(plan: Plan, parent: Plan, checker: "_Checker") -> list[tuple[str, str, dict]]:
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
    effective, origin = [], {}
    for ind in parent.indicators:
        if ind.id in plan.drop or ind.id in own:
            continue
        merged, keys = changes.get(ind.id, (ind, []))
        effective.append(merged)
        before = parent.origin(ind.id)
        origin[ind.id] = {"defined_in": before["defined_in"],
                          "overrides": {**before["overrides"], **{key: plan.id for key in keys}}}
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
                problems.append(("rule.unknown_entity", at(base + ("data", entity_id)),
                                 {"entity": entity_id, "known": ", ".join(ENTITIES)}))
                continue
            fields = ENTITIES[entity_id].fields
            for j, row in enumerate(rows):
                for key in row:
                    if key not in fields:
                        problems.append(("rule.unknown_field", at(base + ("data", entity_id, j, key)),
                                         {"name": key, "entity": entity_id}))
        for key in test.expect:
            if key not in ids:
                problems.append(("rule.unknown_indicator", at(base + ("expect", key)), {"id": key}))
    return problems


def _pydantic_problem(err: dict, name: str, smap) -> tuple[str, str, dict]:
    # Discriminated unions put the tag in the location; drop parts the document does not have.
    path = tuple(p for p in err["loc"] if not (isinstance(p, str) and p[:1].isupper()))
    clean: tuple = ()
    for part in path:
        if clean + (part,) in smap.marks:
            clean += (part,)
        elif isinstance(part, str) and part in ("share", "ratio", "count", "sum", "coverage", "criteria"):
            continue
        else:
            clean += (part,)
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
    if etype == "literal_error":
        return ("rule.bad_choice", f"{name}:{line}:{col}",
                {"key": dotted, "expected": err.get("ctx", {}).get("expected", ""),
                 "got": repr(err.get("input"))})
    if etype.startswith("date"):
        return ("rule.bad_date", f"{name}:{line}:{col}", {"key": dotted, "got": repr(err.get("input"))})
    if etype == "union_tag_invalid":
        return ("rule.bad_choice", f"{name}:{line}:{col}",
                {"key": dotted + ".kind", "expected": err.get("ctx", {}).get("expected_tags", ""),
                 "got": repr(err.get("ctx", {}).get("tag"))})
    return ("rule.invalid", f"{name}:{line}:{col}", {"key": dotted, "problem": err["msg"]})


def _model_at(path: tuple):
    """The model class a document path points into (for suggesting a key)."""
    model = Plan
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
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


def _closest(key: str, model) -> str:
    import difflib

    names = list(model.model_fields) if model is not None else [
        "kind", "condition", "numerator", "denominator", "scale", "sum", "over", "min", "universe",
        "criteria", "aggregate"]
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
            self.problems.append(("rule.unknown_entity", self.at(path),
                                  {"entity": entity_id, "known": ", ".join(ENTITIES)}))
            return False
        return True

    def field(self, path: tuple, field_id: str, entity_id: str) -> None:
        if field_id not in ENTITIES[entity_id].fields:
            self.problems.append(("rule.unknown_field", self.at(path), {"name": field_id, "entity": entity_id}))

    def indicator(self, ind: Indicator, base: tuple) -> None:
        if not self.entity(base + ("entity",), ind.entity):
            return
        if ind.where:
            self.expr(base + ("where",), ind.where, ind.entity, "bool")
        if ind.group_by:
            self.field(base + ("group_by",), ind.group_by, ind.entity)
        m = ind.measure
        mpath = base + ("measure",)
        if isinstance(m, (ShareMeasure, CountMeasure)) and m.condition:
            self.expr(mpath + ("condition",), m.condition, ind.entity, "bool")
        if isinstance(m, CountMeasure) and m.distinct:
            self.field(mpath + ("distinct",), m.distinct, ind.entity)
        elif isinstance(m, SumMeasure):
            self.expr(mpath + ("sum",), m.sum, ind.entity, "number")
        elif isinstance(m, RatioMeasure):
            for side_name in ("numerator", "denominator"):
                side = getattr(m, side_name)
                ent = side.entity or ind.entity
                spath = mpath + (side_name,)
                if not self.entity(spath + ("entity",), ent):
                    continue
                if side.sum is not None:
                    self.expr(spath + ("sum",), side.sum, ent, "number")
                else:
                    self.expr(spath + ("count",), side.count, ent, "bool")
                if side.where:
                    self.expr(spath + ("where",), side.where, ent, "bool")
        elif isinstance(m, CoverageMeasure):
            self.field(mpath + ("over",), m.over, ind.entity)
            if m.condition:
                self.expr(mpath + ("condition",), m.condition, ind.entity, "bool")
            if m.universe:
                self.entity(mpath + ("universe",), m.universe)
        elif isinstance(m, CriteriaMeasure):
            for j, c in enumerate(m.criteria):
                self.expr(mpath + ("criteria", j, "condition"), c.condition, ind.entity, "bool")
        self.targets(ind, base)

    def targets(self, ind: Indicator, base: tuple) -> None:
        units = {t.unit for t in ind.targets}
        expected = _expected_unit(ind)
        if expected and units != {expected}:
            self.problems.append(("rule.unit_mismatch", self.at(base + ("targets",)),
                                  {"kind": ind.measure.kind, "unit": expected, "got": ", ".join(sorted(units))}))
        deadlines = [t.deadline for t in ind.targets]
        if len(ind.targets) > 1 and (None in deadlines or deadlines != sorted(deadlines)
                                     or len(set(deadlines)) != len(deadlines)):
            self.problems.append(("rule.stage_order", self.at(base + ("targets",)), {}))
        for j, t in enumerate(ind.targets):
            if t.unit == "ratio" and not 0 <= t.value <= 1:
                self.problems.append(("rule.ratio_range", self.at(base + ("targets", j, "value")),
                                      {"value": t.value}))


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


def _expected_unit(ind: Indicator) -> Optional[str]:
    m = ind.measure
    if isinstance(m, (ShareMeasure, CoverageMeasure)):
        return "ratio"
    if isinstance(m, CriteriaMeasure):
        return "ratio" if m.aggregate == "share" else "count"
    if isinstance(m, CountMeasure):
        return "count"
    return None

