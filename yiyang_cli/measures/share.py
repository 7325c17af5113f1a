"""`share`: the share of units in scope that meet a condition.

The most common shape: 签约率达100%, 老年医学科全覆盖, 100张床位以上的养老机构内设医务室. The units
are the rows of the table (`entity`) in scope (`where`); the value is the share of them for which
`condition` holds. Every unit that fails is listed with its cell, and every unit whose blank cells
decide the result is listed as one to fill in.

**Share of units meeting a condition** (Yiwu 签约率达100%):
```yaml
entity: elderly_institutions
measure: {kind: share, condition: signed_medical_cooperation}
targets: [{comparator: ">=", value: 1.0, unit: ratio, deadline: 2023-06-20}]
```

**Share with a filtered denominator** (二级及以上综合医院、中医院老年医学科全覆盖):
```yaml
entity: medical_institutions
where: category in ['综合医院', '中医医院'] and grade >= 2
measure: {kind: share, condition: geriatrics_dept}
```

**Conditional rule per institution** (100张床位以上的养老机构内设医务室): the scope is the condition,
and every institution that fails is listed with its row.
```yaml
where: beds >= 100
measure: {kind: share, condition: has_medical_unit}
targets: [{comparator: ">=", value: 1.0, unit: ratio}]
```

**Either-or per institution** (100张以下…设置医务室或护理站，不具备条件的要与就近的医疗机构建立协作关系):
```yaml
where: beds < 100
measure:
  kind: share
  condition: medical_unit_type in ['医务室', '护理站'] or signed_medical_cooperation
```

Targets are ratios (`unit: ratio`). The per-area breakdown (`group_by`, default town then county)
recomputes the share in each area.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, cast

from .base import Bounds, Checker, Context, MeasureSpec, Reads, share_bounds, share_counts

if TYPE_CHECKING:
    from ..plan.model import Indicator
    from ..result import IndicatorResult

UNIT = "ratio"
SCOPE = "institution"  # each unit is judged on its own
PARTIAL = True  # may be decided when a column is missing, if the columns there decide it


class ShareMeasure(MeasureSpec):
    kind: Literal["share"]
    condition: str


Spec = ShareMeasure  # the rule-file syntax of this kind (the name is what `yiyang schema rules` shows)


def reads(m: ShareMeasure, ind: Indicator, out: Reads) -> None:
    out.expression(ind.entity, m.condition)


def lint(m: ShareMeasure, ind: Indicator, check: Checker, path: tuple[Any, ...]) -> None:
    check.expr(path + ("condition",), m.condition, ind.entity, "bool")


def expected_unit(m: ShareMeasure) -> str:
    return UNIT


def evaluate(ctx: Context, ind: Indicator, result: IndicatorResult) -> Bounds:
    m = cast(ShareMeasure, ind.measure)
    return share_of_units(ctx, ind, result, ctx.series(ind.entity, m.condition))


def share_of_units(
    ctx: Context, ind: Indicator, result: IndicatorResult, condition: Any, count_only: bool = False
) -> Bounds:
    """The share (or, with `count_only`, the number) of units in scope for which `condition` (a
    boolean Series with unknowns) holds; lists failing and undecided units, and the breakdown."""
    masks = ctx.masks(ind.entity, ind.where, condition)
    counts = share_counts(masks)
    if count_only:
        bounds = Bounds(counts["num_k"], counts["num_lo"], counts["num_hi"], counts["num_k"], None, counts["unknown"])
    else:
        bounds = share_bounds(counts)
    s_t, s_u, c_t, c_f, c_u = masks
    # Rows to fill in: a blank in the condition, or a blank in the scope of a row that may fail.
    ctx.list_failing(ind, result, s_t & c_f, (s_t & c_u) | (s_u & ~c_t))
    if not count_only:
        ctx.share_groups(ind, result, masks)
    return bounds
