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
        # backslashreplace: a file name that is not valid UTF-8 (unzipped from a GBK archive) is
        # written as escapes instead of making the whole report fail.
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # a report is an ordinary file, not a private temp file
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:  # a full disk, a folder named like the report, Ctrl-C: leave no .tmp behind
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise YiyangError("cli.write_failed", path=str(path), reason=exc.strerror or str(exc)) from None
        raise


class _Background:
    """Work on the second core while the input is parsed (python-calamine and fastexcel release the
    GIL): import pandas, load and validate the plan, import the engine. Nearly half a second off
    every check. It runs at a lower priority (`threads.yield_to_main`), so that the parse keeps its
    core. (Holding it back until the parse starts was measured too: it won 0.04 s on an idle
    machine and lost 0.05 s on a busy one, where this work outlasts the parse.)"""

    def __init__(self, plan_path: Path):
        import threading

        self.plan_path, self.plan, self.error = plan_path, None, None
        self.thread = threading.Thread(target=self._work, daemon=True)
        self.thread.start()

    def _work(self) -> None:
        from ..threads import yield_to_main

        yield_to_main()
        try:
            import pandas  # noqa: F401  (first: the reader needs it, and pyarrow, as soon as the parse ends)

            from ..plan import load_file

            self.plan = load_file(self.plan_path)
            from .. import engine  # noqa: F401
        except BaseException as exc:  # handed to the main thread, which reports it
            self.error = exc

    def result(self):
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.plan


def build_result(files: list[Path], plan_ref: str, as_of: dt.date, mapping_path: Optional[Path]):
    """The library entry point: everything `check` does short of printing."""
    from ..catalogue import resolve

    background = _Background(resolve(plan_ref))  # an unknown plan id is refused before anything is read
    from .. import __version__
    from ..reader import load_mapping, read_inputs  # imported beside the background's work, not before it
    from ..result import CheckResult

    try:
        mapping = load_mapping(mapping_path) if mapping_path else None
        data = read_inputs(files, mapping)
    except KeyboardInterrupt:
        raise
    except BaseException:
        background.result()  # an invalid rule file is reported before a bad mapping or input, as always
        raise
    plan = background.result()
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
