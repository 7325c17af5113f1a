"""The status vocabulary: one list of what an indicator's verdict can be, in report order.

Results, summaries, the history database, rule tests and every renderer take their statuses
from here, and their words from the message catalogue (`status.<value>`). Statuses are stored
as their plain string values (`"met"`), which is what the JSON contract and the history hold.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal, get_args

# The statuses, as rule files, results and the history spell them.
StatusName = Literal["met", "not_met", "not_due", "no_data", "not_applicable"]


class Status(str, Enum):
    met = "met"
    not_met = "not_met"
    not_due = "not_due"
    no_data = "no_data"
    not_applicable = "not_applicable"

    def label(self, lang: str) -> str:
        from .messages import t

        return t(f"status.{self.value}", lang)


STATUSES: tuple[str, ...] = get_args(StatusName)
assert STATUSES == tuple(s.value for s in Status)
# Statuses that fail a binding target that is due: missed, or undecidable with the data given.
FAILING: tuple[str, ...] = (Status.not_met.value, Status.no_data.value)
# Statuses that are neither pass nor fail: a test case skipped, a cell left uncoloured.
SKIPPED: tuple[str, ...] = (Status.not_due.value, Status.not_applicable.value)
# The order in which a report lists indicators: what needs action first.
ACTION_ORDER: dict[str, int] = {"not_met": 0, "no_data": 1, "not_due": 2, "met": 3, "not_applicable": 4}
SEVERITIES: tuple[str, ...] = ("mandatory", "advisory")
