"""The status vocabulary: one list of what an indicator's verdict can be, in report order.

Results, summaries, rule tests and every renderer take their statuses from here, and their
words from the message catalogue (`status.<value>`). Statuses are plain strings (`"met"`), as
the JSON contract and the history hold them.
"""

from __future__ import annotations

from typing import Literal, get_args

# The statuses, as rule files, results and the history spell them.
StatusName = Literal["met", "not_met", "not_due", "no_data", "not_applicable"]
STATUSES: tuple[str, ...] = get_args(StatusName)
# Statuses that fail a binding target that is due: missed, or undecidable with the data given.
FAILING: tuple[str, ...] = ("not_met", "no_data")
# Statuses that are neither pass nor fail: a test case skipped, a cell left uncoloured.
SKIPPED: tuple[str, ...] = ("not_due", "not_applicable")
# The order in which a report lists indicators: what needs action first.
ACTION_ORDER: dict[str, int] = {"not_met": 0, "no_data": 1, "not_due": 2, "met": 3, "not_applicable": 4}
