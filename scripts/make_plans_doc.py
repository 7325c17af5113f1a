"""Regenerate docs/plans.md from rules/*.yaml.

    python scripts/make_plans_doc.py
"""

from __future__ import annotations

from pathlib import Path

from yiyang_cli.commands.plans import catalogue_markdown, load_all

DOC = Path(__file__).resolve().parent.parent / "docs" / "plans.md"

if __name__ == "__main__":
    DOC.write_text(catalogue_markdown(load_all()), encoding="utf-8")
    print(f"wrote {DOC}")
