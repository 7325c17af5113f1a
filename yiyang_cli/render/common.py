"""Formatting shared by the human-readable renderers."""

from __future__ import annotations

from ..messages import t

SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def fmt_value(value, unit: str) -> str:
    if value is None:
        return "—"
    if value == float("inf"):
        return "∞"
    if unit == "ratio":
        return f"{value * 100:.1f}%"
    if unit == "per_1000":
        return f"{value:.2f}‰"
    if unit == "per_100":
        return f"{value:.2f}/百"
    return str(int(value)) if float(value).is_integer() else f"{value:,.2f}"


def fmt_gap(value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ratio":
        return f"{value * 100:+.1f}pp"
    return f"{value:+,.2f}".rstrip("0").rstrip(".") if not float(value).is_integer() else f"{int(value):+d}"


def fmt_target(target, lang: str) -> str:
    if target is None:
        return "—"
    return f"{SYMBOLS[target.comparator]} {fmt_value(target.value, target.unit)}"


def fmt_deadline(target, lang: str) -> str:
    if target is None or target.deadline is None:
        return t("report.no_deadline", lang)
    return target.deadline.isoformat()


def fmt_actual(r, lang: str) -> str:
    unit = r.target.unit if r.target else "ratio"
    text = fmt_value(r.value, unit)
    if r.denominator is not None and r.numerator is not None:
        text += f" ({fmt_value(r.numerator, 'count')}/{fmt_value(r.denominator, 'count')})"
    if r.unknown:
        text += " · " + t("report.unknown", lang, n=r.unknown)
    return text


def status_text(status: str, lang: str) -> str:
    return t(f"status.{status}", lang)


def group_lines(r, lang: str, limit: int = 12) -> list[str]:
    """The per-area breakdown of a failed indicator, worst first, when it adds to the failing list."""
    if not r.groups or r.indicator.kind == "coverage" or r.indicator.entity == "areas":
        return []
    unit = r.target.unit if r.target else "ratio"
    shown = sorted((g for g in r.groups if g.status != "met"), key=lambda g: (g.value is None, g.value or 0))
    lines = []
    for g in shown[:limit]:
        counts = (
            f" ({fmt_value(g.numerator, 'count')}/{fmt_value(g.denominator, 'count')})"
            if g.numerator is not None and g.denominator is not None
            else ""
        )
        lines.append(f"{g.group} {fmt_value(g.value, unit)}{counts} {status_text(g.status, lang) if g.status else ''}")
    if len(shown) > limit:
        lines.append(t("report.more", lang, n=len(shown) - limit))
    return lines
