"""The two sides of a comparison (snapshots) and its result, as typed models; the result's
`to_dict()` is the compare JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# What can happen to one submitter's indicator between the two sides, worst first.
CHANGES = ("newly_failed", "regressed", "improved", "resolved", "changed", "added", "removed", "unchanged")
QUIET = ("changed", "unchanged")  # listed only with --all
# --fail-on: which changes make the exit code 1 (for a CI job guarding a baseline).
FAIL_ON = {"never": (), "newly_failed": ("newly_failed",), "regressed": ("newly_failed", "regressed")}
SCHEMA_VERSION = 1


# ---------------------------------------------------------------- the two sides


@dataclass(frozen=True)
class IndicatorMeta:
    """An indicator as one side knows it: its names, and its target when one applied."""

    id: str
    name: str
    name_en: str
    comparator: str | None
    target: float | None
    unit: str | None


@dataclass(frozen=True)
class Reading:
    """One indicator's verdict for one submitter on one side."""

    status: str
    value: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "value": self.value}


@dataclass(frozen=True)
class SubmitterState:
    status: str  # ok | failed | error
    error: str | None
    indicators: dict[str, Reading]


@dataclass(frozen=True)
class Snapshot:
    """One side of a comparison."""

    label: str  # the file, or the year or date chosen in the history
    plan: str
    plan_title: str
    as_of: str
    indicators: tuple[IndicatorMeta, ...]
    submissions: dict[str, SubmitterState]


# ---------------------------------------------------------------- the result


@dataclass(frozen=True)
class Side:
    label: str
    as_of: str
    submissions: int

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "as_of": self.as_of, "submissions": self.submissions}


@dataclass(frozen=True)
class Change:
    """What happened to one submitter's indicator."""

    submitter: str
    indicator: str
    name: str  # the indicator's, in the result's language
    change: str  # one of CHANGES
    before: Reading | None
    after: Reading | None
    delta: float | None
    unit: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "submitter": self.submitter,
            "indicator": self.indicator,
            "name": self.name,
            "change": self.change,
            "from": self.before.to_dict() if self.before else None,
            "to": self.after.to_dict() if self.after else None,
            "delta": self.delta,
            "unit": self.unit,
        }


@dataclass(frozen=True)
class StatusChange:
    """A submitter whose outcome (ok, failed, error, absent) differs between the sides."""

    submitter: str
    before: str | None
    after: str | None
    error: str | None  # why it cannot be read now, when it cannot

    def to_dict(self) -> dict[str, Any]:
        return {"submitter": self.submitter, "from": self.before, "to": self.after, "error": self.error}


@dataclass(frozen=True)
class IndicatorChanges:
    """One indicator: how many submitters saw each kind of change."""

    id: str
    name: str
    comparator: str | None
    target: float | None
    unit: str | None
    counts: dict[str, int]  # every kind in CHANGES

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "comparator": self.comparator,
            "target": self.target,
            "unit": self.unit,
            "counts": dict(self.counts),
        }


@dataclass(frozen=True)
class CompareResult:
    lang: str
    plan_id: str
    plan_title: str
    before: Side
    after: Side
    counts: dict[str, int]  # every kind in CHANGES
    indicators: tuple[IndicatorChanges, ...]
    submissions: tuple[StatusChange, ...]
    changes: tuple[Change, ...]  # every entry, unchanged ones included

    def to_dict(self) -> dict[str, Any]:
        """The compare JSON."""
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "compare",
            "lang": self.lang,
            "plan": {"id": self.plan_id, "title": self.plan_title},
            "from": self.before.to_dict(),
            "to": self.after.to_dict(),
            "counts": dict(self.counts),
            "indicators": [i.to_dict() for i in self.indicators],
            "submissions": [s.to_dict() for s in self.submissions],
            "changes": [c.to_dict() for c in self.changes],
        }

    def listed(self, show_all: bool) -> list[Change]:
        """The changes a report lists: the quiet ones only with --all."""
        return [x for x in self.changes if show_all or x.change not in QUIET]

    def hidden(self, show_all: bool) -> int:
        """How many changes a report leaves out."""
        return 0 if show_all else sum(self.counts[c] for c in QUIET)

    def fails(self, fail_on: str) -> bool:
        """Does a change named by --fail-on occur?"""
        return any(self.counts[c] for c in FAIL_ON[fail_on])
