"""Running yiyang where a regression could hang or blow up: a real process with hard limits.

`run_bounded(...)` runs `python -m yiyang_cli ARGS` in a child process with a wall-clock timeout
and an address-space limit, so that a file that makes the tool hang or allocate without bound
fails its test (with the limit it hit) instead of stalling or killing the test run. The limits are
generous on purpose: they guard against hangs and blow-ups, they do not measure speed (that is
benchmarks/'s job).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

TIMEOUT_S = 60
MEMORY_MB = 1536


class LimitHit(AssertionError):
    """The child ran past its timeout or its address space."""


def run_bounded(
    *args: object,
    cwd: Path | None = None,
    timeout: float = TIMEOUT_S,
    memory_mb: int = MEMORY_MB,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a child process; raise LimitHit when it outlives `timeout` or exhausts
    `memory_mb` of address space (a MemoryError or a killed child), else return the process."""

    def limit() -> None:
        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    child_env = {k: v for k, v in os.environ.items() if k != "YIYANG_DEBUG"}
    child_env.update(env or {})
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "yiyang_cli", *map(str, args)],
            cwd=cwd,
            timeout=timeout,
            preexec_fn=limit,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=child_env,
        )
    except subprocess.TimeoutExpired:
        raise LimitHit(f"yiyang {' '.join(map(str, args))} ran for more than {timeout} s") from None
    if proc.returncode < 0 or "MemoryError" in proc.stderr:
        raise LimitHit(
            f"yiyang {' '.join(map(str, args))} died (code {proc.returncode}) within {memory_mb} MB:\n"
            f"{proc.stderr[-2000:]}"
        )
    return proc
