"""`yiyang check`: load plan -> read data -> evaluate -> result -> renderers."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Optional

from ..errors import UsageError, YiyangError


def parse_as_of(value: Optional[str]) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError("cli.bad_date", value=value) from None


def output_formats(outputs: list[Path]) -> list[tuple[Path, str]]:
    from ..render import EXTENSIONS

    chosen = []
    for path in outputs:
        name = EXTENSIONS.get(path.suffix.lower())
        if name is None:
            raise UsageError("cli.bad_output", path=str(path))
        chosen.append((path, name))
    return chosen


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, so a failed write leaves nothing half-done."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # a report is an ordinary file, not a private temp file
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:  # a full disk or a folder named like the report: leave no .tmp behind
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise YiyangError("cli.write_failed", path=str(path), reason=exc.strerror or str(exc)) from None


def _import_evaluation_libraries() -> None:
    import pandas  # noqa: F401

    from .. import engine  # noqa: F401


def build_result(files: list[Path], plan_ref: str, as_of: dt.date, mapping_path: Optional[Path]):
    """The library entry point: everything `check` does short of printing."""
    import threading

    # python-calamine parses a workbook without holding the GIL, so pandas and the engine are
    # imported on the second core while the file is read: a quarter of a second off every check.
    warm = threading.Thread(target=_import_evaluation_libraries, daemon=True)
    warm.start()
    from .. import __version__
    from ..plan import load_plan
    from ..reader import load_mapping, read_inputs
    from ..result import CheckResult

    plan = load_plan(plan_ref)
    mapping = load_mapping(mapping_path) if mapping_path else None
    data = read_inputs(files, mapping)
    warm.join()
    from ..engine import evaluate_plan

    indicators, issues = evaluate_plan(plan, data, as_of)
    return CheckResult(plan, as_of, data.inputs, indicators, data.issues + issues, __version__)


def run(files: list[Path], plan_ref: str, as_of_text: Optional[str], fmt: str, outputs: list[Path],
        mapping: Optional[Path], fail_on: str, lang: str) -> int:
    from ..render import RENDERERS

    as_of = parse_as_of(as_of_text)
    targets = output_formats(outputs)
    inputs = {p.resolve() for p in files}
    for path, _ in targets:
        if path.resolve() in inputs:
            raise UsageError("cli.same_as_input", path=str(path))
    result = build_result(files, plan_ref, as_of, mapping)
    if fmt == "terminal":
        from ..render.terminal import draw, make_console

        draw(make_console(), result, lang)
    else:
        sys.stdout.write(RENDERERS[fmt].render(result, lang))
    for path, name in targets:
        write_atomic(path, RENDERERS[name].render(result, lang))
        if fmt == "terminal":
            from ..messages import t

            print(t("cli.written", lang, path=str(path)), file=sys.stderr)
    return result.exit_code(fail_on)
