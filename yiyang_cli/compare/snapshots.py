"""The sides of a comparison: from JSON files (a `check` result or a `batch` summary), or from
the history database (the latest run of each submitter in an as-of year or on a date)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError
from ..safeio import read_bytes
from ..status import FAILING
from .model import IndicatorMeta, Reading, Snapshot, SubmitterState

# ---------------------------------------------------------------- from JSON files


def from_json(path: Path) -> Snapshot:
    raw = read_bytes(path)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError("compare.bad_json", str(path), reason=str(exc)[:200]) from None
    if not isinstance(data, dict) or data.get("schema_version") != 1 or not isinstance(data.get("plan"), dict):
        raise InputError("compare.bad_json", str(path), reason="schema_version 1, plan")
    try:
        if isinstance(data.get("submissions"), list):
            return _from_summary(data, path)
        if isinstance(data.get("indicators"), list):
            return _from_result(data, path)
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError("compare.bad_json", str(path), reason=f"missing {exc}") from None
    raise InputError("compare.bad_json", str(path), reason="indicators / submissions")


def _meta(ind: dict[str, Any]) -> IndicatorMeta:
    target = ind.get("target") or {}
    return IndicatorMeta(
        id=ind["id"],
        name=ind.get("name_zh") or ind.get("name", ind["id"]),
        name_en=ind.get("name_en") or ind.get("name", ind["id"]),
        comparator=target.get("comparator"),
        target=target.get("value"),
        unit=target.get("unit"),
    )


def _from_summary(data: dict[str, Any], path: Path) -> Snapshot:
    subs = {}
    for s in data["submissions"]:
        subs[s["submitter"]] = SubmitterState(
            status=s["status"],
            error=s.get("error"),
            indicators={k: Reading(v["status"], v.get("value")) for k, v in (s.get("indicators") or {}).items()},
        )
    return Snapshot(
        label=str(path),
        plan=data["plan"]["id"],
        plan_title=data["plan"].get("title", ""),
        as_of=data.get("as_of", ""),
        indicators=tuple(_meta(i) for i in data["indicators"]),
        submissions=subs,
    )


def _submitter_of(data: dict[str, Any], path: Path) -> str:
    """A result names no submitter: its input file's stem, or the folder its inputs share."""
    inputs = [Path(i["path"]) for i in data.get("inputs") or [] if i.get("path")]
    if len(inputs) == 1:
        return inputs[0].stem
    parents = {p.parent for p in inputs}
    if len(parents) == 1 and inputs and inputs[0].parent.name:
        return inputs[0].parent.name
    return path.stem


def _from_result(data: dict[str, Any], path: Path) -> Snapshot:
    inds = {i["id"]: Reading(i["status"], i.get("value")) for i in data["indicators"]}
    blocking = any(i["status"] in FAILING and i.get("severity") == "mandatory" for i in data["indicators"])
    state = SubmitterState(status="failed" if blocking else "ok", error=None, indicators=inds)
    # the fields are read in this order, so a malformed file is told the same first missing one
    return Snapshot(
        label=str(path),
        plan=data["plan"]["id"],
        plan_title=data["plan"].get("title", ""),
        as_of=data.get("as_of", ""),
        indicators=tuple(_meta(i) for i in data["indicators"]),
        submissions={_submitter_of(data, path): state},
    )


# ---------------------------------------------------------------- from the history


def from_history(db: Path, plan: str | None, from_: str | None, to: str | None) -> tuple[Snapshot, Snapshot]:
    """The two sides from a history database. Without --plan, the one plan it holds; without
    --from and --to, its two latest as-of dates."""
    from ..history import History

    with History.open(db) as store:
        if plan is None:
            plans = store.plans()
            if len(plans) != 1:
                raise UsageError("compare.need_plan", known=", ".join(plans) or "—")
            plan = plans[0]
        elif plan.endswith((".yaml", ".yml")) or Path(plan).is_file():
            from ..api import load_plan

            plan = load_plan(plan).id
        if from_ is None and to is None:
            dates = store.as_of_dates(plan)
            if len(dates) < 2:
                raise UsageError("compare.need_range", known=", ".join(dates) or "—")
            from_, to = dates[-2], dates[-1]
        elif from_ is None or to is None:
            raise UsageError("compare.need_range", known=", ".join(store.as_of_dates(plan)) or "—")
        return _from_store(store.snapshot(plan, from_)), _from_store(store.snapshot(plan, to))


def _from_store(snap: dict[str, Any]) -> Snapshot:
    """A snapshot from the shape `History.snapshot` returns."""
    indicators = tuple(
        IndicatorMeta(
            id=m["id"],
            name=m["name"],
            name_en=m["name_en"],
            comparator=m["comparator"],
            target=m["target"],
            unit=m["unit"],
        )
        for m in snap["indicators"]
    )
    submissions = {
        name: SubmitterState(
            status=s["status"],
            error=s["error"],
            indicators={k: Reading(v["status"], v["value"]) for k, v in s["indicators"].items()},
        )
        for name, s in snap["submissions"].items()
    }
    return Snapshot(
        label=snap["label"],
        plan=snap["plan"],
        plan_title=snap["plan_title"],
        as_of=snap["as_of"],
        indicators=indicators,
        submissions=submissions,
    )
