"""`yiyang check`: load plan -> read data -> evaluate -> result -> renderers."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import UsageError


def output_formats(outputs: list[Path]) -> list[tuple[Path, str]]:
    from ..render import EXTENSIONS

    chosen = []
    for path in outputs:
        name = EXTENSIONS.get(path.suffix.lower())
        if name is None:
            raise UsageError("cli.bad_output", path=str(path))
        chosen.append((path, name))
    return chosen


def run(
    files: list[Path],
    plan_ref: str,
    as_of_text: str | None,
    fmt: str,
    outputs: list[Path],
    mapping: Path | None,
    fail_on: str,
    lang: str,
) -> int:
    from ..api import check, parse_as_of, rule_files
    from ..render import RENDERERS
    from ..safeio import check_outputs, write_text

    as_of = parse_as_of(as_of_text)
    targets = output_formats(outputs)
    if targets:  # before anything is read: no report may overwrite an input, nor another report
        check_outputs([path for path, _ in targets], [*files, *rule_files(plan_ref), *([mapping] if mapping else [])])
    result = check(files, plan_ref, as_of, mapping, lang)
    if fmt == "terminal":
        from ..render.terminal import draw, make_console
        from ..render.view import report_view

        draw(make_console(), report_view(result, lang))
    else:
        sys.stdout.write(RENDERERS[fmt].render(result, lang))
    for path, name in targets:
        write_text(path, RENDERERS[name].render(result, lang))
        if fmt == "terminal":
            from ..messages import t
            from ..render.sanitize import terminal_plain

            print(terminal_plain(t("cli.written", lang, path=str(path))), file=sys.stderr)
    return result.exit_code(fail_on)
