"""Evaluate a plan on a dataset: walk the indicators, let each one's measure kind compute its
bounds (measures/), and decide its status at the as-of date.

Every measure is computed column-wise, with unknown cells counted once against the target and
once for it (see measures/base.py): a blank cell can never turn a failure into a pass.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..measures.base import Masks, decide
from ..plan.model import Indicator, Plan
from ..result import DataIssue, IndicatorInfo, IndicatorResult, TargetInfo
from . import breakdown
from .data import Tables

if TYPE_CHECKING:
    import numpy as np

    from ..reader import Dataset


class Evaluator(Tables):
    """The context every measure module is given (measures.base.Context)."""

    def list_failing(self, ind: Indicator, result: IndicatorResult, failing: np.ndarray, unknown: np.ndarray) -> None:
        breakdown.list_failing(self, ind, result, failing, unknown)

    def share_groups(self, ind: Indicator, result: IndicatorResult, masks: Masks) -> None:
        breakdown.share_groups(self, ind, result, masks)

    def ratio_groups(self, ind: Indicator, result: IndicatorResult) -> None:
        breakdown.ratio_groups(self, ind, result)

    def run(self) -> list[IndicatorResult]:
        return [self.evaluate(ind) for ind in self.plan.indicators]

    def evaluate(self, ind: Indicator) -> IndicatorResult:
        stage, due, next_stage = ind.stage_for(self.as_of)
        info, target, next_target = IndicatorInfo.of(ind), TargetInfo.of(stage), TargetInfo.of(next_stage)
        assert target is not None
        result = IndicatorResult(info, "no_data", target=target, due=due, next_target=next_target)
        missing = self.missing_fields(ind)
        if missing:
            result.missing_fields = missing
            entities = {m.split(".")[0] for m in missing}
            seen = [h for t in self.data.tables if t.entity in entities for h in t.ignored_headers]
            result.reason_key = "reason.missing_fields"
            result.reason_args = {"fields": ", ".join(missing), "seen": "、".join(seen) or "-"}
            if not self.decidable_without(ind, missing):
                result.status = "no_data" if due else "not_due"
                return result
            self.add_unknown_columns(missing)
        bounds = ind.kind.evaluate(self, ind, result)
        result.value, result.unknown = bounds.known, bounds.unknown
        result.numerator, result.denominator = bounds.numerator, bounds.denominator
        if bounds.known is not None:
            result.gap = bounds.known - target.value
        status = decide(bounds, target.comparator, target.value, ind.if_empty)
        if missing and status == "no_data":
            # Undecided without the missing columns: say that, with no partial numbers (a count
            # of the units known to pass is not a rate when a column is absent).
            blank = IndicatorResult(
                info, "no_data" if due else "not_due", target=target, due=due, next_target=next_target
            )
            blank.missing_fields, blank.reason_key, blank.reason_args = missing, result.reason_key, result.reason_args
            return blank
        if missing:  # the columns there decide it whatever the missing ones would say
            result.reason_key = "reason.missing_not_needed"
        elif status == "no_data" and bounds.unknown:
            result.reason_key, result.reason_args = "reason.unknown_units", {"n": bounds.unknown}
        elif status == ind.if_empty and bounds.lo is None:
            result.reason_key = "reason.empty_scope"
        result.status = status if due else "not_due"
        if result.status == "met":
            result.failing, result.failing_total = [], 0
        return result


def evaluate_plan(plan: Plan, data: Dataset, as_of: dt.date) -> tuple[list[IndicatorResult], list[DataIssue]]:
    ev = Evaluator(plan, data, as_of)
    return ev.run(), ev.issues
