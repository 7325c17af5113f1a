"""The progress bar of a running batch, with a live count of failures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...messages import t

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID


class Progress:
    """On stderr, and only when stderr is a terminal (a log gets the summary alone)."""

    def __init__(self, total: int, lang: str) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)
        self.total, self.lang = total, lang
        self.failed = self.errors = 0
        self.bar: RichProgress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> Progress:
        if self.console.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
            from rich.progress import Progress as Bar

            self.bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("[red]{task.fields[counts]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=self.console,
                transient=False,
            )
            self.bar.start()
            self.task = self.bar.add_task(t("batch.progress", self.lang), total=self.total, counts=self._counts())
        return self

    def _counts(self) -> str:
        return t("batch.progress_counts", self.lang, failed=self.failed, errors=self.errors)

    def advance(self, status: str) -> None:
        """One more submission done, with its status (ok, failed, error)."""
        self.failed += status == "failed"
        self.errors += status == "error"
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, advance=1, counts=self._counts())

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.stop()
