"""`yiyang rules lint FILE...`: validate rule files without data, every problem with file:line:col."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import EXIT_INPUT, EXIT_OK, RuleError


def lint(files: list[Path], lang: str) -> int:
    from ..messages import t
    from ..plan import load_file

    code = EXIT_OK
    for path in files:
        try:
            plan = load_file(path)
        except RuleError as err:
            print(err.render(lang), file=sys.stderr)
            code = EXIT_INPUT
            continue
        print(t("rules.clean", lang, path=str(path), n=len(plan.indicators), c=len(plan.commitments)))
    return code
