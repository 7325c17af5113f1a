"""The JSON result, version 1, as fixed in product.md."""

from __future__ import annotations

import json


def render(result, lang: str) -> str:
    return json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2) + "\n"
