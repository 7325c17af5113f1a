"""GitHub Actions workflow commands: an annotation per failure, pointing at CSV lines where it can.

`::error` for a binding target that is due and missed, `::warning` for an advisory one and for
data issues; then a one-line summary. Locations inside workbooks (Sheet!B12) cannot be opened by
GitHub, so those annotations name the file and say the cell in the message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..messages import t
from .sanitize import github_data, github_property
from .view import report_view

if TYPE_CHECKING:
    from ..result import CheckResult

MAX_UNITS = 20


def _file_and_line(location: str, inputs: dict[str, str]) -> tuple[str, str]:
    """`data.csv:12` -> (the input's path, "12"); `养老机构!B12` -> ("", "")."""
    name, sep, line = location.rpartition(":")
    if sep and line.isdigit() and name in inputs:
        return inputs[name], line
    return "", ""


def _command(kind: str, message: str, title: str, file: str = "", line: str = "") -> str:
    props = [f"title={github_property(title)}"]
    if file:
        props.insert(0, f"file={github_property(file)}")
        if line:
            props.insert(1, f"line={line}")
    return f"::{kind} {','.join(props)}::{github_data(message)}"


def render(result: CheckResult, lang: str) -> str:
    v = report_view(result, lang)
    inputs = {Path(i.path).name: i.path for i in v.inputs}
    first_input = v.inputs[0].path if v.inputs else ""
    out = []
    for i in v.indicators:
        if not i.needs_action:
            continue
        kind = "error" if i.blocking else "warning"
        title = f"{i.name} ({i.status_text})"
        message = f"{t('report.target', lang)} {i.target_text}, {t('report.actual', lang)} {i.actual_text}"
        if i.reason:
            message += f"; {i.reason}"
        out.append(_command(kind, message, title, first_input))
        for f in i.failing[:MAX_UNITS]:
            file, line = _file_and_line(f.location, inputs)
            detail = f" — {f.detail}" if f.detail else ""
            out.append(_command(kind, f"{f.name} [{f.location}]{detail}", title, file or first_input, line))
        if i.failing_total > MAX_UNITS:
            out.append(_command(kind, t("report.more", lang, n=i.failing_total - MAX_UNITS), title, first_input))
    for d in v.issues:
        file, line = _file_and_line(d.location, inputs)
        out.append(_command("warning", f"{d.message} [{d.location}]", d.code, file or first_input, line))
    summary = ", ".join(f"{word} {n}" for _, word, n in v.summary)
    out.append(f"yiyang {github_data(v.plan_id)} @ {v.as_of}: {summary}. {v.verdict}")
    return "\n".join(out) + "\n"
