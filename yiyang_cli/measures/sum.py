"""`sum`: the total of a number over the units in scope.

**Total of a count column** (创建3-5个全国重点中医专科, read as at least 3 in the city):
```yaml
entity: medical_institutions
measure: {kind: sum, sum: national_key_tcm_specialties}
targets: [{comparator: ">=", value: 3, unit: count}]
```

A blank cell in scope leaves the total open upwards (it could be anything), so a `>=` target is
decided only when the known cells already reach it. The target's unit says what is summed
(`count`, `amount`, …).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, cast

from .base import Bounds, Checker, Context, MeasureSpec, Reads

if TYPE_CHECKING:
    from ..plan.model import Indicator
    from ..result import IndicatorResult

SCOPE = "region"
PARTIAL = False  # a total needs its column


class SumMeasure(MeasureSpec):
    kind: Literal["sum"]
    sum: str


Spec = SumMeasure  # the rule-file syntax of this kind (the name is what `yiyang schema rules` shows)


def reads(m: SumMeasure, ind: Indicator, out: Reads) -> None:
    out.expression(ind.entity, m.sum)


def lint(m: SumMeasure, ind: Indicator, check: Checker, path: tuple[Any, ...]) -> None:
    check.expr(path + ("sum",), m.sum, ind.entity, "number")


def expected_unit(m: SumMeasure) -> str | None:
    return None  # whatever is summed


def evaluate(ctx: Context, ind: Indicator, result: IndicatorResult) -> Bounds:
    m = cast(SumMeasure, ind.measure)
    known, unknown, hi = ctx.sum_side(ind.entity, ind.where, m.sum, False)
    return Bounds(known, known, hi, known, None, unknown)
