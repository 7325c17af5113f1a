"""Renderers of a check result, one module per output, registered in one table.

Each module has `render(result, lang) -> str` and reads the view model (render/view.py). Adding
an output is adding a module and a line in `OUTPUTS`; `-o FILE` picks it by FILE's suffix, and
`batch --format` by its first suffix. A module is imported when first used: a JSON report need
not wait for jinja2 and the HTML templates.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

# name -> (module in this package, the file suffixes written in this format, the usual one first)
OUTPUTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "terminal": ("terminal", ()),
    "md": ("markdown", (".md", ".markdown")),
    "json": ("jsonout", (".json",)),
    "html": ("html", (".html", ".htm")),
    "junit": ("junit", (".xml",)),
    "github": ("github", ()),
}


class _Renderers:
    """`RENDERERS[name]` is the renderer's module, imported when first asked for."""

    def __getitem__(self, name: str) -> ModuleType:
        return importlib.import_module(f"{__name__}.{OUTPUTS[name][0]}")

    def __contains__(self, name: object) -> bool:
        return name in OUTPUTS

    def __iter__(self) -> Iterator[str]:
        return iter(OUTPUTS)


RENDERERS = _Renderers()
# output file suffix -> renderer name
EXTENSIONS: dict[str, str] = {suffix: name for name, (_, suffixes) in OUTPUTS.items() for suffix in suffixes}
# a file format (its usual suffix, as `batch --format` names it) -> (renderer name, suffix)
FILE_FORMATS: dict[str, tuple[str, str]] = {
    suffixes[0][1:]: (name, suffixes[0][1:]) for name, (_, suffixes) in OUTPUTS.items() if suffixes
}
