"""Tables in HTML files saved with an .xls name, as many government systems export them.

Excel opens these as a worksheet, so yiyang reads each <table> into rows the same way, placing
cells on a grid that honours colspan and rowspan and reporting those spans as merged ranges.
"""

from __future__ import annotations

from html.parser import HTMLParser

MAX_SPAN = 200


def looks_like_html(data: bytes) -> bool:
    """A file that starts with markup and holds a <table> (what Excel would open as a sheet)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<table" in data[:1 << 20].lower()


class _TableParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[list], list]] = []  # (rows, merged ranges)
        self._stack: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._stack.append({"grid": {}, "merged": [], "row": -1, "cell": None})
        elif not self._stack:
            return
        elif tag == "tr":
            self._stack[-1]["row"] += 1
        elif tag in ("td", "th"):
            t = self._stack[-1]
            if t["row"] < 0:
                t["row"] = 0
            a = dict(attrs)
            t["cell"] = {"text": [], "colspan": _span(a.get("colspan")), "rowspan": _span(a.get("rowspan"))}
        elif tag == "br" and self._stack[-1]["cell"] is not None:
            self._stack[-1]["cell"]["text"].append("\n")

    def handle_data(self, data):
        if self._stack and self._stack[-1]["cell"] is not None:
            self._stack[-1]["cell"]["text"].append(data)

    def handle_endtag(self, tag):
        if not self._stack:
            return
        t = self._stack[-1]
        if tag in ("td", "th") and t["cell"] is not None:
            self._place(t)
        elif tag == "table":
            if t["cell"] is not None:
                self._place(t)
            self._stack.pop()
            grid = t["grid"]
            if grid:
                height = max(r for r, _ in grid) + 1
                width = max(c for _, c in grid) + 1
                rows = [[grid.get((r, c), "") for c in range(width)] for r in range(height)]
                self.tables.append((rows, t["merged"]))

    @staticmethod
    def _place(t):
        cell, r = t["cell"], t["row"]
        t["cell"] = None
        c = 0
        while (r, c) in t["grid"]:
            c += 1
        text = "".join(cell["text"]).strip()
        for dr in range(cell["rowspan"]):
            for dc in range(cell["colspan"]):
                t["grid"][(r + dr, c + dc)] = text if (dr, dc) == (0, 0) else ""
        if cell["rowspan"] > 1 or cell["colspan"] > 1:
            t["merged"].append(((r, c), (r + cell["rowspan"] - 1, c + cell["colspan"] - 1)))


def _span(value) -> int:
    try:
        return max(1, min(MAX_SPAN, int(value)))
    except (TypeError, ValueError):
        return 1


def read_tables(text: str) -> list[tuple[list[list], list]]:
    """Every table in the document: (rows of cell texts, merged ranges as ((r1, c1), (r2, c2)))."""
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    return parser.tables
