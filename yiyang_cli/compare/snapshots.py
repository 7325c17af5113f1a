"""The sides of a comparison: from JSON files (a `check` result or a `batch` summary), or from
the history database (the latest run of each submitter in an as-of year or on a date)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError, UsageError
from ..safeio import read_bytes
from ..status import FAILING
from .model import IndicatorMeta, Reading, Snapshot, SubmitterState
from .shapes import MetaShape, ResultShape, SubmissionShape, SummaryShape, TargetShape, problem

# ---------------------------------------------------------------- from JSON files


def from_json(path: Path) -> Snapshot:
    raw = read_bytes(path)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError("compare.bad_json", str(path), reason=str(exc)[:200]) from None
    except RecursionError:  # arrays in arrays thousands deep: no result is written so
        raise InputError("compare.bad_json", str(path), reason="nested too deeply") from None
    if not isinstance(data, dict) or data.get("schema_version") != 1 or not isinstance(data.get("plan"), dict):
        raise InputError("compare.bad_json", str(path), reason="schema_version 1, plan")
    try:
        if isinstance(data.get("submissions"), list):
            return _from_summary(SummaryShape.model_validate(data), path)
        if isinstance(data.get("indicators"), list):
            return _from_result(ResultShape.model_validate(data), path)
    except ValidationError as exc:
        raise InputError("compare.bad_json", str(path), reason=problem(exc)[:200]) from None
    raise InputError("compare.bad_json", str(path), reason="indicators / submissions")


def _meta(ind: MetaShape) -> IndicatorMeta:
    name = ind.name if "name" in ind.model_fields_set else ind.id
    target = ind.target or TargetShape()
    return IndicatorMeta(
        id=ind.id,
        name=ind.name_zh or name,
        name_en=ind.name_en or name,
        comparator=target.comparator,
        target=target.value,
        unit=target.unit,
    )


def _from_summary(data: SummaryShape, path: Path) -> Snapshot:
    subs = {}
    for s in data.submissions:
        subs[s.submitter] = SubmitterState(
            status=s.status,
            error=s.error,
            indicators={k: Reading(v.status, v.value) for k, v in (s.indicators or {}).items()},
        )
    return Snapshot(
        label=str(path),
        plan=data.plan.id,
        plan_title=data.plan.title,
        as_of=data.as_of,
        indicators=tuple(_meta(i) for i in data.indicators),
        submissions=subs,
    )


def _submitter_of(data: ResultShape, path: Path) -> str:
    """A result names no submitter: its input file's stem, or the folder its inputs share."""
    inputs = [Path(i.path) for i in data.inputs if i.path]
    if len(inputs) == 1:
        return inputs[0].stem
    parents = {p.parent for p in inputs}
    if len(parents) == 1 and inputs and inputs[0].parent.name:
        return inputs[0].parent.name
    return path.stem


def _from_result(data: ResultShape, path: Path) -> Snapshot:
    inds = {i.id: Reading(i.status, i.value) for i in data.indicators}
    blocking = any(i.status in FAILING and i.severity == "mandatory" for i in data.indicators)
    state = SubmitterState(status="failed" if blocking else "ok", error=None, indicators=inds)
    return Snapshot(
        label=str(path),
        plan=data.plan.id,
        plan_title=data.plan.title,
        as_of=data.as_of,
        indicators=tuple(_meta(i) for i in data.indicators),
        submissions={_submitter_of(data, path): state},
    )


# ---------------------------------------------------------------- from the history


def from_history(db: Path, plan: str | None, from_: str | None, to: str | None) -> tuple[Snapshot, Snapshot]:
    """The two sides from a history database. Without --plan, the one plan it holds; without
    --from and --to, its two latest as-of dates."""
    from ..history import History

    with History.read(db) as store:
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
        sides = store.snapshot(plan, from_), store.snapshot(plan, to)
    try:
        return _from_store(sides[0]), _from_store(sides[1])
    except ValidationError as exc:  # a row that is not what yiyang wrote: text where a number belongs
        raise InputError("history.corrupt", str(db), reason=problem(exc)[:200]) from None


def _from_store(snap: dict[str, Any]) -> Snapshot:
    """A snapshot from the shape `History.snapshot` returns, each value checked."""
    indicators = []
    for m in snap["indicators"]:
        target = TargetShape.model_validate({"comparator": m["comparator"], "value": m["target"], "unit": m["unit"]})
        indicators.append(IndicatorMeta(m["id"], m["name"], m["name_en"], target.comparator, target.value, target.unit))
    submissions = {}
    for name, s in snap["submissions"].items():
        readings = {k: {"status": v["status"], "value": v["value"]} for k, v in s["indicators"].items()}
        state = SubmissionShape.model_validate(
            {"submitter": name, "status": s["status"], "error": s["error"], "indicators": readings}
        )
        submissions[name] = SubmitterState(
            status=state.status,
            error=state.error,
            indicators={k: Reading(v.status, v.value) for k, v in (state.indicators or {}).items()},
        )
    return Snapshot(
        label=snap["label"],
        plan=snap["plan"],
        plan_title=snap["plan_title"],
        as_of=snap["as_of"],
        indicators=tuple(indicators),
        submissions=submissions,
    )
