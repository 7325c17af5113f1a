"""The batch summary: every submission's row, each indicator's counts and the ranking, as typed
models whose `to_dict()` is summary.json. Every other summary format is drawn from these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import EXIT_INPUT, EXIT_NOT_MET, EXIT_OK
from ..result import PlanInfo, TargetInfo
from ..status import FAILING, STATUSES
from .discover import sort_key

if TYPE_CHECKING:
    from ..plan import Plan
    from .worker import Row

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator's outcome in one submission."""

    status: str
    value: float | None
    numerator: float | None
    denominator: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
        }


@dataclass(frozen=True)
class SubmissionRow:
    """One submission in the summary: its outcome, or why it could not be checked."""

    submitter: str
    files: tuple[str, ...]
    input_hash: str | None
    area: str | None
    status: str  # ok | failed | error
    exit_code: int
    counts: dict[str, int] | None  # status -> indicators with it; None when not checked
    indicators: dict[str, IndicatorValue]
    failures: tuple[str, ...]  # ids of the indicators not met or lacking data, in plan order
    data_issues: dict[str, int]  # severity -> data issues found
    error: str | None
    reports: dict[str, str]  # format -> report file name

    def to_dict(self) -> dict[str, Any]:
        return {
            "submitter": self.submitter,
            "files": list(self.files),
            "input_hash": self.input_hash,
            "area": self.area,
            "status": self.status,
            "exit_code": self.exit_code,
            "summary": dict(self.counts) if self.counts is not None else None,
            "indicators": {k: v.to_dict() for k, v in self.indicators.items()},
            "failures": list(self.failures),
            "data_issues": dict(self.data_issues),
            "error": self.error,
            "reports": dict(self.reports),
        }


@dataclass(frozen=True)
class IndicatorTally:
    """One indicator across the submissions: how many had each status."""

    id: str
    name: str  # in the summary's language
    name_zh: str
    name_en: str
    scope: str
    severity: str
    target: TargetInfo | None
    counts: dict[str, int]  # status -> submissions, every status in STATUSES order
    checked: int
    share_met: float | None  # of the submissions for which the target was due

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "scope": self.scope,
            "severity": self.severity,
            "target": self.target.to_dict() if self.target else None,
            **self.counts,
            "checked": self.checked,
            "share_met": self.share_met,
        }


@dataclass(frozen=True)
class RankEntry:
    rank: int
    submitter: str
    met: int
    failed: int
    due: int
    share_met: float | None
    status: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "submitter": self.submitter,
            "met": self.met,
            "failed": self.failed,
            "due": self.due,
            "share_met": self.share_met,
            "status": self.status,
        }


@dataclass(frozen=True)
class Totals:
    submissions: int
    ok: int
    failed: int
    error: int

    def to_dict(self) -> dict[str, int]:
        return {"submissions": self.submissions, "ok": self.ok, "failed": self.failed, "error": self.error}

    def of(self, status: str) -> int:
        """The count of submissions with a status (ok, failed, error)."""
        return {"ok": self.ok, "failed": self.failed, "error": self.error}[status]


@dataclass(frozen=True)
class BatchSummary:
    tool_version: str
    plan: PlanInfo
    as_of: str
    lang: str
    fail_on: str
    exit_code: int
    totals: Totals
    submissions: tuple[SubmissionRow, ...]  # in natural order of the submitters' names
    indicators: tuple[IndicatorTally, ...]  # in plan order
    ranking: tuple[RankEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        """summary.json."""
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "batch_summary",
            "tool": {"name": "yiyang", "version": self.tool_version},
            "plan": {
                "id": self.plan.id,
                "title": self.plan_title,
                "source": self.plan.source_file,
                "region": self.plan.region,
                "issuer": self.plan.issuer,
                "doc_no": self.plan.doc_no,
            },
            "as_of": self.as_of,
            "lang": self.lang,
            "fail_on": self.fail_on,
            "exit_code": self.exit_code,
            "totals": self.totals.to_dict(),
            "submissions": [s.to_dict() for s in self.submissions],
            "indicators": [i.to_dict() for i in self.indicators],
            "ranking": [r.to_dict() for r in self.ranking],
        }

    @property
    def plan_title(self) -> str:
        """The plan's title in the summary's language."""
        return self.plan.title_in(self.lang)

    def by_submitter(self) -> dict[str, SubmissionRow]:
        return {s.submitter: s for s in self.submissions}


class RowCollector:
    """The workers' rows as they arrive: each becomes a SubmissionRow at once, and the target
    that applied to each indicator is kept once, not per row."""

    def __init__(self, indicator_ids: Sequence[str]) -> None:
        self.indicator_ids = list(indicator_ids)
        self.rows: list[SubmissionRow] = []
        self.targets: dict[str, TargetInfo] = {}

    def add(self, row: Row) -> None:
        for ind_id, got in row["indicators"].items():
            target = got.get("target")
            if target and ind_id not in self.targets:
                deadline = target["deadline"]
                self.targets[ind_id] = TargetInfo(
                    target["comparator"],
                    target["value"],
                    target["unit"],
                    dt.date.fromisoformat(deadline) if deadline else None,
                )
        indicators = {
            k: IndicatorValue(v["status"], v["value"], v["numerator"], v["denominator"])
            for k, v in row["indicators"].items()
        }
        failures = tuple(i for i in self.indicator_ids if i in indicators and indicators[i].status in FAILING)
        self.rows.append(
            SubmissionRow(
                submitter=row["submitter"],
                files=tuple(row["files"]),
                input_hash=row["input_hash"],
                area=row.get("area"),
                status=row["status"],
                exit_code=row["exit_code"],
                counts=row["summary"],
                indicators=indicators,
                failures=failures,
                data_issues=row.get("issues") or {},
                error=row["error"],
                reports=row.get("reports") or {},
            )
        )


def build_summary(
    plan: Plan,
    as_of: dt.date,
    rows: Sequence[SubmissionRow],
    targets: dict[str, TargetInfo],
    lang: str,
    fail_on: str,
    version: str,
) -> BatchSummary:
    """The summary of a batch. `targets` holds the target that applied to each indicator."""
    submissions = tuple(sorted(rows, key=lambda r: sort_key(r.submitter)))
    indicators = []
    for ind in plan.indicators:
        counts = dict.fromkeys(STATUSES, 0)
        for row in submissions:
            got = row.indicators.get(ind.id)
            if got is not None:
                counts[got.status] += 1
        due = counts["met"] + counts["not_met"] + counts["no_data"]
        indicators.append(
            IndicatorTally(
                id=ind.id,
                name=ind.label(lang),
                name_zh=ind.name,
                name_en=ind.name_en,
                scope=ind.scope,
                severity=ind.severity,
                target=targets.get(ind.id),
                counts=counts,
                checked=sum(counts.values()),
                share_met=round(counts["met"] / due, 6) if due else None,
            )
        )
    totals = Totals(
        submissions=len(submissions),
        ok=sum(r.status == "ok" for r in submissions),
        failed=sum(r.status == "failed" for r in submissions),
        error=sum(r.status == "error" for r in submissions),
    )
    exit_code = EXIT_INPUT if totals.error else EXIT_NOT_MET if totals.failed else EXIT_OK
    return BatchSummary(
        tool_version=version,
        plan=PlanInfo.of(plan),
        as_of=as_of.isoformat(),
        lang=lang,
        fail_on=fail_on,
        exit_code=exit_code,
        totals=totals,
        submissions=submissions,
        indicators=tuple(indicators),
        ranking=_ranking(submissions),
    )


def _ranking(submissions: Sequence[SubmissionRow]) -> tuple[RankEntry, ...]:
    """Checked submissions by targets met (more is better), then by targets failed (fewer is
    better); equal scores share a rank (1, 1, 3)."""
    scored = []
    for s in submissions:
        if s.status == "error" or s.counts is None:
            continue
        c = s.counts
        failed = c["not_met"] + c["no_data"]
        due = c["met"] + failed
        scored.append((s, c["met"], failed, due))
    scored.sort(key=lambda x: (-x[1], x[2], sort_key(x[0].submitter)))
    ranking: list[RankEntry] = []
    for n, (s, met, failed, due) in enumerate(scored):
        prev = ranking[-1] if ranking else None
        rank = prev.rank if prev and (prev.met, prev.failed) == (met, failed) else n + 1
        ranking.append(
            RankEntry(
                rank=rank,
                submitter=s.submitter,
                met=met,
                failed=failed,
                due=due,
                share_met=round(met / due, 6) if due else None,
                status=s.status,
            )
        )
    return tuple(ranking)
