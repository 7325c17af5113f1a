"""What the comparison's renderers share: the texts of a value, a delta and an outcome."""

from __future__ import annotations

from ...compare.model import Change, Reading
from ...messages import t
from ..common import fmt_gap, fmt_value


def value_text(entry: Reading | None, unit: str | None, lang: str) -> str:
    """A value with its verdict: `80.0% 未达标`."""
    if not entry:
        return "—"
    return f"{fmt_value(entry.value, unit or 'ratio')} {t('status.' + entry.status, lang)}"


def delta_text(x: Change) -> str:
    return fmt_gap(x.delta, x.unit or "ratio") if x.delta is not None else "—"


def outcome_text(status: str | None, lang: str) -> str:
    """A submission's outcome (ok, failed, error), or a dash where the side lacks it."""
    return t("batch.status." + status, lang) if status else "—"
