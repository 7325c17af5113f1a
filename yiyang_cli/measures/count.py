"""`count`: how many units in scope meet a condition (至少建设1个安宁疗护病区; 不少于5个).

```yaml
entity: medical_institutions
measure: {kind: count, condition: hospice_ward}
targets: [{comparator: ">=", value: 1, unit: count, deadline: 2025-12-31}]
```

A count also pins down named units: `name in ['甲院', '乙院', '丙院'] and signed_medical_cooperation`
with `distinct: name` and `>= 3` fails when one of them is missing from the data, and a unit listed
twice counts once. Targets are counts (`unit: count`). A unit whose cells leave the condition
open counts at the upper bound only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, cast

from .base import Bounds, Checker, Context, MeasureSpec, Reads

if TYPE_CHECKING:
    from ..plan.model import Indicator
    from ..result import IndicatorResult

UNIT = "count"
SCOPE = "region"
PARTIAL = True


class CountMeasure(MeasureSpec):
    kind: Literal["count"]
    condition: str | None = None
    distinct: str | None = None  # count distinct values of this field (e.g. name), not rows


Spec = CountMeasure  # the rule-file syntax of this kind (the name is what `yiyang schema rules` shows)


def reads(m: CountMeasure, ind: Indicator, out: Reads) -> None:
    out.expression(ind.entity, m.condition)
    if m.distinct:
        out.field(ind.entity, m.distinct)


def lint(m: CountMeasure, ind: Indicator, check: Checker, path: tuple[Any, ...]) -> None:
    if m.condition is not None:
        check.expr(path + ("condition",), m.condition, ind.entity, "bool")
    if m.distinct:
        check.field(path + ("distinct",), m.distinct, ind.entity)


def expected_unit(m: CountMeasure) -> str:
    return UNIT


def evaluate(ctx: Context, ind: Indicator, result: IndicatorResult) -> Bounds:
    m = cast(CountMeasure, ind.measure)
    s_t, s_u, c_t, c_f, c_u = ctx.masks(ind.entity, ind.where, m.condition)
    sure, possible = s_t & c_t, (s_t | s_u) & ~c_f
    if m.distinct:
        # A unit listed twice is one unit: count distinct values (rows with none count as unknown).
        frame = ctx.frame(ind.entity)
        assert frame is not None
        values = frame[m.distinct]
        known = int(values[sure].nunique())
        hi = int(values[possible].nunique() + values[possible].isna().sum())
    else:
        known, hi = int(sure.sum()), int(possible.sum())
    return Bounds(known, known, hi, known, None, hi - known)
