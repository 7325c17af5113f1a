"""`yiyang compare`: two assessments side by side, from a history database or two JSON files.

The work is done in `yiyang_cli.compare`; this module checks the options, loads the two sides,
and hands the result to its renderers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import UsageError
from ..messages import t

# output file suffix -> renderer
COMPARE_EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}


def run(
    sources: list[Path],
    plan: str | None,
    from_: str | None,
    to: str | None,
    outputs: list[Path],
    show_all: bool,
    lang: str,
    fail_on: str = "never",
) -> int:
    from ..compare.classify import compare
    from ..compare.snapshots import from_history, from_json
    from ..history import is_database
    from ..render.compare import terminal
    from ..render.sanitize import json_text, terminal_plain
    from ..safeio import check_outputs, write_text

    targets = []
    for path in outputs:
        kind = COMPARE_EXTENSIONS.get(path.suffix.lower())
        if kind is None:
            raise UsageError("compare.bad_output", path=str(path))
        targets.append((path, kind))
    check_outputs(outputs, sources)  # before anything is read: never over the history or a JSON compared
    if len(sources) == 1 and sources[0].suffix.lower() != ".json":
        old, new = from_history(sources[0], plan, from_, to)
    elif len(sources) == 2 and not any(is_database(s) for s in sources):
        if from_ or to:
            raise UsageError("compare.bad_sources")
        old, new = from_json(sources[0]), from_json(sources[1])
    else:
        raise UsageError("compare.bad_sources")
    result = compare(old, new, lang)
    terminal.show(result, lang, show_all)
    for path, kind in targets:
        if kind == "json":
            text = json_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2)) + "\n"
        elif kind == "md":
            from ..render.compare import markdown

            text = markdown.render(result, lang, show_all)
        else:
            from ..render.compare import html

            text = html.render(result, lang, show_all)
        write_text(path, text)
        print(terminal_plain(t("cli.written", lang, path=str(path))), file=sys.stderr)
    return 1 if result.fails(fail_on) else 0
