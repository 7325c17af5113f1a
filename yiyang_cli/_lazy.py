"""Package names imported from their modules when first used, so that importing a package (to
print `--help`, or to refuse an unknown plan id) does not import pandas, pydantic or the
spreadsheet readers."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def exports(package: str, names: dict[str, tuple[str, str]]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: name -> (module under the package, name in it)."""

    def __getattr__(name: str) -> Any:
        target = names.get(name)
        if target is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{target[0]}"), target[1])

    return __getattr__
