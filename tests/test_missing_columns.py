"""A column the form lacks is unknown, not "no": the indicator is decided only when the columns
that are there decide it whatever the missing one would say; otherwise it is no_data and names
the missing columns, with no partial numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from yiyang_cli import check

AS_OF = dt.date(2025, 12, 31)


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def result_of(path: Path, plan: str, iid: str):
    res = check([path], plan, AS_OF, None)
    return next(r for r in res.indicators if r.indicator.id == iid)


def test_either_or_decided_by_the_column_that_is_there(tmp_path):
    # yiwu: any of three bed kinds meets it; only 康复护理床位数 was asked, and every centre has some.
    path = write(
        tmp_path / "医疗卫生机构.csv",
        [
            "机构名称,机构类别,康复护理床位数",
            "甲卫生院,乡镇卫生院,10",
            "乙中心,社区卫生服务中心,4",
            "丙医院,综合医院,0",
        ],
    )
    r = result_of(path, "yiwu-2023", "primary_care_elderly_beds")
    assert (r.status, r.numerator, r.denominator) == ("met", 2, 2)
    assert r.missing_fields == ["medical_institutions.elderly_nursing_beds", "medical_institutions.hospice_beds"]
    assert r.reason_key == "reason.missing_not_needed"


def test_either_or_left_open_by_the_missing_columns_is_no_data_without_numbers(tmp_path):
    # 乙 has no rehab beds: the missing columns could still give it nursing or hospice beds.
    path = write(
        tmp_path / "医疗卫生机构.csv",
        ["机构名称,机构类别,康复护理床位数", "甲卫生院,乡镇卫生院,10", "乙中心,社区卫生服务中心,0"],
    )
    r = result_of(path, "yiwu-2023", "primary_care_elderly_beds")
    assert (r.status, r.value, r.numerator, r.denominator, r.failing) == ("no_data", None, None, None, [])
    assert r.reason_key == "reason.missing_fields" and "medical_institutions.hospice_beds" in r.missing_fields


def test_all_of_fails_on_a_known_no_whatever_the_missing_column_says(tmp_path):
    # mangshi: a centre must give home visits, family beds and TCM; 家庭病床 was not asked, but 乙
    # gives no home visits, so it fails whatever its family beds are; 甲 is unknown.
    path = write(
        tmp_path / "医疗卫生机构.csv",
        [
            "机构名称,机构类别,是否提供上门医疗服务,是否能提供中医药服务",
            "甲卫生院,乡镇卫生院,是,是",
            "乙卫生院,乡镇卫生院,否,是",
        ],
    )
    r = result_of(path, "mangshi-2017", "gp_team_basic_home_services")
    assert r.status == "not_met" and r.missing_fields == ["medical_institutions.family_bed_service"]
    assert [f.name for f in r.failing] == ["乙卫生院", "甲卫生院"]  # the known failure, then the unknown one


def test_a_missing_number_or_key_column_is_still_no_data(tmp_path):
    # A ratio needs its numbers: beds without nursing beds decides nothing.
    path = write(tmp_path / "养老机构.csv", ["机构名称,床位数", "甲院,100", "乙院,50"])
    r = result_of(path, "beijing-2024", "nursing_bed_share")
    assert (r.status, r.value, r.missing_fields) == ("no_data", None, ["elderly_institutions.nursing_beds"])
