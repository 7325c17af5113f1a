"""Renderers: each turns a CheckResult into one output format. Adding a format is adding a module."""

from __future__ import annotations

from . import github, html, jsonout, junit, markdown, terminal

# name -> module with render(result, lang) -> str
RENDERERS = {"terminal": terminal, "md": markdown, "json": jsonout, "html": html, "junit": junit,
             "github": github}
# output file extension -> renderer name
EXTENSIONS = {".md": "md", ".markdown": "md", ".json": "json", ".html": "html", ".htm": "html", ".xml": "junit"}
