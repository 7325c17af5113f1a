"""Plausibility checks on what was read (domain.md §5), each finding a data issue at its cell.

A finding names the rule, the unit, the left value, the operator and the right value, the way
DHIS2 reports validation-rule violations. Each check reports at most MAX_PER_CHECK findings per
table and says how many more there were.
"""

from __future__ import annotations

from ..fields import ENTITIES, NUMERIC_TYPES
from ..result import DataIssue

MAX_PER_CHECK = 20

# (entity, left field, operator, right field): the left can never exceed the right.
RELATIONS = [
    ("elderly_institutions", "nursing_beds", "<=", "beds"),
    ("elderly_institutions", "residents", "<=", "beds"),
    ("elderly_institutions", "disabled_residents", "<=", "residents"),
    ("elderly_institutions", "residents_fd_signed", "<=", "residents"),
    ("areas", "pop_65", "<=", "pop_resident"),
    ("areas", "health_managed_65", "<=", "pop_65"),
    ("areas", "ehr_65", "<=", "pop_65"),
    ("areas", "fd_signed_65", "<=", "pop_65"),
    ("areas", "fd_signed", "<=", "pop_resident"),
    ("areas", "fd_signed_key", "<=", "pop_key"),
    ("finance", "lottery_fund_elderly", "<=", "lottery_fund_total"),
]


def check_table(table) -> list[DataIssue]:
    """Every plausibility finding for one table that was read."""
    return _relations(table) + _negatives(table) + _duplicates(table)


def _capped(findings: list[DataIssue], code: str, where: str) -> list[DataIssue]:
    if len(findings) <= MAX_PER_CHECK:
        return findings
    more = len(findings) - MAX_PER_CHECK
    return findings[:MAX_PER_CHECK] + [
        DataIssue("warning", f"{code}_truncated", "issue.check_truncated", {"n": more, "code": code}, where)
    ]


def _where(table) -> str:
    return table.source if table.sheet is None else f"{table.source}!{table.sheet}"


def _name(table, i) -> str:
    label = ENTITIES[table.entity].label_field
    df = table.frame
    value = df[label].iat[i] if label in df.columns else None
    return str(value) if value is not None and str(value) not in ("<NA>", "nan") else f"#{df['_row'].iat[i]}"


def _relations(table) -> list[DataIssue]:
    out = []
    df = table.frame
    fields = ENTITIES[table.entity].fields
    for entity, left, op, right in RELATIONS:
        if entity != table.entity or left not in df.columns or right not in df.columns:
            continue
        bad = (df[left] > df[right]).fillna(False).to_numpy(dtype=bool)
        code = f"{left}_gt_{right}"
        found = [
            DataIssue(
                "warning",
                code,
                "issue.relation",
                {
                    "unit": _name(table, i),
                    "left": fields[left].zh,
                    "right": fields[right].zh,
                    "lv": _fmt(df[left].iat[i]),
                    "rv": _fmt(df[right].iat[i]),
                    "op": op,
                },
                table.location(int(df["_row"].iat[i]), left),
            )
            for i in bad.nonzero()[0]
        ]
        out += _capped(found, code, _where(table))
    return out


def _negatives(table) -> list[DataIssue]:
    out = []
    df = table.frame
    for fid, f in ENTITIES[table.entity].fields.items():
        if fid not in df.columns or f.type not in NUMERIC_TYPES:
            continue
        bad = (df[fid] < 0).fillna(False).to_numpy(dtype=bool)
        found = [
            DataIssue(
                "warning",
                "negative_value",
                "issue.negative",
                {"unit": _name(table, i), "field": f.zh, "value": _fmt(df[fid].iat[i])},
                table.location(int(df["_row"].iat[i]), fid),
            )
            for i in bad.nonzero()[0]
        ]
        out += _capped(found, "negative_value", _where(table))
    return out


def _duplicates(table) -> list[DataIssue]:
    """The same institution twice in one area is counted twice by every indicator: say so."""
    df = table.frame
    label = ENTITIES[table.entity].label_field
    if label not in df.columns or table.entity not in ("elderly_institutions", "medical_institutions"):
        return []
    if df[label].is_unique:  # the usual case, and one hash pass instead of one over every key
        return []
    keys = [k for k in (label, "county", "town") if k in df.columns]
    dup = df.duplicated(subset=keys, keep="first").to_numpy(dtype=bool) & df[label].notna().to_numpy(dtype=bool)
    if not dup.any():
        return []
    involved = df[df.duplicated(subset=keys, keep=False)]
    first_rows: dict[tuple, int] = {}
    for key, row in zip(involved[keys].itertuples(index=False, name=None), involved["_row"]):
        first_rows.setdefault(key, int(row))
    found = []
    for i in dup.nonzero()[0]:
        key = tuple(df[keys].iloc[i])
        found.append(
            DataIssue(
                "warning",
                "duplicate_unit",
                "issue.duplicate_unit",
                {"unit": _name(table, i), "first": table.location(first_rows[key])},
                table.location(int(df["_row"].iat[i])),
            )
        )
    return _capped(found, "duplicate_unit", _where(table))


def _fmt(v) -> str:
    f = float(v)
    return str(int(f)) if f.is_integer() else f"{f:g}"
