"""The comparison as Markdown."""

from __future__ import annotations

from ...compare.model import CHANGES, CompareResult
from ...messages import t
from ..sanitize import markdown as md
from .common import delta_text, outcome_text, value_text


def render(result: CompareResult, lang: str, show_all: bool) -> str:
    out = [f"# {t('compare.title', lang)}", ""]
    out.append(f"- **{t('report.plan', lang)}**: {md(result.plan_title)} (`{result.plan_id}`)")
    out.append(f"- **{t('compare.from', lang)}**: {md(result.before.label)} ({result.before.as_of})")
    out.append(f"- **{t('compare.to', lang)}**: {md(result.after.label)} ({result.after.as_of})")
    out.append("")
    out.append(f"## {t('compare.counts', lang)}")
    out.append("")
    out.append("| " + " | ".join([t("report.indicator", lang)] + [t("change." + c, lang) for c in CHANGES]) + " |")
    out.append("|" + "---|" * (len(CHANGES) + 1))
    for i in result.indicators:
        out.append("| " + " | ".join([f"{md(i.name)} (`{i.id}`)"] + [str(i.counts[c]) for c in CHANGES]) + " |")
    out.append("| " + " | ".join(["**Σ**"] + [f"**{result.counts[c]}**" for c in CHANGES]) + " |")
    out.append("")
    out += _details(result, lang, show_all)
    out += _submissions(result, lang)
    out.append("")
    return "\n".join(out)


def _details(result: CompareResult, lang: str, show_all: bool) -> list[str]:
    listed = result.listed(show_all)
    out = [f"## {t('compare.details', lang)}", ""]
    if listed:
        heads = [
            "summary.submitter",
            "report.indicator",
            "compare.change",
            "compare.from",
            "compare.to",
            "compare.delta",
        ]
        out.append("| " + " | ".join(t(h, lang) for h in heads) + " |")
        out.append("|" + "---|" * len(heads))
        for x in listed:
            out.append(
                "| "
                + " | ".join(
                    md(v)
                    for v in (
                        x.submitter,
                        x.name,
                        t("change." + x.change, lang),
                        value_text(x.before, x.unit, lang),
                        value_text(x.after, x.unit, lang),
                        delta_text(x),
                    )
                )
                + " |"
            )
    else:
        out.append(t("compare.nothing", lang))
    hidden = result.hidden(show_all)
    if hidden:
        out.append("")
        out.append(t("compare.hidden", lang, n=hidden))
    return out


def _submissions(result: CompareResult, lang: str) -> list[str]:
    if not result.submissions:
        return []
    out = ["", f"## {t('compare.submissions', lang)}", ""]
    out.append(
        f"| {t('summary.submitter', lang)} | {t('compare.from', lang)} | {t('compare.to', lang)} | "
        f"{t('summary.error', lang)} |"
    )
    out.append("|---|---|---|---|")
    for s in result.submissions:
        out.append(
            f"| {md(s.submitter)} | {outcome_text(s.before, lang)} | {outcome_text(s.after, lang)} | "
            f"{md(s.error or '')} |"
        )
    return out
