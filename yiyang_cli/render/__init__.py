"""Renderers: each turns a CheckResult into one output format. Adding a format is adding a module."""

from __future__ import annotations

import importlib

# name -> module (in this package) with render(result, lang) -> str
_MODULES = {
    "terminal": "terminal",
    "md": "markdown",
    "json": "jsonout",
    "html": "html",
    "junit": "junit",
    "github": "github",
}


class _Renderers:
    """`RENDERERS[name]` is the renderer's module, imported when first asked for: a JSON report
    need not wait for jinja2 and the HTML templates."""

    def __getitem__(self, name: str):
        return importlib.import_module(f"{__name__}.{_MODULES[name]}")

    def __contains__(self, name: object) -> bool:
        return name in _MODULES

    def __iter__(self):
        return iter(_MODULES)


RENDERERS = _Renderers()
# output file extension -> renderer name
EXTENSIONS = {".md": "md", ".markdown": "md", ".json": "json", ".html": "html", ".htm": "html", ".xml": "junit"}
