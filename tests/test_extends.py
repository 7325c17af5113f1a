"""Plan inheritance: a county plan starts from a city plan and overrides, drops and adds."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from yiyang_cli import check
from yiyang_cli.errors import RuleError
from yiyang_cli.plan import catalogue_dir, load_file

CHILD = """\
id: yiwu-town-x
extends: yiwu-2023
title: 某镇落实方案
region: 义乌市某镇
drop: [lottery_fund_share]
overrides:
  - id: elderly_institution_signing_rate
    severity: advisory
    targets: [{comparator: ">=", value: "90%", unit: ratio, deadline: 2024-12-31}]
  - id: large_home_medical_unit
    where: beds >= 80
indicators:
  - id: nursing_share
    name: 护理型床位占比
    name_en: Nursing beds share
    quote: 护理型床位占比不低于50%
    severity: mandatory
    entity: elderly_institutions
    measure: {kind: ratio, numerator: {sum: nursing_beds}, denominator: {sum: beds}}
    targets: [{comparator: ">=", value: 0.5, unit: ratio}]
"""


@pytest.fixture
def child(tmp_path):
    path = tmp_path / "town.yaml"
    path.write_text(CHILD, encoding="utf-8")
    return path


def test_effective_plan_and_where_each_value_came_from(child):
    plan = load_file(child)
    parent = load_file(catalogue_dir() / "yiwu-2023.yaml")
    ids = [i.id for i in plan.indicators]
    # One dropped, one added: the parent's count, with the parent's own indicators in its order.
    assert "lottery_fund_share" not in ids and ids[-1] == "nursing_share" and len(ids) == len(parent.indicators)
    assert ids[:-1] == [i.id for i in parent.indicators if i.id != "lottery_fund_share"]
    assert (plan.issuer, plan.doc_no, plan.title) == ("义乌市卫生健康局等11部门", "义卫发〔2023〕6号", "某镇落实方案")
    signing = next(i for i in plan.indicators if i.id == "elderly_institution_signing_rate")
    assert signing.severity == "advisory" and signing.targets[0].value == 0.9
    assert signing.quote == "养老机构与周边的医疗卫生机构开展多种形式的签约合作,签约率达100%。"
    assert plan.origin("elderly_institution_signing_rate") == {
        "defined_in": "yiwu-2023",
        "overrides": {"severity": "yiwu-town-x", "targets": "yiwu-town-x"},
    }
    assert plan.origin("hospice_ward_count") == {"defined_in": "yiwu-2023", "overrides": {}}
    assert plan.origin("nursing_share") == {"defined_in": "yiwu-town-x", "overrides": {}}
    assert [c.quote for c in plan.commitments] == [c.quote for c in parent.commitments]


def test_check_uses_the_overridden_values(child, samples):
    result = check([samples / "yiwu-2023.xlsx"], str(child), dt.date(2025, 1, 1), None)
    by_id = {r.indicator.id: r for r in result.indicators}
    signing = by_id["elderly_institution_signing_rate"]
    assert (signing.numerator, signing.denominator, signing.status) == (29, 33, "not_met")
    assert signing.target.value == 0.9 and not signing.blocking  # now advisory
    assert "lottery_fund_share" not in by_id
    large = by_id["large_home_medical_unit"]
    assert large.denominator > 21  # 80+ beds now in scope, not only 100+


def test_plans_show_reports_origins(cli, child):
    proc = cli("plans", "show", child, "--format", "json")
    detail = json.loads(proc.stdout)
    assert detail["extends"] == "yiwu-2023"
    signing = next(i for i in detail["indicators"] if i["id"] == "elderly_institution_signing_rate")
    assert signing["origin"]["overrides"] == {"severity": "yiwu-town-x", "targets": "yiwu-town-x"}
    text = cli("plans", "show", child).stdout
    assert "继承自 yiwu-2023；改写：severity（yiwu-town-x）、targets（yiwu-town-x）" in text


@pytest.mark.parametrize(
    "edit,key,needle",
    [
        (("drop: [lottery_fund_share]", "drop: [lottery_fund]"), "rule.unknown_indicator", "drop: [lottery_fund]"),
        (("  - id: large_home_medical_unit", "  - id: large_homes"), "rule.unknown_indicator", "- id: large_homes"),
        (("    where: beds >= 80", "    where: bedz >= 80"), "expr.unknown_field", "bedz"),
        (("extends: yiwu-2023", "extends: yiwu-2033"), "rule.extends_unknown", "extends:"),
        (('value: "90%"', "value: 90"), "rule.ratio_range", "value: 90"),
    ],
)
def test_problems_in_a_child_are_located_in_the_child(child, edit, key, needle):
    text = child.read_text(encoding="utf-8").replace(*edit)
    child.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if needle in s)
    with pytest.raises(RuleError) as err:
        load_file(child)
    assert [(k, loc.split(":")[1]) for k, loc, _ in err.value.problems] == [(key, str(line))]


def test_extends_cycle_is_refused(tmp_path):
    (tmp_path / "a.yaml").write_text(CHILD.replace("extends: yiwu-2023", "extends: b.yaml"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        CHILD.replace("extends: yiwu-2023", "extends: a.yaml").replace("id: yiwu-town-x", "id: other"), encoding="utf-8"
    )
    with pytest.raises(RuleError) as err:
        load_file(tmp_path / "a.yaml")
    assert err.value.problems[0][0] == "rule.extends_cycle"
