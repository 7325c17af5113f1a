"""What a result lists besides its number: the per-area breakdown and the failing units.

The breakdown recomputes each area's value from that area's own counts or sums (never an average
of percentages); the failing list names every unit known to fail and every unit whose blank cells
decide the result, each at its cell.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, cast

from ..fields import ENTITIES
from ..measures.base import Masks, compare, decide, isna, share_bounds, share_counts
from ..measures.ratio import RatioMeasure
from ..plan.model import Indicator
from ..result import Failing, Group, IndicatorResult

if TYPE_CHECKING:
    import numpy as np

    from .data import Tables

MAX_FAILING = 1000


def group_field(tables: Tables, ind: Indicator) -> str | None:
    df = tables.table(ind.entity)
    candidates = [ind.group_by] if ind.group_by else list(ENTITIES[ind.entity].group_fields)
    for f in candidates:
        if f in df.columns and df[f].notna().any():
            return f
    return None


def group_codes(tables: Tables, ind: Indicator) -> tuple[np.ndarray | None, list[str]]:
    import pandas as pd

    field = group_field(tables, ind)
    if field is None or ind.entity == "areas":
        return None, []
    key = ("groups", ind.entity, field)  # the same towns for every indicator of a table
    if key not in tables.cache:
        codes, names = pd.factorize(tables.table(ind.entity)[field], sort=False)
        tables.cache[key] = codes, [str(x) for x in names]
    codes, names = tables.cache[key]
    return codes, names


def share_groups(tables: Tables, ind: Indicator, result: IndicatorResult, masks: Masks) -> None:
    codes, names = group_codes(tables, ind)
    if codes is None or len(names) < 1:
        return
    counts = share_counts(masks, codes, len(names))
    target = result.target
    assert target is not None  # every evaluated indicator has the stage that applies
    for i, name in enumerate(names):
        c = {k: v[i] for k, v in counts.items()}
        b = share_bounds(c)
        if c["den_hi"] == 0 and c["den_lo"] == 0:
            continue
        result.groups.append(
            Group(
                name,
                b.known,
                decide(b, target.comparator, target.value, ind.if_empty),
                float(c["num_k"]),
                float(c["den_k"]),
            )
        )


def ratio_groups(tables: Tables, ind: Indicator, result: IndicatorResult) -> None:
    import numpy as np
    import pandas as pd

    m = cast(RatioMeasure, ind.measure)
    df = tables.table(ind.entity)
    if ind.entity == "areas":
        codes, names = pd.factorize(df["area"], sort=False)
    else:
        codes, names = group_codes(tables, ind)
        if codes is None:
            return
    parts = []
    for side in (m.numerator, m.denominator):
        where = side.where if side.where is not None else ind.where
        scope = tables.series(ind.entity, where).fillna(False).to_numpy(dtype=bool)
        if side.count is not None:
            v = tables.series(ind.entity, side.count).fillna(False).to_numpy(dtype=float)
        else:
            v = tables.series(ind.entity, side.sum).to_numpy(dtype=float, na_value=math.nan)
        parts.append((scope, v))
    target = result.target
    assert target is not None
    valid = codes >= 0
    for i, name in enumerate(names):
        rows = valid & (codes == i)
        (sn, vn), (sd, vd) = parts
        if not (rows & sd).any() and not (rows & sn).any():
            continue  # nothing of this area is in scope: no breakdown entry
        n_vals, d_vals = vn[rows & sn], vd[rows & sd]
        if np.isnan(n_vals).any() or np.isnan(d_vals).any():
            result.groups.append(Group(str(name), None, "no_data"))
            continue
        n, d = float(n_vals.sum()), float(d_vals.sum())
        if d == 0:
            result.groups.append(Group(str(name), None, "not_applicable", n, d))
            continue
        value = n / d * m.scale
        status = "met" if compare(value, target.comparator, target.value) else "not_met"
        result.groups.append(Group(str(name), value, status, n, d))
    failing_rows = [g for g in result.groups if g.status in ("not_met", "no_data")]
    if ind.entity == "areas":
        first_row: dict[str, tuple[int, int]] = {}
        for area, t, row in zip(df["area"], df["_t"], df["_row"]):
            first_row.setdefault(str(area), (int(t), int(row)))
        for g in failing_rows:
            t, row = first_row[g.group]
            detail: tuple[str, dict[str, Any]] = (
                ("detail.ratio", {"n": _fmt(g.numerator), "d": _fmt(g.denominator)})
                if g.value is not None
                else ("detail.unknown", {})
            )
            result.failing.append(Failing(g.group, tables.location(t, row, "area"), *detail))
        result.failing_total = len(result.failing)


def list_failing(
    tables: Tables, ind: Indicator, result: IndicatorResult, failing_mask: np.ndarray, unknown_mask: np.ndarray
) -> None:
    import numpy as np

    df = tables.table(ind.entity)
    label = ENTITIES[ind.entity].label_field
    idx_fail = np.flatnonzero(failing_mask)
    idx_unknown = np.flatnonzero(unknown_mask)
    result.failing_total = int(len(idx_fail) + len(idx_unknown))
    criteria = getattr(ind.measure, "criteria", None) or []
    # Per criterion: 1 true, 0 false, -1 unknown; read only for the rows listed.
    states = [
        tables.series(ind.entity, c.condition).astype("Float64").fillna(-1).to_numpy(dtype=float) for c in criteria
    ]
    # Columns as arrays once: indexing a DataFrame per listed row dominated a 100k-row check.
    # Names only for the rows listed: a whole name column copied per indicator cost more.
    listed = np.concatenate([idx_fail[:MAX_FAILING], idx_unknown[:MAX_FAILING]])
    names = dict(zip(listed, df[label].take(listed).to_numpy(dtype=object))) if label in df.columns else {}
    table_ids, table_rows = df["_t"].to_numpy(), df["_row"].to_numpy()
    for kind, idx in (("fail", idx_fail), ("unknown", idx_unknown)):
        for i in idx[: max(0, MAX_FAILING - len(result.failing))]:
            name = names.get(i)
            t, row = int(table_ids[i]), int(table_rows[i])
            name = str(name) if not isna(name) else f"#{row}"
            location = tables.location(t, row)
            if criteria:
                missed = [c for c, st in zip(criteria, states) if st[i] == 0]
                unsure = [c for c, st in zip(criteria, states) if st[i] == -1]
                result.failing.append(
                    Failing(
                        name,
                        location,
                        "detail.criteria",
                        {
                            "missed": "、".join(c.name for c in missed) or "-",
                            "unknown": "、".join(c.name for c in unsure) or "-",
                            "missed_en": "; ".join(c.name_en or c.name for c in missed) or "-",
                            "unknown_en": "; ".join(c.name_en or c.name for c in unsure) or "-",
                        },
                    )
                )
            elif kind == "unknown":
                result.failing.append(Failing(name, location, "detail.unknown", {}))
            else:
                result.failing.append(Failing(name, location))


def _fmt(v: float | None) -> str:
    if v is None:
        return "-"
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"
