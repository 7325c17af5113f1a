"""Rule tests: the small fixtures a rule file carries (`tests:`), each with known answers, run
through the same pipeline as a submission (`yiyang rules test`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .plan.model import Expectation, Plan, RuleTest
    from .reader import Dataset
    from .result import IndicatorResult

Mismatch = tuple[str, str, str]  # what differs, what the test wants, what the plan computes


def fixture_dataset(plan: Plan, test: RuleTest, index: int) -> Dataset:
    """The rows of a rule test as a Dataset; each row's location is its line in the rule file."""
    import pandas as pd

    from .fields import ENTITIES
    from .reader import Dataset, Table
    from .reader.values import category_lookup, convert
    from .result import DataIssue

    name = plan._source.name if plan._source else plan.id
    tables, issues = [], []
    for entity_id, rows in test.data.items():
        entity = ENTITIES[entity_id]
        lines = [
            plan._smap.locate(("tests", index, "data", entity_id, j))[0] if plan._smap else j + 1
            for j in range(len(rows))
        ]
        used = [fid for fid in entity.fields if any(fid in row for row in rows)]
        frame = pd.DataFrame({"_row": pd.Series(lines, dtype="int64")})
        for fid in used:
            f = entity.fields[fid]
            raw = pd.Series([row.get(fid) for row in rows], dtype=object)
            typed, bad, _ = convert(raw, f.type, category_lookup(f))
            frame[fid] = typed
            for pos in bad:
                issues.append(
                    DataIssue(
                        "warning",
                        "bad_value",
                        "issue.bad_value",
                        {"raw": str(raw[pos]), "field": f.zh, "type": f.type},
                        f"{name}:{lines[pos]}",
                    )
                )
        tables.append(Table(entity_id, name, None, 0, {fid: i for i, fid in enumerate(used)}, frame))
    return Dataset(tables, issues, [])


def mismatches(result: IndicatorResult, expected: str | Expectation) -> list[Mismatch]:
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


def run_fixture(plan: Plan, index: int, lang: str = "zh") -> list[tuple[str, Mismatch]]:
    """Evaluate one of the plan's rule tests: (indicator id, mismatch) for every expectation missed."""
    from .api import evaluate

    test = plan.tests[index]
    result = evaluate(plan, fixture_dataset(plan, test, index), test.as_of, lang)
    by_id = {r.indicator.id: r for r in result.indicators}
    return [(ind_id, m) for ind_id, expected in test.expect.items() for m in mismatches(by_id[ind_id], expected)]
