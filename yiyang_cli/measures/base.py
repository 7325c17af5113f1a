"""What every measure kind shares: the rule-file base model, what a measure reads, the counting
with unknowns (bounds), and the interfaces a measure module is given.

Unknown cells are handled by bounds rather than by guessing: each result is computed once with
every unknown cell counted against the target (lower bound) and once with every unknown counted
for it (upper bound). When both agree the status is decided; when they differ the data cannot
decide and the status is `no_data`. So a blank cell can never turn a failure into a pass, and a
blank cell never makes a sure pass fail. The value shown is computed from the known cells only,
with the number of unknown units.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..plan.model import Indicator
    from ..result import IndicatorResult

INF = math.inf
Masks = tuple["np.ndarray", "np.ndarray", "np.ndarray", "np.ndarray", "np.ndarray"]


class Strict(BaseModel):
    """A part of a rule file: unknown keys are refused (with a "did you mean"), text is stripped,
    and a number must be finite ("nan", "inf" or "1e999" as text included)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


class MeasureSpec(Strict):
    """The `measure:` block of an indicator; each kind's `Spec` narrows `kind` to its own name."""

    kind: str


@dataclass
class Reads:
    """What an indicator reads, by table: expression texts (type-checked at load) and plain fields
    (a group key, a distinct key). A table listed with nothing in it is still needed."""

    expressions: dict[str, list[str]] = field(default_factory=dict)
    fields: dict[str, set[str]] = field(default_factory=dict)

    def expression(self, entity: str, text: str | None) -> None:
        texts = self.expressions.setdefault(entity, [])
        if text:
            texts.append(text)

    def field(self, entity: str, name: str | None) -> None:
        names = self.fields.setdefault(entity, set())
        if name:
            names.add(name)

    def entities(self) -> list[str]:
        """The tables read, in the order the indicator names them (its own table first)."""
        return list(dict.fromkeys([*self.expressions, *self.fields]))


@dataclass
class Bounds:
    """A measured quantity: known value, and the range it could take given the unknowns."""

    known: float | None
    lo: float | None  # None: nothing in scope under this assumption
    hi: float | None
    numerator: float | None = None
    denominator: float | None = None
    unknown: int = 0


_CMP: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}


def compare(value: float, comparator: str, target: float) -> bool:
    # Rounded so that 11/20 meets "55%以上" despite binary fractions.
    return _CMP[comparator](round(value, 9), round(target, 9))


def decide(b: Bounds, comparator: str, target: float, if_empty: str) -> str:
    """The status both bounds agree on, or `no_data` when the unknowns could tip it."""

    def one(v: float | None) -> str:
        if v is None:
            return if_empty
        return "met" if compare(v, comparator, target) else "not_met"

    lo, hi = one(b.lo), one(b.hi)
    return lo if lo == hi else "no_data"


def share_counts(masks: Masks, group_codes: np.ndarray | None = None, n_groups: int = 0) -> dict[str, Any]:
    """Counts behind a share, overall or per group code: known numerator and denominator, and
    both at the lower and the upper bound (scope or condition unknown counted against, then for)."""
    import numpy as np

    s_t, s_u, c_t, c_f, c_u = masks
    cols = {
        "num_k": s_t & c_t,
        "den_k": s_t & ~c_u,
        "num_lo": s_t & c_t,
        "den_lo": s_t | (s_u & ~c_t),
        "num_hi": (s_t & ~c_f) | (s_u & c_t),
        "den_hi": s_t | (s_u & c_t),
        "unknown": s_u | (s_t & c_u),
    }
    if group_codes is None:
        return {k: int(v.sum()) for k, v in cols.items()}
    valid = group_codes >= 0
    codes = group_codes[valid]
    return {k: np.bincount(codes[v[valid]], minlength=n_groups) for k, v in cols.items()}


def share_bounds(c: dict[str, Any], scale: float = 1.0) -> Bounds:
    def ratio(n: float, d: float) -> float | None:
        return None if d == 0 else n / d * scale

    return Bounds(
        ratio(c["num_k"], c["den_k"]),
        ratio(c["num_lo"], c["den_lo"]),
        ratio(c["num_hi"], c["den_hi"]),
        c["num_k"],
        c["den_k"],
        int(c["unknown"]),
    )


def isna(value: object) -> bool:
    """Is one cell value missing (None, NaN, pd.NA, NaT)? Never raises on odd values."""
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


class Checker(Protocol):
    """What a measure may ask of the rule-file checker (plan/load.py) when the file is loaded."""

    def expr(self, path: tuple[Any, ...], text: str, entity_id: str, want: str) -> None: ...

    def entity(self, path: tuple[Any, ...], entity_id: str) -> bool: ...

    def field(self, path: tuple[Any, ...], field_id: str, entity_id: str) -> None: ...


class Context(Protocol):
    """What a measure may ask of the evaluator (engine/) for one plan, dataset and as-of date."""

    def frame(self, entity: str) -> pd.DataFrame | None: ...

    def series(self, entity: str, text: str | None) -> pd.Series: ...

    def masks(self, entity: str, where: str | None, condition: Any) -> Masks: ...

    def sum_side(self, entity: str, where: str | None, text: str, count: bool) -> tuple[float, int, float]: ...

    def location(self, table: int, row: int, field_id: str | None = None) -> str: ...

    def list_failing(
        self, ind: Indicator, result: IndicatorResult, failing: np.ndarray, unknown: np.ndarray
    ) -> None: ...

    def share_groups(self, ind: Indicator, result: IndicatorResult, masks: Masks) -> None: ...

    def ratio_groups(self, ind: Indicator, result: IndicatorResult) -> None: ...
