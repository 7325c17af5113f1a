"""The command line as users and CI jobs meet it: exit codes, the JSON contract, messages."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

STATUSES = {"met", "not_met", "not_due", "no_data", "not_applicable"}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def no_traceback(proc) -> None:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


def test_failed_binding_target_exits_1_and_names_the_unsigned_homes(cli, samples):
    proc = cli("check", samples / "yiwu-2023.xlsx", "--plan", "yiwu-2023", "--as-of", "2025-12-31")
    assert proc.returncode == 1, proc.stderr
    assert "养老机构与医疗卫生机构签约率" in proc.stdout
    assert "87.9% (29/33)" in proc.stdout
    assert "义乌市赤岸敬老院" in proc.stdout and "养老机构!B25" in proc.stdout
    # signing, medical service, geriatrics, rehab, lottery, primary-care beds and TCM (要: binding)
    assert "结论：7 项已到期的约束性指标未达标或缺少数据。" in proc.stdout


def test_nothing_due_exits_0(cli, samples):
    # Every Mangshi target falls due at the end of 2017 or later.
    proc = cli(
        "check", samples / "mangshi-2017.xlsx", "--plan", "mangshi-2017", "--as-of", "2017-06-30", "--format", "json"
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["summary"]["not_due"] == len(result["indicators"]) == 17


@pytest.mark.parametrize("fail_on,code", [("never", 0), ("mandatory", 1), ("advisory", 1)])
def test_fail_on(cli, samples, fail_on, code):
    proc = cli(
        "check",
        samples / "yiwu-2023.xlsx",
        "--plan",
        "yiwu-2023",
        "--as-of",
        "2025-12-31",
        "--fail-on",
        fail_on,
        "--format",
        "json",
    )
    assert proc.returncode == code


def test_json_contract(cli, samples):
    path = samples / "yiwu-2023.xlsx"
    proc = cli("check", path, "--plan", "yiwu-2023", "--as-of", "2025-12-31", "--format", "json")
    r = json.loads(proc.stdout)
    assert r["schema_version"] == 1
    assert r["tool"]["name"] == "yiyang" and r["tool"]["version"]
    assert r["plan"] == {**r["plan"], "id": "yiwu-2023", "source": "002_2c1f7038ce11c178.txt"}
    assert r["as_of"] == "2025-12-31"
    assert r["inputs"][0]["sha256"] == sha(path)
    assert set(r["summary"]) == STATUSES
    assert sum(r["summary"].values()) == len(r["indicators"])
    for ind in r["indicators"]:
        assert {
            "id",
            "name",
            "scope",
            "severity",
            "status",
            "value",
            "numerator",
            "denominator",
            "target",
            "failing",
            "groups",
        } <= set(ind)
        assert ind["status"] in STATUSES
        assert ind["scope"] in {"region", "institution", "area"}
        assert ind["severity"] in {"mandatory", "advisory"}
        assert set(ind["target"]) == {"comparator", "value", "unit", "deadline"}
        for f in ind["failing"]:
            assert set(f) >= {"name", "location"}
        for g in ind["groups"]:
            assert set(g) >= {"group", "value", "status"}
    for d in r["data_issues"]:
        assert d["severity"] in {"error", "warning"} and d["code"] and d["message"]
    signing = next(i for i in r["indicators"] if i["id"] == "elderly_institution_signing_rate")
    assert (signing["numerator"], signing["denominator"], signing["status"]) == (29, 33, "not_met")
    assert signing["value"] == pytest.approx(29 / 33, abs=1e-6)
    assert signing["target"] == {"comparator": ">=", "value": 1.0, "unit": "ratio", "deadline": "2023-06-20"}
    assert {"name": "义乌市大陈康养中心", "location": "养老机构!B33"} in signing["failing"]
    assert any(g["group"] == "赤岸镇" and g["status"] == "not_met" for g in signing["groups"])


def test_outputs_written_and_input_unchanged(cli, samples, tmp_path):
    path = samples / "mangshi-2017.xlsx"
    before = sha(path)
    md, js = tmp_path / "out" / "r.md", tmp_path / "r.json"
    proc = cli("check", path, "--plan", "mangshi-2017", "--as-of", "2021-01-31", "-o", md, "-o", js)
    assert proc.returncode == 1
    assert sha(path) == before
    report = md.read_text(encoding="utf-8")
    assert report.startswith("# 医养结合规划达标检查报告")
    assert (
        "| 入住养老机构老年人家庭医生签约服务率 (`resident_family_doctor_signing`) | 约束性 | ≥ 100.0% | 2020-12-31 "
        "| 95.2% (239/251) | -4.8pp | ❌ 未达标 |"
    ) in report
    data = json.loads(js.read_text(encoding="utf-8"))
    by_id = {i["id"]: i for i in data["indicators"]}
    # 2020's 覆盖率达100% is read literally: every resident signed (binding), so 58.7% fails.
    fd = by_id["family_doctor_coverage"]
    assert fd["numerator"] == 338461 and fd["denominator"] == 576390 and fd["status"] == "not_met"
    assert fd["severity"] == "mandatory" and fd["target"]["value"] == 1.0
    assert "family_doctor_system_coverage" not in by_id and "family_doctor_whole_population" not in by_id


def test_english(cli, samples):
    proc = cli("check", samples / "yiwu-2023.xlsx", "--plan", "yiwu-2023", "--as-of", "2024-06-30", "--lang", "en")
    assert "Elderly-care institutions with a signed medical cooperation agreement" in proc.stdout
    assert "not due" in proc.stdout and "Verdict:" in proc.stdout


def test_as_of_switches_stage(cli, samples):
    def status(as_of):
        proc = cli("check", samples / "yiwu-2023.xlsx", "--plan", "yiwu-2023", "--as-of", as_of, "--format", "json")
        return {i["id"]: i["status"] for i in json.loads(proc.stdout)["indicators"]}

    assert status("2024-12-31")["geriatrics_dept_coverage"] == "not_due"
    assert status("2025-12-31")["geriatrics_dept_coverage"] == "not_met"


@pytest.mark.parametrize(
    "args,code,text",
    [
        (["--plan", "no-such-plan"], 2, "未知的规划“no-such-plan”"),
        (["--plan", "yiwu-2023", "--as-of", "2025-13-01"], 2, "日期“2025-13-01”格式错误"),
        (["--plan", "yiwu-2023", "-o", "report.pdf"], 2, "无法根据扩展名确定输出格式"),
        (["--plan", "yiwu-2023", "--bogus"], 2, "错误: 没有选项 --bogus（No such option: --bogus）"),
        ([], 2, "错误: 缺少选项 '--plan' / '-p'"),
        (["--plan"], 2, "选项 --plan 需要一个值"),
        (["--plan", "yiwu-2023", "--fail-on", "sometimes"], 2, "'--fail-on' 的值“sometimes”无效，可选：'mandatory'"),
        (["--plan", "yiwu-2023", "--bogus", "--lang", "en"], 2, "error: No such option: --bogus"),
    ],
)
def test_usage_errors_exit_2(cli, samples, args, code, text):
    proc = cli("check", samples / "yiwu-2023.xlsx", *args)
    assert proc.returncode == code
    assert text in proc.stderr
    no_traceback(proc)


def test_usage_error_shows_usage_and_where_to_get_help(cli):
    proc = cli("plans", "show")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "用法: yiyang plans show [OPTIONS] {ID}",
        "错误: 缺少参数 'ID'（Missing argument 'ID'.）",
        "运行 yiyang plans show --help 查看用法",
    ]
    assert cli("nosuch").stderr.splitlines()[1] == "错误: 没有命令 nosuch（No such command 'nosuch'.）"
    bare = cli()
    assert bare.returncode == 2 and "Commands:" in bare.stderr and "错误" not in bare.stderr


def test_unknown_plan_in_english(cli, samples):
    proc = cli("check", samples / "yiwu-2023.xlsx", "--plan", "nope", "--lang", "en")
    assert proc.returncode == 2
    assert "unknown plan 'nope'. Available: " in proc.stderr
    assert "mangshi-2017" in proc.stderr and "yiwu-2023" in proc.stderr


@pytest.mark.parametrize(
    "name,content,text",
    [
        ("missing.xlsx", None, "文件不存在"),
        ("broken.xlsx", b"PK\x03\x04 this is not a zip", "不是有效的电子表格"),
        ("random.xlsx", bytes(range(256)) * 40, "不是有效的电子表格"),
        ("empty.csv", b"", "文件是空的"),
        ("binary.csv", b"\x00\x01\x02\x03" * 100, "二进制"),
        ("notes.pdf", b"%PDF-1.4", "不支持的文件类型"),
        ("unrelated.csv", b"a,b,c\n1,2,3\n", "没有找到可识别的表"),
    ],
)
def test_unreadable_inputs_exit_3(cli, tmp_path, name, content, text):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    proc = cli("check", path, "--plan", "yiwu-2023")
    assert proc.returncode == 3, proc.stdout
    assert text in proc.stderr
    assert name in proc.stderr
    no_traceback(proc)


def test_output_may_not_overwrite_input(cli, samples, tmp_path):
    data = tmp_path / "in.json"
    data.write_text("{}")
    proc = cli("check", data, "--plan", "yiwu-2023", "-o", data)
    assert proc.returncode == 2 and "不能覆盖输入文件" in proc.stderr
    assert data.read_text() == "{}"


def test_plans_list_and_show_json(cli):
    proc = cli("plans", "list", "--format", "json")
    assert proc.returncode == 0
    plans = {p["id"]: p for p in json.loads(proc.stdout)}
    assert plans["yiwu-2023"]["indicators"] == 19 and plans["yiwu-2023"]["region"] == "义乌市"
    assert {"id", "title", "region", "indicators"} <= set(plans["mangshi-2017"])
    proc = cli("plans", "show", "yiwu-2023", "--format", "json")
    plan = json.loads(proc.stdout)
    assert plan["doc_no"] == "义卫发〔2023〕6号" and plan["issued"] == "2023-05-17"
    assert plan["source_file"] == "002_2c1f7038ce11c178.txt"
    signing = next(i for i in plan["indicators"] if i["id"] == "elderly_institution_signing_rate")
    assert signing["targets"] == [{"comparator": ">=", "value": 1.0, "unit": "ratio", "deadline": "2023-06-20"}]
    assert signing["quote"] == "养老机构与周边的医疗卫生机构开展多种形式的签约合作,签约率达100%。"
    assert cli("plans", "show", "nope").returncode == 2


def test_fields_lists_aliases(cli):
    proc = cli("fields", "--format", "json")
    fields = json.loads(proc.stdout)
    beds = next(f for f in fields["elderly_institutions"]["fields"] if f["id"] == "beds")
    assert beds["label"] == "床位数" and "实有床位" in beds["aliases"] and beds["unit"] == "张"


def test_help_and_version(cli):
    assert "check" in cli("--help").stdout
    assert cli("--version").stdout.startswith("yiyang ")


def test_mapping_file_errors_exit_3_with_line(cli, samples, tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  实有床位（张）: beds\n  签约: signed_cooperation\n", encoding="utf-8")
    proc = cli("check", samples / "yiwu-2023.xlsx", "--plan", "yiwu-2023", "--mapping", mapping)
    assert proc.returncode == 3
    assert f"{mapping}:3" in proc.stderr and "signed_cooperation" in proc.stderr


def test_shipped_quotes_are_verbatim():
    """Every quote in rules/ appears word for word in its seed document (when shared/ is present)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's: eight times faster, same data
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    for path in (ROOT / "rules").glob("*.yaml"):
        plan = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        text = (seeds / plan["source_file"]).read_text(encoding="utf-8")
        quotes = [i["quote"] for i in plan["indicators"]] + [c["quote"] for c in plan.get("commitments", [])]
        quotes += [c["quote"] for i in plan["indicators"] for c in i["measure"].get("criteria", []) if c.get("quote")]
        for q in quotes:
            assert q in text, f"{path.name}: quote not found in {plan['source_file']}: {q}"


def test_rules_lint(cli, tmp_path):
    proc = cli("rules", "lint", ROOT / "rules" / "yiwu-2023.yaml", "--lang", "en")
    assert proc.returncode == 0 and "OK (19 indicators, 12 commitments)" in proc.stdout
    bad = tmp_path / "bad.yaml"
    text = (ROOT / "rules" / "yiwu-2023.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("where: beds >= 100", "where: bedz >= 100"), encoding="utf-8")
    line = next(i for i, s in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1) if "bedz" in s)
    proc = cli("rules", "lint", bad, ROOT / "rules" / "mangshi-2017.yaml")
    assert proc.returncode == 3
    assert f"{bad}:{line}:12: elderly_institutions 表没有字段“bedz”，是否想写“beds”？" in proc.stderr
    assert "mangshi-2017.yaml：通过" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_a_report_that_cannot_be_written_leaves_no_temporary_file(cli, samples, tmp_path):
    """A folder where the report should go: the write fails with exit 3 (or 2) and a message, and no .tmp remains."""
    (tmp_path / "r.md").mkdir()
    proc = cli("check", samples / "yiwu-2023.xlsx", "--plan", "yiwu-2023", "-o", tmp_path / "r.md")
    assert proc.returncode in (2, 3) and "r.md" in proc.stderr
    no_traceback(proc)
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


@pytest.mark.parametrize("launcher", ["python -m yiyang_cli", "yiyang"])
@pytest.mark.slow
def test_a_real_process_prints_what_the_in_process_run_prints(cli, samples, tmp_path, launcher):
    """End to end, the one thing the in-process runs of the other tests cannot show: `python -m
    yiyang_cli` and the installed `yiyang` script (cli.run: flush both streams, then leave without
    the interpreter's teardown), started from another folder, print the very report (as wide as on
    any pipe) and exit with the same code."""
    if launcher == "yiyang":
        script = Path(sys.executable).with_name("yiyang")
        if not script.is_file():
            pytest.skip(f"no installed yiyang script beside {sys.executable}")
        command = [str(script)]
    else:
        command = [sys.executable, "-m", "yiyang_cli"]
    args = ["check", str(samples / "yiwu-2023.xlsx"), "--plan", "yiwu-2023", "--as-of", "2025-12-31"]
    proc = subprocess.run([*command, *args], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    same = cli(*args)
    assert (proc.returncode, proc.stdout, proc.stderr) == (same.returncode, same.stdout, same.stderr)
    assert proc.returncode == 1 and proc.stderr == ""
    assert "结论：7 项已到期的约束性指标未达标或缺少数据。" in proc.stdout


@pytest.mark.slow
def test_a_reader_that_has_gone_gets_no_traceback(samples):
    """`yiyang check … | head` where head has already exited: the report meets a closed pipe, and
    the closing flush in cli.run meets closed streams. Exit 0, nothing about it on stderr. End to
    end: a closed pipe and cli.run exist only in a process of its own."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "yiyang_cli",
            "check",
            str(samples / "yiwu-2023.xlsx"),
            "--plan",
            "yiwu-2023",
            "--as-of",
            "2025-12-31",
            "--format",
            "json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # long before the report is written: start-up alone takes a quarter second
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert b"Traceback" not in err and b"Exception ignored" not in err and b"Error" not in err


def test_an_internal_error_exits_4_with_one_line_asking_for_a_report(monkeypatch, capsys, samples):
    """A bug is not the user's fault: exit 4 (not 3, "invalid input"), one line, no traceback."""
    from yiyang_cli import api, cli

    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "read", bug)
    monkeypatch.delenv("YIYANG_DEBUG", raising=False)
    code = cli.main(["check", str(samples / "yiwu-2023.xlsx"), "--plan", "yiwu-2023"])
    err = capsys.readouterr().err
    assert code == 4
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "内部错误" in err and "ZeroDivisionError: division by zero" in err and "YIYANG_DEBUG=1" in err
    code = cli.main(["check", str(samples / "yiwu-2023.xlsx"), "--plan", "yiwu-2023", "--lang", "en"])
    assert code == 4 and "internal error (a bug in yiyang" in capsys.readouterr().err
    monkeypatch.setenv("YIYANG_DEBUG", "1")  # the traceback, for the developer who was sent the line
    with pytest.raises(ZeroDivisionError):
        cli.main(["check", str(samples / "yiwu-2023.xlsx"), "--plan", "yiwu-2023"])
