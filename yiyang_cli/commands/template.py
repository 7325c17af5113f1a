"""`yiyang template`: the blank data-collection workbook a bureau sends out for a plan.

The workbook has a 填表说明 (Instructions) sheet first, with the plan, the filling rules and
every indicator (target, severity, the data it needs, the plan's own words), then one sheet per
table the plan reads. A data sheet holds exactly the columns the plan's indicators read, plus
the table's label column (name, area or year), its area columns (county, town) and, for
per-area statistics, the year. Headers are the field labels the reader knows, so a filled
template is read back by `yiyang check` without a mapping file.

The instructions sheet never has more than two filled cells in a row, so the reader takes it
for notes, not for a table it failed to recognise.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Optional, Union

from ..errors import UsageError, YiyangError
from ..fields import ENTITIES, Entity, Field
from ..messages import t

LANGS = ("zh", "en")
MAX_ROW = 1_048_575  # the last row of a worksheet (0-based): validations cover every data row
SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}
LEVELS = ("三级", "二级", "一级", "未定级")
BOOL_WORDS = {"zh": ("是", "否"), "en": ("Yes", "No")}
# Number formats by field type; text-like columns are text so that codes and names keep their zeros.
NUM_FORMATS = {"text": "@", "category": "@", "bool": "@", "level": "@", "int": "0", "year": "0",
               "ratio": "0.0%", "date": "yyyy-mm-dd", "number": "General"}
_BAD_SHEET_CHARS = set("[]:*?/\\")


@dataclass(frozen=True)
class Column:
    field: Field
    header: str
    used_by: tuple[str, ...]  # labels of the indicators that read the field


@dataclass(frozen=True)
class SheetSpec:
    entity: Entity
    name: str
    columns: tuple[Column, ...]


# ---------------------------------------------------------------- what a plan reads

def indicator_fields(ind) -> dict[str, set[str]]:
    """Field ids an indicator reads, by entity: exactly what the engine will look for."""
    from .. import expr as ex
    from ..engine.evaluator import _expressions
    from ..plan import CountMeasure, CoverageMeasure, compile_expr

    out: dict[str, set[str]] = {}
    for entity, texts in _expressions(ind).items():
        needed = out.setdefault(entity, set())
        for text in texts:
            needed |= ex.field_refs(compile_expr(text))
    m = ind.measure
    if isinstance(m, CoverageMeasure):
        out[ind.entity].add(m.over)
        if m.universe:  # the groups to cover are the universe table's row labels
            out.setdefault(m.universe, set()).add(ENTITIES[m.universe].label_field)
    if isinstance(m, CountMeasure) and m.distinct:
        out[ind.entity].add(m.distinct)
    if ind.group_by:
        out[ind.entity].add(ind.group_by)
    return out


def sheet_fields(plan) -> dict[str, list[str]]:
    """Entity id -> the field ids of its sheet, in the order the entity defines them."""
    wanted: dict[str, set[str]] = {e: set() for e in plan.entities()}
    for ind in plan.indicators:
        for entity, fields in indicator_fields(ind).items():
            wanted.setdefault(entity, set()).update(fields)
    out = {}
    for entity_id in ENTITIES:  # a stable sheet order for every plan
        if entity_id not in wanted:
            continue
        entity = ENTITIES[entity_id]
        fields = wanted[entity_id] | {entity.label_field} | set(entity.group_fields)
        if "year" in entity.fields:  # per-year tables: the engine picks the as-of year by it
            fields.add("year")
        out[entity_id] = [fid for fid in entity.fields if fid in fields]
    return out


# ---------------------------------------------------------------- names and labels

def sheet_name(entity: Entity, lang: str) -> str:
    """A sheet name the reader recognises as this entity: its label in `lang` when it is, else its id.

    Checked against the reader itself, so a label another table's alias would capture (English
    "Medical institutions" contains the elderly-care alias "institutions") is never used.
    """
    from ..reader.header import entity_from_name
    from ..reader.mapping import Mapping

    candidates = [entity.en, entity.id, entity.zh] if lang == "en" else [entity.zh, entity.id]
    for name in candidates:
        if len(name) <= 31 and not (_BAD_SHEET_CHARS & set(name)) \
                and entity_from_name(name, Mapping()) == entity.id:
            return name
    raise AssertionError(f"no recognisable sheet name for {entity.id}")  # fields.py guarantees the id


def unit_text(unit: str, lang: str) -> str:
    return t(f"unit.{unit}", lang) if unit else ""


def header_text(f: Field, lang: str) -> str:
    """`床位数（张）` or `Beds (beds)`: the label the reader maps, with the unit it strips."""
    label = f.label(lang)
    if not f.unit:
        return label
    unit = unit_text(f.unit, lang)
    return f"{label}（{unit}）" if lang == "zh" else f"{label} ({unit})"


def _sep(lang: str) -> str:
    # English labels have commas of their own ("Provides prevention, treatment, …"): lists use semicolons.
    return "、" if lang == "zh" else "; "


def _pct(value: float) -> str:
    return f"{round(value * 100, 2):g}%"


def target_text(target, lang: str) -> str:
    """`≥ 100%（2025-12-31）`: comparator, value and deadline of one stage."""
    from ..render.common import fmt_value

    value = _pct(target.value) if target.unit == "ratio" else fmt_value(target.value, target.unit)
    when = target.deadline.isoformat() if target.deadline else t("template.no_deadline", lang)
    if target.deadline_note:
        when += ("，" if lang == "zh" else "; ") + target.deadline_note
    return f"{SYMBOLS[target.comparator]} {value}" + (f"（{when}）" if lang == "zh" else f" ({when})")


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- layout

def layout(plan, lang: str) -> list[SheetSpec]:
    """The data sheets of a plan's template: names and columns, in order."""
    used: dict[tuple[str, str], list[str]] = {}
    for ind in plan.indicators:
        for entity, fields in indicator_fields(ind).items():
            for fid in fields:
                used.setdefault((entity, fid), []).append(ind.label(lang))
    specs = []
    for entity_id, field_ids in sheet_fields(plan).items():
        entity = ENTITIES[entity_id]
        columns = tuple(Column(entity.fields[fid], header_text(entity.fields[fid], lang),
                               tuple(used.get((entity_id, fid), ()))) for fid in field_ids)
        specs.append(SheetSpec(entity, sheet_name(entity, lang), columns))
    return specs


def build_workbook(plan, target: Union[str, Path, BinaryIO], lang: str,
                   rows: Optional[dict[str, list[dict]]] = None) -> list[SheetSpec]:
    """Write the template for a loaded plan to a path or binary stream.

    `rows` (entity id -> rows of {field id: value}) fills the data sheets below the headers;
    the tests use it to fill a template exactly as a bureau would. Returns the data sheets.
    """
    import xlsxwriter

    specs = layout(plan, lang)
    options = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
               "strings_to_urls": False}
    wb = xlsxwriter.Workbook(target, options)
    title = plan.title_en if lang == "en" and plan.title_en else plan.title
    wb.set_properties({"title": f"{t('template.title', lang)} · {title}", "subject": plan.id,
                       "author": "yiyang", "comments": f"yiyang template --plan {plan.id}"})
    wb.set_custom_property("yiyang_plan", plan.id)
    formats = _Formats(wb)
    _instructions(wb, formats, plan, specs, lang)
    for spec in specs:
        _data_sheet(wb, formats, spec, lang, (rows or {}).get(spec.entity.id, []))
    wb.close()
    return specs


class _Formats:
    def __init__(self, wb):
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.heading = wb.add_format({"bold": True, "font_size": 12, "bottom": 1})
        self.key = wb.add_format({"bold": True, "valign": "top", "font_color": "#444444"})
        self.text = wb.add_format({"text_wrap": True, "valign": "top"})
        self.name = wb.add_format({"text_wrap": True, "valign": "top", "bold": True})
        self.quote = wb.add_format({"text_wrap": True, "valign": "top", "italic": True, "font_color": "#333333"})
        self.header = wb.add_format({"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter",
                                     "bg_color": "#DDEBF7", "border": 1})
        self.date = wb.add_format({"num_format": "yyyy-mm-dd"})
        self.columns = {kind: wb.add_format({"num_format": fmt}) for kind, fmt in NUM_FORMATS.items()}


def _instructions(wb, fm: _Formats, plan, specs: list[SheetSpec], lang: str) -> None:
    """Two columns only: a key and its text. Rows never hold three cells, so `check` reads this
    sheet as notes and neither warns about it nor takes it for a data table."""
    ws = wb.add_worksheet(t("template.sheet_instructions", lang))
    ws.set_column(0, 0, 16 if lang == "zh" else 20)
    ws.set_column(1, 1, 100)
    row = 0

    def line(key: str, text: str, fmt=None, height_chars: int = 0) -> None:
        nonlocal row
        ws.write_string(row, 0, key, fm.key)
        ws.write_string(row, 1, text, fmt or fm.text)
        lines = sum(max(1, math.ceil(_display_width(part) / 96)) for part in text.split("\n"))
        if lines > 1:
            ws.set_row(row, 15 * lines + 3)
        row += 1

    ws.write_string(row, 0, t("template.title", lang), fm.title)
    row += 2
    title = plan.title_en if lang == "en" and plan.title_en else plan.title
    region = plan.region_en if lang == "en" and plan.region_en else plan.region
    line(t("template.plan_title", lang), title, fm.name)
    if lang == "en" and plan.title_en:
        line("", plan.title)
    if plan.doc_no:
        line(t("template.doc_no", lang), plan.doc_no)
    line(t("template.issuer", lang), plan.issuer)
    line(t("template.region", lang), region)
    if plan.issued:
        line(t("template.issued", lang), plan.issued.isoformat())
    line(t("template.source", lang), plan.source_file + (f" {plan.source_part}" if plan.source_part else ""))
    line(t("template.plan_id", lang), t("template.plan_id_text", lang, plan=plan.id))
    row += 1

    ws.write_string(row, 0, t("template.rules", lang), fm.heading)
    row += 1
    for n, key in enumerate(("rows", "bool", "blank", "numbers", "lists", "total", "extra", "notes"), start=1):
        line(str(n), t(f"template.rule_{key}", lang))
    row += 1

    ws.write_string(row, 0, t("template.sheets", lang), fm.heading)
    row += 1
    for spec in specs:
        line(spec.name, t("template.sheet_line", lang, unit=t(f"template.unit.{spec.entity.id}", lang),
                          n=len(spec.columns), columns=_sep(lang).join(c.header for c in spec.columns)))
    row += 1

    ws.write_string(row, 0, t("template.indicators", lang, n=len(plan.indicators)), fm.heading)
    row += 1
    names = {spec.entity.id: spec.name for spec in specs}
    for n, ind in enumerate(plan.indicators, start=1):
        line(t("template.indicator_n", lang, n=n), ind.label(lang), fm.name)
        line(t("template.target", lang), "；".join(target_text(tg, lang) for tg in ind.targets)
             if lang == "zh" else "; ".join(target_text(tg, lang) for tg in ind.targets))
        line(t("template.severity", lang), t(f"severity.{ind.severity}", lang))
        line(t("template.needs", lang), _needs_text(ind, names, lang))
        line(t("template.quote", lang), (f"{ind.clause} " if ind.clause else "") + f"「{ind.quote}」", fm.quote)
        row += 1


def _needs_text(ind, sheet_names: dict[str, str], lang: str) -> str:
    parts = []
    for entity_id, fids in indicator_fields(ind).items():
        entity = ENTITIES[entity_id]
        ordered = [entity.fields[f].label(lang) for f in entity.fields if f in fids]
        listed = _sep(lang).join(ordered) if ordered else t("template.rows_only", lang)
        parts.append(f"{sheet_names[entity_id]}：{listed}" if lang == "zh" else f"{sheet_names[entity_id]}: {listed}")
    return "\n".join(parts)


def _data_sheet(wb, fm: _Formats, spec: SheetSpec, lang: str, rows: list[dict]) -> None:
    ws = wb.add_worksheet(spec.name)
    lines = 1
    for c, col in enumerate(spec.columns):
        f = col.field
        width = _column_width(col, spec.entity)
        ws.set_column(c, c, width, fm.columns[f.type])
        ws.write_string(0, c, col.header, fm.header)
        lines = max(lines, math.ceil(_display_width(col.header) / max(1, width - 2)))
        note = _note(col, spec.entity, lang)
        # A note box is about 40 narrow characters wide at this scale and 5 lines tall at scale 1.
        note_lines = sum(max(1, math.ceil(_display_width(part) / 40)) for part in note.split("\n"))
        ws.write_comment(0, c, note, {"author": "yiyang", "x_scale": 2.2,
                                      "y_scale": max(1.0, round(note_lines / 5 + 0.2, 1))})
        validation = _validation(f, spec.entity, lang)
        if validation:
            ws.data_validation(1, c, MAX_ROW, c, validation)
    ws.set_row(0, 15 * min(lines, 4) + 6)
    ws.freeze_panes(1, 1)
    for r, values in enumerate(rows, start=1):
        for c, col in enumerate(spec.columns):
            value = values.get(col.field.id)
            if value is None:
                continue
            if isinstance(value, (dt.date, dt.datetime)):
                ws.write_datetime(r, c, value, fm.date)
            else:
                ws.write(r, c, value)


def _column_width(col: Column, entity: Entity) -> float:
    f = col.field
    width = min(max(math.ceil(_display_width(col.header) / 2) + 2, 10), 24)
    if f.id == entity.label_field and f.type == "text":
        width = max(width, 28)
    if f.type == "date":
        width = max(width, 12)
    return width


def _note(col: Column, entity: Entity, lang: str) -> str:
    """The header comment: both labels, type, unit, field id, usual values and where it is used."""
    f = col.field
    other = f.zh if lang == "en" else f.en
    text = [f"{f.label(lang)} / {other}", t("template.note_field", lang, field=f.id),
            t("template.note_type", lang, type=t(f"template.type.{f.type}", lang))]
    if f.unit:
        unit = unit_text(f.unit, lang)
        text.append(t("template.note_unit", lang, unit=unit if unit == f.unit else f"{unit} ({f.unit})"))
    if f.values:
        text.append(t("template.note_values", lang, values=_sep(lang).join(f.values)))
    hint = _hint(f, entity, lang)
    text.append(hint)
    if col.used_by:
        text.append(t("template.note_used_by", lang, names="；".join(col.used_by) if lang == "zh"
                      else "; ".join(col.used_by)))
    return "\n".join(text)


def _hint(f: Field, entity: Entity, lang: str) -> str:
    unit = t("template.hint.unit", lang, unit=unit_text(f.unit, lang)) if f.unit and f.unit != "%" else ""
    if f.id == entity.label_field and f.type == "text":
        return t("template.hint.label", lang)
    if f.type == "category" and f.values:
        return t("template.hint.category", lang, values=_sep(lang).join(f.values))
    if f.type in ("text", "category"):  # a name results are grouped or matched by
        return t("template.hint.place", lang)
    return t(f"template.hint.{f.type}", lang, unit=unit)


def _validation(f: Field, entity: Entity, lang: str) -> Optional[dict]:
    """Excel data validation for a column: the kind of value it takes, with a prompt and an error."""
    prompt = {"input_title": _clip(f.label(lang), 32), "input_message": _clip(_hint(f, entity, lang), 255)}

    def error(kind: str, style: str = "stop") -> dict:
        title = t("template.error_title" if style == "stop" else "template.warn_title", lang)
        return {"error_type": style, "error_title": _clip(title, 32),
                "error_message": _clip(t(f"template.error.{kind}", lang), 255)}

    if f.type == "bool":
        return {"validate": "list", "source": list(BOOL_WORDS[lang]), **prompt, **error("bool")}
    if f.type == "category" and f.values and len(",".join(f.values)) <= 255:
        return {"validate": "list", "source": list(f.values), **prompt, **error("category", "warning")}
    if f.type == "level":
        return {"validate": "list", "source": list(LEVELS), **prompt, **error("level", "warning")}
    if f.type == "int":
        return {"validate": "integer", "criteria": ">=", "value": 0, **prompt, **error("int")}
    if f.type == "number":
        return {"validate": "decimal", "criteria": ">=", "value": 0, **prompt, **error("number")}
    if f.type == "ratio":
        return {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1, **prompt,
                **error("ratio")}
    if f.type == "date":
        return {"validate": "date", "criteria": "between", "minimum": dt.date(1900, 1, 1),
                "maximum": dt.date(2100, 12, 31), **prompt, **error("date")}
    if f.type == "year":
        return {"validate": "integer", "criteria": "between", "minimum": 1900, "maximum": 2100, **prompt,
                **error("year")}
    return {"validate": "any", **prompt}  # text: a prompt only


# ---------------------------------------------------------------- entry point

def write_template(plan_ref: str, output: Path, lang: str = "zh") -> Path:
    """Write the blank data-collection workbook for a plan (catalogue id or rule file) to `output`.

    The file is written whole or not at all. Raises UsageError for an unknown plan, a language
    other than zh/en or an output that is not .xlsx; YiyangError when the file cannot be written.
    """
    from ..api import load_plan
    from ..safeio import write_bytes

    if lang not in LANGS:
        raise UsageError("template.bad_lang", lang=lang)
    output = Path(output)
    if output.suffix.lower() != ".xlsx":
        raise UsageError("template.bad_output", path=str(output))
    plan = load_plan(plan_ref)
    buffer = io.BytesIO()
    build_workbook(plan, buffer, lang)
    write_bytes(output, buffer.getvalue())
    return output
