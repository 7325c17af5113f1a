"""Outputs never destroy inputs or each other (issue 14, point 3).

Every file a command would write (check's and compare's `-o`, template's `-o`, batch's reports, its
summary files and its history) is compared, before any work, with every file the command reads and
with the others, by what it is on disk: a symlink, a hard link, `..` or another spelling of an input
is that input. A refusal is exit 2, names both files and leaves everything as it was. Batch report
names are unique and fit in a file name. Files are written atomically and honour the umask.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from yiyang_cli.batch.discover import discover
from yiyang_cli.plan import catalogue_dir
from yiyang_cli.safeio import write_text, write_with

PLAN = "yiwu-2023"
NAME_MAX = 255  # bytes in a file name (ext4, XFS, APFS, NTFS)
CSV = "机构名称,床位数\n甲院,10\n"


def _refused(proc, *named: object) -> None:
    """Exit 2, no traceback, and every path in `named` in the message."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    for path in named:
        assert str(path) in proc.stderr, (path, proc.stderr)


def name_bytes(name: str) -> int:
    return len(name.encode("utf-8", "surrogatepass"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: what must not change when a run is refused."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------------------------------------ check


@pytest.mark.parametrize("spelling", ["same", "symlink", "hardlink", "dotdot", "dot"])
def test_check_output_that_is_an_input_is_refused_however_spelt(cli, tmp_path, spelling):
    data = tmp_path / "in.json"
    data.write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    if spelling == "symlink":
        out = tmp_path / "link.json"
        out.symlink_to(data)
    elif spelling == "hardlink":
        out = tmp_path / "hard.json"
        os.link(data, out)
    elif spelling == "dotdot":
        out = tmp_path / "sub" / ".." / "in.json"
    elif spelling == "dot":
        out = Path("./in.json")
    else:
        out = data
    proc = cli("check", data, "--plan", PLAN, "-o", out, cwd=tmp_path)
    _refused(proc, out, data)
    assert "不能覆盖输入文件" in proc.stderr
    assert data.read_text(encoding="utf-8") == "{}"


def test_check_output_over_the_rule_file_or_the_mapping_is_refused(cli, tmp_path):
    rules = tmp_path / "plan.json"  # a rule file may have any name when given as a path
    shutil.copy(catalogue_dir() / f"{PLAN}.yaml", rules)
    mapping = tmp_path / "mapping.md"
    mapping.write_text("columns:\n  单位: name\n", encoding="utf-8")
    data = tmp_path / "养老机构.csv"
    data.write_text(CSV, encoding="utf-8")
    before = _snapshot(tmp_path)
    _refused(cli("check", data, "--plan", rules, "-o", rules, "--lang", "en"), rules)
    _refused(cli("check", data, "--plan", PLAN, "--mapping", mapping, "-o", tmp_path / "." / "mapping.md"), mapping)
    assert _snapshot(tmp_path) == before


def test_two_check_outputs_that_are_one_file_are_refused(cli, tmp_path):
    data = tmp_path / "养老机构.csv"
    data.write_text(CSV, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    other = tmp_path / "sub" / ".." / "r.md"
    proc = cli("check", data, "--plan", PLAN, "-o", tmp_path / "r.md", "-o", other, "--lang", "en")
    _refused(proc, tmp_path / "r.md", other)
    assert "two outputs are the same file" in proc.stderr
    assert not (tmp_path / "r.md").exists()


# ---------------------------------------------------------------------------------------------- compare


def test_compare_output_over_a_compared_file_or_the_history_is_refused(cli, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text("{}", encoding="utf-8")
    b.write_text("[]", encoding="utf-8")
    _refused(cli("compare", a, b, "-o", tmp_path / "x" / ".." / "b.json"), b)
    db = tmp_path / "history.json"  # a history is recognised by its content, not its name
    db.write_bytes(b"SQLite format 3\x00" + bytes(100))
    _refused(cli("compare", db, "--plan", PLAN, "--from", "2024", "--to", "2025", "-o", db), db)
    assert a.read_text(encoding="utf-8") == "{}" and b.read_text(encoding="utf-8") == "[]"
    assert db.read_bytes().startswith(b"SQLite format 3\x00")


# --------------------------------------------------------------------------------------------- template


def test_template_output_over_its_rule_file_is_refused(cli, tmp_path):
    rules = tmp_path / "plan.xlsx"
    shutil.copy(catalogue_dir() / f"{PLAN}.yaml", rules)
    before = rules.read_bytes()
    _refused(cli("template", "--plan", rules, "-o", rules), rules)
    assert rules.read_bytes() == before


# ------------------------------------------------------------------------------------------------ batch


def _folder(root: Path, *names: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        (root / name).write_text(CSV, encoding="utf-8")
    return root


def test_batch_into_its_own_input_folder_is_refused(cli, tmp_path):
    """`batch DIR -o DIR` overwrote a submission named summary.xlsx; now nothing is written."""
    subs = _folder(tmp_path / "subs", "甲县.csv")
    (subs / "summary.xlsx").write_bytes(b"a submission that happens to be called summary")
    before = _snapshot(subs)
    _refused(cli("batch", subs, "--plan", PLAN, "-o", subs), subs)
    _refused(cli("batch", subs, "--plan", PLAN, "-o", subs / "out", "--lang", "en"), subs / "out", subs)
    _refused(cli("batch", str(subs / "*.csv"), subs / "..", "--plan", PLAN, "-o", tmp_path / "out"), tmp_path)
    link = tmp_path / "link"
    link.symlink_to(subs)
    _refused(cli("batch", subs, "--plan", PLAN, "-o", link / "out"), subs)
    assert _snapshot(subs) == before
    assert not (tmp_path / "out").exists()


def test_batch_output_folder_inside_a_folder_submission_is_refused(cli, tmp_path):
    county = _folder(tmp_path / "in" / "甲县", "养老机构.csv")
    _refused(cli("batch", str(tmp_path / "in" / "*"), "--plan", PLAN, "-o", county / "out"), county)
    assert not (county / "out").exists()


def test_batch_report_over_an_input_file_is_refused(cli, tmp_path):
    """A file named on the command line is a submission whatever its suffix: its report may not
    overwrite it (nor another input)."""
    (tmp_path / "r.json").write_text(CSV, encoding="utf-8")
    before = _snapshot(tmp_path)
    proc = cli("batch", "r.json", "--plan", PLAN, "-o", ".", cwd=tmp_path)
    _refused(proc, "r.json")
    assert _snapshot(tmp_path) == before


def test_batch_history_over_an_input_or_an_output_is_refused(cli, tmp_path):
    subs = _folder(tmp_path / "subs", "甲县.csv")
    mapping = tmp_path / "m.yaml"
    mapping.write_text("columns:\n  机构名称: name\n", encoding="utf-8")
    rules = tmp_path / "p.yaml"
    shutil.copy(catalogue_dir() / f"{PLAN}.yaml", rules)
    before = _snapshot(tmp_path)
    out = tmp_path / "out"
    _refused(cli("batch", subs, "--plan", PLAN, "-o", out, "--history", subs / "甲县.csv"), subs / "甲县.csv")
    _refused(cli("batch", subs, "--plan", PLAN, "-o", out, "--mapping", mapping, "--history", mapping), mapping)
    _refused(cli("batch", subs, "--plan", rules, "-o", out, "--history", rules), rules)
    proc = cli("batch", subs, "--plan", PLAN, "-o", out, "--history", out / "summary.json", "--lang", "en")
    _refused(proc, out / "summary.json")
    assert "two outputs are the same file" in proc.stderr
    proc = cli("batch", subs, "--plan", PLAN, "-o", out, "--history", out / "甲县.json")
    _refused(proc, out / "甲县.json")
    assert _snapshot(tmp_path) == before and not out.exists()


# ------------------------------------------------------------------------------------------ report names


def _names(*inputs: Path) -> list[str]:
    subs, _ = discover([str(p) for p in inputs])
    return [s.name for s in subs]


def test_report_names_skip_a_name_already_taken(tmp_path):
    """A submission named `x (2)` and two named `x` overwrote each other's reports."""
    a = _folder(tmp_path / "a" / "x", "养老机构.csv").parent
    _folder(a / "x (2)", "养老机构.csv")
    b = _folder(tmp_path / "b" / "x", "养老机构.csv").parent
    names = _names(a, b)
    assert sorted(names) == ["x", "x (2)", "x (3)"]
    subs, _ = discover([str(a), str(b)])
    assert {s.name: s.source for s in subs}["x (2)"] == a / "x (2)"


def test_report_names_are_unique_ignoring_case_and_normalisation(tmp_path):
    a = _folder(tmp_path / "a", "County.csv", "SUMMARY.csv", "caf\u00e9.csv")
    b = _folder(tmp_path / "b", "county.xlsx", "Summary (submission).csv", "cafe\u0301.csv")
    names = _names(a, b)
    keys = [n.casefold() for n in names]
    import unicodedata

    keys = [unicodedata.normalize("NFC", k) for k in keys]
    assert len(set(keys)) == len(names) == 6
    assert "summary" not in keys


def test_long_file_names_get_short_unique_report_names(tmp_path):
    """A report name fits in a file name with its longest suffix; names that share their first 250
    bytes stay apart (the beginning is kept, with a hash of the whole name)."""
    folder = _folder(tmp_path / "in", "y" * 250 + "a.csv", "y" * 250 + "b.csv", "县" * 82 + "x.csv")
    _folder(folder / ("z" * 255), "养老机构.csv")
    names = _names(folder)
    assert len(set(names)) == 4
    for name in names:
        assert name_bytes(name + ".html") <= NAME_MAX
        assert name.startswith(("y" * 200, "z" * 200, "县" * 60))


def test_fit_name_keeps_short_names_and_hashes_long_ones():
    from yiyang_cli.safeio import fit_name

    assert fit_name("县.json") == "县.json"
    long_a, long_b = "甲" * 100 + "a", "甲" * 100 + "b"
    fa, fb = fit_name(long_a, 100), fit_name(long_b, 100)
    assert fa != fb and name_bytes(fa) <= 100 and name_bytes(fb) <= 100 and fa.startswith("甲" * 20)
    odd = "\udcb1\udca8" * 200  # the bytes of a file name that is not UTF-8
    assert name_bytes(fit_name(odd)) <= NAME_MAX


@pytest.mark.slow
def test_batch_writes_reports_for_long_and_clashing_names(cli, tmp_path):
    """Every submission gets its own reports, the long names included, with the umask's mode."""
    a = _folder(tmp_path / "a", "x.csv", "x (2).csv", "w" * 246 + ".csv", "y" * 251 + ".csv", "Summary.csv")
    b = _folder(tmp_path / "b", "x.csv")
    out = tmp_path / "out"
    mask = os.umask(0o027)
    try:
        proc = cli("batch", a, b, "--plan", PLAN, "-o", out, "-f", "json,md,html,xml", "-j", "1")
    finally:
        os.umask(mask)
    assert proc.returncode == 1, proc.stderr
    rows = json.loads((out / "summary.json").read_text(encoding="utf-8"))["submissions"]
    assert len(rows) == 6 and all(r["status"] != "error" for r in rows), rows
    for fmt in ("json", "md", "html", "xml"):
        assert len({r["reports"][fmt] for r in rows}) == 6
        assert all((out / r["reports"][fmt]).is_file() for r in rows)
    summaries = sorted(p.name for p in out.iterdir() if p.name.startswith("summary."))
    assert summaries == ["summary.html", "summary.json", "summary.md", "summary.xlsx"]
    assert len(os.listdir(out)) == 6 * 4 + 4
    for path in out.iterdir():
        assert name_bytes(path.name) <= NAME_MAX
        assert stat.S_IMODE(path.stat().st_mode) == 0o640, path.name


# ------------------------------------------------------------------------------------- atomic and umask


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077, 0o002])
def test_written_files_honour_the_umask(tmp_path, mask):
    old = os.umask(mask)
    try:
        write_text(tmp_path / "r.md", "x")
        write_with(tmp_path / "summary.xlsx", lambda fh: fh.write(b"PK"))
    finally:
        os.umask(old)
    for name in ("r.md", "summary.xlsx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~mask


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    from yiyang_cli.errors import YiyangError

    target = tmp_path / "r.md"
    target.write_text("old", encoding="utf-8")

    def fail(fh) -> None:
        fh.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(YiyangError):
        write_with(target, fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["r.md"]


def test_a_report_name_of_250_bytes_is_written(tmp_path):
    """The temporary file is named after the report: a long name made it too long to create."""
    target = tmp_path / ("报" * 83 + ".md")  # 249 + 3 bytes
    assert name_bytes(target.name) == 252
    write_text(target, "x")
    assert target.read_text(encoding="utf-8") == "x" and os.listdir(tmp_path) == [target.name]
