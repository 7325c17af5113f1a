"""The results history: one SQLite file that batch runs add to, year after year.

The schema is created and migrated here, step by step, with `PRAGMA user_version` holding the
version and `PRAGMA application_id` marking the file as a yiyang history. WAL mode and a busy
timeout let several processes write to one file at once: a batch is recorded when it has finished,
in one short `BEGIN IMMEDIATE` transaction, so writers queue instead of failing, readers never
block them, and a batch that is stopped leaves nothing behind. `yiyang history` and `compare` only
read (`History.read`): they create and change nothing, not even WAL files.

A run is one submission checked against one plan at one as-of date. The same plan, as-of date,
submitter and input hash identify a run: recording it again replaces the earlier row, so
re-running a batch on unchanged files changes nothing but the timestamp.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from .errors import InputError, UsageError
from .history_file import check_file, read_only_uri
from .history_file import is_database as is_database  # re-exported: compare tells a history from JSON
from .history_records import RUN_COLUMNS, STATUS_COLUMNS, HistoryRun, PlanIndicator, RunRecord, TargetRecord
from .history_records import IndicatorRecord as IndicatorRecord  # re-exported: the workers' row shape

APPLICATION_ID = 0x59594859  # "YYHY": yiyang history
BUSY_TIMEOUT_MS = 60_000

# version -> the statements that bring a database from version - 1 to version.
MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE batches (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            plan_id TEXT NOT NULL,
            as_of TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            submissions INTEGER NOT NULL DEFAULT 0,
            exit_code INTEGER
        )""",
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER REFERENCES batches(id) ON DELETE SET NULL,
            recorded_at TEXT NOT NULL,
            plan_id TEXT NOT NULL,
            plan_title TEXT NOT NULL DEFAULT '',
            as_of TEXT NOT NULL,
            submitter TEXT NOT NULL,
            area TEXT,
            input_hash TEXT NOT NULL,
            files TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'error')),
            exit_code INTEGER NOT NULL,
            error TEXT,
            met INTEGER NOT NULL DEFAULT 0,
            not_met INTEGER NOT NULL DEFAULT 0,
            not_due INTEGER NOT NULL DEFAULT 0,
            no_data INTEGER NOT NULL DEFAULT 0,
            not_applicable INTEGER NOT NULL DEFAULT 0,
            UNIQUE (plan_id, as_of, submitter, input_hash)
        )""",
        """CREATE TABLE indicator_results (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            indicator_id TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            name_en TEXT NOT NULL DEFAULT '',
            severity TEXT NOT NULL,
            status TEXT NOT NULL
                CHECK (status IN ('met', 'not_met', 'not_due', 'no_data', 'not_applicable')),
            value REAL,
            numerator REAL,
            denominator REAL,
            comparator TEXT,
            target REAL,
            unit TEXT,
            deadline TEXT,
            PRIMARY KEY (run_id, indicator_id)
        )""",
        "CREATE INDEX runs_by_plan ON runs (plan_id, as_of, submitter)",
    ]
}
SCHEMA_VERSION = max(MIGRATIONS)

_T = TypeVar("_T")


def timestamp() -> str:
    """Now, in UTC, as the history stores it."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def _row_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT has just added."""
    assert cursor.lastrowid is not None  # set by every INSERT; sqlite3 types it as optional
    return cursor.lastrowid


RunKey = tuple[str, str, str, str, int]  # plan id, plan title, as-of date, tool version, batch id


def _insert_run(c: sqlite3.Connection, row: RunRecord, run: RunKey, indicators: Sequence[PlanIndicator]) -> int:
    """One submission's outcome (a row from `yiyang batch`), replacing the same run."""
    plan_id, plan_title, as_of, tool_version, batch_id = run
    summary: dict[str, int] = row.get("summary") or {}
    key = (plan_id, as_of, row["submitter"], row["input_hash"] or "")
    c.execute(
        "DELETE FROM indicator_results WHERE run_id IN (SELECT id FROM runs WHERE plan_id = ? "
        "AND as_of = ? AND submitter = ? AND input_hash = ?)",
        key,
    )
    c.execute("DELETE FROM runs WHERE plan_id = ? AND as_of = ? AND submitter = ? AND input_hash = ?", key)
    run_id = _row_id(
        c.execute(
            "INSERT INTO runs (batch_id, recorded_at, plan_id, plan_title, as_of, submitter, area, input_hash, "
            "files, tool_version, status, exit_code, error, met, not_met, not_due, no_data, not_applicable) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                batch_id,
                timestamp(),
                plan_id,
                plan_title,
                as_of,
                row["submitter"],
                row.get("area"),
                key[3],
                json.dumps(row.get("files", []), ensure_ascii=False),
                tool_version,
                row["status"],
                row["exit_code"],
                row.get("error"),
                *(int(summary.get(s, 0)) for s in STATUS_COLUMNS),
            ),
        )
    )
    values = []
    for pos, ind in enumerate(indicators):
        got = (row.get("indicators") or {}).get(ind["id"])
        if got is None:
            continue
        target: TargetRecord | dict[str, Any] = got.get("target") or {}
        values.append(
            (
                run_id,
                pos,
                ind["id"],
                ind.get("name", ""),
                ind.get("name_en", ""),
                ind.get("severity", ""),
                got["status"],
                got.get("value"),
                got.get("numerator"),
                got.get("denominator"),
                target.get("comparator"),
                target.get("value"),
                target.get("unit"),
                target.get("deadline"),
            )
        )
    c.executemany(
        "INSERT INTO indicator_results (run_id, position, indicator_id, name, name_en, severity, status, "
        "value, numerator, denominator, comparator, target, unit, deadline) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )
    return run_id


_P = ParamSpec("_P")


def _reading(method: Callable[Concatenate[History, _P], _T]) -> Callable[Concatenate[History, _P], _T]:
    """A read that meets a damaged page (or a row that is not what was written: files that are not
    JSON) is the file's fault: exit 3 with the path, never a traceback."""

    @functools.wraps(method)
    def read(self: History, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.DatabaseError, ValueError) as exc:
            raise InputError("history.corrupt", str(self.path), reason=str(exc)[:300]) from None

    return read


class History:
    """An open history database: `History.open(path, create=…)` to record batches,
    `History.read(path)` to list and compare them."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    # ------------------------------------------------------------ opening and migrating

    @classmethod
    def open(cls, path: Path, create: bool = False) -> History:
        """Open for writing (migrating an older file); the whole file is checked first, so that a
        damaged history stops a batch before any submission is checked."""
        path = Path(path)
        check_file(path, create)
        try:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise InputError("history.cannot_open", str(path), reason=str(exc)) from None
        store = cls(path, conn)
        with store._closed_on_failure():
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            store._refuse_foreign()  # before the journal mode is switched: another program's file stays as it was
            store._wal()
            conn.execute("PRAGMA synchronous = NORMAL")
            store._migrate()
            store._check_intact()
        return store

    @classmethod
    def read(cls, path: Path) -> History:
        """Open for reading only: nothing is created or changed (no schema, no journal mode, no WAL
        files), so a history in a read-only folder or on a read-only mount can be listed and
        compared. An older file is migrated in a copy in memory, never on disk."""
        path = Path(path)
        check_file(path, create=False)
        try:
            conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise InputError("history.cannot_open", str(path), reason=str(exc)) from None
        store = cls(path, conn)
        with store._closed_on_failure():
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            store._check_intact()
            version = store.version
            if version > SCHEMA_VERSION:
                raise InputError("history.newer", str(path), version=version, supported=SCHEMA_VERSION)
            if version < SCHEMA_VERSION:  # older, or empty: read through a migrated copy
                store.conn = sqlite3.connect(":memory:", isolation_level=None)
                conn.backup(store.conn)
                conn.close()
                store._migrate()
            store._check_ours()
        return store

    @contextlib.contextmanager
    def _closed_on_failure(self) -> Iterator[None]:
        """While a history is being opened: on any failure the connection is closed, and a
        database SQLite finds damaged is the tool's own error naming the file."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            self.close()
            raise InputError("history.corrupt", str(self.path), reason=str(exc)) from None
        except BaseException:
            self.close()
            raise

    def _check_intact(self) -> None:
        """SQLite's own check of every page and index (quick_check: seconds for gigabytes)."""
        problems = [r[0] for r in self.conn.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            reason = " ".join("; ".join(map(str, problems)).split())[:300]
            raise InputError("history.corrupt", str(self.path), reason=reason)

    def _wal(self) -> None:
        """Switch to WAL (it stays on in the file). Switching needs a moment alone with the file,
        so a writer that started at the same instant may make it wait: retry, then carry on."""
        for attempt in range(50):
            try:
                mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() == "wal":
                    return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
            time.sleep(0.05 * (attempt + 1))
        raise InputError("history.cannot_open", str(self.path), reason="cannot switch to WAL mode")

    def _migrate(self) -> None:
        conn = self.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise InputError("history.newer", str(self.path), version=version, supported=SCHEMA_VERSION)
        if version == SCHEMA_VERSION:
            self._check_ours()
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated
            if version == 0:
                tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
                if app_id not in (0, APPLICATION_ID) or (tables and app_id != APPLICATION_ID):
                    raise InputError("history.foreign", str(self.path))
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            elif version > SCHEMA_VERSION:
                raise InputError("history.newer", str(self.path), version=version, supported=SCHEMA_VERSION)
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[step]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {step}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self._check_ours()

    def _refuse_foreign(self) -> None:
        """Ours, or a new empty file; anything else is another program's database."""
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id == APPLICATION_ID:
            return
        tables = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id or tables or version:
            raise InputError("history.foreign", str(self.path))

    def _check_ours(self) -> None:
        if self.conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise InputError("history.foreign", str(self.path))

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self, fn: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run fn(conn) in one IMMEDIATE transaction: the write lock is taken up front, so two
        writers queue on the busy timeout instead of deadlocking on a lock upgrade. A failure
        (a full disk, a lock held past the timeout) rolls everything back."""
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                out = fn(conn)
                conn.execute("COMMIT")
                return out
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            raise InputError("history.cannot_write", str(self.path), reason=str(exc)) from None

    # ------------------------------------------------------------ writing

    def record_batch(
        self,
        rows: Sequence[RunRecord],
        *,
        plan_id: str,
        plan_title: str,
        as_of: str,
        tool_version: str,
        indicators: Sequence[PlanIndicator],
        started_at: str,
        submissions: int,
        exit_code: int,
    ) -> int:
        """Store a finished batch and each submission's outcome in one transaction, so that a batch
        that is stopped records nothing. A run with the same plan, as-of date, submitter and inputs
        replaces the earlier one. `indicators` is the plan's indicator list in plan order."""

        def write(c: sqlite3.Connection) -> int:
            batch_id = _row_id(
                c.execute(
                    "INSERT INTO batches (started_at, finished_at, plan_id, as_of, tool_version, submissions, "
                    "exit_code) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (started_at, timestamp(), plan_id, as_of, tool_version, submissions, exit_code),
                )
            )
            for row in rows:
                _insert_run(c, row, (plan_id, plan_title, as_of, tool_version, batch_id), indicators)
            return batch_id

        return self._write(write)

    # ------------------------------------------------------------ reading

    @_reading
    def list_runs(
        self, plan_id: str | None = None, submitter: str | None = None, limit: int | None = None
    ) -> list[HistoryRun]:
        where: list[str] = []
        args: list[str] = []
        if plan_id:
            where.append("plan_id = ?")
            args.append(plan_id)
        if submitter:
            where.append("submitter = ?")
            args.append(submitter)
        sql = f"SELECT {', '.join(RUN_COLUMNS)} FROM runs"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY plan_id, as_of, submitter, recorded_at, id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        out = []
        for values in self.conn.execute(sql, args):
            item = dict(zip(RUN_COLUMNS, values))
            item["files"] = tuple(json.loads(item["files"]))
            out.append(HistoryRun(**item))
        return out

    @_reading
    def plans(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT plan_id FROM runs ORDER BY plan_id")]

    @_reading
    def as_of_dates(self, plan_id: str) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute("SELECT DISTINCT as_of FROM runs WHERE plan_id = ? ORDER BY as_of", (plan_id,))
        ]

    @_reading
    def snapshot(self, plan_id: str, selector: str) -> dict[str, Any]:
        """The latest run of each submitter for a plan in one as-of year (`2024`) or on one date.

        Returns the compare module's snapshot shape: label, plan, as_of, indicators (meta, in plan
        order) and submissions {submitter: {status, error, indicators {id: {status, value, …}}}}.
        """
        if re.fullmatch(r"\d{4}", selector):
            cond, arg = "as_of LIKE ?", f"{selector}-%"
        else:
            try:
                arg = dt.date.fromisoformat(selector).isoformat()
            except ValueError:
                raise UsageError("compare.bad_selector", value=selector) from None
            cond = "as_of = ?"
        rows = self.conn.execute(
            f"SELECT {', '.join(RUN_COLUMNS)} FROM runs WHERE plan_id = ? AND {cond} "
            "ORDER BY submitter, as_of DESC, recorded_at DESC, id DESC",
            (plan_id, arg),
        ).fetchall()
        if not rows:
            raise UsageError(
                "compare.no_runs", plan=plan_id, selector=selector, known=", ".join(self.as_of_dates(plan_id)) or "—"
            )
        latest: dict[str, dict] = {}
        for values in rows:
            item = dict(zip(RUN_COLUMNS, values))
            latest.setdefault(item["submitter"], item)
        meta: dict[str, dict] = {}
        submissions = {}
        for name, run in latest.items():
            inds = {}
            for (
                ind_id,
                pos,
                iname,
                iname_en,
                severity,
                status,
                value,
                num,
                den,
                comp,
                target,
                unit,
                deadline,
            ) in self.conn.execute(
                "SELECT indicator_id, position, name, name_en, severity, status, value, numerator, denominator, "
                "comparator, target, unit, deadline FROM indicator_results WHERE run_id = ? ORDER BY position",
                (run["id"],),
            ):
                inds[ind_id] = {"status": status, "value": value, "numerator": num, "denominator": den}
                known = meta.setdefault(
                    ind_id,
                    {
                        "id": ind_id,
                        "position": pos,
                        "name": iname,
                        "name_en": iname_en,
                        "severity": severity,
                        "comparator": comp,
                        "target": target,
                        "unit": unit,
                        "deadline": deadline,
                    },
                )
                if known.get("comparator") is None and comp is not None:
                    known.update(comparator=comp, target=target, unit=unit, deadline=deadline)
            submissions[name] = {
                "status": run["status"],
                "error": run["error"],
                "as_of": run["as_of"],
                "area": run["area"],
                "input_hash": run["input_hash"],
                "indicators": inds,
            }
        dates = sorted({s["as_of"] for s in submissions.values()})
        return {
            "label": selector,
            "plan": plan_id,
            "plan_title": rows[0][RUN_COLUMNS.index("plan_title")],
            "as_of": dates[-1],
            "as_of_dates": dates,
            "indicators": sorted(meta.values(), key=lambda m: m["position"]),
            "submissions": submissions,
        }
