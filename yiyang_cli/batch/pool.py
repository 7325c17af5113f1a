"""The worker pool: run every task in worker processes, survive a worker that dies, and leave no
worker behind when the batch is interrupted."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..errors import Terminated
from ..messages import t
from .worker import Row, Task, check_submission, crash_row, init_worker

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from types import FrameType

STOP_WAIT_S = 5  # how long a terminated worker gets before it is killed

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
    pool = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(tasks))), initializer=_init_worker)
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
    except BaseException:  # Ctrl-C, SIGTERM, or a failure in on_row: no worker may outlive the batch
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return suspects, list(queue)


def _run_alone(task: Task, on_row: OnRow, worker: Worker) -> None:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=1, initializer=_init_worker)
    try:
        row = pool.submit(worker, task).result()
    except BrokenProcessPool:
        row = crash_row(task)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    on_row(row)


def _init_worker() -> None:
    """A worker ends at once on SIGTERM: the parent's handler (see `sigterm_raises`), inherited
    through fork, would turn it into an exception that the pool hands back as a task's result."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    init_worker()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop every worker now, not after its current task (shutdown alone waits for that): terminate,
    then kill what is still there after STOP_WAIT_S, and reap each one."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # CPython's, since 3.2
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError):  # already gone
            process.terminate()
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.join(STOP_WAIT_S)
            if process.is_alive():
                process.kill()
                process.join()


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """While a batch runs, SIGTERM raises `Terminated` in the main thread, as Ctrl-C raises
    KeyboardInterrupt: the pool stops its workers, nothing is recorded, the exit code is 143.
    (Python's default is to die on the spot, leaving the workers to finish their tasks alone.)"""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may
        yield
        return

    def raise_terminated(signum: int, frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
