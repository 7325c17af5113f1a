"""The comparison as Markdown."""

from __future__ import annotations

from ...compare.model import CHANGES, CompareResult
from ...messages import t
from ..sanitize import markdown as md
from ..sanitize import markdown_code as code
from ..sanitize import markdown_head, markdown_row
from .common import delta_text, outcome_text, value_text


def render(result: CompareResult, lang: str, show_all: bool) -> str:
    out = [f"# {t('compare.title', lang)}", ""]
    out.append(f"- **{t('report.plan', lang)}**: {md(result.plan_title)} ({code(result.plan_id)})")
    out.append(f"- **{t('compare.from', lang)}**: {md(result.before.label)} ({md(result.before.as_of)})")
    out.append(f"- **{t('compare.to', lang)}**: {md(result.after.label)} ({md(result.after.as_of)})")
    out.append("")
    out.append(f"## {t('compare.counts', lang)}")
    out.append("")
    out += markdown_head([t("report.indicator", lang)] + [t("change." + c, lang) for c in CHANGES])
    for i in result.indicators:
        out.append(markdown_row([f"{md(i.name)} ({code(i.id, in_table=True)})"] + [i.counts[c] for c in CHANGES]))
    out.append(markdown_row(["**Σ**"] + [f"**{result.counts[c]}**" for c in CHANGES]))
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
        out += markdown_head([t(h, lang) for h in heads])
        for x in listed:
            cells = (
                x.submitter,
                x.name,
                t("change." + x.change, lang),
                value_text(x.before, x.unit, lang),
                value_text(x.after, x.unit, lang),
                delta_text(x),
            )
            out.append(markdown_row(md(c) for c in cells))
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
    out += markdown_head([t(k, lang) for k in ("summary.submitter", "compare.from", "compare.to", "summary.error")])
    for s in result.submissions:
        out.append(
            markdown_row(
                [md(s.submitter), outcome_text(s.before, lang), outcome_text(s.after, lang), md(s.error or "")]
            )
        )
    return out
