"""Headless Chromium for the tests that look at rendered pages (skipped where it is absent)."""

from __future__ import annotations

import html as html_mod
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists()
                                        else None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed")


def chromium_command(tmp_path: Path) -> list[str]:
    """Chromium headless, offline and with a profile of its own under ``tmp_path``."""
    return [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]


def measure_in_chromium(html: str, js: str, tmp_path: Path, size: str = "1366,900") -> dict:
    """Open ``html`` in headless Chromium at a laptop's window size, run ``js`` (an
    expression giving an object) after the page's own scripts, and return its value."""
    probe = ("<script>document.body.setAttribute('data-probe', JSON.stringify((function () {"
             f"return {js}; }})()));</script>")
    page = tmp_path / "probe.html"
    page.write_text(html.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = subprocess.run([*chromium_command(tmp_path), f"--window-size={size}", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    m = re.search(r'data-probe="([^"]*)"', dom)
    assert m, dom[:500]
    return json.loads(html_mod.unescape(m.group(1)))
