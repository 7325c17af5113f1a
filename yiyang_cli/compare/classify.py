"""Comparing two snapshots: each submitter and indicator present on either side is classified.

newly_failed (now not met or lacking data, before not), resolved (before failing, now met),
improved or regressed (the value moved towards or away from the target, the verdict unchanged),
changed (another change of status), unchanged; added / removed when only one side has it.
"""

from __future__ import annotations

from dataclasses import replace

from ..batch.discover import sort_key
from ..errors import InputError
from ..messages import pick
from ..status import FAILING
from .model import (
    CHANGES,
    Change,
    CompareResult,
    IndicatorChanges,
    IndicatorMeta,
    Reading,
    Side,
    Snapshot,
    StatusChange,
    SubmitterState,
)

EPS = 1e-9


def _direction(a: float | None, b: float | None, meta: IndicatorMeta) -> int:
    """+1 if b is closer to meeting the target than a, -1 if further, 0 if neither or unknown."""
    if a is None or b is None or abs(b - a) <= EPS * max(1.0, abs(a), abs(b)):
        return 0
    comparator = meta.comparator
    if comparator in (">=", ">"):
        return 1 if b > a else -1
    if comparator in ("<=", "<"):
        return 1 if b < a else -1
    if comparator == "==" and meta.target is not None:
        da, db = abs(a - meta.target), abs(b - meta.target)
        return 0 if abs(da - db) <= EPS else (1 if db < da else -1)
    return 0


def classify(a: Reading | None, b: Reading | None, meta: IndicatorMeta) -> str:
    if a is None:
        return "added"
    if b is None:
        return "removed"
    was, now = a.status, b.status
    if was in FAILING and now == "met":
        return "resolved"
    if was not in FAILING and now in FAILING:
        return "newly_failed"
    direction = _direction(a.value, b.value, meta)
    if direction > 0:
        return "improved"
    if direction < 0:
        return "regressed"
    return "changed" if was != now else "unchanged"


def _metas(old: Snapshot, new: Snapshot) -> dict[str, IndicatorMeta]:
    """Every indicator either side knows, the newer side's names first; a target from whichever
    side has one."""
    metas: dict[str, IndicatorMeta] = {}
    for m in new.indicators + old.indicators:
        known = metas.setdefault(m.id, m)
        if known.comparator is None and m.comparator is not None:
            metas[m.id] = replace(known, comparator=m.comparator, target=m.target, unit=m.unit)
    return metas


Pair = tuple[SubmitterState | None, SubmitterState | None]


def _pairs(old: Snapshot, new: Snapshot) -> dict[str, Pair]:
    """The submitters to compare, by name; one result on each side is the same submission, even
    if its files were renamed."""
    if len(old.submissions) == 1 and len(new.submissions) == 1:
        ((name_a, sub_a),) = old.submissions.items()
        ((name_b, sub_b),) = new.submissions.items()
        return {name_b if name_a == name_b else f"{name_a} → {name_b}": (sub_a, sub_b)}
    names = set(old.submissions) | set(new.submissions)
    return {n: (old.submissions.get(n), new.submissions.get(n)) for n in names}


def compare(old: Snapshot, new: Snapshot, lang: str) -> CompareResult:
    """The comparison, every entry included (unchanged ones too)."""
    if old.plan != new.plan:
        raise InputError("compare.plan_mismatch", a=old.plan, b=new.plan)
    metas = _metas(old, new)
    pairs = _pairs(old, new)
    changes: list[Change] = []
    statuses: list[StatusChange] = []
    for name in sorted(pairs, key=sort_key):
        a, b = pairs[name]
        sa, sb = a.status if a else None, b.status if b else None
        if sa != sb:
            statuses.append(
                StatusChange(submitter=name, before=sa, after=sb, error=b.error if b and sb == "error" else None)
            )
        if a is None or b is None or "error" in (sa, sb):
            continue
        for ind_id, meta in metas.items():
            ia, ib = a.indicators.get(ind_id), b.indicators.get(ind_id)
            if ia is None and ib is None:
                continue
            va, vb = ia.value if ia else None, ib.value if ib else None
            changes.append(
                Change(
                    submitter=name,
                    indicator=ind_id,
                    name=pick(lang, meta.name, meta.name_en),
                    change=classify(ia, ib, meta),
                    before=ia,
                    after=ib,
                    delta=round(vb - va, 6) if va is not None and vb is not None else None,
                    unit=meta.unit,
                )
            )
    indicators = tuple(
        IndicatorChanges(
            id=ind_id,
            name=pick(lang, meta.name, meta.name_en),
            comparator=meta.comparator,
            target=meta.target,
            unit=meta.unit,
            counts=_count([x for x in changes if x.indicator == ind_id]),
        )
        for ind_id, meta in metas.items()
    )
    return CompareResult(
        lang=lang,
        plan_id=new.plan,
        plan_title=new.plan_title or old.plan_title,
        before=_side(old),
        after=_side(new),
        counts=_count(changes),
        indicators=indicators,
        submissions=tuple(statuses),
        changes=tuple(changes),
    )


def _count(changes: list[Change]) -> dict[str, int]:
    return {c: sum(1 for x in changes if x.change == c) for c in CHANGES}


def _side(s: Snapshot) -> Side:
    return Side(label=s.label, as_of=s.as_of, submissions=len(s.submissions))
