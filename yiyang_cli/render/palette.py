"""Icons and colours per status, for every renderer that marks a status with one.

The check reports' HTML template (`--met` … in report.html.j2) and the batch summary's template
use the same colours as STATUS_RGB.
"""

from __future__ import annotations

# An indicator's status, in Markdown.
STATUS_ICONS = {"met": "✅", "not_met": "❌", "not_due": "⏳", "no_data": "❔", "not_applicable": "➖"}
# A submission's outcome in a batch, in Markdown.
SUBMISSION_ICONS = {"ok": "✅", "failed": "❌", "error": "⚠️"}
# An indicator's status, as red, green and blue (0-255).
STATUS_RGB = {
    "met": (26, 127, 55),
    "not_met": (207, 34, 46),
    "not_due": (9, 105, 218),
    "no_data": (154, 103, 0),
    "not_applicable": (110, 119, 129),
}
