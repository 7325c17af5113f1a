"""What the history records and gives back: a batch worker's row for one submission (`RunRecord`,
with its indicators and targets) and a recorded run as `yiyang history` lists it (`HistoryRun`).

Kept apart from history.py (SQLite, the schema, opening and migrating) so that the batch workers
and the renderers name these shapes without the database code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

RUN_COLUMNS = (
    "id",
    "batch_id",
    "recorded_at",
    "plan_id",
    "plan_title",
    "as_of",
    "submitter",
    "area",
    "input_hash",
    "files",
    "tool_version",
    "status",
    "exit_code",
    "error",
    "met",
    "not_met",
    "not_due",
    "no_data",
    "not_applicable",
)
STATUS_COLUMNS = ("met", "not_met", "not_due", "no_data", "not_applicable")


class TargetRecord(TypedDict):
    """The target that applied to an indicator: `>= 0.9 ratio by 2025-12-31`."""

    comparator: str
    value: float
    unit: str
    deadline: str | None


class IndicatorRecord(TypedDict):
    """One indicator's outcome in one submission."""

    status: str
    value: float | None
    numerator: float | None
    denominator: float | None
    target: TargetRecord | None


class RunRecord(TypedDict):
    """One submission's outcome, as a batch worker reports it: what `History.record_batch` stores."""

    submitter: str
    files: list[str]
    input_hash: str | None
    area: str | None
    status: str  # ok | failed | error
    exit_code: int
    summary: dict[str, int] | None  # status -> indicators with it; None when unreadable
    indicators: dict[str, IndicatorRecord]
    error: str | None


class PlanIndicator(TypedDict):
    """An indicator of the plan, in plan order: the names a run's results are stored with."""

    id: str
    name: str
    name_en: str
    severity: str


@dataclass(frozen=True)
class HistoryRun:
    """One recorded run; `to_dict()` is an entry of `yiyang history --format json`."""

    id: int
    batch_id: int | None
    recorded_at: str
    plan_id: str
    plan_title: str
    as_of: str
    submitter: str
    area: str | None
    input_hash: str
    files: tuple[str, ...]
    tool_version: str
    status: str
    exit_code: int
    error: str | None
    met: int
    not_met: int
    not_due: int
    no_data: int
    not_applicable: int

    def to_dict(self) -> dict[str, Any]:
        out = {column: getattr(self, column) for column in RUN_COLUMNS}
        out["files"] = list(self.files)
        return out
