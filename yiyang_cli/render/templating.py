"""The one jinja2 environment for the HTML reports (check, batch summary, compare).

Autoescaping is on for every template, so text from the data appears as text; and every value a
template prints passes through `sanitize.html` first, which removes control sequences.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from .sanitize import html

    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"]),
        finalize=html,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def html_lang(lang: str) -> str:
    """The page's `lang` attribute."""
    from ..messages import t

    return t("html.lang", lang)
