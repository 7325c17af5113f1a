"""The result object: the only thing renderers see.

Messages are stored as catalogue keys with arguments and rendered in the user's language by
`to_dict(lang)`, so one result can be written in Chinese and English.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Optional

STATUSES = ("met", "not_met", "not_due", "no_data", "not_applicable")


@dataclass
class DataIssue:
    severity: str  # error | warning
    code: str
    key: str
    args: dict
    location: str = ""

    def to_dict(self, lang: str) -> dict:
        from .messages import t

        return {"severity": self.severity, "code": self.code, "message": t(self.key, lang, **self.args),
                "location": self.location}


@dataclass
class Failing:
    name: str
    location: str
    detail_key: str = ""
    detail_args: dict = field(default_factory=dict)

    def to_dict(self, lang: str) -> dict:
        from .messages import t

        out = {"name": self.name, "location": self.location}
        if self.detail_key:
            out["detail"] = t(self.detail_key, lang, **self.detail_args)
        return out


@dataclass
class Group:
    group: str
    value: Optional[float]
    status: Optional[str]
    numerator: Optional[float] = None
    denominator: Optional[float] = None


@dataclass
class IndicatorResult:
    indicator: Any  # plan.Indicator
    status: str
    value: Optional[float] = None
    numerator: Optional[float] = None
    denominator: Optional[float] = None
    target: Any = None  # plan.Target that applied
    due: bool = True
    next_target: Any = None
    gap: Optional[float] = None
    unknown: int = 0  # units whose scope or condition could not be read
    failing: list[Failing] = field(default_factory=list)
    failing_total: int = 0
    groups: list[Group] = field(default_factory=list)
    missing_fields: list[str] = field(default_factory=list)
    reason_key: str = ""
    reason_args: dict = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        """Does this result fail the run at the given severity threshold?"""
        return self.indicator.severity == "mandatory" and self.status in ("not_met", "no_data")


@dataclass
class InputInfo:
    path: str
    sha256: str
    tables: list[dict] = field(default_factory=list)


@dataclass
class CheckResult:
    plan: Any  # plan.Plan
    as_of: dt.date
    inputs: list[InputInfo]
    indicators: list[IndicatorResult]
    data_issues: list[DataIssue]
    tool_version: str
    lang: str = "zh"  # the language `to_dict()` writes messages in unless told otherwise

    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in STATUSES}
        for r in self.indicators:
            counts[r.status] += 1
        return counts

    def exit_code(self, fail_on: str = "mandatory") -> int:
        if fail_on == "never":
            return 0
        for r in self.indicators:
            if r.status in ("not_met", "no_data") and (
                    r.indicator.severity == "mandatory" or fail_on == "advisory"):
                return 1
        return 0

    def to_dict(self, lang: Optional[str] = None) -> dict:
        """The JSON result (`yiyang schema result`), messages in `lang` (default: the result's own)."""
        from .messages import t

        lang = lang or self.lang
        plan = self.plan
        out = {
            "schema_version": 1,
            "tool": {"name": "yiyang", "version": self.tool_version},
            "plan": {"id": plan.id, "title": plan.title if lang != "en" or not plan.title_en else plan.title_en,
                     "source": plan.source_file, "region": plan.region, "issuer": plan.issuer,
                     "doc_no": plan.doc_no},
            "as_of": self.as_of.isoformat(),
            "lang": lang,
            "inputs": [{"path": i.path, "sha256": i.sha256, "tables": i.tables} for i in self.inputs],
            "summary": self.summary(),
            "indicators": [],
            "data_issues": [d.to_dict(lang) for d in self.data_issues],
        }
        for r in self.indicators:
            ind = r.indicator
            item = {
                "id": ind.id, "name": ind.label(lang), "name_zh": ind.name, "name_en": ind.name_en,
                "scope": ind.scope, "severity": ind.severity, "status": r.status,
                "value": _num(r.value), "numerator": _num(r.numerator), "denominator": _num(r.denominator),
                "gap": _num(r.gap), "unknown": r.unknown,
                "target": _target(r.target),
                "next_target": _target(r.next_target) if r.next_target else None,
                "failing": [f.to_dict(lang) for f in r.failing],
                "failing_total": r.failing_total,
                "groups": [{"group": g.group, "value": _num(g.value), "status": g.status,
                            "numerator": _num(g.numerator), "denominator": _num(g.denominator)}
                           for g in r.groups],
                "clause": ind.clause, "quote": ind.quote,
            }
            if r.missing_fields:
                item["missing_fields"] = r.missing_fields
            if r.reason_key:
                item["reason"] = t(r.reason_key, lang, **r.reason_args)
            out["indicators"].append(item)
        return out


def _target(t) -> Optional[dict]:
    if t is None:
        return None
    return {"comparator": t.comparator, "value": t.value, "unit": t.unit,
            "deadline": t.deadline.isoformat() if t.deadline else None}


def _num(v) -> Optional[float]:
    if v is None:
        return None
    f = float(v)
    if not math.isfinite(f):  # a sum that overflowed: JSON has no inf/NaN, and no honest number exists
        return None
    if f.is_integer() and abs(f) < 2**53:
        return int(f)
    return round(f, 6)
