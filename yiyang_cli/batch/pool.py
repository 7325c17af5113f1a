"""The worker pool: run every task in worker processes, and survive a worker that dies."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..messages import t
from .worker import Row, Task, check_submission, crash_row, init_worker

if TYPE_CHECKING:
    from concurrent.futures import Future

Worker = Callable[[Task], Row]
OnRow = Callable[[Row], None]


def execute(tasks: list[Task], jobs: int, on_row: OnRow, worker: Worker = check_submission) -> None:
    """Run every task in worker processes and call on_row(row) in the parent as each finishes.

    At most a few tasks per worker are queued at a time. If a worker process dies (a crash, the
    out-of-memory killer), the pool breaks: the tasks that were queued or running are then re-run
    one by one in a fresh process each, so the one that kills its worker is found and becomes an
    error row, and the rest of the batch carries on in a new pool.
    """
    todo = list(tasks)
    while todo:
        suspects, todo = _run_pool(todo, jobs, on_row, worker)
        for task in suspects:
            _run_alone(task, on_row, worker)


def _run_pool(tasks: list[Task], jobs: int, on_row: OnRow, worker: Worker) -> tuple[list[Task], list[Task]]:
    """Run tasks until they are done or the pool breaks; return the tasks that were in a broken
    worker's hands (the suspects) and those never started."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    queue = deque(tasks)
    inflight: dict[Future[Row], Task] = {}
    suspects: list[Task] = []
    broken = False
    window = 2 * jobs + 1
    pool = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(tasks))), initializer=init_worker)
    try:
        while inflight or (queue and not broken):
            while queue and not broken and len(inflight) < window:
                task = queue.popleft()
                try:
                    inflight[pool.submit(worker, task)] = task
                except BrokenProcessPool:
                    queue.appendleft(task)
                    broken = True
            if not inflight:
                break
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=lambda f: inflight[f]["name"]):
                task = inflight.pop(fut)
                try:
                    row = fut.result()
                except BrokenProcessPool:
                    broken = True
                    suspects.append(task)
                    continue
                except Exception as exc:  # the worker catches everything; this is a failure to send the row
                    row = crash_row(task, t("cli.internal", task["lang"], reason=f"{type(exc).__name__}: {exc}"))
                on_row(row)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return suspects, list(queue)


def _run_alone(task: Task, on_row: OnRow, worker: Worker) -> None:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, initializer=init_worker) as pool:
        try:
            row = pool.submit(worker, task).result()
        except BrokenProcessPool:
            row = crash_row(task)
    on_row(row)
