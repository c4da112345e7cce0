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
    return _probe(tmp_path, f"--window-size={size}", page.as_uri())


def _probe(tmp_path: Path, *args: str) -> dict:
    """The value a page opened with ``args`` left in its body's ``data-probe`` attribute."""
    dom = subprocess.run([*chromium_command(tmp_path), "--dump-dom", *args],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    m = re.search(r'data-probe="([^"]*)"', dom)
    assert m, dom[:500]
    return json.loads(html_mod.unescape(m.group(1)))


def measure_at_phone_width(html: str, js: str, tmp_path: Path, width: int = 390,
                           height: int = 844) -> dict:
    """Like :func:`measure_in_chromium`, at a phone's width: headless Chromium's window is
    never narrower than 500 px (``--window-size=390,…`` gives ``innerWidth`` 500), so the
    page is opened in an iframe ``width`` px wide, whose media queries and layout are a
    phone's, and ``js`` runs in the iframe's window."""
    page = tmp_path / "phone.html"
    page.write_text(html, encoding="utf-8")
    host = tmp_path / "host.html"
    host.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><iframe id="f" src="{page.name}" '
        f'style="border:0;width:{width}px;height:{height}px"></iframe><script>'
        "window.addEventListener('load', function () {"
        "  var w = document.getElementById('f').contentWindow;"
        f"  var v = w.eval('(function () {{ return ' + {json.dumps(js)} + '; }})()');"
        "  document.body.setAttribute('data-probe', JSON.stringify(v)); });"
        "</script></body></html>", encoding="utf-8")
    return _probe(tmp_path, "--allow-file-access-from-files", "--window-size=500,900",
                  "--virtual-time-budget=5000", host.as_uri())
