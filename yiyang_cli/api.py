"""The one pipeline: load plan -> read data -> evaluate -> result.

Every command that checks data (check, batch, rules test, template read-back) goes through these
functions, and so does a notebook or a service: `yiyang_cli.check(...)` gives the same result
the CLI prints. Nothing here reads a config file, the environment or the terminal; it does
exactly what its arguments say. Errors are the tool's own (`YiyangError` and its subclasses),
carrying the messages the CLI prints.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Union

from .errors import UsageError, YiyangError

if TYPE_CHECKING:
    from .plan import Plan
    from .reader import Dataset, Mapping
    from .result import CheckResult

PathLike = Union[str, Path]  # noqa: UP007 (a run-time alias: Python 3.10 cannot `|` a str and a Path class here)


def parse_as_of(value: str | dt.date | None) -> dt.date:
    """An as-of date from `2025-12-31` (or a date); today when none is given."""
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError("cli.bad_date", value=str(value)) from None


def load_plan(plan: PathLike) -> Plan:
    """A validated plan from a catalogue id (`yiwu-2023`) or the path of a rule file."""
    from .plan import load_file, resolve

    return load_file(resolve(str(plan)))


def rule_files(plan: PathLike) -> list[Path]:
    """The rule file a catalogue id or path names, to keep outputs off it; none when it names none
    (that error is for `load_plan` to raise, in its turn)."""
    from .plan import resolve

    try:
        return [resolve(str(plan))]
    except YiyangError:
        return []


def load_mapping(path: PathLike) -> Mapping:
    """A `--mapping` file: the user's headers and sheet names mapped to field ids and tables."""
    from .reader import load_mapping as _load

    return _load(Path(path))


def read(paths: Sequence[PathLike], mapping: Mapping | PathLike | None = None) -> Dataset:
    """Read submitted files (one submission) into typed tables, with every data issue found."""
    from .reader import Mapping as _Mapping
    from .reader import read_inputs

    if mapping is not None and not isinstance(mapping, _Mapping):
        mapping = load_mapping(mapping)
    return read_inputs([Path(p) for p in paths], mapping)


def evaluate(plan: Plan, dataset: Dataset, as_of: str | dt.date | None = None, lang: str = "zh") -> CheckResult:
    """Evaluate every indicator of a plan on a dataset at an as-of date (default today)."""
    from ._version import __version__
    from .engine import evaluate_plan
    from .result import CheckResult, PlanInfo

    day = parse_as_of(as_of)
    indicators, issues = evaluate_plan(plan, dataset, day)
    return CheckResult(PlanInfo.of(plan), day, dataset.inputs, indicators, dataset.issues + issues, __version__, lang)


def check(
    paths: Sequence[PathLike],
    plan: Plan | PathLike,
    as_of: str | dt.date | None = None,
    mapping: Mapping | PathLike | None = None,
    lang: str = "zh",
) -> CheckResult:
    """`yiyang check` without the printing: read the files, evaluate the plan, return the result.

    The plan is loaded and validated on a helper thread while the files are parsed (the
    spreadsheet readers release the GIL), which takes nearly half a second off a small check.
    An invalid rule file is reported before a bad mapping or input file, as the CLI always has.
    """
    day = parse_as_of(as_of)
    try:
        if isinstance(plan, (str, Path)):
            from .plan import resolve

            background = _Background(resolve(str(plan)))  # an unknown plan id is refused before reading
        else:
            background = _Background(None, plan)
        try:
            dataset = read(paths, mapping)
        except KeyboardInterrupt:
            raise
        except BaseException:
            background.result()
            raise
        return evaluate(background.result(), dataset, day, lang)
    except YiyangError as err:
        err.lang = lang
        raise


class _Background:
    """Work on the second core while the input is parsed (python-calamine and fastexcel release the
    GIL): import pandas, load and validate the plan, import the evaluator. Nearly half a second off
    every check. It runs at a lower priority (`threads.yield_to_main`), so that the parse keeps its
    core. (Holding it back until the parse starts was measured too: it won 0.04 s on an idle
    machine and lost 0.05 s on a busy one, where this work outlasts the parse.)"""

    def __init__(self, plan_path: Path | None, plan: Plan | None = None):
        self.plan_path, self.plan = plan_path, plan
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._work, daemon=True)
        self.thread.start()

    def _work(self) -> None:
        from .threads import yield_to_main

        yield_to_main()
        try:
            import pandas  # noqa: F401  (first: the reader needs it, and pyarrow, as soon as the parse ends)

            if self.plan is None and self.plan_path is not None:
                from .plan import load_file

                self.plan = load_file(self.plan_path)
            from . import engine  # noqa: F401
        except BaseException as exc:  # handed to the main thread, which reports it
            self.error = exc

    def result(self) -> Plan:
        self.thread.join()
        if self.error is not None:
            raise self.error
        assert self.plan is not None
        return self.plan
