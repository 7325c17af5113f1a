"""Plans (rule files): the model, loading with `extends`, and the catalogue of shipped plans.

Names are imported from their modules when first used, so that `plans list` or refusing an
unknown plan id does not import pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import exports

if TYPE_CHECKING:
    from .catalogue import catalogue_dir, catalogue_ids, resolve
    from .load import load_file, load_plan
    from .model import (
        Commitment,
        Expectation,
        Indicator,
        Override,
        Plan,
        RuleTest,
        Target,
        compile_expr,
        join_chinese_lines,
    )

__all__ = [
    "Commitment",
    "Expectation",
    "Indicator",
    "Override",
    "Plan",
    "RuleTest",
    "Target",
    "catalogue_dir",
    "catalogue_ids",
    "compile_expr",
    "join_chinese_lines",
    "load_file",
    "load_plan",
    "resolve",
]
__getattr__ = exports(
    __name__,
    {
        "catalogue_dir": ("catalogue", "catalogue_dir"),
        "catalogue_ids": ("catalogue", "catalogue_ids"),
        "resolve": ("catalogue", "resolve"),
        "load_file": ("load", "load_file"),
        "load_plan": ("load", "load_plan"),
        "Commitment": ("model", "Commitment"),
        "Expectation": ("model", "Expectation"),
        "Indicator": ("model", "Indicator"),
        "Override": ("model", "Override"),
        "Plan": ("model", "Plan"),
        "RuleTest": ("model", "RuleTest"),
        "Target": ("model", "Target"),
        "compile_expr": ("model", "compile_expr"),
        "join_chinese_lines": ("model", "join_chinese_lines"),
    },
)
