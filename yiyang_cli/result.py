"""The result of a check: the only thing renderers, batch, history and the API's callers see.

It holds plain, typed copies of what it reports about the plan (`PlanInfo`, `IndicatorInfo`,
`TargetInfo`), never the rule-file objects, so a result can be kept, compared and rendered
without the plan. Messages are stored as catalogue keys with arguments and rendered in the
user's language by `to_dict(lang)`, so one result can be written in Chinese and English.
`CheckResult.to_dict()` is exactly the JSON contract (`yiyang schema result`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from .messages import pick, t
from .status import FAILING, STATUSES


@dataclass(frozen=True)
class TargetInfo:
    comparator: str
    value: float
    unit: str
    deadline: dt.date | None = None
    deadline_note: str = ""

    @classmethod
    def of(cls, target: Any) -> TargetInfo | None:
        """A copy of a rule file's target (plan.model.Target)."""
        if target is None:
            return None
        return cls(target.comparator, target.value, target.unit, target.deadline, target.deadline_note)

    def to_dict(self) -> dict[str, Any]:
        return {
            "comparator": self.comparator,
            "value": self.value,
            "unit": self.unit,
            "deadline": self.deadline.isoformat() if self.deadline else None,
        }


@dataclass(frozen=True)
class IndicatorInfo:
    """What a result says about the indicator it judges: its words, not its rules."""

    id: str
    name: str
    name_en: str
    clause: str
    quote: str
    reading: str
    reading_zh: str
    severity: str  # mandatory | advisory
    scope: str  # institution | area | region
    entity: str
    kind: str  # the measure kind (measures/<kind>.py)

    @classmethod
    def of(cls, ind: Any) -> IndicatorInfo:
        """A copy of a rule file's indicator (plan.model.Indicator)."""
        return cls(
            ind.id,
            ind.name,
            ind.name_en,
            ind.clause,
            ind.quote,
            ind.reading,
            ind.reading_zh,
            ind.severity,
            ind.scope,
            ind.entity,
            ind.measure.kind,
        )

    def label(self, lang: str) -> str:
        return pick(lang, self.name, self.name_en)

    def reading_in(self, lang: str) -> str:
        """The reading in the report's language: Chinese when the rule file gives one, else English."""
        return pick(lang, self.reading_zh or self.reading, self.reading)


@dataclass(frozen=True)
class PlanInfo:
    id: str
    title: str
    title_en: str
    region: str
    issuer: str
    doc_no: str
    source_file: str

    @classmethod
    def of(cls, plan: Any) -> PlanInfo:
        """A copy of a rule file's plan metadata (plan.model.Plan)."""
        return cls(plan.id, plan.title, plan.title_en, plan.region, plan.issuer, plan.doc_no, plan.source_file)

    def title_in(self, lang: str) -> str:
        return pick(lang, self.title, self.title_en)


@dataclass
class DataIssue:
    severity: str  # error | warning
    code: str
    key: str
    args: dict[str, Any]
    location: str = ""

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.args)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "message": self.message(lang), "location": self.location}


@dataclass
class Failing:
    name: str
    location: str
    detail_key: str = ""
    detail_args: dict[str, Any] = field(default_factory=dict)

    def detail(self, lang: str) -> str:
        return t(self.detail_key, lang, **self.detail_args) if self.detail_key else ""

    def to_dict(self, lang: str) -> dict[str, Any]:
        out = {"name": self.name, "location": self.location}
        if self.detail_key:
            out["detail"] = self.detail(lang)
        return out


@dataclass
class Group:
    group: str
    value: float | None
    status: str | None
    numerator: float | None = None
    denominator: float | None = None


@dataclass
class IndicatorResult:
    indicator: IndicatorInfo
    status: str
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    target: TargetInfo | None = None  # the stage that applied
    due: bool = True
    next_target: TargetInfo | None = None
    gap: float | None = None
    unknown: int = 0  # units whose scope or condition could not be read
    failing: list[Failing] = field(default_factory=list)
    failing_total: int = 0
    groups: list[Group] = field(default_factory=list)
    missing_fields: list[str] = field(default_factory=list)
    reason_key: str = ""
    reason_args: dict[str, Any] = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        """Does this result fail the run (a binding target missed, or undecidable)?"""
        return self.indicator.severity == "mandatory" and self.status in FAILING

    def reason(self, lang: str) -> str:
        return t(self.reason_key, lang, **self.reason_args) if self.reason_key else ""

    def to_dict(self, lang: str) -> dict[str, Any]:
        ind = self.indicator
        item: dict[str, Any] = {
            "id": ind.id,
            "name": ind.label(lang),
            "name_zh": ind.name,
            "name_en": ind.name_en,
            "scope": ind.scope,
            "severity": ind.severity,
            "status": self.status,
            "value": json_number(self.value),
            "numerator": json_number(self.numerator),
            "denominator": json_number(self.denominator),
            "gap": json_number(self.gap),
            "unknown": self.unknown,
            "target": self.target.to_dict() if self.target else None,
            "next_target": self.next_target.to_dict() if self.next_target else None,
            "failing": [f.to_dict(lang) for f in self.failing],
            "failing_total": self.failing_total,
            "groups": [
                {
                    "group": g.group,
                    "value": json_number(g.value),
                    "status": g.status,
                    "numerator": json_number(g.numerator),
                    "denominator": json_number(g.denominator),
                }
                for g in self.groups
            ],
            "clause": ind.clause,
            "quote": ind.quote,
        }
        if self.missing_fields:
            item["missing_fields"] = self.missing_fields
        if self.reason_key:
            item["reason"] = self.reason(lang)
        return item


@dataclass
class InputInfo:
    path: str
    sha256: str
    tables: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class CheckResult:
    plan: PlanInfo
    as_of: dt.date
    inputs: list[InputInfo]
    indicators: list[IndicatorResult]
    data_issues: list[DataIssue]
    tool_version: str
    lang: str = "zh"  # the language `to_dict()` writes messages in unless told otherwise

    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for r in self.indicators:
            counts[r.status] += 1
        return counts

    def blocking_count(self) -> int:
        """Binding targets that are due and missed (or undecidable): what fails the run."""
        return sum(1 for r in self.indicators if r.due and r.blocking)

    def exit_code(self, fail_on: str = "mandatory") -> int:
        """0, or 1 when a target at the `fail_on` level (mandatory, advisory; never) fails."""
        if fail_on == "never":
            return 0
        for r in self.indicators:
            if r.status in FAILING and (r.indicator.severity == "mandatory" or fail_on == "advisory"):
                return 1
        return 0

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON result (`yiyang schema result`), messages in `lang` (default: the result's own)."""
        lang = lang or self.lang
        plan = self.plan
        return {
            "schema_version": 1,
            "tool": {"name": "yiyang", "version": self.tool_version},
            "plan": {
                "id": plan.id,
                "title": plan.title_in(lang),
                "source": plan.source_file,
                "region": plan.region,
                "issuer": plan.issuer,
                "doc_no": plan.doc_no,
            },
            "as_of": self.as_of.isoformat(),
            "lang": lang,
            "inputs": [{"path": i.path, "sha256": i.sha256, "tables": i.tables} for i in self.inputs],
            "summary": self.summary(),
            "indicators": [r.to_dict(lang) for r in self.indicators],
            "data_issues": [d.to_dict(lang) for d in self.data_issues],
        }


def json_number(v: float | None) -> float | None:
    """A number as the JSON contract and the history hold it: whole numbers as ints, no inf or NaN."""
    if v is None:
        return None
    f = float(v)
    if not math.isfinite(f):  # a sum that overflowed: JSON has no inf/NaN, and no honest number exists
        return None
    if f.is_integer() and abs(f) < 2**53:
        return int(f)
    return round(f, 6)
