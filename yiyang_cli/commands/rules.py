"""`yiyang rules lint FILE...`: validate rule files without data, every problem with file:line:col."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import EXIT_INPUT, EXIT_NOT_MET, EXIT_OK, RuleError


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


def fixture_dataset(plan, test, index: int):
    """The rows of a rule test as a Dataset; each row's location is its line in the rule file."""
    import pandas as pd

    from ..fields import ENTITIES
    from ..reader import Dataset, Table
    from ..result import DataIssue
    from ..reader.values import category_lookup, convert

    name = plan._source.name if plan._source else plan.id
    tables, issues = [], []
    for entity_id, rows in test.data.items():
        entity = ENTITIES[entity_id]
        lines = [plan._smap.locate(("tests", index, "data", entity_id, j))[0] if plan._smap else j + 1
                 for j in range(len(rows))]
        used = [fid for fid in entity.fields if any(fid in row for row in rows)]
        frame = pd.DataFrame({"_row": pd.Series(lines, dtype="int64")})
        for fid in used:
            f = entity.fields[fid]
            raw = pd.Series([row.get(fid) for row in rows], dtype=object)
            typed, bad, _ = convert(raw, f.type, category_lookup(f))
            frame[fid] = typed
            for pos in bad:
                issues.append(DataIssue("warning", "bad_value", "issue.bad_value",
                                        {"raw": str(raw[pos]), "field": f.zh, "type": f.type},
                                        f"{name}:{lines[pos]}"))
        tables.append(Table(entity_id, name, None, 0, {fid: i for i, fid in enumerate(used)}, frame))
    return Dataset(tables, issues, [])


def _mismatches(result, expected) -> list[tuple[str, str, str]]:
    """(key, wanted, got) for every expectation the result does not meet."""
    want = expected if isinstance(expected, str) else expected.status
    out = [] if result.status == want else [("status", want, result.status)]
    if isinstance(expected, str):
        return out
    for key in ("value", "numerator", "denominator"):
        wanted = getattr(expected, key)
        got = getattr(result, key)
        if wanted is not None and (got is None or abs(float(got) - wanted) > 1e-6):
            out.append((key, f"{wanted:g}", "—" if got is None else f"{float(got):g}"))
    if expected.failing is not None:
        names = sorted(f.name for f in result.failing)
        if names != sorted(expected.failing):
            out.append(("failing", "、".join(sorted(expected.failing)) or "-", "、".join(names) or "-"))
    return out


def run_tests(files: list[Path], lang: str) -> int:
    """Run every plan's rule tests; exit 0 when all pass, 1 when one fails, 3 for an invalid file."""
    from ..api import evaluate
    from ..messages import t
    from ..plan import load_file

    code, passed, failed = EXIT_OK, 0, 0
    for path in files:
        try:
            plan = load_file(path)
        except RuleError as err:
            print(err.render(lang), file=sys.stderr)
            code = EXIT_INPUT
            continue
        if not plan.tests:
            print(t("rules.no_tests", lang, path=str(path)))
        by_id = {ind.id: ind for ind in plan.indicators}
        for i, test in enumerate(plan.tests):
            result = evaluate(plan, fixture_dataset(plan, test, i), test.as_of, lang)
            by_result = {r.indicator.id: r for r in result.indicators}
            problems = [(ind_id, m) for ind_id, expected in test.expect.items()
                        for m in _mismatches(by_result[ind_id], expected)]
            if problems:
                failed += 1
                print(t("rules.test_fail", lang, plan=plan.id, test=test.name))
                for ind_id, (key, want, got) in problems:
                    print(t("rules.test_mismatch", lang, indicator=f"{by_id[ind_id].label(lang)} ({ind_id})",
                            key=key, want=want, got=got))
            else:
                passed += 1
                print(t("rules.test_pass", lang, plan=plan.id, test=test.name))
    print(t("rules.test_summary", lang, passed=passed, failed=failed))
    if code == EXIT_OK and failed:
        code = EXIT_NOT_MET
    return code
