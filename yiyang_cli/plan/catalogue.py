"""Where the shipped plan files are, and which file a --plan names. Kept apart from plan.py (and
pydantic) so that listing the catalogue or refusing an unknown plan id costs no imports."""

from __future__ import annotations

from pathlib import Path


def catalogue_dir() -> Path:
    """Inside the installed package, or rules/ in a checkout."""
    here = Path(__file__).resolve().parent.parent  # the yiyang_cli package
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def catalogue_ids() -> list[str]:
    return sorted(p.stem for p in catalogue_dir().glob("*.yaml"))


def resolve(plan: str) -> Path:
    """A catalogue id or a path to a rule file."""
    from ..errors import UsageError

    p = Path(plan)
    if p.suffix in (".yaml", ".yml") or "/" in plan or "\\" in plan:
        if not p.is_file():
            raise UsageError("plan.no_file", path=plan)
        return p
    # A catalogue id wins over a file or folder of the same name in the current folder (a batch
    # output folder called yiwu-2023, say); a rule file without .yaml is still found otherwise.
    candidate = catalogue_dir() / f"{plan}.yaml"
    if candidate.is_file():
        return candidate
    if p.is_file():
        return p
    raise UsageError("plan.unknown", plan=plan, known=", ".join(catalogue_ids()))
