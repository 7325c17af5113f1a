"""Shared fixtures: the sample workbooks, built fresh by the committed generator."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def samples(tmp_path_factory) -> Path:
    """A folder with yiwu-2023.xlsx and mangshi-2017.xlsx made by scripts/make_samples.py."""
    out = tmp_path_factory.mktemp("samples")
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(out)
    return out


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m yiyang_cli ...` as a user would; never raises on a non-zero exit."""
    return subprocess.run([sys.executable, "-m", "yiyang_cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


@pytest.fixture
def cli():
    return run_cli
