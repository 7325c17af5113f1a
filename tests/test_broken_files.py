"""The broken-file corpus, generated here: every file gets a clear message and exit 3, within
seconds, with no traceback, and is left untouched."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest


def _valid_xlsx(samples: Path) -> bytes:
    return (samples / "yiwu-2023.xlsx").read_bytes()


def _encrypted(samples: Path) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with open(samples / "yiwu-2023.xlsx", "rb") as fh:
        OOXMLFile(fh).encrypt("secret", out)
    return out.getvalue()


def _zip_without_workbook() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    return buf.getvalue()


CORPUS = {
    "empty.xlsx": (lambda s: b"", "文件是空的"),
    "truncated.xlsx": (lambda s: _valid_xlsx(s)[: len(_valid_xlsx(s)) // 2], "不是有效的电子表格"),
    "random.xlsx": (lambda s: bytes((i * 7919) % 256 for i in range(50_000)), "不是有效的电子表格"),
    "nul.csv": (lambda s: b"\x00" * 1000, "二进制"),
    "nul-in-text.csv": (lambda s: "机构名称,床位数\n甲院,10\n".encode() + b"\x00\x00", "二进制"),
    "password.xlsx": (_encrypted, "有密码保护"),
    "plain-zip.xlsx": (lambda s: _zip_without_workbook(), "不是有效的电子表格"),
    "text-named.xlsx": (lambda s: "机构名称,床位数\n甲院,10\n".encode(), "不是有效的电子表格"),
    "only-spaces.csv": (lambda s: b"   \r\n  \r\n", "文件是空的"),
    "bad-utf16.csv": (lambda s: b"\xff\xfe" + b"\x00\xd8" * 10, "无法识别文件编码"),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_broken_file_exits_3_cleanly(cli, samples, tmp_path, name):
    make, text = CORPUS[name]
    path = tmp_path / name
    path.write_bytes(make(samples))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    proc = cli("check", path, "--plan", "yiwu-2023")
    assert proc.returncode == 3, (proc.stdout, proc.stderr)
    assert text in proc.stderr and name in proc.stderr
    assert "Traceback" not in proc.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_one_broken_file_among_good_ones_still_stops_with_its_name(cli, samples, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"garbage")
    proc = cli("check", samples / "yiwu-2023.xlsx", bad, "--plan", "yiwu-2023")
    assert proc.returncode == 3 and "bad.xlsx" in proc.stderr
