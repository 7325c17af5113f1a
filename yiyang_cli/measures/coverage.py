"""`coverage`: every area (or other group) has at least `min` units meeting a condition.

For 每个乡镇都要建有一个…, 各医共体至少一个基层院区…: each group named by the `over` field needs at
least `min` rows in scope meeting `condition`; the value is the share of groups covered, and
every group that falls short is listed. With `universe: areas` the groups are every area in the
area table, so a town with no row at all fails; without it the groups are those that have rows.

**Coverage over areas**:
```yaml
entity: medical_institutions
where: category in ['乡镇卫生院', '社区卫生服务中心']
measure: {kind: coverage, over: medical_community, condition: hospice_service, min: 1}
targets: [{comparator: ">=", value: 1.0, unit: ratio}]
```

Targets are ratios (1.0: every group). A row with no group could be in any group: it counts
towards each one's upper bound only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, cast

from ..fields import ENTITIES
from .base import Bounds, Checker, Context, MeasureSpec, Reads, isna

if TYPE_CHECKING:
    from ..plan.model import Indicator
    from ..result import IndicatorResult

UNIT = "ratio"
SCOPE = "area"
PARTIAL = False  # the groups need their column


class CoverageMeasure(MeasureSpec):
    kind: Literal["coverage"]
    over: str  # the field that names a group (town, county, medical_community, …)
    condition: str | None = None  # rows that count toward a group; default every row in scope
    min: int = 1
    universe: str | None = None  # entity whose `area` rows list every group that must be covered


Spec = CoverageMeasure  # the rule-file syntax of this kind (the name is what `yiyang schema rules` shows)


def reads(m: CoverageMeasure, ind: Indicator, out: Reads) -> None:
    out.expression(ind.entity, m.condition)
    out.field(ind.entity, m.over)
    if m.universe:
        out.field(m.universe, None)  # the table must be there: its rows are the groups to cover


def lint(m: CoverageMeasure, ind: Indicator, check: Checker, path: tuple[Any, ...]) -> None:
    check.field(path + ("over",), m.over, ind.entity)
    if m.condition is not None:
        check.expr(path + ("condition",), m.condition, ind.entity, "bool")
    if m.universe:
        check.entity(path + ("universe",), m.universe)


def expected_unit(m: CoverageMeasure) -> str:
    return UNIT


def evaluate(ctx: Context, ind: Indicator, result: IndicatorResult) -> Bounds:
    import numpy as np

    from ..result import Failing, Group

    m = cast(CoverageMeasure, ind.measure)
    df = ctx.frame(ind.entity)
    assert df is not None
    s_t, s_u, c_t, c_f, c_u = ctx.masks(ind.entity, ind.where, m.condition)
    groups = df[m.over]
    universe_rows: dict[str, tuple[int, int]] = {}
    udf = ctx.frame(m.universe) if m.universe else None
    if m.universe and udf is not None:
        label = ENTITIES[m.universe].label_field
        for name, t, row in zip(udf[label], udf["_t"], udf["_row"]):
            if not isna(name):
                universe_rows.setdefault(str(name), (int(t), int(row)))
        names = list(universe_rows)
    else:
        names = sorted({str(g) for g in groups.dropna()})
    if not names:
        return Bounds(None, None, None, 0, 0, 0)
    codes = {name: i for i, name in enumerate(names)}
    g = np.array([codes.get(str(x), -1) if not isna(x) else -1 for x in groups], dtype=int)
    counted_lo = s_t & c_t
    counted_hi = (s_t | s_u) & ~c_f
    lo = np.bincount(g[g >= 0], weights=counted_lo[g >= 0], minlength=len(names))
    hi = np.bincount(g[g >= 0], weights=counted_hi[g >= 0], minlength=len(names))
    hi = hi + counted_hi[groups.isna().to_numpy()].sum()  # a row with no area could be anywhere
    met = lo >= m.min
    failed = hi < m.min
    n = len(names)
    result.groups = [
        Group(name, float(lo[i]), "met" if met[i] else ("not_met" if failed[i] else "no_data"))
        for i, name in enumerate(names)
    ]
    # Point a failing group at its first row in scope (e.g. the 基层院区 that falls short),
    # or at its first row at all when none is in scope.
    first_rows: dict[str, tuple[int, int]] = {}
    in_scope = s_t | s_u
    for pass_scope in (True, False):
        for name, t, row, scoped in zip(groups, df["_t"], df["_row"], in_scope):
            if not isna(name) and (scoped or not pass_scope):
                first_rows.setdefault(str(name), (int(t), int(row)))
    for i, name in enumerate(names):
        if not met[i]:
            if name in universe_rows:
                loc = ctx.location(*universe_rows[name], "area")
            else:
                loc = ctx.location(*first_rows[name], m.over)
            result.failing.append(Failing(name, loc, "detail.group_count", {"n": int(lo[i]), "min": m.min}))
    result.failing_total = len(result.failing)
    unknown = int(n - met.sum() - failed.sum())
    return Bounds(met.sum() / n, met.sum() / n, (n - failed.sum()) / n, int(met.sum()), n, unknown)
