"""The user's mapping file (`--mapping FILE.yaml`): their own headers and sheet names, told what they mean.

    columns:                  # a header as written -> a field id (`yiyang fields`)
      实有床位（张）: beds
    sheets:                   # a sheet name or CSV file stem -> a table
      Sheet1: elderly_institutions

Every problem in the file is reported at its line, all at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fields import ENTITIES
from .header import norm_header


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # normalised header -> field id
    sheets: dict[str, str] = field(default_factory=dict)  # sheet name or file stem -> entity


def load_mapping(path: Path) -> Mapping:
    """Read a `--mapping FILE.yaml` (columns: header -> field id; sheets: name -> entity)."""
    from ..errors import RuleError
    from ..plan.yamlsrc import YamlProblem, load

    name = str(path)
    try:
        data, smap = load(path)
    except YamlProblem as p:
        raise RuleError([(p.key, f"{name}:{p.line}:{p.column}" if p.line else name, p.args_)]) from None
    problems: list[tuple[str, str, dict[str, Any]]] = []
    if not isinstance(data, dict):
        raise RuleError([("mapping.not_mapping", f"{name}:1:1", {})])

    def at(*keys: Any) -> str:
        line, col = smap.locate(keys)
        return f"{name}:{line}:{col}"

    def at_key(key: Any) -> str:
        line, col = smap.keys[(key,)]
        return f"{name}:{line}:{col}"

    all_fields = {fid for e in ENTITIES.values() for fid in e.fields}
    mapping = Mapping()
    for key, value in data.items():
        if key not in ("columns", "sheets"):
            problems.append(("mapping.unknown_key", at_key(key), {"key": key}))
            continue
        if not isinstance(value, dict):
            problems.append(("mapping.not_mapping", at(key), {}))
            continue
        for header, target in value.items():
            if isinstance(target, (list, dict)):  # one name per header: a list would be guessed at
                problems.append(("mapping.not_text", at(key, header), {"name": header}))
            elif key == "columns":
                if target not in all_fields:
                    problems.append(("mapping.unknown_field", at(key, header), {"field": target, "header": header}))
                mapping.columns[norm_header(header)] = target
            else:
                if target not in ENTITIES:
                    problems.append(
                        ("mapping.unknown_entity", at(key, header), {"entity": target, "known": ", ".join(ENTITIES)})
                    )
                mapping.sheets[str(header)] = target
    if problems:
        raise RuleError(problems)
    return mapping
