"""One escaper per output kind, so that text from the data (institution and sheet names, cell text,
file names, submitter names, history rows, compare labels, messages that quote any of these) always
reaches an output as text, never as a control sequence or markup.

Every renderer passes each data-derived string through the escaper of its output, at the moment it
renders it; the result and its JSON keep the data as it is. A message built by `messages.t()` embeds
data in its arguments, so a renderer escapes the whole rendered message (the catalogue's own text
has nothing an escaper would change).

- terminal: escape sequences (CSI, OSC, DCS, …) are removed whole, every other C0/C1 control
  character is removed (tab and line breaks become a space), and rich's markup is escaped;
- Markdown: the characters that make links, images, emphasis, code, HTML and table cells are
  backslash-escaped or written as entities; code spans are fenced so nothing closes them early;
- XML (JUnit): control sequences are removed as for the terminal and every character XML 1.0
  forbids is dropped;
- xlsx: the workbook is opened with `XLSX_OPTIONS`, so every string is stored as a string (never a
  formula, a link or a number);
- JSON: the json module escapes C0 controls; `json_text` escapes the C1 ones too;
- HTML: jinja2's autoescaping escapes markup; `html`, the templates' `finalize`, removes control
  sequences first;
- GitHub workflow commands: `%`, line breaks (and `:`, `,` in properties) escaped, no control
  sequences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# ECMA-48 control sequences, removed whole: CSI (ESC [ or 0x9B, parameters, intermediates, a final
# byte); the control strings OSC, DCS, SOS, PM and APC up to their terminator (BEL or ST); any other
# escape sequence (ESC, intermediates, a final byte).
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)
# What is left of the C0 and C1 controls (and DEL) once the sequences are gone, and the Unicode
# controls that reorder text on the screen (bidirectional embeddings, overrides and isolates).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"[\t\n\r]")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _strip_controls(text: str, keep: str = "") -> str:
    """Text without control sequences or control characters; tab and line breaks become a space,
    except those in `keep`."""
    if not _ANY_CONTROL.search(text):  # nearly every text: one scan
        return text
    text = _CONTROL.sub("", _SEQUENCE.sub("", text))
    return _SPACE.sub(lambda m: m.group() if m.group() in keep else " ", text)


def terminal(text: object, lines: bool = False) -> str:
    """Text for rich's console: no control sequences, and square brackets from the data are not taken
    for style markup. One line, unless `lines` keeps the line breaks of a text quoted verbatim (a
    plan's wording)."""
    from rich.markup import escape

    return escape(_strip_controls(str(text), keep="\n" if lines else ""))


def terminal_plain(text: object) -> str:
    """One line for a plain print to the terminal (an error on stderr): no control sequences."""
    return _strip_controls(str(text))


def terminal_lines(text: object) -> str:
    """Lines for a plain print to the terminal (every problem of a rule file): no control sequences,
    the line breaks kept."""
    return _strip_controls(str(text), keep="\n")


_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Backslash-escaped: what makes code, emphasis, strikethrough, links and images, maths, table cells.
# An underscore between two letters or digits cannot make emphasis and is left alone.
_MD_SPECIAL = re.compile(r"[&<>\\`*~\[\]$|]|_(?![^\W_])|(?<![^\W_])_")


def markdown(text: object) -> str:
    """Markdown that renders as the text itself, fit for a table cell and a line: markup characters
    escaped, no raw HTML (some viewers would render it), one line."""
    return _MD_SPECIAL.sub(lambda m: _MD_ENTITIES.get(m.group()) or "\\" + m.group(), _strip_controls(str(text)))


def markdown_authored(text: object) -> str:
    """The catalogue's own texts for docs/plans.md, written in Markdown by the plan's authors (their
    code spans stay code): only made safe for a table cell and a line. Never for data."""
    return (
        str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|").replace("\n", " ")
    )


def markdown_code(text: object, in_table: bool = False) -> str:
    """A code span showing the text as it is: fenced with more backticks than the text holds in a
    row, so nothing in it ends the span early; in a table cell its pipes are escaped (GitHub splits
    cells on them even inside code)."""
    body = _strip_controls(str(text))
    if in_table:
        body = body.replace("|", "\\|")
    runs = [len(run) for run in re.findall(r"`+", body)]
    fence = "`" * (max(runs, default=0) + 1)
    if body.startswith("`") or body.endswith("`"):
        body = f" {body} "
    return f"{fence}{body}{fence}"


def markdown_row(cells: Iterable[object]) -> str:
    """One row of a Markdown table (the cells already escaped where they come from the data)."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def markdown_head(cells: Sequence[object]) -> list[str]:
    """The header row of a Markdown table and the rule under it."""
    return [markdown_row(cells), "|" + "---|" * len(cells)]


def html(value: object) -> object:
    """Every value a jinja2 template prints (its `finalize`), before autoescaping: a string loses its
    control sequences and control characters (HTML forbids them, and `--format html` may be printed
    to a terminal); line breaks and tabs stay. Anything else is left to the template."""
    if not isinstance(value, str) or not _ANY_CONTROL.search(value):  # nearly every value: one scan
        return value
    from markupsafe import Markup

    cleaned = _strip_controls(value, keep="\t\n\r")
    return Markup(cleaned) if isinstance(value, Markup) else cleaned


# Characters XML 1.0 does not allow in a document, not even as a character reference.
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml(text: object) -> str:
    """Text for an XML element or attribute (ElementTree escapes `<`, `&` and quotes): no control
    sequences, and none of the characters XML 1.0 forbids, so the file stays well-formed. The bytes
    of a file name that is not UTF-8 are kept as `\\udcXX` escapes, as in every other report."""
    text = str(text).encode("utf-8", "backslashreplace").decode("utf-8")
    return _XML_FORBIDDEN.sub("", _strip_controls(text, keep="\t\n\r"))


def github_data(text: object) -> str:
    """The message of a GitHub workflow command: no control sequences (the log would show their
    colours), and `%`, CR and LF escaped so the data cannot end the command and start another."""
    text = _strip_controls(str(text), keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: object) -> str:
    """A property of a GitHub workflow command (file, title): as `github_data`, and `:` and `,`
    escaped so the data cannot end the property."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# xlsxwriter's options for a workbook holding data-derived strings: a string is written as a string,
# even one that starts with `=`, looks like a URL or like a number.
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def xlsx(text: object) -> str:
    """A data-derived string for a cell of a workbook opened with `XLSX_OPTIONS`. xlsxwriter writes
    control characters as Excel's `_xHHHH_` escapes; the bytes of a file name that is not UTF-8,
    which it cannot encode at all, are kept as `\\udcXX` escapes, as in every other report."""
    return str(text).encode("utf-8", "backslashreplace").decode("utf-8")


_JSON_ESCAPED = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_text(dumped: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with DEL, the C1 controls and the
    bidirectional overrides escaped as `\\uXXXX`, as json already escapes the C0 controls: the same
    data, safe to print to a terminal. They can only occur inside strings, where the escape means the
    same character."""
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
