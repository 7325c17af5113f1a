"""A plan as users and scripts see it: the catalogue listing and `plans show --format json`
(the JSON contract in product.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Plan


def plan_summary(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "title": plan.title,
        "region": plan.region,
        "year": plan.year,
        "indicators": len(plan.indicators),
        "source": plan.source_file,
    }


def plan_detail(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "title": plan.title,
        "region": plan.region,
        "issuer": plan.issuer,
        "doc_no": plan.doc_no,
        "issued": plan.issued.isoformat() if plan.issued else None,
        "effective": plan.effective.isoformat() if plan.effective else None,
        "source_file": plan.source_file,
        "source_part": plan.source_part,
        "indicators": [
            {
                "id": ind.id,
                "name": ind.name,
                "name_en": ind.name_en,
                "scope": ind.scope,
                "severity": ind.severity,
                "entity": ind.entity,
                "measure": ind.measure.kind,
                "targets": [
                    {
                        "comparator": tg.comparator,
                        "value": tg.value,
                        "unit": tg.unit,
                        "deadline": tg.deadline.isoformat() if tg.deadline else None,
                        **({"deadline_note": tg.deadline_note} if tg.deadline_note else {}),
                    }
                    for tg in ind.targets
                ],
                "applies_to": ind.where or "",
                "clause": ind.clause,
                "quote": ind.quote,
                "reading": ind.reading,
                "reading_zh": ind.reading_zh,
                "origin": plan.origin(ind.id),
            }
            for ind in plan.indicators
        ],
        "extends": plan.extends,
        "commitments": [
            {"clause": c.clause, "quote": c.quote, "why_not_checked": c.why_not_checked} for c in plan.commitments
        ],
    }


def load_all() -> list[Plan]:
    """Every shipped plan, loaded and validated."""
    from .catalogue import catalogue_dir
    from .load import load_file

    return [load_file(p) for p in sorted(catalogue_dir().glob("*.yaml"))]


def catalogue_summaries() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(summary, English labels) of every shipped plan, for `plans list`.

    Listing only needs a few top-level keys, so the files are read with the same safe loader as
    always (size cap, no aliases, no object tags) but not validated: the shipped files are
    validated in full by the test suite and by every `check`, and `plans list` must stay well
    under 0.3 s. A plan that extends another, or a file the loader refuses, is loaded in full (its
    indicators are the merged ones; its problems are reported with their location).
    """
    import datetime as dt

    from ..plan.catalogue import catalogue_dir
    from ..plan.yamlsrc import YamlProblem, load

    out = []
    for path in sorted(catalogue_dir().glob("*.yaml")):
        try:
            data, _ = load(path)
        except YamlProblem:
            data = None
        if not isinstance(data, dict) or data.get("extends"):
            from .load import load_file

            plan = load_file(path)
            out.append((plan_summary(plan), {"title": plan.title_en, "region": plan.region_en}))
            continue
        issued = data.get("issued")
        if isinstance(issued, str):
            issued = dt.date.fromisoformat(issued)
        out.append(
            (
                {
                    "id": data["id"],
                    "title": data["title"],
                    "region": data["region"],
                    "year": issued.year if isinstance(issued, dt.date) else None,
                    "indicators": len(data.get("indicators") or []),
                    "source": data.get("source_file"),
                },
                {"title": data.get("title_en") or "", "region": data.get("region_en") or ""},
            )
        )
    return out
