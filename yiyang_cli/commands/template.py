"""`yiyang template`: write the blank data-collection workbook for a plan."""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import UsageError
from ..template import LANGS


def write_template(plan_ref: str, output: Path, lang: str = "zh") -> Path:
    """Write the blank data-collection workbook for a plan (catalogue id or rule file) to `output`.

    The file is written whole or not at all. Raises UsageError for an unknown plan, a language
    other than zh/en or an output that is not .xlsx; YiyangError when the file cannot be written.
    """
    from ..api import load_plan, rule_files
    from ..render.template_xlsx import build_workbook
    from ..safeio import check_outputs, write_bytes
    from ..template import template_view

    if lang not in LANGS:
        raise UsageError("template.bad_lang", lang=lang)
    output = Path(output)
    if output.suffix.lower() != ".xlsx":
        raise UsageError("template.bad_output", path=str(output))
    check_outputs([output], rule_files(plan_ref))
    plan = load_plan(plan_ref)
    buffer = io.BytesIO()
    build_workbook(template_view(plan, lang), buffer)
    write_bytes(output, buffer.getvalue())
    return output
