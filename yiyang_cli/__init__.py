"""yiyang: check submitted spreadsheets against China's regional 医养结合 plans.

The public API (see docs/api.md)::

    import yiyang_cli

    result = yiyang_cli.check(["报送.xlsx"], "yiwu-2023", as_of="2025-12-31")
    result.to_dict()          # exactly the JSON of `yiyang check --format json`
    result.exit_code()        # 0, or 1 when a binding target that is due is not met

and its parts: `load_plan(id_or_path) -> Plan`, `read(paths, mapping=None) -> Dataset`,
`evaluate(plan, dataset, as_of) -> Result`. Errors are `YiyangError` and its subclasses, with the
messages the command line prints. Importing the package is cheap: the heavy libraries (pandas,
pydantic, the spreadsheet readers) are imported when a function first needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import exports
from ._version import __version__
from .errors import InputError, RuleError, UsageError, YiyangError

if TYPE_CHECKING:
    from .api import check, evaluate, load_mapping, load_plan, read
    from .plan import Plan
    from .reader import Dataset, Mapping
    from .result import CheckResult as Result

__all__ = [
    "check",
    "load_plan",
    "read",
    "evaluate",
    "load_mapping",
    "Result",
    "Plan",
    "Dataset",
    "Mapping",
    "YiyangError",
    "UsageError",
    "InputError",
    "RuleError",
    "__version__",
]

__getattr__ = exports(
    __name__,
    {
        "check": ("api", "check"),
        "load_plan": ("api", "load_plan"),
        "read": ("api", "read"),
        "evaluate": ("api", "evaluate"),
        "load_mapping": ("api", "load_mapping"),
        "Result": ("result", "CheckResult"),
        "Plan": ("plan", "Plan"),
        "Dataset": ("reader", "Dataset"),
        "Mapping": ("reader", "Mapping"),
    },
)
