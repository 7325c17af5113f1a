"""Histories and compare inputs are validated and opened the way they are used (issue 14, point 5):
a damaged or foreign database and a malformed compare JSON are exit 3 with a message; `history`
and `compare` only read (nothing created or changed, a read-only folder works); a batch checks its
history before any submission and records nothing when it is interrupted (SIGINT 130, SIGTERM
143), stopping its workers."""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from yiyang_cli import history as hist
from yiyang_cli.history import History

PLAN = "yiwu-2023"
INDICATORS = [
    {"id": "signing", "name": "签约率", "name_en": "signing", "severity": "mandatory"},
    {"id": "beds", "name": "床位", "name_en": "beds", "severity": "advisory"},
]


def row(submitter: str, value: float) -> dict:
    target = {"comparator": ">=", "value": 1.0, "unit": "ratio", "deadline": "2023-06-20"}
    status = "met" if value >= 1 else "not_met"
    return {
        "submitter": submitter,
        "files": [f"{submitter}.xlsx"],
        "input_hash": f"h-{submitter}",
        "area": submitter,
        "status": "ok" if value >= 1 else "failed",
        "exit_code": 0 if value >= 1 else 1,
        "summary": {"met": 1, "not_met": 1, "not_due": 0, "no_data": 0, "not_applicable": 0},
        "indicators": {
            "signing": {"status": status, "value": value, "numerator": None, "denominator": None, "target": target},
            "beds": {"status": "met", "value": 3, "numerator": None, "denominator": None, "target": None},
        },
        "error": None,
    }


def make_history(db: Path, counties: int = 60) -> Path:
    """Two as-of years of `counties` runs each: a file of several pages."""
    with History.open(db, create=True) as store:
        for as_of, shift in (("2024-12-31", 0.0), ("2025-12-31", 0.05)):
            rows = [row(f"county-{k:03d}", min(1.0, k / counties + shift)) for k in range(counties)]
            store.record_batch(
                rows,
                plan_id=PLAN,
                plan_title="t",
                as_of=as_of,
                tool_version="0",
                indicators=INDICATORS,
                started_at=hist.timestamp(),
                submissions=len(rows),
                exit_code=1,
            )
    assert not Path(f"{db}-wal").exists()  # the last connection checkpointed and removed it
    return db


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    return make_history(tmp_path_factory.mktemp("history") / "good.sqlite")


def files_in(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file with its size, mtime and content: what "nothing created or modified" compares."""
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


# ---------------------------------------------------------------- damaged and foreign databases


def _damaged(good: Path, kind: str) -> bytes:
    data = good.read_bytes()
    rng = random.Random(14)
    page = 4096
    assert len(data) >= 8 * page, len(data)
    if kind == "random after the header":  # the header and the schema page intact, the rest noise
        return data[:page] + bytes(rng.randrange(256) for _ in range(len(data) - page))
    if kind == "truncated":
        return data[: len(data) // 2]
    if kind == "one page overwritten":
        return data[: 3 * page] + bytes(rng.randrange(256) for _ in range(page)) + data[4 * page :]
    raise AssertionError(kind)


DAMAGE = ["random after the header", "truncated", "one page overwritten"]


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_history_is_exit_3_for_history_and_compare(cli, tmp_path, good, kind):
    db = tmp_path / "h.sqlite"
    db.write_bytes(_damaged(good, kind))
    before = files_in(tmp_path)
    for args in (
        ("history", db),
        ("history", db, "--format", "json"),
        ("compare", db, "--from", "2024", "--to", "2025"),
    ):
        proc = cli(*args)
        assert proc.returncode == 3, (args, proc.stderr)
        assert f"{db}: " in proc.stderr and "历史库已损坏" in proc.stderr, proc.stderr
        assert "内部错误" not in proc.stderr and "\n" not in proc.stderr.strip()
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_history_stops_a_batch_before_any_submission(cli, tmp_path, good, samples, kind):
    db = tmp_path / "h.sqlite"
    db.write_bytes(_damaged(good, kind))
    data = db.read_bytes()
    proc = cli("batch", samples / "yiwu-2023.xlsx", "--plan", PLAN, "-o", tmp_path / "out", "--history", db)
    assert proc.returncode == 3 and "历史库已损坏" in proc.stderr and "内部错误" not in proc.stderr, proc.stderr
    assert not (tmp_path / "out").exists()  # nothing checked, no report written
    assert db.read_bytes() == data


def test_a_database_of_another_application(cli, tmp_path, samples):
    db = tmp_path / "places.sqlite"
    with sqlite3.connect(db) as conn:  # a browser's, say: user_version set, no application id
        conn.execute("PRAGMA user_version = 1")
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    data = db.read_bytes()
    for args in (
        ("history", db),
        ("compare", db, "--from", "2024", "--to", "2025"),
        ("batch", samples / "yiwu-2023.xlsx", "--plan", PLAN, "-o", tmp_path / "out", "--history", db),
    ):
        proc = cli(*args)
        assert proc.returncode == 3 and "不是 yiyang 的历史库" in proc.stderr, (args, proc.stderr)
    assert db.read_bytes() == data and not (tmp_path / "out").exists()


def test_tampered_values_in_a_history_are_exit_3(cli, tmp_path, good):
    db = tmp_path / "h.sqlite"
    shutil.copy(good, db)
    with sqlite3.connect(db) as conn:  # REAL columns keep text that is not a number
        conn.execute("UPDATE indicator_results SET value = 'lots' WHERE indicator_id = 'signing'")
        conn.execute("UPDATE runs SET files = 'not json' WHERE submitter = 'county-001'")
    proc = cli("compare", db, "--from", "2024", "--to", "2025")
    assert proc.returncode == 3 and "历史库已损坏" in proc.stderr and "value" in proc.stderr, proc.stderr
    proc = cli("history", db)
    assert proc.returncode == 3 and "历史库已损坏" in proc.stderr, proc.stderr


# ---------------------------------------------------------------- reading creates nothing


def test_history_and_compare_create_and_change_nothing(cli, tmp_path, good):
    shutil.copy(good, tmp_path / "h.sqlite")
    before = files_in(tmp_path)
    assert cli("history", tmp_path / "h.sqlite").returncode == 0
    proc = cli("compare", tmp_path / "h.sqlite", "--plan", PLAN, "--from", "2024", "--to", "2025")
    assert proc.returncode == 0, proc.stderr
    assert files_in(tmp_path) == before  # no -wal, no -shm, the file untouched


@pytest.fixture
def read_only(tmp_path, good):
    """A folder and a history without write permission. Tests may run as root, where this stops
    nothing: the tests also compare every file before and after."""
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(good, folder / "h.sqlite")
    (folder / "h.sqlite").chmod(0o444)
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def _watch_reads(monkeypatch, folder: Path) -> list[list[str]]:
    """The folder's files at each moment a query runs, with the database open: a WAL file made
    and removed again (as root in a folder without write permission) shows here."""
    seen: list[list[str]] = []
    for name in ("list_runs", "snapshot"):
        method = getattr(History, name)

        def spy(self, *args, _method=method, **kwargs):
            seen.append(sorted(p.name for p in folder.iterdir()))
            return _method(self, *args, **kwargs)

        monkeypatch.setattr(History, name, spy)
    return seen


def test_reading_opens_the_file_read_only(tmp_path, good):
    shutil.copy(good, tmp_path / "h.sqlite")
    with History.read(tmp_path / "h.sqlite") as store, pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.conn.execute("CREATE TABLE t (x)")


def test_a_history_in_a_read_only_folder_is_listed_and_compared(cli, read_only, monkeypatch):
    db = read_only / "h.sqlite"
    before = files_in(read_only)
    seen = _watch_reads(monkeypatch, read_only)
    proc = cli("history", db, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 120
    proc = cli("compare", db, "--plan", PLAN, "--from", "2024", "--to", "2025", "--lang", "en")
    assert proc.returncode == 0 and "county-010" in proc.stdout, proc.stderr
    assert files_in(read_only) == before
    assert seen == [["h.sqlite"]] * 3  # not even for a moment: no -wal, no -shm


def test_a_history_being_written_is_read_with_what_its_wal_holds(cli, tmp_path, good):
    db = tmp_path / "h.sqlite"
    shutil.copy(good, db)
    with History.open(db) as writer:  # a batch has it open: the -wal and -shm exist
        writer.record_batch(
            [row("late-county", 0.5)],
            plan_id=PLAN,
            plan_title="t",
            as_of="2025-12-31",
            tool_version="0",
            indicators=INDICATORS,
            started_at=hist.timestamp(),
            submissions=1,
            exit_code=1,
        )
        assert Path(f"{db}-wal").stat().st_size > 0  # committed, not yet in the main file
        names = sorted(p.name for p in tmp_path.iterdir())
        proc = cli("history", db, "--submitter", "late-county", "--format", "json")
        assert proc.returncode == 0, proc.stderr
        assert [r["submitter"] for r in json.loads(proc.stdout)] == ["late-county"]
        assert sorted(p.name for p in tmp_path.iterdir()) == names


def test_an_older_or_empty_history_is_read_without_migrating_the_file(cli, tmp_path, good, monkeypatch):
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    proc = cli("history", empty)
    assert proc.returncode == 0 and "还没有记录" in proc.stderr
    assert empty.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite"]

    db = tmp_path / "h.sqlite"
    shutil.copy(good, db)
    step = ["ALTER TABLE runs ADD COLUMN reviewer TEXT"]
    monkeypatch.setattr(hist, "MIGRATIONS", {**hist.MIGRATIONS, hist.SCHEMA_VERSION + 1: step})
    monkeypatch.setattr(hist, "SCHEMA_VERSION", hist.SCHEMA_VERSION + 1)
    before = files_in(tmp_path)
    with History.read(db) as store:
        assert store.version == hist.SCHEMA_VERSION and len(store.list_runs()) == 120
    assert files_in(tmp_path) == before
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == hist.SCHEMA_VERSION - 1


# ---------------------------------------------------------------- malformed compare JSON


@pytest.fixture(scope="module")
def result_json(samples, tmp_path_factory) -> Path:
    from conftest import run_cli

    path = tmp_path_factory.mktemp("compare") / "result.json"
    proc = run_cli("check", samples / "yiwu-2023.xlsx", "--plan", PLAN, "--as-of", "2025-12-31", "-o", path)
    assert path.exists(), proc.stderr
    return path


def summary_doc(result: dict) -> dict:
    """A batch summary's shape, built from a result: what `compare` reads of one."""
    indicators = {i["id"]: {"status": i["status"], "value": i["value"]} for i in result["indicators"]}
    return {
        "schema_version": 1,
        "kind": "summary",
        "plan": result["plan"],
        "as_of": result["as_of"],
        "indicators": [{k: i[k] for k in ("id", "name", "name_zh", "name_en", "target")} for i in result["indicators"]],
        "submissions": [
            {"submitter": "甲县", "status": "failed", "error": None, "indicators": indicators},
            {"submitter": "乙县", "status": "error", "error": "unreadable", "indicators": {}},
        ],
    }


def _set(doc: Any, path: tuple, value: Any) -> Any:
    doc = copy.deepcopy(doc)
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return doc


MALFORMED_FIELDS = [
    (("indicators", 0, "value"), "lots"),
    (("indicators", 0, "value"), [1]),
    (("indicators", 0, "value"), float("nan")),
    (("indicators", 0, "status"), ["met"]),
    (("indicators", 0, "status"), "great"),
    (("indicators", 0, "id"), ["x"]),
    (("indicators", 0, "target"), "high"),
    (("indicators", 0, "target", "value"), {"v": 1}),
    (("indicators", 0, "name"), 5),
    (("indicators", 0), "an indicator"),
    (("plan", "id"), 7),
    (("as_of",), ["2025"]),
    (("inputs",), {"path": "x"}),
    (("inputs", 0, "path"), 3),
]


@pytest.mark.parametrize(
    "path, value", MALFORMED_FIELDS, ids=[".".join(map(str, p)) + f"={v!r}" for p, v in MALFORMED_FIELDS]
)
def test_a_result_json_with_a_wrong_field_is_exit_3(cli, tmp_path, result_json, path, value):
    doc = json.loads(result_json.read_text(encoding="utf-8"))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_set(doc, path, value), ensure_ascii=False), encoding="utf-8")
    for args in ((result_json, bad), (bad, result_json)):
        proc = cli("compare", *args)
        assert proc.returncode == 3, proc.stderr
        assert f"{bad}: " in proc.stderr and "不是 yiyang 的结果或汇总 JSON" in proc.stderr, proc.stderr


SUMMARY_FIELDS = [
    (("submissions", 0, "submitter"), None),
    (("submissions", 0, "submitter"), 12),
    (("submissions", 0, "status"), "fine"),
    (("submissions", 0, "status"), {"a": 1}),
    (("submissions", 0, "indicators"), ["signing"]),
    (("submissions", 0, "indicators", "lottery_fund_share", "value"), "55%"),
    (("submissions", 0, "indicators", "lottery_fund_share", "status"), None),
    (("submissions", 1, "error"), ["x"]),
    (("indicators", 0, "id"), {}),
]


@pytest.mark.parametrize(
    "path, value", SUMMARY_FIELDS, ids=[".".join(map(str, p)) + f"={v!r}" for p, v in SUMMARY_FIELDS]
)
def test_a_summary_json_with_a_wrong_field_is_exit_3(cli, tmp_path, result_json, path, value):
    doc = summary_doc(json.loads(result_json.read_text(encoding="utf-8")))
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert cli("compare", good, good).returncode == 0
    bad.write_text(json.dumps(_set(doc, path, value), ensure_ascii=False), encoding="utf-8")
    proc = cli("compare", good, bad)
    assert proc.returncode == 3 and f"{bad}: " in proc.stderr and "内部错误" not in proc.stderr, proc.stderr


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        '{"schema_version": 1, "plan": {"id": "x"}, "indicators": [{"id": "a", "status": "met", "value": Infinity}]}',
        '{"schema_version": 1, "plan": {"id": "x"}, "indicators": [{"id": "a", "status": "met", "value": 1e999}]}',
        '{"schema_version": 1, "plan": {"id": "x"}, "indicators": [{"id": "a", "status": "met", "value": '
        + "9" * 400
        + "}]}",
    ],
    ids=["deep arrays", "deep objects", "Infinity", "1e999", "huge integer"],
)
def test_compare_json_nested_or_infinite_is_exit_3(cli, tmp_path, result_json, text):
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    proc = cli("compare", result_json, bad)
    assert proc.returncode == 3 and f"{bad}: " in proc.stderr and "内部错误" not in proc.stderr, proc.stderr


# ---------------------------------------------------------------- interrupted batches


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_batch_stops_its_workers_and_records_nothing(tmp_path, good, samples, sig, code):
    subs = tmp_path / "subs"
    subs.mkdir()
    for k in range(120):  # far more than two workers check before the signal
        shutil.copy(samples / "yiwu-2023.xlsx", subs / f"county-{k:03d}.xlsx")
    db, out = tmp_path / "h.sqlite", tmp_path / "out"
    shutil.copy(good, db)
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT * FROM runs ORDER BY id").fetchall()
    cmd = [sys.executable, "-m", "yiyang_cli", "batch", subs, "--plan", PLAN, "-o", out, "--jobs", "2"]
    proc = subprocess.Popen(
        [*map(str, cmd), "--history", str(db), "--as-of", "2024-12-31"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "YIYANG_DEBUG"},
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not (out.is_dir() and len(list(out.glob("county-*.json"))) >= 4):  # mid-way: some reports written
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.05)
        workers = _children(proc.pid)
        assert len(workers) == 2
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        time.sleep(0.2)
        survivors = [pid for pid in workers if _running(pid)]
        for pid in survivors:  # a regression must not leave them checking submissions after the test
            os.kill(pid, signal.SIGKILL)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert survivors == []
    assert len(list(out.glob("county-*.json"))) < 120  # it was stopped half way
    assert not (out / "summary.json").exists()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT * FROM runs ORDER BY id").fetchall() == before  # nothing replaced, nothing added
        assert conn.execute("SELECT count(*) FROM batches").fetchone()[0] == 2
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
