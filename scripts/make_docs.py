"""Regenerate the documentation that is generated from the code, so that it cannot drift:

- docs/plans.md, every plan and indicator, from rules/*.yaml;
- the "Measure kinds" section of docs/rules.md, from the docstrings of yiyang_cli/measures/*.py.

    python scripts/make_docs.py

A test fails when either is stale.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANS_DOC = ROOT / "docs" / "plans.md"
RULES_DOC = ROOT / "docs" / "rules.md"
_SECTION = re.compile(r"(<!-- measures:begin[^>]*-->\n).*?(<!-- measures:end -->)", re.S)


def measures_markdown() -> str:
    """One section per measure kind, in the order of the table in yiyang_cli/measures."""
    from yiyang_cli import measures

    parts = []
    for kind in measures.MEASURES:
        doc = (measures.get(kind).__doc__ or "").strip()
        parts.append(f"### {kind}\n\n{doc}\n")
    return "\n".join(parts)


def rules_doc(current: str) -> str:
    """docs/rules.md with its generated section brought up to date."""
    return _SECTION.sub(lambda m: m.group(1) + "\n" + measures_markdown() + "\n" + m.group(2), current, count=1)


def plans_doc() -> str:
    from yiyang_cli.plan.describe import load_all
    from yiyang_cli.render.catalogue_markdown import catalogue_markdown

    return catalogue_markdown(load_all())


if __name__ == "__main__":
    PLANS_DOC.write_text(plans_doc(), encoding="utf-8")
    RULES_DOC.write_text(rules_doc(RULES_DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {PLANS_DOC} and {RULES_DOC}")
