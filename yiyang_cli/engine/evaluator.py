"""Evaluate a plan on a dataset.

Every measure is computed column-wise. Missing cells are handled by bounds rather than by
guessing: each result is computed once with every unknown cell counted against the target
(lower bound) and once with every unknown counted for it (upper bound). When both agree the
status is decided; when they differ the data cannot decide and the status is `no_data`. So a
blank cell can never turn a failure into a pass, and a blank cell never makes a sure pass fail.
The value shown is computed from the known cells only, with the number of unknown units.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from dataclasses import dataclass
from typing import Optional

from .. import expr as ex
from ..fields import ENTITIES
from ..plan.model import (CountMeasure, CoverageMeasure, CriteriaMeasure, Indicator, Plan, RatioMeasure,
                   ShareMeasure, SumMeasure, compile_expr)
from ..reader.dataset import Dataset
from ..result import DataIssue, Failing, Group, IndicatorResult

MAX_FAILING = 1000
_CMP = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq}
INF = math.inf


@dataclass
class Bounds:
    """A measured quantity: known value, and the range it could take given the unknowns."""

    known: Optional[float]
    lo: Optional[float]  # None: nothing in scope under this assumption
    hi: Optional[float]
    numerator: Optional[float] = None
    denominator: Optional[float] = None
    unknown: int = 0


def compare(value: float, comparator: str, target: float) -> bool:
    # Rounded so that 11/20 meets "55%以上" despite binary fractions.
    return _CMP[comparator](round(value, 9), round(target, 9))


def decide(b: Bounds, comparator: str, target: float, if_empty: str) -> str:
    def one(v: Optional[float]) -> str:
        if v is None:
            return if_empty
        return "met" if compare(v, comparator, target) else "not_met"

    lo, hi = one(b.lo), one(b.hi)
    return lo if lo == hi else "no_data"


class Evaluator:
    def __init__(self, plan: Plan, data: Dataset, as_of: dt.date):
        self.plan, self.data, self.as_of = plan, data, as_of
        self.issues: list[DataIssue] = []
        self._frames: dict[str, object] = {}
        self._cache: dict[tuple, object] = {}
        # Columns a table lacks, added as all-unknown so that an indicator whose other columns
        # decide it (`a or b` with `a` true) is still decided; still reported as missing.
        self._absent: dict[str, set[str]] = {}

    # ------------------------------------------------------------ data access

    def frame(self, entity: str):
        if entity not in self._frames:
            self._frames[entity] = self._select_year(entity, self.data.frame(entity))
        return self._frames[entity]

    def _select_year(self, entity: str, df):
        """Per-area and funding tables hold one row per year: use the as-of year, or the latest before it.

        Rows dated after the as-of year are never used to judge it: with only those, the table
        counts as absent (no_data), with a warning that says why.
        """
        if df is None or "year" not in df.columns:
            return df
        years = sorted({int(y) for y in df["year"].dropna()})
        eligible = [y for y in years if y <= self.as_of.year]
        if not eligible and years:
            self.issues.append(DataIssue("warning", "no_year_before_as_of", "issue.no_year_before_as_of",
                                         {"entity": ENTITIES[entity].zh, "years": ", ".join(map(str, years)),
                                          "as_of": self.as_of.year}, ""))
            return None
        if len(years) <= 1:
            return df
        chosen = eligible[-1]
        self.issues.append(DataIssue("warning", "year_selected", "issue.year_selected",
                                     {"entity": ENTITIES[entity].zh, "year": chosen,
                                      "years": ", ".join(map(str, years))}, ""))
        return df[df["year"] == chosen].reset_index(drop=True)

    def series(self, entity: str, text: Optional[str]):
        """A condition or measure evaluated once per entity and shared by every indicator."""
        import pandas as pd

        df = self.frame(entity)
        if text is None:
            return pd.Series(True, index=df.index, dtype="boolean")
        key = (entity, text)
        if key not in self._cache:
            node = ex.map_text_literals(compile_expr(text), lambda f, v: _canonical_category(entity, f, v))
            self._cache[key] = ex.evaluate(node, df, self.as_of)
        return self._cache[key]

    def missing_fields(self, ind: Indicator) -> list[str]:
        missing = []
        for entity, texts in _expressions(ind).items():
            df = self.frame(entity)
            needed = set()
            for text in texts:
                needed |= ex.field_refs(compile_expr(text))
            if isinstance(ind.measure, CoverageMeasure) and entity == ind.entity:
                needed.add(ind.measure.over)
            if isinstance(ind.measure, CountMeasure) and ind.measure.distinct and entity == ind.entity:
                needed.add(ind.measure.distinct)
            if df is None:
                missing.extend(f"{entity}.{f}" for f in sorted(needed) or ["*"])
            else:
                absent = self._absent.get(entity, set())
                missing.extend(f"{entity}.{f}" for f in sorted(needed) if f not in df.columns or f in absent)
        return missing

    def _decidable_without(self, ind: Indicator, missing: list[str]) -> bool:
        """Whether an indicator may still be decided with these columns unknown: only conditions
        and scopes of a table that is there. Sums and ratios need their numbers, a coverage its
        groups and a distinct count its key, so those stay no_data."""
        if not isinstance(ind.measure, (ShareMeasure, CriteriaMeasure, CountMeasure)):
            return False
        keys = {ind.measure.distinct} if isinstance(ind.measure, CountMeasure) and ind.measure.distinct else set()
        for texts in _expressions(ind).values():  # missing(x)/present(x) of an absent column has no answer
            for text in texts:
                keys |= ex.presence_refs(compile_expr(text))
        for item in missing:
            entity, name = item.split(".", 1)
            if name == "*" or self.frame(entity) is None or name in keys:
                return False
        return True

    def _add_unknown_columns(self, missing: list[str]) -> None:
        import pandas as pd

        from ..reader.values import DTYPES

        for item in missing:
            entity, name = item.split(".", 1)
            df = self.frame(entity)
            if name not in df.columns:
                ftype = ENTITIES[entity].fields[name].type
                dtype = "datetime64[ns]" if ftype == "date" else DTYPES[ftype]
                df[name] = pd.Series(pd.NA if ftype != "date" else pd.NaT, index=df.index, dtype=dtype)
                self._absent.setdefault(entity, set()).add(name)

    # ------------------------------------------------------------ indicators

    def run(self) -> list[IndicatorResult]:
        return [self.evaluate(ind) for ind in self.plan.indicators]

    def evaluate(self, ind: Indicator) -> IndicatorResult:
        target, due, next_target = ind.stage_for(self.as_of)
        result = IndicatorResult(ind, "no_data", target=target, due=due, next_target=next_target)
        missing = self.missing_fields(ind)
        if missing:
            result.missing_fields = missing
            entities = {m.split(".")[0] for m in missing}
            seen = [h for t in self.data.tables if t.entity in entities for h in t.ignored_headers]
            result.reason_key = "reason.missing_fields"
            result.reason_args = {"fields": ", ".join(missing), "seen": "、".join(seen) or "-"}
            if not self._decidable_without(ind, missing):
                result.status = "no_data" if due else "not_due"
                return result
            self._add_unknown_columns(missing)
        m = ind.measure
        if isinstance(m, (ShareMeasure, CriteriaMeasure)):
            bounds = self._share(ind, result)
        elif isinstance(m, CountMeasure):
            bounds = self._count(ind)
        elif isinstance(m, SumMeasure):
            bounds = self._sum(ind)
        elif isinstance(m, RatioMeasure):
            bounds = self._ratio(ind, result)
        else:
            bounds = self._coverage(ind, result)
        result.value, result.unknown = bounds.known, bounds.unknown
        result.numerator, result.denominator = bounds.numerator, bounds.denominator
        if bounds.known is not None:
            result.gap = bounds.known - target.value
        status = decide(bounds, target.comparator, target.value, ind.if_empty)
        if missing and status == "no_data":
            # Undecided without the missing columns: say that, with no partial numbers (a count
            # of the units known to pass is not a rate when a column is absent).
            blank = IndicatorResult(ind, "no_data" if due else "not_due", target=target, due=due,
                                    next_target=next_target)
            blank.missing_fields, blank.reason_key, blank.reason_args = missing, result.reason_key, result.reason_args
            return blank
        if missing:  # the columns there decide it whatever the missing ones would say
            result.reason_key = "reason.missing_not_needed"
        elif status == "no_data" and bounds.unknown:
            result.reason_key, result.reason_args = "reason.unknown_units", {"n": bounds.unknown}
        elif status == ind.if_empty and bounds.lo is None:
            result.reason_key = "reason.empty_scope"
        result.status = status if due else "not_due"
        if result.status == "met":
            result.failing, result.failing_total = [], 0
        return result

    def _masks(self, entity: str, where: Optional[str], condition):
        """Boolean numpy masks for scope true/unknown and condition true/false/unknown."""
        scope = self.series(entity, where)
        cond = condition if not isinstance(condition, (str, type(None))) else self.series(entity, condition)
        s_t = scope.fillna(False).to_numpy(dtype=bool)
        s_u = scope.isna().to_numpy()
        c_t = cond.fillna(False).to_numpy(dtype=bool)
        c_u = cond.isna().to_numpy()
        c_f = ~c_t & ~c_u
        return s_t, s_u, c_t, c_f, c_u

    def _share_counts(self, masks, group_codes=None, n_groups=0):
        """Counts behind a share, overall or per group code."""
        import numpy as np

        s_t, s_u, c_t, c_f, c_u = masks
        cols = {
            "num_k": s_t & c_t, "den_k": s_t & ~c_u,
            "num_lo": s_t & c_t, "den_lo": s_t | (s_u & ~c_t),
            "num_hi": (s_t & ~c_f) | (s_u & c_t), "den_hi": s_t | (s_u & c_t),
            "unknown": s_u | (s_t & c_u),
        }
        if group_codes is None:
            return {k: int(v.sum()) for k, v in cols.items()}
        valid = group_codes >= 0
        codes = group_codes[valid]
        return {k: np.bincount(codes[v[valid]], minlength=n_groups) for k, v in cols.items()}

    @staticmethod
    def _share_bounds(c: dict, scale: float = 1.0) -> Bounds:
        def ratio(n, d):
            return None if d == 0 else n / d * scale

        return Bounds(ratio(c["num_k"], c["den_k"]), ratio(c["num_lo"], c["den_lo"]),
                      ratio(c["num_hi"], c["den_hi"]), c["num_k"], c["den_k"], int(c["unknown"]))

    def _condition(self, ind: Indicator):
        m = ind.measure
        if isinstance(m, CriteriaMeasure):
            combined = None
            for c in m.criteria:
                s = self.series(ind.entity, c.condition)
                combined = s if combined is None else combined & s
            return combined
        return self.series(ind.entity, m.condition)

    def _share(self, ind: Indicator, result: IndicatorResult) -> Bounds:
        cond = self._condition(ind)
        masks = self._masks(ind.entity, ind.where, cond)
        counts = self._share_counts(masks)
        aggregate_count = isinstance(ind.measure, CriteriaMeasure) and ind.measure.aggregate == "count"
        if aggregate_count:
            bounds = Bounds(counts["num_k"], counts["num_lo"], counts["num_hi"], counts["num_k"], None,
                            counts["unknown"])
        else:
            bounds = self._share_bounds(counts)
        s_t, s_u, c_t, c_f, c_u = masks
        # Rows to fill in: a blank in the condition, or a blank in the scope of a row that may fail.
        self._list_failing(ind, result, s_t & c_f, (s_t & c_u) | (s_u & ~c_t))
        if not aggregate_count:
            self._groups(ind, result, masks)
        return bounds

    def _count(self, ind: Indicator) -> Bounds:
        s_t, s_u, c_t, c_f, c_u = self._masks(ind.entity, ind.where, ind.measure.condition)
        sure, possible = s_t & c_t, (s_t | s_u) & ~c_f
        distinct = ind.measure.distinct
        if distinct:
            # A unit listed twice is one unit: count distinct values (rows with none count as unknown).
            values = self.frame(ind.entity)[distinct]
            known = int(values[sure].nunique())
            hi = int(values[possible].nunique() + values[possible].isna().sum())
        else:
            known, hi = int(sure.sum()), int(possible.sum())
        return Bounds(known, known, hi, known, None, hi - known)

    def _sum_side(self, entity: str, where: Optional[str], text: str, count: bool):
        """(known total, unknown units, upper total) of one side of a ratio or a sum."""
        if count:
            s_t, s_u, c_t, c_f, c_u = self._masks(entity, where, text)
            known = float((s_t & c_t).sum())
            hi = float(((s_t | s_u) & ~c_f).sum())
            return known, int(hi - known), hi
        import numpy as np

        values = self.series(entity, text)
        scope = self.series(entity, where)
        in_scope = scope.fillna(False).to_numpy(dtype=bool)
        v = values.to_numpy(dtype=float, na_value=math.nan)
        known_mask = in_scope & ~np.isnan(v)
        known = float(v[known_mask].sum())
        unknown = int((in_scope & ~known_mask).sum() + scope.isna().sum())
        return known, unknown, (INF if unknown else known)

    def _sum(self, ind: Indicator) -> Bounds:
        known, unknown, hi = self._sum_side(ind.entity, ind.where, ind.measure.sum, False)
        return Bounds(known, known, hi, known, None, unknown)

    def _ratio(self, ind: Indicator, result: IndicatorResult) -> Bounds:
        m: RatioMeasure = ind.measure
        sides = []
        for side in (m.numerator, m.denominator):
            entity = side.entity or ind.entity
            where = side.where if side.where is not None else (ind.where if entity == ind.entity else None)
            count = side.count is not None
            sides.append(self._sum_side(entity, where, side.count if count else side.sum, count))
        (n, n_unknown, n_hi), (d, d_unknown, d_hi) = sides
        known = n / d * m.scale if d else None
        lo = None if d_hi == 0 else (0.0 if d_hi == INF else n / d_hi * m.scale)
        hi = None if d == 0 and d_hi == 0 else (INF if d == 0 or n_hi == INF else n_hi / d * m.scale)
        if d == 0 and d_hi > 0:
            lo = 0.0
        bounds = Bounds(known, lo, hi, n, d, n_unknown + d_unknown)
        same_entity = (m.numerator.entity or ind.entity) == (m.denominator.entity or ind.entity) == ind.entity
        if same_entity:
            self._ratio_groups(ind, result)
        return bounds

    def _coverage(self, ind: Indicator, result: IndicatorResult) -> Bounds:
        import numpy as np

        m: CoverageMeasure = ind.measure
        df = self.frame(ind.entity)
        s_t, s_u, c_t, c_f, c_u = self._masks(ind.entity, ind.where, m.condition)
        groups = df[m.over]
        universe_rows: dict[str, tuple[int, int]] = {}
        if m.universe and self.frame(m.universe) is not None:
            udf = self.frame(m.universe)
            label = ENTITIES[m.universe].label_field
            for name, t, row in zip(udf[label], udf["_t"], udf["_row"]):
                if name is not None and name is not np.nan and not _isna(name):
                    universe_rows.setdefault(str(name), (int(t), int(row)))
            names = list(universe_rows)
        else:
            names = sorted({str(g) for g in groups.dropna()})
        if not names:
            return Bounds(None, None, None, 0, 0, 0)
        codes = {name: i for i, name in enumerate(names)}
        g = np.array([codes.get(str(x), -1) if not _isna(x) else -1 for x in groups], dtype=int)
        counted_lo = s_t & c_t
        counted_hi = (s_t | s_u) & ~c_f
        lo = np.bincount(g[g >= 0], weights=counted_lo[g >= 0], minlength=len(names))
        hi = np.bincount(g[g >= 0], weights=counted_hi[g >= 0], minlength=len(names))
        hi = hi + counted_hi[groups.isna().to_numpy()].sum()  # a row with no area could be anywhere
        met = lo >= m.min
        failed = hi < m.min
        n = len(names)
        result.groups = [Group(name, float(lo[i]), "met" if met[i] else ("not_met" if failed[i] else "no_data"))
                         for i, name in enumerate(names)]
        # Point a failing group at its first row in scope (e.g. the 基层院区 that falls short),
        # or at its first row at all when none is in scope.
        first_rows: dict[str, tuple[int, int]] = {}
        in_scope = s_t | s_u
        for pass_scope in (True, False):
            for name, t, row, scoped in zip(groups, df["_t"], df["_row"], in_scope):
                if not _isna(name) and (scoped or not pass_scope):
                    first_rows.setdefault(str(name), (int(t), int(row)))
        for i, name in enumerate(names):
            if not met[i]:
                if name in universe_rows:
                    loc = self.data.location(*universe_rows[name], "area")
                else:
                    loc = self.data.location(*first_rows[name], m.over)
                result.failing.append(Failing(name, loc, "detail.group_count",
                                              {"n": int(lo[i]), "min": m.min}))
        result.failing_total = len(result.failing)
        unknown = int(n - met.sum() - failed.sum())
        return Bounds(met.sum() / n, met.sum() / n, (n - failed.sum()) / n, int(met.sum()), n, unknown)

    # ------------------------------------------------------------ breakdowns and failing units

    def _group_field(self, ind: Indicator) -> Optional[str]:
        df = self.frame(ind.entity)
        candidates = [ind.group_by] if ind.group_by else list(ENTITIES[ind.entity].group_fields)
        for f in candidates:
            if f in df.columns and df[f].notna().any():
                return f
        return None

    def _group_codes(self, ind: Indicator):
        import pandas as pd

        field = self._group_field(ind)
        if field is None or ind.entity == "areas":
            return None, []
        key = ("groups", ind.entity, field)  # the same towns for every indicator of a table
        if key not in self._cache:
            codes, names = pd.factorize(self.frame(ind.entity)[field], sort=False)
            self._cache[key] = codes, [str(x) for x in names]
        return self._cache[key]

    def _groups(self, ind: Indicator, result: IndicatorResult, masks) -> None:
        codes, names = self._group_codes(ind)
        if codes is None or len(names) < 1:
            return
        counts = self._share_counts(masks, codes, len(names))
        target = result.target
        for i, name in enumerate(names):
            c = {k: v[i] for k, v in counts.items()}
            b = self._share_bounds(c)
            if c["den_hi"] == 0 and c["den_lo"] == 0:
                continue
            result.groups.append(Group(name, b.known, decide(b, target.comparator, target.value, ind.if_empty),
                                       float(c["num_k"]), float(c["den_k"])))

    def _ratio_groups(self, ind: Indicator, result: IndicatorResult) -> None:
        import numpy as np
        import pandas as pd

        m: RatioMeasure = ind.measure
        df = self.frame(ind.entity)
        if ind.entity == "areas":
            codes, names = pd.factorize(df["area"], sort=False)
        else:
            codes, names = self._group_codes(ind)
            if codes is None:
                return
        parts = []
        for side in (m.numerator, m.denominator):
            where = side.where if side.where is not None else ind.where
            scope = self.series(ind.entity, where).fillna(False).to_numpy(dtype=bool)
            if side.count is not None:
                v = self.series(ind.entity, side.count).fillna(False).to_numpy(dtype=float)
            else:
                v = self.series(ind.entity, side.sum).to_numpy(dtype=float, na_value=math.nan)
            parts.append((scope, v))
        target = result.target
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
            first_row = {}
            for area, t, row in zip(df["area"], df["_t"], df["_row"]):
                first_row.setdefault(str(area), (int(t), int(row)))
            for g in failing_rows:
                t, row = first_row[g.group]
                detail = ("detail.ratio", {"n": _fmt(g.numerator), "d": _fmt(g.denominator)}) \
                    if g.value is not None else ("detail.unknown", {})
                result.failing.append(Failing(g.group, self.data.location(t, row, "area"), *detail))
            result.failing_total = len(result.failing)

    def _list_failing(self, ind: Indicator, result: IndicatorResult, failing_mask, unknown_mask) -> None:
        import numpy as np

        df = self.frame(ind.entity)
        label = ENTITIES[ind.entity].label_field
        idx_fail = np.flatnonzero(failing_mask)
        idx_unknown = np.flatnonzero(unknown_mask)
        result.failing_total = int(len(idx_fail) + len(idx_unknown))
        criteria = ind.measure.criteria if isinstance(ind.measure, CriteriaMeasure) else []
        # Per criterion: 1 true, 0 false, -1 unknown; read only for the rows listed.
        states = [self.series(ind.entity, c.condition).astype("Float64").fillna(-1).to_numpy(dtype=float)
                  for c in criteria]
        # Columns as arrays once: indexing a DataFrame per listed row dominated a 100k-row check.
        # Names only for the rows listed: a whole name column copied per indicator cost more.
        listed = np.concatenate([idx_fail[:MAX_FAILING], idx_unknown[:MAX_FAILING]])
        names = dict(zip(listed, df[label].take(listed).to_numpy(dtype=object))) if label in df.columns else {}
        tables, table_rows = df["_t"].to_numpy(), df["_row"].to_numpy()
        for kind, idx in (("fail", idx_fail), ("unknown", idx_unknown)):
            for i in idx[: max(0, MAX_FAILING - len(result.failing))]:
                name = names.get(i)
                t, row = int(tables[i]), int(table_rows[i])
                name = str(name) if not _isna(name) else f"#{row}"
                location = self.data.location(t, row)
                if criteria:
                    missed = [c for c, st in zip(criteria, states) if st[i] == 0]
                    unsure = [c for c, st in zip(criteria, states) if st[i] == -1]
                    result.failing.append(Failing(name, location, "detail.criteria", {
                        "missed": "、".join(c.name for c in missed) or "-",
                        "unknown": "、".join(c.name for c in unsure) or "-",
                        "missed_en": "; ".join(c.name_en or c.name for c in missed) or "-",
                        "unknown_en": "; ".join(c.name_en or c.name for c in unsure) or "-"}))
                elif kind == "unknown":
                    result.failing.append(Failing(name, location, "detail.unknown", {}))
                else:
                    result.failing.append(Failing(name, location))


def _canonical_category(entity: str, field_id: str, text: str) -> str:
    """A rule's spelling of a category, as the data is read: the field's declared spelling when
    the two differ only in width, spaces or line breaks (the reader does the same to the cells)."""
    from ..reader.values import category_key, category_lookup

    f = ENTITIES[entity].fields.get(field_id)
    if f is None or f.type != "category":
        return text
    lookup = category_lookup(f) or {}
    return lookup.get(category_key(text), text)


def _expressions(ind: Indicator) -> dict[str, list[str]]:
    """Expression texts an indicator evaluates, by entity."""
    out: dict[str, list[str]] = {ind.entity: [ind.where] if ind.where else []}
    m = ind.measure
    if isinstance(m, (ShareMeasure, CountMeasure, CoverageMeasure)) and m.condition:
        out[ind.entity].append(m.condition)
    elif isinstance(m, SumMeasure):
        out[ind.entity].append(m.sum)
    elif isinstance(m, CriteriaMeasure):
        out[ind.entity].extend(c.condition for c in m.criteria)
    elif isinstance(m, RatioMeasure):
        for side in (m.numerator, m.denominator):
            entity = side.entity or ind.entity
            texts = out.setdefault(entity, [])
            texts.append(side.sum if side.sum is not None else side.count)
            where = side.where if side.where is not None else (ind.where if entity == ind.entity else None)
            if where:
                texts.append(where)
    if isinstance(m, CoverageMeasure) and m.universe:
        out.setdefault(m.universe, [])
    return out


def _isna(v) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _fmt(v) -> str:
    if v is None:
        return "-"
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"


def evaluate_plan(plan: Plan, data: Dataset, as_of: dt.date) -> tuple[list[IndicatorResult], list[DataIssue]]:
    ev = Evaluator(plan, data, as_of)
    return ev.run(), ev.issues
