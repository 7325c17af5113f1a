"""Plan (rule) files: the schema, and the one place that decides what a valid plan is.

Every other module receives a validated `Plan`. Loading reports every problem it finds with
file:line:column; see docs/rules.md for the format.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypedDict, Union

from pydantic import BeforeValidator, Field, PrivateAttr, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .. import expr as ex
from .. import measures
from ..fields import ENTITIES
from ..measures.base import MeasureSpec, Reads
from ..measures.base import Strict as _Strict
from ..measures.criteria import ID_PATTERN
from ..messages import pick
from ..status import StatusName

COMPARATOR_WORDS = {"≥": ">=", "≤": "<=", "=": "=="}


def _percent(v: Any) -> Any:
    """Accept 0.55, '55%' and '55 %' for ratio values."""
    if isinstance(v, str) and v.strip().endswith("%"):
        return float(v.strip()[:-1]) / 100
    return v


class Target(_Strict):
    comparator: Literal[">=", ">", "<=", "<", "=="]
    value: float
    unit: Literal["ratio", "count", "per_1000", "per_100", "amount", "years"] = "ratio"
    deadline: dt.date | None = None
    deadline_note: str = ""

    _pct = field_validator("value", mode="before")(_percent)

    @field_validator("comparator", mode="before")
    @classmethod
    def _symbols(cls, v: Any) -> Any:
        return COMPARATOR_WORDS.get(v, v) if isinstance(v, str) else v


_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def join_chinese_lines(text: str) -> str:
    """A folded YAML block (`>-`) joins its lines with spaces, which Chinese does not put between
    characters: drop a space that has Chinese (or full-width punctuation) on both sides."""
    return _CJK_BREAK.sub("", text)


# The `measure:` of an indicator: one of the kinds registered in measures/, told apart by `kind`.
if TYPE_CHECKING:
    Measure = MeasureSpec  # every kind's Spec is one; a measure module narrows it to its own
else:
    Measure = Annotated[
        Union[tuple(m.Spec for m in measures.all_modules())],  # noqa: UP007 (built from the table)
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
    where: str | None = None
    measure: Measure
    targets: list[Target] = Field(min_length=1)
    group_by: str | None = None
    if_empty: Literal["not_applicable", "no_data", "not_met"] = "not_applicable"

    @field_validator("reading_zh")
    @classmethod
    def _join_chinese_lines(cls, text: str) -> str:
        return join_chinese_lines(text)

    def label(self, lang: str) -> str:
        return pick(lang, self.name, self.name_en)

    def reading_in(self, lang: str) -> str:
        """The reading in the report's language: Chinese when the rule file gives one, else English."""
        return pick(lang, self.reading_zh or self.reading, self.reading)

    @property
    def kind(self) -> ModuleType:
        """The module of this indicator's measure kind (measures/<kind>.py)."""
        return measures.get(self.measure.kind)

    def reads(self) -> Reads:
        """The tables, expressions and plain fields this indicator evaluates."""
        out = Reads()
        out.expression(self.entity, self.where)
        self.kind.reads(self.measure, self, out)
        return out

    def fields_read(self) -> dict[str, set[str]]:
        """The field ids this indicator reads, by table (a table read for its rows alone has none)."""
        reads = self.reads()
        out: dict[str, set[str]] = {}
        for entity in reads.entities():
            needed = set(reads.fields.get(entity, set()))
            for text in reads.expressions.get(entity, []):
                needed |= ex.field_refs(compile_expr(text))
            out[entity] = needed
        return out

    @property
    def scope(self) -> str:
        """The contract's scope: who the target is about."""
        if self.entity == "areas" or self.kind.SCOPE == "area":
            return "area"
        unit_table = self.entity in ENTITIES and ENTITIES[self.entity].label_field == "name"
        if self.kind.SCOPE == "institution" and unit_table:
            return "institution"  # one row per institution or facility, each judged on its own
        return "region"

    def stage_for(self, as_of: dt.date) -> tuple[Target, bool, Target | None]:
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


class Expectation(_Strict):
    """What a rule test expects of one indicator; numbers are compared to 6 decimal places."""

    status: StatusName
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    failing: list[str] | None = None  # names of the failing units, in any order

    _pct = field_validator("value", mode="before")(_percent)


def _one_value(v: Any) -> Any:
    """A fixture cell holds one value, as a spreadsheet cell does; a list or mapping is refused at its line."""
    if v is None or isinstance(v, (str, int, float, dt.date)):  # bool is an int; datetime a date
        return v
    raise PydanticCustomError("not_scalar", "a cell holds one value, not a list or a mapping")


Cell = Annotated[Any, BeforeValidator(_one_value)]


class RuleTest(_Strict):
    """A small fixture with known answers, run by `yiyang rules test`."""

    name: str
    as_of: dt.date
    data: dict[str, list[dict[str, Cell]]]  # table -> rows of {field id: value}
    expect: dict[str, StatusName | Expectation] = Field(min_length=1)


class Override(_Strict):
    """Changes a child plan makes to one indicator it inherits (`extends`)."""

    id: str
    name: str | None = None
    name_en: str | None = None
    clause: str | None = None
    quote: str | None = None
    reading: str | None = None
    reading_zh: str | None = None
    severity: Literal["mandatory", "advisory"] | None = None
    where: str | None = None
    targets: list[Target] | None = Field(default=None, min_length=1)
    group_by: str | None = None
    if_empty: Literal["not_applicable", "no_data", "not_met"] | None = None


class Origin(TypedDict):
    """Where an indicator of an effective plan comes from (`extends`)."""

    defined_in: str  # the plan that defines it
    overrides: dict[str, str]  # key -> the plan that set it


# Plan metadata a child plan takes from its parent when it does not state its own.
INHERITED = (
    "title",
    "title_en",
    "region",
    "region_en",
    "issuer",
    "doc_no",
    "issued",
    "effective",
    "source_file",
    "source_part",
)
MAX_EXTENDS = 5


class Plan(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    extends: str | None = None  # a catalogue id or a path relative to this file
    overrides: list[Override] = []
    drop: list[str] = []  # inherited indicators this plan does not take
    title: str
    title_en: str = ""
    region: str
    region_en: str = ""
    issuer: str
    doc_no: str = ""
    issued: dt.date | None = None
    effective: dt.date | None = None
    source_file: str
    source_part: str = ""
    notes: str = ""
    indicators: list[Indicator] = []
    commitments: list[Commitment] = []
    tests: list[RuleTest] = []

    @model_validator(mode="after")
    def _has_indicators(self) -> Plan:
        if not self.indicators and not self.extends:
            raise ValueError("a plan needs at least one indicator (or `extends` to inherit them)")
        return self

    _source: Path | None = PrivateAttr(default=None)  # the file it was loaded from
    _smap: Any = PrivateAttr(default=None)  # where each value is written in that file
    # indicator id -> {"defined_in": plan id, "overrides": {key: plan id that set it}}
    _origin: dict[str, Origin] = PrivateAttr(default_factory=dict)

    def origin(self, indicator_id: str) -> Origin:
        """Where an indicator of the effective plan was written, and which plan set each overridden key."""
        return self._origin.get(indicator_id, {"defined_in": self.id, "overrides": {}})

    @property
    def year(self) -> int | None:
        return self.issued.year if self.issued else None

    def entities(self) -> set[str]:
        """Entities whose data the plan reads."""
        return set().union(*(ind.reads().entities() for ind in self.indicators))


@lru_cache(maxsize=4096)
def compile_expr(text: str) -> ex.Node:
    """Parse an expression once; shared by every indicator that uses the same text."""
    return ex.parse(text)
