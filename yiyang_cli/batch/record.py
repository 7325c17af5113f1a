"""A batch's runs into the history database, as the rows arrive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..history import History, PlanIndicator, RunRecord

if TYPE_CHECKING:
    from ..plan import Plan


class BatchRecorder:
    """Records one batch: opened before the work starts, so that a file that is not a history
    stops the batch before any submission is checked."""

    def __init__(self, path: Path, plan: Plan, as_of: dt.date, tool_version: str) -> None:
        self.store = History.open(path, create=True)
        self.plan, self.as_of, self.tool_version = plan, as_of.isoformat(), tool_version
        self.indicators: list[PlanIndicator] = [
            {"id": i.id, "name": i.name, "name_en": i.name_en, "severity": i.severity} for i in plan.indicators
        ]
        self.batch_id: int | None = None

    def start(self, submissions: int) -> None:
        self.batch_id = self.store.start_batch(self.plan.id, self.as_of, self.tool_version, submissions)

    def record(self, row: RunRecord) -> None:
        self.store.record(
            row,
            plan_id=self.plan.id,
            plan_title=self.plan.title,
            as_of=self.as_of,
            tool_version=self.tool_version,
            indicators=self.indicators,
            batch_id=self.batch_id,
        )

    def finish(self, exit_code: int) -> None:
        if self.batch_id is not None:
            self.store.finish_batch(self.batch_id, exit_code)

    def close(self) -> None:
        self.store.close()
