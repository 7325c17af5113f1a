"""`yiyang history`: the runs recorded in a history database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..messages import t


def list_history(db: Path, plan: str | None, submitter: str | None, limit: int | None, fmt: str, lang: str) -> None:
    from ..history import History

    with History.read(db) as store:
        runs = store.list_runs(plan, submitter, limit)
    if fmt == "json":
        from ..render.sanitize import json_text

        sys.stdout.write(json_text(json.dumps([r.to_dict() for r in runs], ensure_ascii=False, indent=2)) + "\n")
        return
    if not runs:
        print(t("history.empty", lang), file=sys.stderr)
        return
    from ..render.history import terminal

    terminal.show(runs, lang)
