"""`yiyang fields`: every field id with its Chinese label, aliases, type and unit."""

from __future__ import annotations

import json

from ..fields import ENTITIES


def list_fields(fmt: str, lang: str) -> None:
    if fmt == "json":
        print(
            json.dumps(
                {
                    e.id: {
                        "label": e.zh,
                        "label_en": e.en,
                        "sheet_names": list(e.sheet_aliases),
                        "fields": [
                            {
                                "id": f.id,
                                "label": f.zh,
                                "label_en": f.en,
                                "type": f.type,
                                "unit": f.unit,
                                "aliases": list(f.aliases),
                                "values": list(f.values),
                            }
                            for f in e.fields.values()
                        ],
                    }
                    for e in ENTITIES.values()
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    for e in ENTITIES.values():
        table = Table(title=f"{e.id} ({e.zh} / {e.en})", header_style="bold", title_justify="left")
        for head in ("id", "label", "type", "unit", "aliases"):
            table.add_column(head, overflow="fold")
        for f in e.fields.values():
            table.add_row(f.id, f.label(lang), f.type, f.unit, "、".join(f.aliases))
        console.print(table)
