"""How `yiyang batch` scales: N county submissions, --jobs 1 against --jobs 2 (or more).

    python benchmarks/batch_scale.py                       # 50 and 200 counties, jobs 1 and 2
    python benchmarks/batch_scale.py --counties 50,200,800 --jobs 1,2,4 --rows 300 --kind csv

Each county is one workbook (or, with --kind csv, a folder of CSV files) made by
scripts/samples/counties.py with --rows elderly-care institutions (~300 rows by default) plus a few
hospitals and a funding table, for yiwu-2023. Every run is a fresh process writing JSON reports and
the summary (and, with --history, an SQLite history); the table gives the wall time, the time per
submission, the speed-up over --jobs 1, and the peak resident memory of the parent process alone
and of the largest process in the run (the parent or a worker). Both should stay flat as the number
of counties grows: workers hold one submission at a time and the parent one small row per
submission.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from samples.counties import profile, write_county  # noqa: E402


def make_counties(folder: Path, n: int, rows: int, kind: str) -> float:
    start = time.perf_counter()
    folder.mkdir(parents=True)
    for k in range(n):
        c = profile(k, 2024, homes=rows, hospitals=12)
        write_county(folder / (f"{c.name}.xlsx" if kind == "xlsx" else c.name), c)
    return time.perf_counter() - start


# `yiyang batch …` in a process that reports its own peak memory (the parent alone) on exit.
RUNNER = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: print('PARENT_PEAK_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
    " file=sys.stderr))\n"
    "from yiyang_cli.cli import main\n"
    "sys.argv = ['yiyang'] + sys.argv[1:]\n"
    "main()\n"
)


def measure(args: list[str], repeat: int) -> tuple[float, float, float]:
    """Median wall seconds; peak RSS (MB) of the parent alone and of the largest process (the
    parent or a worker), the largest over the repeats."""
    times, parent, largest = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", RUNNER, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        err = proc.stderr.read().decode(errors="replace")  # read before waiting: the pipe must not fill up
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        proc.stderr.close()
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"yiyang batch failed ({code}): {err[-2000:]}")
        mine = [int(line.split()[1]) for line in err.splitlines() if line.startswith("PARENT_PEAK_KB")]
        parent.append(mine[-1] / 1024 if mine else float("nan"))
        # ru_maxrss of a waited-for child covers it and the descendants it waited for: the largest
        largest.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(parent), max(largest)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", default="50,200", help="comma-separated numbers of submissions")
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values")
    parser.add_argument("--rows", type=int, default=300, help="elderly-care institutions per county")
    parser.add_argument("--kind", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--history", action="store_true", help="also record every run in an SQLite history")
    args = parser.parse_args()
    counts = [int(x) for x in args.counties.split(",") if x]
    jobs = [int(x) for x in args.jobs.split(",") if x]
    work = Path(tempfile.mkdtemp(prefix="yiyang-batch-bench-"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    print(
        f"{args.rows} elderly-care rows + 12 hospitals per county, {args.kind}, plan yiwu-2023, "
        f"repeat {args.repeat} (median time, max peak memory){', with --history' if args.history else ''}\n"
    )
    print("| counties | jobs | wall | per submission | speed-up | peak RSS parent | peak RSS largest process |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    try:
        for n in counts:
            folder = work / f"c{n}"
            make_counties(folder, n, args.rows, args.kind)
            base = None
            for j in jobs:
                out = work / f"out-{n}-{j}"
                cmd = [
                    "batch",
                    str(folder),
                    "--plan",
                    "yiwu-2023",
                    "--as-of",
                    "2025-12-31",
                    "-o",
                    str(out),
                    "--jobs",
                    str(j),
                ]
                if args.history:
                    cmd += ["--history", str(work / f"h-{n}-{j}.sqlite")]
                wall, parent, largest = measure(cmd, args.repeat)
                base = base or wall
                print(
                    f"| {n:,} | {j} | {wall:.2f} s | {wall / n * 1000:.0f} ms | {base / wall:.2f}× | "
                    f"{parent:.0f} MB | {largest:.0f} MB |",
                    flush=True,
                )
                shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
