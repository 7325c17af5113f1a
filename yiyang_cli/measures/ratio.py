"""`ratio`: a sum (or count) divided by another, recomputed from the sums, never averaged.

Each side is the sum of an expression (`sum`) or the number of rows meeting a condition (`count`)
over a table; a side reads the indicator's table unless it names another (`entity`), and its
rows are the indicator's scope unless it gives its own `where`. `scale` multiplies the ratio
(1000 for 每千名). The per-area breakdown recomputes the ratio in each area from that area's
sums.

**Ratio of summed counts** (65岁以上老年人健康管理率达70%以上):
```yaml
entity: areas
measure:
  kind: ratio
  numerator: {sum: health_managed_65}
  denominator: {sum: pop_65}
targets: [{comparator: ">=", value: 0.70, unit: ratio, deadline: 2020-12-31}]
```

**Ratio of sums within one table** (护理型床位占比不低于50%):
```yaml
entity: elderly_institutions
measure: {kind: ratio, numerator: {sum: nursing_beds}, denominator: {sum: beds}}
```

**Ratio to an outside population** (老年护理床位占户籍60岁及以上老年人口1.5%): a side can read
another table.
```yaml
entity: elderly_institutions
measure:
  kind: ratio
  numerator: {sum: nursing_beds}
  denominator: {sum: pop_60_registered, entity: areas}
targets: [{comparator: ">=", value: 0.015, unit: ratio}]
```

**Per-capita ratio** (每千名老年人配备1名…): `scale` multiplies the ratio.
```yaml
measure:
  kind: ratio
  numerator: {sum: social_workers}
  denominator: {sum: pop_60_registered, entity: areas}
  scale: 1000
targets: [{comparator: ">=", value: 1, unit: per_1000}]
```

**Money share** (彩票公益金55%以上用于养老服务和医养结合):
```yaml
entity: finance
measure: {kind: ratio, numerator: {sum: lottery_fund_elderly}, denominator: {sum: lottery_fund_total}}
targets: [{comparator: ">=", value: "55%", unit: ratio}]
```

A blank cell on either side leaves the ratio open, so the target is decided only when every
value that could tip it is known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, cast

from pydantic import model_validator

from .base import INF, Bounds, Checker, Context, MeasureSpec, Reads, Strict

if TYPE_CHECKING:
    from ..plan.model import Indicator
    from ..result import IndicatorResult

SCOPE = "region"
PARTIAL = False  # a ratio needs its numbers


class Side(Strict):
    """One side of a ratio: the sum of an expression (or a count of rows) over an entity."""

    sum: str | None = None
    count: str | None = None  # a condition; counts rows where it holds
    entity: str | None = None  # default: the indicator's entity
    where: str | None = None  # default: the indicator's `where` when the entity is the same

    @model_validator(mode="after")
    def _one(self) -> Side:
        if (self.sum is None) == (self.count is None):
            raise ValueError("exactly one of `sum` or `count`")
        return self


class RatioMeasure(MeasureSpec):
    kind: Literal["ratio"]
    numerator: Side
    denominator: Side
    scale: float = 1.0  # e.g. 1000 for "per thousand"


Spec = RatioMeasure  # the rule-file syntax of this kind (the name is what `yiyang schema rules` shows)


def side_scope(side: Side, ind: Indicator) -> tuple[str, str | None]:
    """The table a side reads and the rows it takes."""
    entity = side.entity or ind.entity
    where = side.where if side.where is not None else (ind.where if entity == ind.entity else None)
    return entity, where


def reads(m: RatioMeasure, ind: Indicator, out: Reads) -> None:
    for side in (m.numerator, m.denominator):
        entity, where = side_scope(side, ind)
        out.expression(entity, side.sum if side.sum is not None else side.count)
        out.expression(entity, where)


def lint(m: RatioMeasure, ind: Indicator, check: Checker, path: tuple[Any, ...]) -> None:
    for name in ("numerator", "denominator"):
        side: Side = getattr(m, name)
        entity = side.entity or ind.entity
        spath = path + (name,)
        if not check.entity(spath + ("entity",), entity):
            continue
        if side.sum is not None:
            check.expr(spath + ("sum",), side.sum, entity, "number")
        elif side.count is not None:
            check.expr(spath + ("count",), side.count, entity, "bool")
        if side.where is not None:
            check.expr(spath + ("where",), side.where, entity, "bool")


def expected_unit(m: RatioMeasure) -> str | None:
    return None  # a ratio, a rate per thousand, per hundred…


def evaluate(ctx: Context, ind: Indicator, result: IndicatorResult) -> Bounds:
    m = cast(RatioMeasure, ind.measure)
    sides = []
    for side in (m.numerator, m.denominator):
        entity, where = side_scope(side, ind)
        count = side.count is not None
        text = side.count if count else side.sum
        assert text is not None
        sides.append(ctx.sum_side(entity, where, text, count))
    (n, n_unknown, n_hi), (d, d_unknown, d_hi) = sides
    known = n / d * m.scale if d else None
    lo = None if d_hi == 0 else (0.0 if d_hi == INF else n / d_hi * m.scale)
    hi = None if d == 0 and d_hi == 0 else (INF if d == 0 or n_hi == INF else n_hi / d * m.scale)
    if d == 0 and d_hi > 0:
        lo = 0.0
    bounds = Bounds(known, lo, hi, n, d, n_unknown + d_unknown)
    if (m.numerator.entity or ind.entity) == (m.denominator.entity or ind.entity) == ind.entity:
        ctx.ratio_groups(ind, result)
    return bounds
