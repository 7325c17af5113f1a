"""The blank data-collection workbook a bureau sends out for a plan, as a view model.

The workbook has a 填表说明 (Instructions) sheet first, with the plan, the filling rules and
every indicator (target, severity, the data it needs, the plan's own words), then one sheet per
table the plan reads. A data sheet holds exactly the columns the plan's indicators read, plus
the table's label column (name, area or year), its area columns (county, town) and, for
per-area statistics, the year. Headers are the field labels the reader knows, so a filled
template is read back by `yiyang check` without a mapping file.

This module decides what the workbook says (`template_view`); render/template_xlsx.py writes it.
The instructions sheet never has more than two filled cells in a row, so the reader takes it
for notes, not for a table it failed to recognise.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .fields import ENTITIES, Entity, Field
from .messages import pick, t

if TYPE_CHECKING:
    from .plan.model import Plan

LANGS = ("zh", "en")
LEVELS = ("三级", "二级", "一级", "未定级")
BOOL_WORDS = {"zh": ("是", "否"), "en": ("Yes", "No")}
# Number formats by field type; text-like columns are text so that codes and names keep their zeros.
NUM_FORMATS = {
    "text": "@",
    "category": "@",
    "bool": "@",
    "level": "@",
    "int": "0",
    "year": "0",
    "ratio": "0.0%",
    "date": "yyyy-mm-dd",
    "number": "General",
}
_BAD_SHEET_CHARS = set("[]:*?/\\")
RULE_KEYS = ("rows", "bool", "blank", "numbers", "lists", "total", "extra", "notes")


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


@dataclass(frozen=True)
class ColumnView:
    """One data column as written: header, its note, width, number format and validation."""

    field_id: str
    header: str
    note: str
    width: float
    num_format: str
    validation: dict[str, Any] | None


@dataclass(frozen=True)
class SheetView:
    name: str
    columns: tuple[ColumnView, ...]


@dataclass(frozen=True)
class InstructionRow:
    """A row of the instructions sheet: a title, a heading, a key with its text, or a blank."""

    style: str  # title | heading | name | text | quote | blank
    key: str = ""
    text: str = ""


@dataclass(frozen=True)
class TemplateView:
    title: str  # the workbook's document title
    plan_id: str
    instructions_name: str
    key_width: float
    instructions: tuple[InstructionRow, ...]
    sheets: tuple[SheetView, ...]
    specs: tuple[SheetSpec, ...]  # the data sheets, for callers that fill them


# ---------------------------------------------------------------- what a plan reads


def indicator_fields(ind) -> dict[str, set[str]]:
    """Field ids an indicator reads, by entity (exactly what the engine will look for), and the
    field its breakdown is grouped by."""
    out = ind.fields_read()
    for entity, names in out.items():
        if not names:  # a table read for its rows alone (a coverage's universe): they are named by their labels
            names.add(ENTITIES[entity].label_field)
    if ind.group_by:
        out[ind.entity].add(ind.group_by)
    return out


def sheet_fields(plan) -> dict[str, list[str]]:
    """Entity id -> the field ids of its sheet, in the order the entity defines them."""
    wanted: dict[str, set[str]] = {e: set() for e in plan.entities()}
    for ind in plan.indicators:
        for entity_id, fields in indicator_fields(ind).items():
            wanted.setdefault(entity_id, set()).update(fields)
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
    from .reader.header import entity_from_name
    from .reader.mapping import Mapping

    for name in dict.fromkeys([entity.label(lang), entity.id, entity.zh]):
        if len(name) <= 31 and not (_BAD_SHEET_CHARS & set(name)) and entity_from_name(name, Mapping()) == entity.id:
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
    return t("punct.label_unit", lang, label=label, unit=unit)


def _sep(lang: str) -> str:
    # English labels have commas of their own ("Provides prevention, treatment, …"): lists use semicolons.
    return t("punct.list_sep", lang)


def _pct(value: float) -> str:
    return f"{round(value * 100, 2):g}%"


def target_text(target, lang: str) -> str:
    """`≥ 100%（2025-12-31）`: comparator, value and deadline of one stage."""
    from .render.common import SYMBOLS, fmt_value

    value = _pct(target.value) if target.unit == "ratio" else fmt_value(target.value, target.unit)
    when = target.deadline.isoformat() if target.deadline else t("template.no_deadline", lang)
    if target.deadline_note:
        when += t("punct.clause_sep", lang) + target.deadline_note
    return f"{SYMBOLS[target.comparator]} {value}" + t("punct.aside", lang, text=when)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- layout


def layout(plan, lang: str) -> list[SheetSpec]:
    """The data sheets of a plan's template: names and columns, in order."""
    used: dict[tuple[str, str], list[str]] = {}
    for ind in plan.indicators:
        for entity_id, fields in indicator_fields(ind).items():
            for fid in fields:
                used.setdefault((entity_id, fid), []).append(ind.label(lang))
    specs = []
    for entity_id, field_ids in sheet_fields(plan).items():
        entity = ENTITIES[entity_id]
        columns = tuple(
            Column(entity.fields[fid], header_text(entity.fields[fid], lang), tuple(used.get((entity_id, fid), ())))
            for fid in field_ids
        )
        specs.append(SheetSpec(entity, sheet_name(entity, lang), columns))
    return specs


def template_view(plan: Plan, lang: str) -> TemplateView:
    """Everything the workbook for `plan` says, in `lang`."""
    specs = layout(plan, lang)
    sheets = tuple(
        SheetView(
            spec.name,
            tuple(
                ColumnView(
                    col.field.id,
                    col.header,
                    _note(col, spec.entity, lang),
                    _column_width(col, spec.entity),
                    NUM_FORMATS[col.field.type],
                    _validation(col.field, spec.entity, lang),
                )
                for col in spec.columns
            ),
        )
        for spec in specs
    )
    title = pick(lang, plan.title, plan.title_en)
    return TemplateView(
        f"{t('template.title', lang)} · {title}",
        plan.id,
        t("template.sheet_instructions", lang),
        float(t("template.key_width", lang)),
        tuple(_instructions(plan, specs, lang)),
        sheets,
        tuple(specs),
    )


def _instructions(plan: Plan, specs: list[SheetSpec], lang: str) -> list[InstructionRow]:
    """Two columns only: a key and its text."""
    rows = [InstructionRow("title", t("template.title", lang)), InstructionRow("blank")]

    def line(key: str, text: str, style: str = "text") -> None:
        rows.append(InstructionRow(style, key, text))

    line(t("template.plan_title", lang), pick(lang, plan.title, plan.title_en), "name")
    if pick(lang, "", plan.title_en):  # an English title: the Chinese one under it
        line("", plan.title)
    if plan.doc_no:
        line(t("template.doc_no", lang), plan.doc_no)
    line(t("template.issuer", lang), plan.issuer)
    line(t("template.region", lang), pick(lang, plan.region, plan.region_en))
    if plan.issued:
        line(t("template.issued", lang), plan.issued.isoformat())
    line(t("template.source", lang), plan.source_file + (f" {plan.source_part}" if plan.source_part else ""))
    line(t("template.plan_id", lang), t("template.plan_id_text", lang, plan=plan.id))
    rows += [InstructionRow("blank"), InstructionRow("heading", t("template.rules", lang))]
    for n, key in enumerate(RULE_KEYS, start=1):
        line(str(n), t(f"template.rule_{key}", lang))
    rows += [InstructionRow("blank"), InstructionRow("heading", t("template.sheets", lang))]
    for spec in specs:
        line(
            spec.name,
            t(
                "template.sheet_line",
                lang,
                unit=t(f"template.unit.{spec.entity.id}", lang),
                n=len(spec.columns),
                columns=_sep(lang).join(c.header for c in spec.columns),
            ),
        )
    rows += [InstructionRow("blank"), InstructionRow("heading", t("template.indicators", lang, n=len(plan.indicators)))]
    names = {spec.entity.id: spec.name for spec in specs}
    for n, ind in enumerate(plan.indicators, start=1):
        line(t("template.indicator_n", lang, n=n), ind.label(lang), "name")
        line(t("template.target", lang), t("punct.item_sep", lang).join(target_text(tg, lang) for tg in ind.targets))
        line(t("template.severity", lang), t(f"severity.{ind.severity}", lang))
        line(t("template.needs", lang), _needs_text(ind, names, lang))
        line(t("template.quote", lang), (f"{ind.clause} " if ind.clause else "") + f"「{ind.quote}」", "quote")
        rows.append(InstructionRow("blank"))
    return rows


def _needs_text(ind, sheet_names: dict[str, str], lang: str) -> str:
    parts = []
    for entity_id, fids in indicator_fields(ind).items():
        entity = ENTITIES[entity_id]
        ordered = [entity.fields[f].label(lang) for f in entity.fields if f in fids]
        listed = _sep(lang).join(ordered) if ordered else t("template.rows_only", lang)
        parts.append(t("punct.key_value", lang, key=sheet_names[entity_id], value=listed))
    return "\n".join(parts)


def _column_width(col: Column, entity: Entity) -> float:
    f = col.field
    width = min(max(math.ceil(display_width(col.header) / 2) + 2, 10), 24)
    if f.id == entity.label_field and f.type == "text":
        width = max(width, 28)
    if f.type == "date":
        width = max(width, 12)
    return width


def _note(col: Column, entity: Entity, lang: str) -> str:
    """The header comment: both labels, type, unit, field id, usual values and where it is used."""
    f = col.field
    other = pick(lang, f.en, f.zh)
    text = [
        f"{f.label(lang)} / {other}",
        t("template.note_field", lang, field=f.id),
        t("template.note_type", lang, type=t(f"template.type.{f.type}", lang)),
    ]
    if f.unit:
        unit = unit_text(f.unit, lang)
        text.append(t("template.note_unit", lang, unit=unit if unit == f.unit else f"{unit} ({f.unit})"))
    if f.values:
        text.append(t("template.note_values", lang, values=_sep(lang).join(f.values)))
    hint = _hint(f, entity, lang)
    text.append(hint)
    if col.used_by:
        text.append(t("template.note_used_by", lang, names=t("punct.item_sep", lang).join(col.used_by)))
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


def _validation(f: Field, entity: Entity, lang: str) -> dict | None:
    """Excel data validation for a column: the kind of value it takes, with a prompt and an error."""
    prompt = {"input_title": _clip(f.label(lang), 32), "input_message": _clip(_hint(f, entity, lang), 255)}

    def error(kind: str, style: str = "stop") -> dict:
        title = t("template.error_title" if style == "stop" else "template.warn_title", lang)
        return {
            "error_type": style,
            "error_title": _clip(title, 32),
            "error_message": _clip(t(f"template.error.{kind}", lang), 255),
        }

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
        return {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1, **prompt, **error("ratio")}
    if f.type == "date":
        return {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(1900, 1, 1),
            "maximum": dt.date(2100, 12, 31),
            **prompt,
            **error("date"),
        }
    if f.type == "year":
        return {
            "validate": "integer",
            "criteria": "between",
            "minimum": 1900,
            "maximum": 2100,
            **prompt,
            **error("year"),
        }
    return {"validate": "any", **prompt}  # text: a prompt only
