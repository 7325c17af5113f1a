"""`yiyang compare` (two assessments side by side) and `yiyang history` (the runs recorded).

Both sides of a comparison are read into the same snapshot shape, whether they come from the
history database (the latest run of each submitter in an as-of year or on an as-of date) or from
JSON files (a `check` result, or a `batch` summary):

    {"label", "plan", "plan_title", "as_of", "indicators": [{id, name, name_en, comparator, target, unit}],
     "submissions": {submitter: {"status": ok|failed|error, "error", "indicators": {id: {status, value}}}}}

Each submitter and indicator present on both sides is then classified: newly_failed (now not met
or lacking data, before not), resolved (before failing, now met), improved or regressed (the
value moved towards or away from the target, the verdict unchanged), changed (another change of
status), unchanged; added / removed when only one side has it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

from ..errors import InputError, UsageError
from ..messages import t

FAILED = ("not_met", "no_data")
CHANGES = ("newly_failed", "regressed", "improved", "resolved", "changed", "added", "removed", "unchanged")
COMPARE_EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}
EPS = 1e-9


# ---------------------------------------------------------------- history listing

def list_history(db: Path, plan: Optional[str], submitter: Optional[str], limit: Optional[int], fmt: str,
                 lang: str) -> None:
    from ..history import History

    with History.open(db) as store:
        runs = store.list_runs(plan, submitter, limit)
    if fmt == "json":
        sys.stdout.write(json.dumps(runs, ensure_ascii=False, indent=2) + "\n")
        return
    if not runs:
        print(t("history.empty", lang), file=sys.stderr)
        return
    from rich.markup import escape
    from rich.table import Table

    from ..render.terminal import make_console

    table = Table(header_style="bold")
    for head in ("#", t("history.recorded_at", lang), t("report.plan", lang), t("report.as_of", lang),
                 t("summary.submitter", lang), t("history.area", lang), t("report.status", lang),
                 t("status.met", lang), t("status.not_met", lang), t("status.no_data", lang),
                 t("history.hash", lang), t("history.version", lang)):
        table.add_column(head, overflow="fold")
    styles = {"ok": "green", "failed": "red", "error": "yellow"}
    for r in runs:
        table.add_row(str(r["id"]), _local_time(r["recorded_at"]), escape(r["plan_id"]), r["as_of"],
                      escape(r["submitter"]), escape(r["area"] or ""),
                      f"[{styles[r['status']]}]{t('batch.status.' + r['status'], lang)}[/]",
                      str(r["met"]), str(r["not_met"]), str(r["no_data"]), r["input_hash"][:12], r["tool_version"])
    console = make_console()
    console.print(table)
    console.print(t("history.runs", lang, n=len(runs)))


def _local_time(stamp: str) -> str:
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return stamp


# ---------------------------------------------------------------- loading the two sides

def _load_json(path: Path) -> dict:
    if not path.exists():
        raise InputError("input.not_found", str(path))
    if path.is_dir():
        raise InputError("input.is_dir", str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
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


def _meta(ind: dict) -> dict:
    target = ind.get("target") or {}
    return {"id": ind["id"], "name": ind.get("name_zh") or ind.get("name", ind["id"]),
            "name_en": ind.get("name_en") or ind.get("name", ind["id"]), "severity": ind.get("severity", ""),
            "comparator": target.get("comparator"), "target": target.get("value"), "unit": target.get("unit")}


def _from_summary(data: dict, path: Path) -> dict:
    subs = {}
    for s in data["submissions"]:
        subs[s["submitter"]] = {"status": s["status"], "error": s.get("error"),
                                "indicators": {k: {"status": v["status"], "value": v.get("value")}
                                               for k, v in (s.get("indicators") or {}).items()}}
    return {"label": str(path), "plan": data["plan"]["id"], "plan_title": data["plan"].get("title", ""),
            "as_of": data.get("as_of", ""), "indicators": [_meta(i) for i in data["indicators"]], "submissions": subs}


def _submitter_of(data: dict, path: Path) -> str:
    """A result names no submitter: its input file's stem, or the folder its inputs share."""
    inputs = [Path(i["path"]) for i in data.get("inputs") or [] if i.get("path")]
    if len(inputs) == 1:
        return inputs[0].stem
    parents = {p.parent for p in inputs}
    if len(parents) == 1 and inputs and inputs[0].parent.name:
        return inputs[0].parent.name
    return path.stem


def _from_result(data: dict, path: Path) -> dict:
    inds = {i["id"]: {"status": i["status"], "value": i.get("value")} for i in data["indicators"]}
    blocking = any(i["status"] in FAILED and i.get("severity") == "mandatory" for i in data["indicators"])
    return {"label": str(path), "plan": data["plan"]["id"], "plan_title": data["plan"].get("title", ""),
            "as_of": data.get("as_of", ""), "indicators": [_meta(i) for i in data["indicators"]],
            "submissions": {_submitter_of(data, path): {"status": "failed" if blocking else "ok", "error": None,
                                                        "indicators": inds}}}


def _load_db(db: Path, plan: Optional[str], from_: Optional[str], to: Optional[str]) -> tuple[dict, dict]:
    from ..history import History

    with History.open(db) as store:
        if plan is None:
            plans = store.plans()
            if len(plans) != 1:
                raise UsageError("compare.need_plan", known=", ".join(plans) or "—")
            plan = plans[0]
        elif plan.endswith((".yaml", ".yml")) or Path(plan).is_file():
            from ..plan import load_plan

            plan = load_plan(plan).id
        if from_ is None and to is None:
            dates = store.as_of_dates(plan)
            if len(dates) < 2:
                raise UsageError("compare.need_range", known=", ".join(dates) or "—")
            from_, to = dates[-2], dates[-1]
        elif from_ is None or to is None:
            raise UsageError("compare.need_range", known=", ".join(store.as_of_dates(plan)) or "—")
        return store.snapshot(plan, from_), store.snapshot(plan, to)


# ---------------------------------------------------------------- comparing

def _direction(a, b, meta: dict) -> int:
    """+1 if b is closer to meeting the target than a, -1 if further, 0 if neither or unknown."""
    if a is None or b is None or abs(b - a) <= EPS * max(1.0, abs(a), abs(b)):
        return 0
    comparator = meta.get("comparator")
    if comparator in (">=", ">"):
        return 1 if b > a else -1
    if comparator in ("<=", "<"):
        return 1 if b < a else -1
    if comparator == "==" and meta.get("target") is not None:
        da, db = abs(a - meta["target"]), abs(b - meta["target"])
        return 0 if abs(da - db) <= EPS else (1 if db < da else -1)
    return 0


def classify(a: Optional[dict], b: Optional[dict], meta: dict) -> str:
    if a is None:
        return "added"
    if b is None:
        return "removed"
    was, now = a["status"], b["status"]
    if was in FAILED and now == "met":
        return "resolved"
    if was not in FAILED and now in FAILED:
        return "newly_failed"
    direction = _direction(a.get("value"), b.get("value"), meta)
    if direction > 0:
        return "improved"
    if direction < 0:
        return "regressed"
    return "changed" if was != now else "unchanged"


def compare(old: dict, new: dict, lang: str) -> dict:
    """The comparison as a JSON-ready dict (every entry, unchanged ones included)."""
    from ..batch.discover import sort_key

    if old["plan"] != new["plan"]:
        raise InputError("compare.plan_mismatch", a=old["plan"], b=new["plan"])
    metas: dict[str, dict] = {}
    for m in new["indicators"] + old["indicators"]:
        known = metas.setdefault(m["id"], dict(m))
        if known.get("comparator") is None and m.get("comparator") is not None:
            known.update(comparator=m["comparator"], target=m["target"], unit=m["unit"])
    # One result on each side: the same submission, even if its files were renamed.
    if len(old["submissions"]) == 1 and len(new["submissions"]) == 1:
        (name_a, sub_a), = old["submissions"].items()
        (name_b, sub_b), = new["submissions"].items()
        pairs = {name_b if name_a == name_b else f"{name_a} → {name_b}": (sub_a, sub_b)}
    else:
        names = set(old["submissions"]) | set(new["submissions"])
        pairs = {n: (old["submissions"].get(n), new["submissions"].get(n)) for n in names}
    changes, statuses = [], []
    for name in sorted(pairs, key=sort_key):
        a, b = pairs[name]
        sa, sb = a["status"] if a else None, b["status"] if b else None
        if sa != sb:
            statuses.append({"submitter": name, "from": sa, "to": sb,
                             "error": (b or {}).get("error") if sb == "error" else None})
        if sa in (None, "error") or sb in (None, "error"):
            continue
        for ind_id, meta in metas.items():
            ia, ib = a["indicators"].get(ind_id), b["indicators"].get(ind_id)
            if ia is None and ib is None:
                continue
            change = classify(ia, ib, meta)
            va, vb = (ia or {}).get("value"), (ib or {}).get("value")
            changes.append({"submitter": name, "indicator": ind_id,
                            "name": meta["name_en"] if lang == "en" else meta["name"], "change": change,
                            "from": {"status": ia["status"], "value": va} if ia else None,
                            "to": {"status": ib["status"], "value": vb} if ib else None,
                            "delta": round(vb - va, 6) if va is not None and vb is not None else None,
                            "unit": meta.get("unit")})
    counts = {c: sum(1 for x in changes if x["change"] == c) for c in CHANGES}
    indicators = []
    for ind_id, meta in metas.items():
        mine = [x for x in changes if x["indicator"] == ind_id]
        indicators.append({"id": ind_id, "name": meta["name_en"] if lang == "en" else meta["name"],
                           "comparator": meta.get("comparator"), "target": meta.get("target"), "unit": meta.get("unit"),
                           "counts": {c: sum(1 for x in mine if x["change"] == c) for c in CHANGES}})
    side = lambda s: {"label": s["label"], "as_of": s["as_of"], "submissions": len(s["submissions"])}  # noqa: E731
    return {"schema_version": 1, "kind": "compare", "lang": lang,
            "plan": {"id": new["plan"], "title": new.get("plan_title") or old.get("plan_title", "")},
            "from": side(old), "to": side(new), "counts": counts, "indicators": indicators,
            "submissions": statuses, "changes": changes}


# ---------------------------------------------------------------- output

def _value(entry: Optional[dict], unit: Optional[str], lang: str) -> str:
    from ..render.common import fmt_value

    if not entry:
        return "—"
    return f"{fmt_value(entry['value'], unit or 'ratio')} {t('status.' + entry['status'], lang)}"


def _delta(x: dict) -> str:
    from ..render.common import fmt_gap

    return fmt_gap(x["delta"], x.get("unit") or "ratio") if x["delta"] is not None else "—"


def _sub_status(status: Optional[str], lang: str) -> str:
    return t("batch.status." + status, lang) if status else "—"


QUIET = ("changed", "unchanged")  # listed only with --all


def _listed(result: dict, show_all: bool) -> list[dict]:
    return [x for x in result["changes"] if show_all or x["change"] not in QUIET]


def _hidden(result: dict, show_all: bool) -> int:
    return 0 if show_all else sum(result["counts"][c] for c in QUIET)


STYLES = {"newly_failed": "bold red", "regressed": "red", "improved": "green", "resolved": "bold green",
          "changed": "cyan", "added": "dim", "removed": "dim", "unchanged": "dim"}


def print_terminal(result: dict, lang: str, show_all: bool) -> None:
    from rich.markup import escape
    from rich.table import Table

    from ..render.terminal import make_console

    console = make_console()
    console.print(f"[bold]{escape(t('compare.title', lang))}[/bold]")
    console.print(f"{t('report.plan', lang)}: {escape(result['plan']['title'])} ({result['plan']['id']})")
    console.print(f"{t('compare.from', lang)}: {escape(result['from']['label'])} ({result['from']['as_of']})  →  "
                  f"{t('compare.to', lang)}: {escape(result['to']['label'])} ({result['to']['as_of']})")
    listed = _listed(result, show_all)
    if listed:
        table = Table(header_style="bold")
        for head in (t("summary.submitter", lang), t("report.indicator", lang), t("compare.change", lang),
                     t("compare.from", lang), t("compare.to", lang), t("compare.delta", lang)):
            table.add_column(head, overflow="fold")
        for x in listed:
            table.add_row(escape(x["submitter"]), escape(x["name"]),
                          f"[{STYLES[x['change']]}]{t('change.' + x['change'], lang)}[/]",
                          escape(_value(x["from"], x["unit"], lang)), escape(_value(x["to"], x["unit"], lang)),
                          _delta(x))
        console.print(table)
    if result["submissions"]:
        table = Table(title=t("compare.submissions", lang), header_style="bold")
        for head in (t("summary.submitter", lang), t("compare.from", lang), t("compare.to", lang),
                     t("summary.error", lang)):
            table.add_column(head, overflow="fold")
        for s in result["submissions"]:
            table.add_row(escape(s["submitter"]), _sub_status(s["from"], lang), _sub_status(s["to"], lang),
                          escape(s["error"] or ""))
        console.print(table)
    if not listed and not result["submissions"]:
        console.print(t("compare.nothing", lang))
    counts = result["counts"]
    console.print(" · ".join(f"[{STYLES[c]}]{t('change.' + c, lang)} {counts[c]}[/]" for c in CHANGES if counts[c]))
    hidden = _hidden(result, show_all)
    if hidden:
        console.print(t("compare.hidden", lang, n=hidden), style="dim")


def _md_cell(text) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("\n", " "))


def render_markdown(result: dict, lang: str, show_all: bool) -> str:
    out = [f"# {t('compare.title', lang)}", ""]
    out.append(f"- **{t('report.plan', lang)}**: {_md_cell(result['plan']['title'])} (`{result['plan']['id']}`)")
    out.append(f"- **{t('compare.from', lang)}**: {_md_cell(result['from']['label'])} ({result['from']['as_of']})")
    out.append(f"- **{t('compare.to', lang)}**: {_md_cell(result['to']['label'])} ({result['to']['as_of']})")
    out.append("")
    out.append(f"## {t('compare.counts', lang)}")
    out.append("")
    out.append("| " + " | ".join([t("report.indicator", lang)] + [t("change." + c, lang) for c in CHANGES]) + " |")
    out.append("|" + "---|" * (len(CHANGES) + 1))
    for i in result["indicators"]:
        out.append("| " + " | ".join([f"{_md_cell(i['name'])} (`{i['id']}`)"] + [str(i["counts"][c]) for c in CHANGES])
                   + " |")
    out.append("| " + " | ".join(["**Σ**"] + [f"**{result['counts'][c]}**" for c in CHANGES]) + " |")
    out.append("")
    listed = _listed(result, show_all)
    out.append(f"## {t('compare.details', lang)}")
    out.append("")
    if listed:
        heads = ["summary.submitter", "report.indicator", "compare.change", "compare.from", "compare.to",
                 "compare.delta"]
        out.append("| " + " | ".join(t(h, lang) for h in heads) + " |")
        out.append("|" + "---|" * len(heads))
        for x in listed:
            out.append("| " + " | ".join(_md_cell(v) for v in (
                x["submitter"], x["name"], t("change." + x["change"], lang), _value(x["from"], x["unit"], lang),
                _value(x["to"], x["unit"], lang), _delta(x))) + " |")
    else:
        out.append(t("compare.nothing", lang))
    if _hidden(result, show_all):
        out.append("")
        out.append(t("compare.hidden", lang, n=_hidden(result, show_all)))
    if result["submissions"]:
        out.append("")
        out.append(f"## {t('compare.submissions', lang)}")
        out.append("")
        out.append(f"| {t('summary.submitter', lang)} | {t('compare.from', lang)} | {t('compare.to', lang)} | "
                   f"{t('summary.error', lang)} |")
        out.append("|---|---|---|---|")
        for s in result["submissions"]:
            out.append(f"| {_md_cell(s['submitter'])} | {_sub_status(s['from'], lang)} | "
                       f"{_sub_status(s['to'], lang)} | "
                       f"{_md_cell(s['error'] or '')} |")
    out.append("")
    return "\n".join(out)


CHANGE_COLOURS = {"newly_failed": "#cf222e", "regressed": "#fb8f44", "improved": "#4ac26b", "resolved": "#1a7f37",
                  "changed": "#0969da", "added": "#8c959f", "removed": "#8c959f", "unchanged": "#d0d7de"}
MAX_DOTS = 40


def _dumbbells(result: dict, ind: dict) -> Optional[dict]:
    """A small chart for one indicator: each changed submitter's value before (hollow) and after
    (filled), on one axis with the target."""
    rows = [x for x in result["changes"] if x["indicator"] == ind["id"]
            and x["change"] in ("newly_failed", "regressed", "improved", "resolved")
            and (x["from"]["value"] is not None or x["to"]["value"] is not None)]
    if not rows:
        return None
    rows = rows[:MAX_DOTS]
    values = [v for x in rows for v in (x["from"]["value"], x["to"]["value"]) if v is not None]
    if ind.get("target") is not None:
        values.append(ind["target"])
    lo, hi = min(values + [0.0]), max(values)
    if ind.get("unit") == "ratio":
        hi = max(hi, 1.0)
    span = (hi - lo) or 1.0
    x = lambda v: None if v is None else 150 + (v - lo) / span * 420  # noqa: E731
    items = []
    for n, r in enumerate(rows):
        items.append({"y": n * 16 + 10, "label": r["submitter"], "a": x(r["from"]["value"]), "b": x(r["to"]["value"]),
                      "colour": CHANGE_COLOURS[r["change"]], "change": r["change"]})
    return {"height": len(rows) * 16 + 8, "items": items,
            "target": x(ind["target"]) if ind.get("target") is not None else None}


def render_html(result: dict, lang: str, show_all: bool) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from ..messages import MESSAGES
    from ..render.html import TEMPLATES

    words = {k: (p[1] if lang == "en" else p[0]) for k, p in MESSAGES.items()
             if k.startswith(("compare.", "change.", "summary.", "report.", "status.", "batch.status."))}
    indicators = []
    for ind in result["indicators"]:
        total = sum(ind["counts"].values()) or 1
        segments, x0 = [], 0.0
        for c in CHANGES:
            if ind["counts"][c]:
                width = ind["counts"][c] / total * 300
                segments.append({"x": x0, "width": width, "colour": CHANGE_COLOURS[c], "n": ind["counts"][c],
                                 "label": words["change." + c]})
                x0 += width
        indicators.append({**ind, "segments": segments, "chart": _dumbbells(result, ind)})
    rows = [{**x, "change_text": words["change." + x["change"]], "colour": CHANGE_COLOURS[x["change"]],
             "from_text": _value(x["from"], x["unit"], lang), "to_text": _value(x["to"], x["unit"], lang),
             "delta_text": _delta(x)} for x in _listed(result, show_all)]
    subs = [{**s, "from_text": _sub_status(s["from"], lang), "to_text": _sub_status(s["to"], lang)}
            for s in result["submissions"]]
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template("compare.html.j2").render(
        lang="en" if lang == "en" else "zh-CN", w=words, r=result, indicators=indicators, rows=rows, subs=subs,
        cards=[(c, words["change." + c], result["counts"][c], CHANGE_COLOURS[c]) for c in CHANGES],
        hidden=_hidden(result, show_all), hidden_text=t("compare.hidden", lang, n=_hidden(result, show_all)))


# --fail-on for compare: which changes make the exit code 1 (for a CI job guarding a baseline).
FAIL_ON = {"never": (), "newly_failed": ("newly_failed",), "regressed": ("newly_failed", "regressed")}


def run(sources: list[Path], plan: Optional[str], from_: Optional[str], to: Optional[str], outputs: list[Path],
        show_all: bool, lang: str, fail_on: str = "never") -> int:
    from ..history import is_database
    from ..safeio import write_text

    targets = []
    for path in outputs:
        kind = COMPARE_EXTENSIONS.get(path.suffix.lower())
        if kind is None:
            raise UsageError("compare.bad_output", path=str(path))
        targets.append((path, kind))
    if len(sources) == 1 and sources[0].suffix.lower() != ".json":
        old, new = _load_db(sources[0], plan, from_, to)
    elif len(sources) == 2 and not any(is_database(s) for s in sources):
        if from_ or to:
            raise UsageError("compare.bad_sources")
        old, new = _load_json(sources[0]), _load_json(sources[1])
    else:
        raise UsageError("compare.bad_sources")
    result = compare(old, new, lang)
    print_terminal(result, lang, show_all)
    for path, kind in targets:
        if kind == "json":
            text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
        elif kind == "md":
            text = render_markdown(result, lang, show_all)
        else:
            text = render_html(result, lang, show_all)
        write_text(path, text)
        print(t("cli.written", lang, path=str(path)), file=sys.stderr)
    return 1 if any(result["counts"][c] for c in FAIL_ON[fail_on]) else 0
