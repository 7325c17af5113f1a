"""`yiyang rules lint FILE...` (validate rule files without data, every problem with file:line:col)
and `yiyang rules test FILE...` (run the fixtures they carry)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import EXIT_INPUT, EXIT_NOT_MET, EXIT_OK, RuleError
from ..render.sanitize import terminal_lines, terminal_plain


def lint(files: list[Path], lang: str) -> int:
    from ..messages import t
    from ..plan import load_file

    code = EXIT_OK
    for path in files:
        try:
            plan = load_file(path)
        except RuleError as err:
            print(terminal_lines(err.render(lang)), file=sys.stderr)
            code = EXIT_INPUT
            continue
        print(terminal_plain(t("rules.clean", lang, path=str(path), n=len(plan.indicators), c=len(plan.commitments))))
    return code


def run_tests(files: list[Path], lang: str) -> int:
    """Run every plan's rule tests; exit 0 when all pass, 1 when one fails, 3 for an invalid file."""
    from ..messages import t
    from ..plan import load_file
    from ..ruletests import run_fixture

    code, passed, failed = EXIT_OK, 0, 0
    for path in files:
        try:
            plan = load_file(path)
        except RuleError as err:
            print(terminal_lines(err.render(lang)), file=sys.stderr)
            code = EXIT_INPUT
            continue
        if not plan.tests:
            print(terminal_plain(t("rules.no_tests", lang, path=str(path))))
        by_id = {ind.id: ind for ind in plan.indicators}
        for i, test in enumerate(plan.tests):
            problems = run_fixture(plan, i, lang)
            if problems:
                failed += 1
                print(t("rules.test_fail", lang, plan=plan.id, test=test.name))
                for ind_id, (key, want, got) in problems:
                    print(
                        t(
                            "rules.test_mismatch",
                            lang,
                            indicator=f"{by_id[ind_id].label(lang)} ({ind_id})",
                            key=key,
                            want=want,
                            got=got,
                        )
                    )
            else:
                passed += 1
                print(t("rules.test_pass", lang, plan=plan.id, test=test.name))
    print(t("rules.test_summary", lang, passed=passed, failed=failed))
    if code == EXIT_OK and failed:
        code = EXIT_NOT_MET
    return code
