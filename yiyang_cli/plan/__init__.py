"""Plans (rule files): the model, loading with `extends`, and the catalogue of shipped plans.

Names are imported from their modules when first used, so that `plans list` or refusing an
unknown plan id does not import pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalogue import catalogue_dir, catalogue_ids, resolve
    from .model import (Commitment, CountMeasure, CoverageMeasure, CriteriaMeasure, Criterion, Expectation,
                        Indicator, Plan, RatioMeasure, RuleTest, ShareMeasure, Side, SumMeasure, Target,
                        compile_expr, join_chinese_lines, load_file, load_plan)

_EXPORTS = {
    "catalogue_dir": "catalogue", "catalogue_ids": "catalogue", "resolve": "catalogue",
    **{name: "model" for name in (
        "Commitment", "CountMeasure", "CoverageMeasure", "CriteriaMeasure", "Criterion", "Expectation",
        "Indicator", "Plan", "RatioMeasure", "RuleTest", "ShareMeasure", "Side", "SumMeasure", "Target",
        "compile_expr", "join_chinese_lines", "load_file", "load_plan")},
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
