"""`yiyang batch`: 30 county submissions (two of them broken) checked in parallel, a report per
submission, the summary in four formats, and the history `compare` reads a year later."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from batchdata import BROKEN, make_year, yiwu_indicators

PLAN = "yiwu-2023"
NAMES = [f"county-{k:02d}" for k in range(30)]
# As of 2024-12-31 the due binding targets that vary are the signing rate (met when every home signed:
# k % 3 == 0), medical service in some form (the same homes) and the lottery share (1000 + 20k of
# 2000 >= 55%: k >= 5); the others due then (医共体 management, home-visit insurance and devices,
# primary-care beds and TCM) are met by every county. So these pass, the other 21 checked counties fail.
OK_2024 = {f"county-{k:02d}" for k in (6, 9, 12, 15, 18, 21, 24)}
ERRORS = set(BROKEN)


def no_traceback(proc) -> None:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Two annual batches into one history, then the first again with --jobs 1 (same files): seconds
    of worker pools, so every test that uses it is marked slow."""
    from conftest import run_cli

    root = tmp_path_factory.mktemp("batch")
    d24, d25 = make_year(root / "2024", 2024), make_year(root / "2025", 2025)
    db = root / "history.sqlite"
    p24 = run_cli(
        "batch",
        d24,
        "--plan",
        PLAN,
        "--as-of",
        "2024-12-31",
        "-o",
        root / "out24",
        "--jobs",
        "2",
        "--format",
        "json,md",
        "-f",
        "html",
        "-f",
        "xml",
        "--history",
        db,
    )
    p25 = run_cli(
        "batch",
        d25,
        "--plan",
        PLAN,
        "--as-of",
        "2025-12-31",
        "-o",
        root / "out25",
        "--jobs",
        "2",
        "--history",
        db,
        "--lang",
        "en",
    )
    again = run_cli(
        "batch",
        d24,
        "--plan",
        PLAN,
        "--as-of",
        "2024-12-31",
        "-o",
        root / "again",
        "--jobs",
        "1",
        "--format",
        "json,md",
        "-f",
        "html",
        "-f",
        "xml",
        "--history",
        db,
    )
    return {"root": root, "db": db, "p24": p24, "p25": p25, "again": again, "d24": d24}


def summary(runs, out="out24") -> dict:
    return json.loads((runs["root"] / out / "summary.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_thirty_rows_two_of_them_errors_naming_the_broken_files(runs):
    proc = runs["p24"]
    no_traceback(proc)
    assert proc.returncode == 3, proc.stderr  # the worst outcome: some files could not be read
    s = summary(runs)
    rows = s["submissions"]
    assert [r["submitter"] for r in rows] == NAMES
    assert s["totals"] == {"submissions": 30, "ok": 7, "failed": 21, "error": 2}
    assert s["exit_code"] == 3
    by = {r["submitter"]: r for r in rows}
    for name, file in BROKEN.items():
        row = by[name]
        assert row["status"] == "error" and row["exit_code"] == 3
        assert file in row["error"] and row["summary"] is None and row["indicators"] == {}
    assert "不是有效的电子表格" in by["county-13"]["error"]
    assert "二进制" in by["county-27"]["error"]
    assert {n for n, r in by.items() if r["status"] == "ok"} == OK_2024
    assert all(r["exit_code"] == 1 for r in rows if r["status"] == "failed")
    assert all(r["exit_code"] == 0 for r in rows if r["status"] == "ok")
    # a folder of CSV files is one submitter, with all its files
    assert len(by["county-00"]["files"]) == 3 and by["county-00"]["area"] == "county-00"
    # real numbers: county-02 signed 8 of 10 homes; county-10 spends 1200 of 2000 on elderly care
    assert by["county-02"]["indicators"]["elderly_institution_signing_rate"] == {
        "status": "not_met",
        "value": 0.8,
        "numerator": 8,
        "denominator": 10,
    }
    assert by["county-10"]["indicators"]["lottery_fund_share"]["value"] == 0.6
    assert by["county-10"]["indicators"]["lottery_fund_share"]["status"] == "met"
    assert by["county-10"]["indicators"]["geriatrics_dept_coverage"]["status"] == "not_due"
    assert "county-13" in proc.stdout and "共 30 份报送：7 份通过，21 份未通过，2 份无法读取" in proc.stdout


@pytest.mark.slow
def test_per_indicator_counts_and_ranking(runs):
    s = summary(runs)
    inds = {i["id"]: i for i in s["indicators"]}
    assert len(inds) == yiwu_indicators()
    signing = inds["elderly_institution_signing_rate"]
    # k % 3 == 0 signed every home: 0, 3, …, 24 (27 is broken) = 9 counties of 28
    assert (signing["met"], signing["not_met"], signing["checked"]) == (9, 19, 28)
    assert signing["share_met"] == round(9 / 28, 6)
    lottery = inds["lottery_fund_share"]
    assert (lottery["met"], lottery["not_met"]) == (23, 5)
    assert inds["hospice_ward_count"]["not_due"] == 28
    ranking = s["ranking"]
    assert len(ranking) == 28 and not ERRORS & {r["submitter"] for r in ranking}
    # ranked by targets met, then fewer failures; ties share a rank
    keys = [(-r["met"], r["failed"]) for r in ranking]
    assert keys == sorted(keys)
    assert ranking[0]["rank"] == 1
    for prev, cur in zip(ranking, ranking[1:]):
        same = (prev["met"], prev["failed"]) == (cur["met"], cur["failed"])
        assert cur["rank"] == (prev["rank"] if same else ranking.index(cur) + 1)
    by = {r["submitter"]: r for r in s["submissions"]}
    for r in ranking:
        assert r["met"] == by[r["submitter"]]["summary"]["met"]


@pytest.mark.slow
def test_summary_json_validates(runs):
    jsonschema = pytest.importorskip("jsonschema")
    status = {"enum": ["met", "not_met", "not_due", "no_data", "not_applicable"]}
    number = {"type": ["number", "null"]}
    schema = {
        "type": "object",
        "required": [
            "schema_version",
            "tool",
            "plan",
            "as_of",
            "exit_code",
            "totals",
            "submissions",
            "indicators",
            "ranking",
        ],
        "properties": {
            "schema_version": {"const": 1},
            "plan": {"type": "object", "required": ["id", "title"], "properties": {"id": {"const": PLAN}}},
            "as_of": {"const": "2024-12-31"},
            "submissions": {
                "type": "array",
                "minItems": 30,
                "maxItems": 30,
                "items": {
                    "type": "object",
                    "required": ["submitter", "files", "status", "exit_code", "summary", "indicators", "error"],
                    "properties": {
                        "submitter": {"type": "string"},
                        "files": {"type": "array", "items": {"type": "string"}},
                        "status": {"enum": ["ok", "failed", "error"]},
                        "exit_code": {"enum": [0, 1, 3]},
                        "summary": {"oneOf": [{"type": "null"}, {"type": "object", "required": status["enum"]}]},
                        "indicators": {
                            "type": "object",
                            "additionalProperties": {
                                "type": "object",
                                "required": ["status", "value"],
                                "properties": {"status": status, "value": number},
                            },
                        },
                        "error": {"type": ["string", "null"]},
                    },
                },
            },
            "indicators": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "name", "met", "not_met", "not_due", "no_data", "not_applicable"],
                    "properties": {"met": {"type": "integer"}, "not_met": {"type": "integer"}},
                },
            },
            "ranking": {"type": "array", "items": {"type": "object", "required": ["rank", "submitter", "met"]}},
        },
    }
    jsonschema.validate(summary(runs), schema)


@pytest.mark.slow
def test_a_report_per_good_submission(runs):
    out = runs["root"] / "out24"
    for name in NAMES:
        for ext in ("json", "md", "html", "xml"):
            assert (out / f"{name}.{ext}").exists() == (name not in ERRORS), (name, ext)
    report = json.loads((out / "county-02.json").read_text(encoding="utf-8"))
    assert report["schema_version"] == 1 and report["as_of"] == "2024-12-31"
    signing = next(i for i in report["indicators"] if i["id"] == "elderly_institution_signing_rate")
    assert (signing["numerator"], signing["denominator"], signing["status"]) == (8, 10, "not_met")
    folder_report = json.loads((out / "county-03.json").read_text(encoding="utf-8"))
    assert len(folder_report["inputs"]) == 3
    assert "<testsuite" in (out / "county-05.xml").read_text(encoding="utf-8")
    s = summary(runs)
    assert next(r for r in s["submissions"] if r["submitter"] == "county-05")["reports"] == {
        "json": "county-05.json",
        "md": "county-05.md",
        "html": "county-05.html",
        "xml": "county-05.xml",
    }


@pytest.mark.slow
def test_summary_markdown_and_html(runs):
    out = runs["root"] / "out24"
    md = (out / "summary.md").read_text(encoding="utf-8")
    assert "# 医养结合规划批量检查汇总" in md
    assert "| county-13 | ⚠️ 无法读取 |" in md and "county-13.xlsx" in md
    assert "养老机构与医疗卫生机构签约率" in md
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "http://" not in html
    assert 'href="county-02.html"' in html  # a checked submission links to its report
    assert html.count('class="v"') >= 28 * yiwu_indicators()  # the heat map: 28 ranked submitters x each indicator
    assert "80.0%" in html  # county-02's signing rate, side by side with the others
    assert "<svg" in html


@pytest.mark.slow
def test_summary_xlsx_has_the_tables(runs):
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(runs["root"] / "out24" / "summary.xlsx"))
    assert wb.sheet_names == ["报送情况", "指标", "排名"]
    subs = wb.get_sheet_by_name("报送情况").to_python()
    assert len(subs) == 31 and subs[0][0] == "报送单位"
    assert [r[0] for r in subs[1:]] == NAMES
    row13 = subs[1 + 13]
    assert row13[1] == "无法读取" and row13[2] == 3 and any("county-13.xlsx" in str(c) for c in row13)
    inds = wb.get_sheet_by_name("指标").to_python()
    signing = next(r for r in inds if r[0] == "elderly_institution_signing_rate")
    assert signing[5:7] == [9, 19]
    ranking = wb.get_sheet_by_name("排名").to_python()
    assert len(ranking) == 29
    header = ranking[0]
    col = header.index("养老机构与医疗卫生机构签约率")
    county02 = next(r for r in ranking if r[1] == "county-02")
    assert county02[col] == pytest.approx(0.8)


@pytest.mark.slow
def test_order_and_content_do_not_depend_on_the_scheduling(runs):
    again = runs["again"]
    assert again.returncode == 3, again.stderr
    for name in ("summary.json", "summary.md", "summary.html", "county-07.json", "county-07.md"):
        assert (runs["root"] / "again" / name).read_bytes() == (runs["root"] / "out24" / name).read_bytes(), name


@pytest.mark.slow
def test_history_holds_each_run_once(runs):
    with sqlite3.connect(runs["db"]) as conn:
        # 30 submissions in 2024 (recorded twice, with the same inputs) and 30 in 2025
        per_year = dict(conn.execute("SELECT substr(as_of, 1, 4), count(*) FROM runs GROUP BY 1"))
        assert per_year == {"2024": 30, "2025": 30}
        assert conn.execute("SELECT count(*) FROM batches").fetchone()[0] == 3
        assert conn.execute("SELECT count(*) FROM indicator_results").fetchone()[0] == 2 * 28 * yiwu_indicators()
        row = conn.execute(
            "SELECT r.input_hash, r.area, r.status, i.value, i.numerator, i.denominator, i.status "
            "FROM runs r JOIN indicator_results i ON i.run_id = r.id WHERE r.submitter = 'county-02' "
            "AND r.as_of = '2024-12-31' AND i.indicator_id = 'elderly_institution_signing_rate'"
        ).fetchone()
        import hashlib

        sha = hashlib.sha256((runs["d24"] / "county-02.xlsx").read_bytes()).hexdigest()
        assert row == (sha, "county-02", "failed", 0.8, 8, 10, "not_met")
        error = conn.execute(
            "SELECT status, exit_code, error FROM runs WHERE submitter = 'county-13' AND as_of = '2025-12-31'"
        ).fetchone()
        assert error[:2] == ("error", 3) and "not a valid spreadsheet" in error[2]  # recorded in --lang en


@pytest.mark.slow
def test_english_run(runs):
    proc = runs["p25"]
    no_traceback(proc)
    assert proc.returncode == 3
    s = summary(runs, "out25")
    assert s["lang"] == "en" and s["as_of"] == "2025-12-31"
    by = {r["submitter"]: r for r in s["submissions"]}
    assert "county-27.csv" in by["county-27"]["error"] and "looks binary" in by["county-27"]["error"]
    assert "30 submissions:" in proc.stdout


@pytest.mark.slow
def test_compare_years_from_the_history(runs, cli, tmp_path):
    out = tmp_path / "compare"
    proc = cli(
        "compare",
        runs["db"],
        "--plan",
        PLAN,
        "--from",
        "2024",
        "--to",
        "2025",
        "-o",
        out.with_suffix(".json"),
        "-o",
        out.with_suffix(".html"),
        "-o",
        out.with_suffix(".md"),
    )
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert result["from"]["as_of"] == "2024-12-31" and result["to"]["as_of"] == "2025-12-31"
    change = {(c["submitter"], c["indicator"]): c for c in result["changes"]}
    signing = "elderly_institution_signing_rate"
    c = change[("county-00", signing)]
    assert (
        c["change"] == "newly_failed"
        and c["from"] == {"status": "met", "value": 1}
        and c["to"] == {"status": "not_met", "value": 0.9}
        and c["delta"] == -0.1
    )
    assert change[("county-01", signing)]["change"] == "resolved"
    c = change[("county-02", signing)]
    assert c["change"] == "improved" and (c["from"]["value"], c["to"]["value"]) == (0.8, 0.9)
    c = change[("county-10", "lottery_fund_share")]
    assert (
        c["change"] == "regressed"
        and c["from"] == {"status": "met", "value": 0.6}
        and c["to"] == {"status": "met", "value": 0.575}
    )
    # untouched data: the value is the same, only the target fell due
    assert change[("county-05", "rehab_dept_coverage")]["change"] == "changed"
    assert change[("county-05", signing)]["change"] == "unchanged"
    # unreadable both years: no indicator entries, no status change
    assert not any(s == "county-13" for s, _ in change)
    assert result["counts"]["resolved"] >= 1 and result["counts"]["regressed"] == 1
    lines = [line for line in proc.stdout.splitlines() if "county-02" in line and "签约率" in line]
    assert lines and "改善" in lines[0] and "+10.0pp" in lines[0]
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert "<svg" in html and "<circle" in html and "新增未达标" in html
    assert "county-10" in out.with_suffix(".md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_compare_two_summary_files_agrees_with_the_history(runs, cli):
    proc = cli(
        "compare",
        runs["root"] / "out24" / "summary.json",
        runs["root"] / "out25" / "summary.json",
        "--lang",
        "en",
        "-o",
        runs["root"] / "files.json",
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads((runs["root"] / "files.json").read_text(encoding="utf-8"))
    change = {(c["submitter"], c["indicator"]): c["change"] for c in result["changes"]}
    assert change[("county-00", "elderly_institution_signing_rate")] == "newly_failed"
    assert change[("county-01", "elderly_institution_signing_rate")] == "resolved"
    assert change[("county-02", "elderly_institution_signing_rate")] == "improved"
    assert change[("county-10", "lottery_fund_share")] == "regressed"
    assert "newly failed" in proc.stdout


@pytest.mark.slow
def test_compare_fail_on_guards_a_baseline(runs, cli):
    """--fail-on: a CI job can refuse a year in which something newly failed or regressed."""
    args = ("compare", runs["db"], "--plan", PLAN, "--from", "2024", "--to", "2025")
    assert cli(*args).returncode == 0  # the default only reports
    assert cli(*args, "--fail-on", "newly_failed").returncode == 1  # county-00's signing rate
    assert cli(*args, "--fail-on", "regressed").returncode == 1
    same = ("compare", runs["root"] / "out24" / "county-02.json", runs["root"] / "again" / "county-02.json")
    assert cli(*same, "--fail-on", "regressed").returncode == 0  # nothing changed


@pytest.mark.slow
def test_compare_two_check_results(runs, cli):
    a = runs["root"] / "out24" / "county-02.json"
    b = runs["root"] / "again" / "county-02.json"
    proc = cli("compare", a, b, "-o", runs["root"] / "same.json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads((runs["root"] / "same.json").read_text(encoding="utf-8"))
    assert {c["change"] for c in result["changes"]} == {"unchanged"}
    assert "两次评估之间没有变化" in proc.stdout


def test_bad_input_exits_cleanly(cli, tmp_path):
    proc = cli("batch", tmp_path / "nowhere", "--plan", PLAN, "-o", tmp_path / "out")
    no_traceback(proc)
    assert proc.returncode == 3 and "nowhere" in proc.stderr and "文件或文件夹不存在" in proc.stderr
    proc = cli("batch", str(tmp_path / "*.xlsx"), "--plan", PLAN, "-o", tmp_path / "out", "--lang", "en")
    assert proc.returncode == 3 and "no file or folder matches this pattern" in proc.stderr
    (tmp_path / "empty").mkdir()
    proc = cli("batch", tmp_path / "empty", "--plan", PLAN, "-o", tmp_path / "out")
    assert proc.returncode == 3 and "没有找到报送文件" in proc.stderr
    proc = cli("batch", tmp_path / "empty", "--plan", "no-such-plan", "-o", tmp_path / "out")
    assert proc.returncode == 2 and "未知的规划" in proc.stderr
    proc = cli("batch", tmp_path / "empty", "--plan", PLAN, "-o", tmp_path / "out", "--format", "pdf")
    assert proc.returncode == 2 and "pdf" in proc.stderr
    proc = cli("batch", tmp_path / "empty", "--plan", PLAN, "-o", tmp_path / "out", "--jobs", "0")
    assert proc.returncode == 2 and "--jobs" in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_glob_and_files_and_name_clashes(cli, tmp_path):
    from batchdata import county, write_county

    for k in (1, 2):
        write_county(tmp_path / "a" / f"county-{k:02d}.xlsx", county(k, 2024))
    write_county(tmp_path / "b" / "county-01.xlsx", county(4, 2024))  # another county-01, elsewhere
    (tmp_path / "a" / "~$county-01.xlsx").write_bytes(b"lock")  # Office's lock file: not a submission
    proc = cli(
        "batch",
        str(tmp_path / "a" / "*.xlsx"),
        tmp_path / "b" / "county-01.xlsx",
        "--plan",
        PLAN,
        "--as-of",
        "2024-12-31",
        "-o",
        tmp_path / "out",
        "-j",
        "2",
    )
    assert proc.returncode == 1, proc.stderr
    s = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    names = [r["submitter"] for r in s["submissions"]]
    assert names == ["county-01.xlsx", "county-01.xlsx (2)", "county-02"]
    assert (tmp_path / "out" / "county-01.xlsx (2).json").exists()


def _crash_on_county_02(task):
    if task["name"] == "county-02":
        os._exit(9)  # what the out-of-memory killer does to a worker
    return {
        "submitter": task["name"],
        "files": task["files"],
        "input_hash": "x",
        "area": None,
        "status": "ok",
        "exit_code": 0,
        "summary": {},
        "indicators": {},
        "issues": {},
        "error": None,
        "reports": {},
    }


@pytest.mark.slow
def test_a_dying_worker_costs_only_its_own_submission():
    from yiyang_cli.batch.pool import execute

    tasks = [{"name": f"county-{k:02d}", "files": [f"/nonexistent/county-{k:02d}.csv"], "lang": "zh"} for k in range(8)]
    rows = []
    execute(tasks, 2, rows.append, worker=_crash_on_county_02)
    by = {r["submitter"]: r for r in rows}
    assert sorted(by) == [t["name"] for t in tasks]
    assert by["county-02"]["status"] == "error" and "工作进程意外退出" in by["county-02"]["error"]
    assert all(r["status"] == "ok" for n, r in by.items() if n != "county-02")


@pytest.mark.slow
def test_mapping_and_fail_on_reach_the_workers(cli, tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    for name, signed in (("甲县", "是,是"), ("乙县", "是,否")):
        flags = signed.split(",")
        (subs / f"{name}.csv").write_text(
            "单位,床位,医养签约情况\n" + "".join(f"{name}第{i}院,80,{f}\n" for i, f in enumerate(flags, 1)),
            encoding="utf-8",
        )
    (subs / "notes.txt").write_text("not a submission", encoding="utf-8")  # a note in the folder: skipped
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "columns:\n  单位: name\n  床位: beds\n  医养签约情况: signed_medical_cooperation\n"
        "sheets:\n  甲县: elderly_institutions\n  乙县: elderly_institutions\n",
        encoding="utf-8",
    )
    args = ["batch", subs, "--plan", PLAN, "--as-of", "2024-12-31", "--mapping", mapping, "-j", "2"]
    proc = cli(*args, "-o", tmp_path / "out")
    assert proc.returncode == 1, proc.stderr
    assert "notes.txt" in proc.stderr
    s = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    by = {r["submitter"]: r for r in s["submissions"]}
    assert sorted(by) == ["乙县", "甲县"]
    assert by["甲县"]["indicators"]["elderly_institution_signing_rate"]["value"] == 1
    assert by["乙县"]["indicators"]["elderly_institution_signing_rate"] == {
        "status": "not_met",
        "value": 0.5,
        "numerator": 1,
        "denominator": 2,
    }
    assert by["乙县"]["status"] == "failed" and by["乙县"]["exit_code"] == 1
    proc = cli(*args, "-o", tmp_path / "never", "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    s = json.loads((tmp_path / "never" / "summary.json").read_text(encoding="utf-8"))
    assert {r["status"] for r in s["submissions"]} == {"ok"}
    bad = tmp_path / "bad.yaml"
    bad.write_text("columns:\n  单位: no_such_field\n", encoding="utf-8")
    proc = cli("batch", subs, "--plan", PLAN, "--mapping", bad, "-o", tmp_path / "x")
    assert proc.returncode == 3 and "no_such_field" in proc.stderr and not (tmp_path / "x").exists()


@pytest.mark.slow
def test_own_output_is_never_read_as_a_submission(cli, tmp_path):
    """A glob may reach an earlier run's output folder: it is left out. (An output folder inside a
    folder given as input is refused: tests/test_output_paths.py.)"""
    other = make_year(tmp_path / "other", 2024, n=2, broken=False)
    for _ in range(2):  # the second time, the first run's output folder matches the pattern too
        proc = cli("batch", str(other / "*"), "--plan", PLAN, "--as-of", "2024-12-31", "-o", other / "out")
        assert proc.returncode == 1, proc.stderr
    s = json.loads((other / "out" / "summary.json").read_text(encoding="utf-8"))
    assert [r["submitter"] for r in s["submissions"]] == ["county-00", "county-01"]
