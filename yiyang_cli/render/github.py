"""GitHub Actions workflow commands: an annotation per failure, pointing at CSV lines where it can.

`::error` for a binding target that is due and missed, `::warning` for an advisory one and for
data issues; then a one-line summary. Locations inside workbooks (Sheet!B12) cannot be opened by
GitHub, so those annotations name the file and say the cell in the message.
"""

from __future__ import annotations

from pathlib import Path

from ..messages import t
from .common import blocking_count, fmt_actual, fmt_target

MAX_UNITS = 20


def _escape_data(text: str) -> str:
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _file_and_line(location: str, inputs: dict[str, str]) -> tuple[str, str]:
    """`data.csv:12` -> (the input's path, "12"); `养老机构!B12` -> ("", "")."""
    name, sep, line = location.rpartition(":")
    if sep and line.isdigit() and name in inputs:
        return inputs[name], line
    return "", ""


def _command(kind: str, message: str, title: str, file: str = "", line: str = "") -> str:
    props = [f"title={_escape_prop(title)}"]
    if file:
        props.insert(0, f"file={_escape_prop(file)}")
        if line:
            props.insert(1, f"line={line}")
    return f"::{kind} {','.join(props)}::{_escape_data(message)}"


def render(result, lang: str) -> str:
    inputs = {Path(i.path).name: i.path for i in result.inputs}
    first_input = result.inputs[0].path if result.inputs else ""
    out = []
    for r in result.indicators:
        if r.status not in ("not_met", "no_data"):
            continue
        kind = "error" if r.blocking else "warning"
        title = f"{r.indicator.label(lang)} ({t('status.' + r.status, lang)})"
        message = f"{t('report.target', lang)} {fmt_target(r.target, lang)}, {t('report.actual', lang)} {fmt_actual(r, lang)}"
        if r.reason_key:
            message += f"; {t(r.reason_key, lang, **r.reason_args)}"
        out.append(_command(kind, message, title, first_input))
        for f in r.failing[:MAX_UNITS]:
            file, line = _file_and_line(f.location, inputs)
            detail = f" — {t(f.detail_key, lang, **f.detail_args)}" if f.detail_key else ""
            out.append(_command(kind, f"{f.name} [{f.location}]{detail}", title, file or first_input, line))
        if r.failing_total > MAX_UNITS:
            out.append(_command(kind, t("report.more", lang, n=r.failing_total - MAX_UNITS), title, first_input))
    for d in result.data_issues:
        item = d.to_dict(lang)
        file, line = _file_and_line(item["location"], inputs)
        out.append(_command("warning", f"{item['message']} [{item['location']}]", item["code"],
                            file or first_input, line))
    n = blocking_count(result)
    summary = ", ".join(f"{t('status.' + k, lang)} {v}" for k, v in result.summary().items())
    verdict = t("report.verdict_fail", lang, n=n) if n else t("report.verdict_pass", lang)
    out.append(f"yiyang {result.plan.id} @ {result.as_of.isoformat()}: {summary}. {verdict}")
    return "\n".join(out) + "\n"
