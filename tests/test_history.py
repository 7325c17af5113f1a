"""The SQLite history: schema and migration, idempotent runs, concurrent writers, listing, and
the errors a user can meet."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import subprocess
import sys

import pytest
from batchdata import make_year, yiwu_indicators

from yiyang_cli import history as hist
from yiyang_cli.history import History

PLAN = "yiwu-2023"
INDICATORS = [
    {"id": "signing", "name": "签约率", "name_en": "signing", "severity": "mandatory"},
    {"id": "beds", "name": "床位", "name_en": "beds", "severity": "advisory"},
]


def row(submitter: str, value: float, input_hash: str = "h", status: str = "failed") -> dict:
    target = {"comparator": ">=", "value": 1.0, "unit": "ratio", "deadline": "2023-06-20"}
    return {
        "submitter": submitter,
        "files": [f"{submitter}.xlsx"],
        "input_hash": input_hash,
        "area": submitter,
        "status": status,
        "exit_code": 1 if status == "failed" else 0,
        "summary": {"met": 1, "not_met": 1, "not_due": 0, "no_data": 0, "not_applicable": 0},
        "indicators": {
            "signing": {
                "status": "met" if value >= 1 else "not_met",
                "value": value,
                "numerator": None,
                "denominator": None,
                "target": target,
            },
            "beds": {"status": "met", "value": 3, "numerator": None, "denominator": None, "target": None},
        },
        "error": None,
    }


def record(store: History, r: dict, as_of: str = "2024-12-31") -> int:
    """One run, recorded as a batch of one."""
    return store.record_batch(
        [r],
        plan_id=PLAN,
        plan_title="t",
        as_of=as_of,
        tool_version="0",
        indicators=INDICATORS,
        started_at=hist.timestamp(),
        submissions=1,
        exit_code=r["exit_code"],
    )


def test_new_database_is_created_with_the_schema(tmp_path):
    db = tmp_path / "h.sqlite"
    with History.open(db, create=True) as store:
        assert store.version == hist.SCHEMA_VERSION
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == hist.SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == hist.APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"batches", "runs", "indicator_results"} <= tables


def test_same_input_replaces_a_changed_input_adds(tmp_path):
    with History.open(tmp_path / "h.sqlite", create=True) as store:
        record(store, row("甲县", 0.8))
        record(store, row("甲县", 0.8))  # the same files again: replaced, not duplicated
        assert len(store.list_runs()) == 1
        record(store, row("甲县", 0.9, input_hash="h2"))  # a corrected resubmission: a new run
        runs = [r.to_dict() for r in store.list_runs()]
        assert [r["input_hash"] for r in runs] == ["h", "h2"]
        snap = store.snapshot(PLAN, "2024")
        assert snap["submissions"]["甲县"]["indicators"]["signing"] == {
            "status": "not_met",
            "value": 0.9,
            "numerator": None,
            "denominator": None,
        }
        assert [m["id"] for m in snap["indicators"]] == ["signing", "beds"]
        assert store.conn.execute("SELECT count(*) FROM indicator_results").fetchone()[0] == 4


def test_migration_steps_run_in_order_and_keep_the_data(tmp_path, monkeypatch):
    db = tmp_path / "h.sqlite"
    with History.open(db, create=True) as store:
        record(store, row("甲县", 0.8))
    step = ["ALTER TABLE runs ADD COLUMN reviewer TEXT", "UPDATE runs SET reviewer = 'nobody'"]
    monkeypatch.setattr(hist, "MIGRATIONS", {**hist.MIGRATIONS, hist.SCHEMA_VERSION + 1: step})
    monkeypatch.setattr(hist, "SCHEMA_VERSION", hist.SCHEMA_VERSION + 1)
    with History.open(db) as store:
        assert store.version == hist.SCHEMA_VERSION
        assert store.conn.execute("SELECT submitter, reviewer FROM runs").fetchall() == [("甲县", "nobody")]


def test_files_that_are_not_a_history(cli, tmp_path):
    missing = tmp_path / "missing.sqlite"
    proc = cli("history", missing)
    assert proc.returncode == 3 and "历史库不存在" in proc.stderr and not missing.exists()

    text = tmp_path / "notes.sqlite"
    text.write_text("hello", encoding="utf-8")
    proc = cli("history", text, "--lang", "en")
    assert proc.returncode == 3 and "not an SQLite database" in proc.stderr

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    subs = make_year(tmp_path / "subs", 2024, n=1, broken=False)
    proc = cli("batch", subs, "--plan", PLAN, "-o", tmp_path / "out", "--history", other)
    assert proc.returncode == 3 and "不是 yiyang 的历史库" in proc.stderr
    assert sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]

    newer = tmp_path / "newer.sqlite"
    History.open(newer, create=True).close()
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {hist.SCHEMA_VERSION + 5}")
    proc = cli("history", newer)
    assert proc.returncode == 3 and "请升级 yiyang" in proc.stderr
    for p in (proc,):
        assert "Traceback" not in p.stderr


def test_history_listing(cli, tmp_path):
    db = tmp_path / "h.sqlite"
    with History.open(db, create=True) as store:
        record(store, row("乙县", 0.5))
        record(store, row("甲县", 1.0, status="ok"), as_of="2025-12-31")
    proc = cli("history", db, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    runs = json.loads(proc.stdout)
    assert [(r["as_of"], r["submitter"], r["status"]) for r in runs] == [
        ("2024-12-31", "乙县", "failed"),
        ("2025-12-31", "甲县", "ok"),
    ]
    assert runs[0]["files"] == ["乙县.xlsx"] and runs[0]["not_met"] == 1
    proc = cli("history", db, "--submitter", "甲县")
    assert proc.returncode == 0 and "甲县" in proc.stdout and "乙县" not in proc.stdout and "通过" in proc.stdout


def test_compare_usage_errors(cli, tmp_path):
    db = tmp_path / "h.sqlite"
    with History.open(db, create=True) as store:
        record(store, row("甲县", 0.8))
        record(store, row("甲县", 1.0, status="ok"), as_of="2025-12-31")
    proc = cli("compare", db, "--from", "2023", "--to", "2025")
    assert proc.returncode == 2 and "2024-12-31, 2025-12-31" in proc.stderr
    proc = cli("compare", db, "--from", "last year", "--to", "2025")
    assert proc.returncode == 2 and "既不是年份" in proc.stderr
    proc = cli("compare", db, "--from", "2024")
    assert proc.returncode == 2 and "--to" in proc.stderr
    proc = cli("compare", tmp_path / "a.json")
    assert proc.returncode == 2
    proc = cli("compare", db, "-o", tmp_path / "x.pdf")
    assert proc.returncode == 2 and "x.pdf" in proc.stderr
    # no --plan (the history holds one) and no years: the two latest as-of dates
    proc = cli("compare", db, "-o", tmp_path / "c.json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert result["changes"][0] | {"name": ""} == {
        "submitter": "甲县",
        "indicator": "signing",
        "name": "",
        "change": "resolved",
        "from": {"status": "not_met", "value": 0.8},
        "to": {"status": "met", "value": 1.0},
        "delta": 0.2,
        "unit": "ratio",
    }
    assert result["submissions"] == [{"submitter": "甲县", "from": "failed", "to": "ok", "error": None}]
    proc = cli("compare", db, "--plan", PLAN, "--from", "2024-12-31", "--to", "2025-12-31", "--lang", "en")
    assert proc.returncode == 0 and "resolved" in proc.stdout and "甲县" in proc.stdout
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps({"schema_version": 1, "plan": {"id": "x"}, "indicators": []}), encoding="utf-8")
    b.write_text(json.dumps({"schema_version": 1, "plan": {"id": "y"}, "indicators": []}), encoding="utf-8")
    proc = cli("compare", a, b)
    assert proc.returncode == 3 and "不同的规划" in proc.stderr
    b.write_text("{not json", encoding="utf-8")
    proc = cli("compare", a, b)
    assert proc.returncode == 3 and "b.json" in proc.stderr and "Traceback" not in proc.stderr


def _writer(args):
    db, worker, n = args
    with History.open(db, create=True) as store:
        for i in range(n):
            # every worker writes its own submitters, and all of them write the shared ones
            record(store, row(f"w{worker}-{i:03d}", i / n))
            record(store, row(f"shared-{i % 10}", 0.5))
    return worker


@pytest.mark.slow
def test_concurrent_writers_lose_nothing(tmp_path):
    db = tmp_path / "h.sqlite"
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        assert sorted(pool.map(_writer, [(db, w, 60) for w in range(4)])) == [0, 1, 2, 3]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    names = [r[0] for r in conn.execute("SELECT submitter FROM runs")]
    assert len(names) == len(set(names)) == 4 * 60 + 10
    assert conn.execute("SELECT count(*) FROM indicator_results").fetchone()[0] == 2 * (4 * 60 + 10)
    assert (
        conn.execute(
            "SELECT count(*) FROM indicator_results i LEFT JOIN runs r ON r.id = i.run_id WHERE r.id IS NULL"
        ).fetchone()[0]
        == 0
    )


@pytest.mark.slow
def test_two_batches_writing_one_history_at_once(tmp_path):
    """End to end: three `yiyang batch` processes at once, as three CI jobs would start them."""
    d24 = make_year(tmp_path / "2024", 2024, n=12, broken=False)
    d25 = make_year(tmp_path / "2025", 2025, n=12, broken=False)
    db = tmp_path / "h.sqlite"
    cmd = [sys.executable, "-m", "yiyang_cli", "batch", "--plan", PLAN, "--jobs", "1", "--history", str(db)]
    procs = [
        subprocess.Popen(
            cmd + [str(d24), "--as-of", "2024-12-31", "-o", str(tmp_path / "o1")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
        subprocess.Popen(
            cmd + [str(d25), "--as-of", "2025-12-31", "-o", str(tmp_path / "o2")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
        # the 2024 batch a second time, at the same moment: its runs replace, never duplicate
        subprocess.Popen(
            cmd + [str(d24), "--as-of", "2024-12-31", "-o", str(tmp_path / "o3")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
    ]
    codes = [p.wait(timeout=120) for p in procs]
    errs = [p.stderr.read() for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert codes == [1, 1, 1], errs  # most counties miss a due binding target; no file is broken
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT as_of, submitter, count(*) FROM runs GROUP BY as_of, submitter").fetchall()
    assert len(rows) == 24 and {r[2] for r in rows} == {1}
    assert {r[1] for r in rows} == {f"county-{k:02d}" for k in range(12)}
    assert conn.execute("SELECT count(*) FROM indicator_results").fetchone()[0] == 24 * yiwu_indicators()
    assert conn.execute("SELECT count(*) FROM batches WHERE finished_at IS NOT NULL").fetchone()[0] == 3
