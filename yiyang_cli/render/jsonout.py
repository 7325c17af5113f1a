"""The JSON result, version 1, as fixed in product.md: the result's own `to_dict`, the data as it is
(the json module escapes what JSON needs; `sanitize.json_text` the C1 controls a terminal would act on)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .sanitize import json_text

if TYPE_CHECKING:
    from ..result import CheckResult


def render(result: CheckResult, lang: str) -> str:
    return json_text(json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2)) + "\n"
