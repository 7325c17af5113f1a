"""Performance benchmark: yiyang against the physical floor (python-calamine reading the file) and a peer.

    python benchmarks/run.py                 # 1k and 100k rows
    python benchmarks/run.py --full          # also 1,048,575 rows (Excel's maximum)
    python benchmarks/run.py --repeat 5
    python benchmarks/run.py --batch 1000    # also 1,000 county files through `yiyang batch`, --jobs 1 vs 2

For each size it generates a realistic elderly-institution submission as .xlsx and .csv (title
row, Chinese headers with units, 合计 row; the .xlsx with inline strings, as exporting systems
write it, and up to 100k rows also with shared strings, as Excel writes it), then prints the
median wall time and peak memory of
  (a) python-calamine alone reading the workbook (the practical floor),
  (b) `yiyang check FILE --plan yiwu-2023 --format json` end to end,
  (c) `frictionless validate --header-rows 2 FILE` as a peer, when frictionless is installed
      (`pip install 'frictionless[excel]'`: without openpyxl it refuses every .xlsx at once),
each in a fresh process, with the ratios (calamine and yiyang run in turn, and the ratio is the
median of each pair's, so that both meet the same load on a shared machine); and the start-up time of
`yiyang --help` and `yiyang plans list`; with --batch N, benchmarks/batch_scale.py for N county submissions of ~300
rows with --jobs 1 and 2. Figures go to stdout as Markdown tables (docs/performance.md keeps them).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADERS = [
    "序号",
    "机构名称",
    "乡镇（街道）",
    "举办性质",
    "床位数（张）",
    "护理型床位数（张）",
    "入住老人数（人）",
    "是否内设医疗机构",
    "是否与医疗卫生机构签约合作",
    "是否医保定点",
    "是否特困人员供养服务机构",
]
TOWNS = [f"{name}镇" for name in "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"] + [f"第{i}街道" for i in range(1, 21)]


def rows(n: int, seed: int = 7):
    rng = random.Random(seed)
    for i in range(1, n + 1):
        beds = rng.choice([30, 60, 80, 100, 120, 150, 200, 300])
        yield [
            i,
            f"养老机构{i:07d}",
            rng.choice(TOWNS),
            rng.choice(["公办", "民办"]),
            beds,
            beds // 2,
            beds * 3 // 4,
            rng.choice(["是", "否", "√"]),
            rng.choice(["是", "是", "是", "否"]),
            rng.choice(["是", "否"]),
            "否",
        ]


def write_xlsx(path: Path, n: int, shared: bool = False) -> None:
    """Inline strings (xlsxwriter's constant-memory mode, as many exporting systems write) or shared
    strings (what Excel and WPS write when a person saves the form)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {} if shared else {"constant_memory": True})
    ws = wb.add_worksheet("养老机构")
    ws.write_row(0, 0, ["2024年养老机构医养结合情况统计表"])
    ws.write_row(1, 0, HEADERS)
    r = 2
    for row in rows(n):
        ws.write_row(r, 0, row)
        r += 1
    ws.write_row(r, 0, ["合计"])
    wb.close()


def write_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["2024年养老机构医养结合情况统计表"])
        w.writerow(HEADERS)
        w.writerows(rows(n))
        w.writerow(["合计"])


def _in_child(func, *args) -> None:
    """Write a file in a child process: a forked command's peak memory starts from its parent's, so
    the parent must stay small for the figures to be the commands' own."""
    import multiprocessing

    proc = multiprocessing.get_context("spawn").Process(target=func, args=args)
    proc.start()
    proc.join()
    if proc.exitcode:
        raise SystemExit(f"writing {args[0]} failed")


def _run_once(cmd: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def measure(cmd: list[str], repeat: int) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MB) of `cmd` over `repeat` fresh processes."""
    runs = [_run_once(cmd) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def measure_pair(floor_cmd: list[str], cmd: list[str], repeat: int):
    """Both commands in turn, `repeat` times, so that each pair runs under the same load on a shared
    machine: (floor median, floor peak), (median, peak), and the median of the pairs' ratios."""
    floor, ours = [], []
    for _ in range(repeat):
        floor.append(_run_once(floor_cmd))
        ours.append(_run_once(cmd))
    ratio = statistics.median(o[0] / f[0] for f, o in zip(floor, ours))
    return (
        (statistics.median(t for t, _ in floor), max(m for _, m in floor)),
        (statistics.median(t for t, _ in ours), max(m for _, m in ours)),
        ratio,
    )


def calamine_cmd(path: Path) -> list[str]:
    code = (
        "import sys, python_calamine as pc; wb = pc.CalamineWorkbook.from_path(sys.argv[1]); "
        "[wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]"
    )
    return [sys.executable, "-c", code, str(path)]


def _versus(ours: float, peer: float) -> str:
    return f"{peer / ours:.1f}× faster" if peer >= ours else f"{ours / peer:.1f}× slower"


def yiyang_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "yiyang_cli", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="include 1,048,575 rows")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="", help="comma-separated row counts (overrides the defaults)")
    parser.add_argument("--batch", type=int, default=0, help="also time `yiyang batch` on this many county files")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] or [1_000, 100_000] + ([1_048_575] if args.full else [])
    frictionless = shutil.which("frictionless")
    work = Path(tempfile.mkdtemp(prefix="yiyang-bench-"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    print(f"repeat: {args.repeat} (median time, max peak memory)\n")
    print("| rows | file | calamine read | yiyang check | ratio | frictionless | yiyang vs frictionless |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    try:
        for n in sizes:
            xlsx, csv_path = work / f"bench-{n}.xlsx", work / f"bench-{n}.csv"
            shared = work / f"bench-{n}-shared.xlsx"
            _in_child(write_xlsx, xlsx, n)
            _in_child(write_csv, csv_path, n)
            files = [xlsx, csv_path]
            if n <= 100_000:  # xlsxwriter holds a shared-strings workbook in memory: not for a million rows
                _in_child(write_xlsx, shared, n, True)
                files.insert(1, shared)
            for path in files:
                check = yiyang_cmd(
                    "check", str(path), "--plan", "yiwu-2023", "--as-of", "2025-12-31", "--format", "json"
                )
                if path.suffix == ".xlsx":
                    floor, ours, ratio = measure_pair(calamine_cmd(path), check, args.repeat)
                else:
                    floor, ours, ratio = None, measure(check, args.repeat), None
                # The header is on row 2 (a title above it): told so, frictionless reads every row,
                # instead of stopping at its error limit on a title it takes for a header.
                # --trusted: frictionless refuses an absolute path as "not safe" without it.
                peer = (
                    measure([frictionless, "validate", "--trusted", "--header-rows", "2", str(path)], 1)
                    if frictionless and n <= 100_000
                    else None
                )
                kind = (
                    "xlsx, shared strings"
                    if path == shared
                    else ("xlsx, inline strings" if path.suffix == ".xlsx" else "csv")
                )
                cells = [
                    f"{n:,}",
                    kind,
                    f"{floor[0]:.2f} s, {floor[1]:.0f} MB" if floor else "—",
                    f"{ours[0]:.2f} s, {ours[1]:.0f} MB",
                    f"{ratio:.2f}×" if floor else "—",
                    f"{peer[0]:.2f} s, {peer[1]:.0f} MB" if peer else "—",
                    _versus(ours[0], peer[0]) if peer else "—",
                ]
                print("| " + " | ".join(cells) + " |", flush=True)
        help_t, help_m = measure(yiyang_cmd("--help"), max(3, args.repeat))
        list_t, list_m = measure(yiyang_cmd("plans", "list"), max(3, args.repeat))
        print(f"\nyiyang --help: {help_t:.3f} s ({help_m:.0f} MB); yiyang plans list: {list_t:.3f} s ({list_m:.0f} MB)")
        print(
            "\ntargets: 100k-row xlsx within 1.3× of calamine; 1,048,575-row CSV < 15 s and < 2 GB; "
            "--help and plans list < 0.3 s; batch --jobs 2 ≥ 1.7× faster than --jobs 1",
            flush=True,
        )
        if args.batch:
            print(flush=True)
            subprocess.run(
                [
                    sys.executable,
                    str(Path(__file__).with_name("batch_scale.py")),
                    "--counties",
                    str(args.batch),
                    "--jobs",
                    "1,2",
                ],
                check=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
