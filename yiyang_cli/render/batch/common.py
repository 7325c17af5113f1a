"""What the batch summary's renderers share: their words and the texts of a few cells."""

from __future__ import annotations

from ...batch.summary import BatchSummary, IndicatorTally, SubmissionRow
from ...errors import EXIT_OK
from ...messages import t, words
from ..common import SYMBOLS, fmt_value


def summary_words(lang: str) -> dict[str, str]:
    return words(lang, "summary.", "report.", "status.", "severity.", "batch.status.")


def unit(tally: IndicatorTally) -> str:
    """The unit an indicator's values are shown in (a ratio when it has no target)."""
    return tally.target.unit if tally.target and tally.target.unit else "ratio"


def target_text(tally: IndicatorTally) -> str:
    tg = tally.target
    if not tg:
        return "—"
    return f"{SYMBOLS.get(tg.comparator, tg.comparator)} {fmt_value(tg.value, tg.unit)}"


def share_text(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def failure_names(row: SubmissionRow, names: dict[str, str], sep: str) -> str:
    """The names of the indicators a submission failed, joined by `sep`."""
    return sep.join(names[f] for f in row.failures)


def verdict(summary: BatchSummary, lang: str) -> str:
    totals = summary.totals
    if summary.exit_code == EXIT_OK:
        return t("summary.verdict_pass", lang, n=totals.submissions)
    return t("summary.verdict_fail", lang, n=totals.submissions, failed=totals.failed, errors=totals.error)
