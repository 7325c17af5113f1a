"""The Python API: what a notebook gets is what the command line prints."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from contextlib import redirect_stdout

import pytest

import yiyang_cli
from yiyang_cli import cli


def test_check_gives_the_json_the_cli_prints(samples):
    path = samples / "yiwu-2023.xlsx"
    result = yiyang_cli.check([path], "yiwu-2023", as_of="2025-12-31")
    out = io.StringIO()
    with redirect_stdout(out):
        code = cli.main(["check", str(path), "--plan", "yiwu-2023", "--as-of", "2025-12-31", "--format", "json"])
    assert result.to_dict() == json.loads(out.getvalue())
    assert result.exit_code() == code == 1
    assert result.summary() == {"met": 6, "not_met": 13, "not_due": 0, "no_data": 0, "not_applicable": 0}


def test_the_parts_make_the_same_result(samples):
    path = samples / "mangshi-2017.xlsx"
    plan = yiyang_cli.load_plan("mangshi-2017")
    dataset = yiyang_cli.read([path])
    parts = yiyang_cli.evaluate(plan, dataset, dt.date(2020, 12, 31))
    whole = yiyang_cli.check([str(path)], plan, as_of=dt.date(2020, 12, 31))
    assert isinstance(parts, yiyang_cli.Result) and isinstance(plan, yiyang_cli.Plan)
    assert isinstance(dataset, yiyang_cli.Dataset)
    assert parts.to_dict() == whole.to_dict()
    assert [t.entity for t in dataset.tables] == ["elderly_institutions", "medical_institutions", "areas"]


def test_lang_decides_the_language_of_messages(samples):
    result = yiyang_cli.check([samples / "yiwu-2023.xlsx"], "yiwu-2023", as_of="2025-12-31", lang="en")
    data = result.to_dict()
    assert data["lang"] == "en" and data["plan"]["title"].startswith("Implementation opinions")
    assert result.to_dict("zh")["plan"]["title"].startswith("关于深入推进")


def test_errors_are_the_tools_own_with_the_cli_messages(samples, tmp_path):
    with pytest.raises(yiyang_cli.UsageError) as err:
        yiyang_cli.load_plan("no-such-plan")
    assert err.value.exit_code == 2 and "未知的规划“no-such-plan”" in str(err.value)
    with pytest.raises(yiyang_cli.InputError) as err:
        yiyang_cli.check([tmp_path / "missing.xlsx"], "yiwu-2023", lang="en")
    assert err.value.exit_code == 3 and "missing.xlsx" in str(err.value) and "not found" in str(err.value)
    with pytest.raises(yiyang_cli.UsageError) as err:
        yiyang_cli.check([samples / "yiwu-2023.xlsx"], "yiwu-2023", as_of="2025-13-01")
    assert "2025-13-01" in str(err.value)
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    with pytest.raises(yiyang_cli.RuleError) as err:
        yiyang_cli.load_plan(bad)
    assert f"{bad}:1" in str(err.value)


@pytest.mark.slow
def test_importing_the_package_imports_no_heavy_library():
    """In a fresh interpreter: in this one, pytest and the other tests have imported everything."""
    code = (
        "import sys, yiyang_cli; "
        "print(sorted(m for m in ('pandas', 'pydantic', 'numpy', 'python_calamine', 'typer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _doc_examples() -> list[str]:
    import re

    from conftest import ROOT

    return re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("index", range(len(_doc_examples())))
def test_every_example_in_docs_api_md_runs_and_prints_what_it_says(index, monkeypatch):
    """docs/api.md's examples run from the repository's top folder, and the `# …` line under a
    print shows what that print prints."""
    from conftest import ROOT

    block = _doc_examples()[index]
    lines = block.splitlines()
    expected = [
        line.strip()[2:]
        for prev, line in zip(lines, lines[1:])
        if line.strip().startswith("# ") and prev.strip().startswith("print(")
    ]
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with redirect_stdout(out):
        exec(compile(block, f"docs/api.md example {index + 1}", "exec"), {})
    printed = out.getvalue()
    for line in expected:
        assert line in printed, (line, printed)
