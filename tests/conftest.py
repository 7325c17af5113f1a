"""Shared fixtures: the sample workbooks, built fresh by the committed generator, and `cli`, which
runs a yiyang command in this process the way `python -m yiyang_cli` runs it in its own."""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import io
import os
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import fuzzing  # noqa: F401  (registers and loads the hypothesis profile: ci, or HYPOTHESIS_PROFILE)
import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is imported and collected by now lives until the session ends: frozen, it is left out of
    the thousands of garbage collections that would each walk it again (a second of the fast lane)."""
    gc.collect()
    gc.freeze()


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with yiwu-2023.xlsx and mangshi-2017.xlsx made by scripts/make_samples.py."""
    out = tmp_path_factory.mktemp("samples")
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(out)
    return out


class _PipeEnd(io.BytesIO):
    """The reading end of a pipe: what the command wrote stays readable after it closes the stream
    (`cli.guarded` closes stderr when stdout's reader has gone)."""

    written = b""

    def close(self) -> None:
        if not self.closed:
            self.written = self.getvalue()
        super().close()

    def text(self) -> str:
        """Decoded as subprocess.run(text=True) decodes a child's output, newlines included."""
        data = self.written if self.closed else self.getvalue()
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _process_stream(pipe: _PipeEnd, errors: str) -> io.TextIOWrapper:
    """A stream like a child's sys.stdout or sys.stderr on a pipe: UTF-8, `\\n` kept, not a terminal
    (so rich draws reports 140 columns wide, as in a CI log), and with `reconfigure`."""
    return io.TextIOWrapper(pipe, encoding="utf-8", errors=errors, newline="\n")


def _print_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


@contextlib.contextmanager
def _warnings_of_a_fresh_process() -> Iterator[None]:
    """Python's default warning filters, printing to stderr: a warning the user would see lands where
    the test looks, not in pytest's summary, and one seen by an earlier run is shown again."""
    with warnings.catch_warnings():
        warnings.resetwarnings()
        for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
            warnings.simplefilter("ignore", category)
        warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")
        warnings.showwarning = _print_warning
        yield


@contextlib.contextmanager
def _isolated(cwd: Path | None) -> Iterator[None]:
    """The working directory `cwd` and a pipe's COLUMNS for the run; afterwards the directory and the
    environment are what they were, so that nothing one command does reaches the next test."""
    before, environ = os.getcwd(), dict(os.environ)
    # A child on a pipe cannot ask a terminal its size: help text wraps as in an 80-column one, even
    # when pytest runs with -s in a narrower terminal.
    os.environ.setdefault("COLUMNS", "80")
    if cwd is not None:
        os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(before)
        if os.environ != environ:
            os.environ.clear()
            os.environ.update(environ)


def run_cli(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `yiyang ARGS` in this process (through `cli.main`, as `python -m yiyang_cli ARGS` does)
    with its own stdout and stderr, in `cwd`; never raises on a non-zero exit.

    An exception that escapes `cli.main` (a bug, or YIYANG_DEBUG set) propagates: the test fails with
    the traceback instead of comparing a process's exit code 1. Ctrl-C, which the command turns into
    exit code 130, is handed back to pytest to stop the session. Worker processes of `batch` fork
    from this one; what they print is lost (they print nothing today).
    """
    from yiyang_cli import cli
    from yiyang_cli.errors import EXIT_INTERRUPTED

    argv = [str(a) for a in args]
    out, err = _PipeEnd(), _PipeEnd()
    stdout, stderr = _process_stream(out, "strict"), _process_stream(err, "backslashreplace")
    with (
        _isolated(cwd),
        _warnings_of_a_fresh_process(),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        code = cli.main(argv)
    if code == EXIT_INTERRUPTED:
        raise KeyboardInterrupt
    for stream in (stdout, stderr):
        if not stream.closed:
            stream.flush()
    return subprocess.CompletedProcess(["yiyang", *argv], code, out.text(), err.text())


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess]:
    return run_cli
