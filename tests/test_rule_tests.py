"""`yiyang rules test`: fixtures inside a plan file prove the plan computes what its author meant."""

from __future__ import annotations

from conftest import ROOT

from yiyang_cli.plan import load_file
from yiyang_cli.ruletests import fixture_dataset


def test_every_shipped_plan_passes_its_own_tests(cli):
    # What the command prints: one line per fixture, named by its file, then the count. Whether each
    # fixture holds is tests/test_samples.py::test_rule_file_fixture, one test per fixture.
    files = sorted((ROOT / "rules").glob("*.yaml"))
    proc = cli("rules", "test", *files, "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    fixtures = [(path.stem, test.name) for path in files for test in load_file(path).tests]
    assert proc.stdout.splitlines() == [f"✓ {stem} · {name}" for stem, name in fixtures] + [
        f"{len(fixtures)} passed, 0 failed"
    ]


def test_a_wrong_expectation_fails_with_what_differs(cli, tmp_path):
    text = (ROOT / "rules" / "yiwu-2023.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "yiwu-edited.yaml"
    bad.write_text(
        text.replace(
            "elderly_institution_signing_rate: {status: not_met, numerator: 3, denominator: 4, failing: [丙院]}",
            "elderly_institution_signing_rate: {status: met, numerator: 4, denominator: 4, failing: []}",
        ),
        encoding="utf-8",
    )
    proc = cli("rules", "test", bad)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == "✗ yiwu-2023 · 四家养老机构、四家医疗机构，2026年全部到期"
    assert (
        "  养老机构与医疗卫生机构签约率 (elderly_institution_signing_rate)：期望 status = met，实际为 not_met" in lines
    )
    assert any("期望 numerator = 4，实际为 3" in line for line in lines)
    assert any("期望 failing = -，实际为 丙院" in line for line in lines)
    assert lines[-1] == "1 个通过，1 个失败"


def test_fixture_rows_are_located_at_their_yaml_lines():
    plan = load_file(ROOT / "rules" / "yiwu-2023.yaml")
    ds = fixture_dataset(plan, plan.tests[0], 0)
    text = (ROOT / "rules" / "yiwu-2023.yaml").read_text(encoding="utf-8").splitlines()
    df = ds.frame("elderly_institutions")
    for name, row in zip(df["name"], df["_row"]):
        assert f"name: {name}," in text[row - 1]
    assert ds.location(0, int(df["_row"].iat[2])) == f"yiwu-2023.yaml:{df['_row'].iat[2]}"


def test_fixture_with_unknown_field_or_indicator_is_an_invalid_rule_file(cli, tmp_path):
    text = (ROOT / "rules" / "mangshi-2017.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "m.yaml"
    bad.write_text(
        text.replace("fd_signed_key: 15000", "fd_signed_keys: 15000").replace(
            "elderly_health_management_rate: not_due", "elderly_health_rate: not_due"
        ),
        encoding="utf-8",
    )
    lines = bad.read_text(encoding="utf-8").splitlines()
    field_line = next(i for i, s in enumerate(lines, 1) if "fd_signed_keys" in s)
    expect_line = next(i for i, s in enumerate(lines, 1) if "elderly_health_rate" in s)
    proc = cli("rules", "test", bad)
    assert proc.returncode == 3
    assert f"{bad}:{field_line}:" in proc.stderr and "没有字段“fd_signed_keys”" in proc.stderr
    assert f"{bad}:{expect_line}:" in proc.stderr and "没有 id 为“elderly_health_rate”的指标" in proc.stderr
