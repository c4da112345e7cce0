"""The self-contained HTML pages: offline, escaped, Chinese labels, charts that render."""

from __future__ import annotations

import re
import struct
import subprocess
import zlib
from html import escape as html_escape
from pathlib import Path

import pytest
from _browser import chromium_command, needs_chromium
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, audit, summarize
from nlp_reports.corpus.html_report import bar_chart, line_chart
from nlp_reports.taxonomy import THEME_NAMES

EVIL = "<script>alert('x')</script>人员力量不足。"


@pytest.fixture()
def db(tmp_path):
    tagger = FakeTagger()
    reports = [
        make_report("甲县人民政府", 2022, [EVIL, "网站平台建设不足。"], ["加强人员培训。"]),
        make_report("甲县人民政府", 2023, ["人员力量不足。"], ["推进平台升级。"]),
        make_report("乙市人民政府", 2023, ["保密审查不够严格。"], ["加强人员培训。"], level="city"),
    ]
    path = tmp_path / "c.db"
    with Store(path) as s:
        for i, r in enumerate(reports):
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
    return path


def _offline_and_escaped(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in html and '<meta charset="utf-8">' in html
    assert '"Noto Sans CJK SC"' in html and "Microsoft YaHei" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_summary_page_is_self_contained(db, tmp_path):
    html = summarize(db, by=["year"]).to_html(tmp_path / "s.html")
    _offline_and_escaped(html)
    assert html.count("<svg") >= 3 and "<rect" in html
    # the trend's line: 2022 and 2023 rest on 1 and 2 reports, so it is drawn faint
    # (a <line>, not the <polyline> of years of 3 reports or more: test_html_report_trend_gaps)
    assert re.search(r'<line [^>]*stroke-opacity="0.35"', html)
    for name in ("人员力量", "平台渠道与信息化", "保密审查与公开尺度"):
        assert name in html


def test_audit_page_sorts(db, tmp_path):
    html = audit(db).to_html(tmp_path / "a.html")
    assert 'id="audit"' in html and 'class="sortable"' in html and "addEventListener" in html


def test_charts_scale_values():
    svg = bar_chart(["甲", "乙"], {"s": [0.5, 1.0]}, title="t", max_value=1.0, width=500)
    widths = [float(w) for w in re.findall(r'<rect x="190" y="\d+" width="([\d.]+)"', svg)]
    assert widths[1] == pytest.approx(2 * widths[0]) and widths[1] == pytest.approx(500 - 260)
    line = line_chart([2021, 2022, 2023], {"a": [0.1, 0.2, float("nan")]}, title="t")
    assert line.count("<title>a: ") == 2  # the missing year is not drawn (one marker a year)


def _png_pixels_vary(path: Path) -> bool:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    return len(set(raw)) > 8


@pytest.mark.browser
@needs_chromium
def test_renders_in_headless_chromium(db, tmp_path):
    page = tmp_path / "summary.html"
    summarize(db, by=["year"]).to_html(page)
    base = chromium_command(tmp_path)
    dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True,
                         text=True, timeout=120, check=True).stdout
    for name in THEME_NAMES.values():
        assert name in dom
    assert dom.count("<svg") >= 3 and re.search(r'<line [^>]*stroke-opacity="0.35"', dom)
    shot = tmp_path / "shot.png"
    subprocess.run([*base, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.exists() and _png_pixels_vary(shot)


def test_summary_page_shows_the_notes(db, tmp_path):
    """The notes (failed files, copies counted once, renamed agencies …) say what the figures
    leave out; the Markdown had them, the page did not."""
    with Store(db) as s:
        s.record_failure("/c/empty.txt", "empty", "the file is empty")
    summary = summarize(db, agency_map={"甲县人民政府": "甲县政府<办>"})
    assert summary.notes
    html = summary.to_html(tmp_path / "s.html")
    assert "说明 Notes" in html
    for note in summary.notes:
        assert html_escape(note) in html
    assert "甲县政府&lt;办&gt;" in html and "甲县政府<办>" not in html
