"""`criteria`: units that meet every criterion of a list, as a share or a count.

For eligibility lists such as the national criteria for demonstration institutions (运营满5年,
入住率≥60%, 失能失智占比>50%, 满意度≥95%). A unit meets the list when it meets every criterion;
each failing unit is listed with the criteria it misses and those it has blank.
`aggregate: count` counts the units that meet every criterion instead of taking their share.

**Eligibility criteria list** (示范机构):
```yaml
entity: elderly_institutions
measure:
  kind: criteria
  criteria:
    - {id: five_years, name: 运营满5年, condition: years_since(opened) >= 5}
    - {id: occupancy, name: 入住率≥60%, condition: residents / beds >= 0.6}
    - {id: disabled, name: 失能失智占比>50%, condition: disabled_residents / residents > 0.5}
    - {id: satisfaction, name: 满意度≥95%, condition: satisfaction >= 0.95}
targets: [{comparator: ">=", value: 1.0, unit: ratio}]
```

Targets are ratios, or counts with `aggregate: count`. With an all-of list, a unit that is known
to miss one criterion fails whatever a missing column says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, cast

from pydantic import Field

from .base import Bounds, Checker, Context, MeasureSpec, Reads, Strict
from .share import share_of_units

if TYPE_CHECKING:
    from ..plan.model import Indicator
    from ..result import IndicatorResult

SCOPE = "institution"
PARTIAL = True
ID_PATTERN = r"^[a-z0-9][a-z0-9_\-]*$"


class Criterion(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    name_en: str = ""
    condition: str
    quote: str = ""


class CriteriaMeasure(MeasureSpec):
    kind: Literal["criteria"]
    criteria: list[Criterion] = Field(min_length=1)
    aggregate: Literal["share", "count"] = "share"


Spec = CriteriaMeasure  # the rule-file syntax of this kind (the name is what `yiyang schema rules` shows)


def reads(m: CriteriaMeasure, ind: Indicator, out: Reads) -> None:
    for c in m.criteria:
        out.expression(ind.entity, c.condition)


def lint(m: CriteriaMeasure, ind: Indicator, check: Checker, path: tuple[Any, ...]) -> None:
    for j, c in enumerate(m.criteria):
        check.expr(path + ("criteria", j, "condition"), c.condition, ind.entity, "bool")


def expected_unit(m: CriteriaMeasure) -> str:
    return "ratio" if m.aggregate == "share" else "count"


def evaluate(ctx: Context, ind: Indicator, result: IndicatorResult) -> Bounds:
    m = cast(CriteriaMeasure, ind.measure)
    combined = None
    for c in m.criteria:
        s = ctx.series(ind.entity, c.condition)
        combined = s if combined is None else combined & s
    return share_of_units(ctx, ind, result, combined, count_only=m.aggregate == "count")
