"""Plans (rule files): the model, loading with `extends`, and the catalogue of shipped plans.

Names are imported from their modules when first used, so that `plans list` or refusing an
unknown plan id does not import pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalogue import catalogue_dir, catalogue_ids, resolve
    from .load import load_file, load_plan
    from .model import (Commitment, Expectation, Indicator, Override, Plan, RuleTest, Target, compile_expr,
                        join_chinese_lines)

_EXPORTS = {
    "catalogue_dir": "catalogue", "catalogue_ids": "catalogue", "resolve": "catalogue",
    "load_file": "load", "load_plan": "load",
    **{name: "model" for name in ("Commitment", "Expectation", "Indicator", "Override", "Plan", "RuleTest",
                                  "Target", "compile_expr", "join_chinese_lines")},
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
