"""The evaluator's view of a dataset: one frame per table (the as-of year's rows), expressions
evaluated once per table and shared by every indicator, the masks of the three-valued logic,
and the columns a form lacks.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from .. import expr as ex
from ..fields import ENTITIES
from ..measures.base import INF, Masks
from ..plan.model import Indicator, Plan, compile_expr
from ..result import DataIssue

if TYPE_CHECKING:
    import pandas as pd

    from ..reader import Dataset


class Tables:
    def __init__(self, plan: Plan, data: Dataset, as_of: dt.date):
        self.plan, self.data, self.as_of = plan, data, as_of
        self.issues: list[DataIssue] = []
        self._frames: dict[str, pd.DataFrame | None] = {}
        self.cache: dict[tuple[Any, ...], Any] = {}
        # Columns a table lacks, added as all-unknown so that an indicator whose other columns
        # decide it (`a or b` with `a` true) is still decided; still reported as missing.
        self._absent: dict[str, set[str]] = {}

    # ------------------------------------------------------------ frames and expressions

    def frame(self, entity: str) -> pd.DataFrame | None:
        if entity not in self._frames:
            self._frames[entity] = self._select_year(entity, self.data.frame(entity))
        return self._frames[entity]

    def table(self, entity: str) -> pd.DataFrame:
        """The frame of a table the indicator being evaluated is known to have."""
        df = self.frame(entity)
        assert df is not None, entity
        return df

    def _select_year(self, entity: str, df: pd.DataFrame | None) -> pd.DataFrame | None:
        """Per-area and funding tables hold one row per year: use the as-of year, or the latest before it.

        Rows dated after the as-of year are never used to judge it: with only those, the table
        counts as absent (no_data), with a warning that says why.
        """
        if df is None or "year" not in df.columns:
            return df
        years = sorted({int(y) for y in df["year"].dropna()})
        eligible = [y for y in years if y <= self.as_of.year]
        if not eligible and years:
            self.issues.append(
                DataIssue(
                    "warning",
                    "no_year_before_as_of",
                    "issue.no_year_before_as_of",
                    {"entity": ENTITIES[entity].zh, "years": ", ".join(map(str, years)), "as_of": self.as_of.year},
                    "",
                )
            )
            return None
        if len(years) <= 1:
            return df
        chosen = eligible[-1]
        self.issues.append(
            DataIssue(
                "warning",
                "year_selected",
                "issue.year_selected",
                {"entity": ENTITIES[entity].zh, "year": chosen, "years": ", ".join(map(str, years))},
                "",
            )
        )
        return df[df["year"] == chosen].reset_index(drop=True)

    def series(self, entity: str, text: str | None) -> pd.Series:
        """A condition or measure evaluated once per entity and shared by every indicator."""
        import pandas as pd

        df = self.table(entity)
        if text is None:
            return pd.Series(True, index=df.index, dtype="boolean")
        key = (entity, text)
        if key not in self.cache:
            node = ex.map_text_literals(compile_expr(text), lambda f, v: _canonical_category(entity, f, v))
            self.cache[key] = ex.evaluate(node, df, self.as_of)
        return self.cache[key]

    def masks(self, entity: str, where: str | None, condition: Any) -> Masks:
        """Boolean numpy masks for scope true/unknown and condition true/false/unknown."""
        scope = self.series(entity, where)
        cond = condition if not isinstance(condition, (str, type(None))) else self.series(entity, condition)
        s_t = scope.fillna(False).to_numpy(dtype=bool)
        s_u = scope.isna().to_numpy()
        c_t = cond.fillna(False).to_numpy(dtype=bool)
        c_u = cond.isna().to_numpy()
        c_f = ~c_t & ~c_u
        return s_t, s_u, c_t, c_f, c_u

    def sum_side(self, entity: str, where: str | None, text: str, count: bool) -> tuple[float, int, float]:
        """(known total, unknown units, upper total) of one side of a ratio or a sum."""
        if count:
            s_t, s_u, c_t, c_f, c_u = self.masks(entity, where, text)
            known = float((s_t & c_t).sum())
            hi = float(((s_t | s_u) & ~c_f).sum())
            return known, int(hi - known), hi
        import numpy as np

        values = self.series(entity, text)
        scope = self.series(entity, where)
        in_scope = scope.fillna(False).to_numpy(dtype=bool)
        v = values.to_numpy(dtype=float, na_value=math.nan)
        known_mask = in_scope & ~np.isnan(v)
        total = float(v[known_mask].sum())
        unknown = int((in_scope & ~known_mask).sum() + scope.isna().sum())
        return total, unknown, (INF if unknown else total)

    def location(self, table: int, row: int, field_id: str | None = None) -> str:
        return self.data.location(table, row, field_id)

    # ------------------------------------------------------------ columns a form lacks

    def missing_fields(self, ind: Indicator) -> list[str]:
        """`table.field` for every column the indicator reads that the data lacks (`table.*` for a
        missing table)."""
        missing: list[str] = []
        for entity, needed in ind.fields_read().items():
            df = self.frame(entity)
            if df is None:
                missing.extend(f"{entity}.{f}" for f in sorted(needed) or ["*"])
            else:
                absent = self._absent.get(entity, set())
                missing.extend(f"{entity}.{f}" for f in sorted(needed) if f not in df.columns or f in absent)
        return missing

    def decidable_without(self, ind: Indicator, missing: list[str]) -> bool:
        """Whether an indicator may still be decided with these columns unknown: only conditions
        and scopes of a table that is there. Sums and ratios need their numbers, a coverage its
        groups and a distinct count its key, so those stay no_data."""
        if not ind.kind.PARTIAL:
            return False
        reads = ind.reads()
        keys = set().union(*reads.fields.values()) if reads.fields else set()
        for texts in reads.expressions.values():  # missing(x)/present(x) of an absent column has no answer
            for text in texts:
                keys |= ex.presence_refs(compile_expr(text))
        for item in missing:
            entity, name = item.split(".", 1)
            if name == "*" or self.frame(entity) is None or name in keys:
                return False
        return True

    def add_unknown_columns(self, missing: list[str]) -> None:
        import pandas as pd

        from ..reader.values import DTYPES

        for item in missing:
            entity, name = item.split(".", 1)
            df = self.table(entity)
            if name not in df.columns:
                ftype = ENTITIES[entity].fields[name].type
                dtype = "datetime64[ns]" if ftype == "date" else DTYPES[ftype]
                df[name] = pd.Series(pd.NA if ftype != "date" else pd.NaT, index=df.index, dtype=dtype)
                self._absent.setdefault(entity, set()).add(name)


def _canonical_category(entity: str, field_id: str, text: str) -> str:
    """A rule's spelling of a category, as the data is read: the field's declared spelling when
    the two differ only in width, spaces or line breaks (the reader does the same to the cells)."""
    from ..reader.values import category_key, category_lookup

    f = ENTITIES[entity].fields.get(field_id)
    if f is None or f.type != "category":
        return text
    lookup: dict[str, str] = category_lookup(f) or {}
    return lookup.get(category_key(text), text)
