"""One escaper per output kind, so that text from the data (names, sheet names, cell text, file
names) always reaches a report as text, never as markup.

HTML is escaped by jinja2's autoescaping and JSON by the json module; these are the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def markdown(text: object) -> str:
    """Table- and line-safe Markdown: pipes escaped, no raw HTML from the data (some viewers would
    render it), one line."""
    return (
        str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|").replace("\n", " ")
    )


def markdown_row(cells: Iterable[object]) -> str:
    """One row of a Markdown table (the cells already escaped where they come from the data)."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def markdown_head(cells: Sequence[object]) -> list[str]:
    """The header row of a Markdown table and the rule under it."""
    return [markdown_row(cells), "|" + "---|" * len(cells)]


def terminal(text: object) -> str:
    """Text for rich's console: square brackets from the data are not taken for style markup."""
    from rich.markup import escape

    return escape(str(text))
