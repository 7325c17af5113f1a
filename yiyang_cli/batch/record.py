"""A batch's runs into the history database, all at once when the batch has finished."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..history import History, PlanIndicator, RunRecord, timestamp

if TYPE_CHECKING:
    from ..plan import Plan


class BatchRecorder:
    """Records one batch. The history is opened (and checked whole) before the work starts, so that
    a file that is not a history, or a damaged one, stops the batch before any submission is
    checked; the rows are kept until the batch has finished and then written in one transaction,
    so that a batch stopped half way (Ctrl-C, SIGTERM, a crash) records nothing."""

    def __init__(self, path: Path, plan: Plan, as_of: dt.date, tool_version: str) -> None:
        self.store = History.open(path, create=True)
        self.plan, self.as_of, self.tool_version = plan, as_of.isoformat(), tool_version
        self.indicators: list[PlanIndicator] = [
            {"id": i.id, "name": i.name, "name_en": i.name_en, "severity": i.severity} for i in plan.indicators
        ]
        self.rows: list[RunRecord] = []
        self.started_at, self.submissions = "", 0

    def start(self, submissions: int) -> None:
        self.started_at = timestamp()
        self.submissions = submissions

    def record(self, row: RunRecord) -> None:
        self.rows.append(row)

    def finish(self, exit_code: int) -> None:
        self.store.record_batch(
            self.rows,
            plan_id=self.plan.id,
            plan_title=self.plan.title,
            as_of=self.as_of,
            tool_version=self.tool_version,
            indicators=self.indicators,
            started_at=self.started_at,
            submissions=self.submissions,
            exit_code=exit_code,
        )

    def close(self) -> None:
        self.store.close()
