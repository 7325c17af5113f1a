"""The JSON result, version 1, as fixed in product.md: the result's own `to_dict`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..result import CheckResult


def render(result: CheckResult, lang: str) -> str:
    return json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2) + "\n"
