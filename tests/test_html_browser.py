"""The HTML reports as a person sees them: rendered by headless Chromium, not blank, charts drawn."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from yiyang_cli import check
from yiyang_cli.render import RENDERERS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium here (Debian package 'chromium'); .ci/run installs it when it can"
    ),
]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def _chromium(tmp_path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("plan_id", ["yiwu-2023", "mangshi-2017"])
def test_report_renders_with_its_charts(samples, tmp_path, plan_id):
    result = check([samples / f"{plan_id}.xlsx"], plan_id, dt.date(2026, 1, 1), None)
    page = tmp_path / "report.html"
    page.write_text(RENDERERS["html"].render(result, "zh"), encoding="utf-8")

    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "医养结合规划达标检查报告" in dom
    assert len(re.findall(r"<rect ", dom)) >= 2 * len(result.indicators) - 2
    for r in result.indicators:
        assert f'id="{r.indicator.id}"' in dom

    shot = tmp_path / "report.png"
    _chromium(tmp_path, "--window-size=1100,1600", f"--screenshot={shot}", page.as_uri())
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    # A blank white page compresses to a few kilobytes; text, badges and bars take far more.
    assert len(data) > 60_000
