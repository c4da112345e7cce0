"""The audit page at a province's scale.

The page wrote each finding's Chinese sentence three or four times a cell (the filter's
``data-filter``, the summary's tooltip, its first line and the details' body): ≈ 7.3 KB a
report, 147 MB at 20,000 reports. A sentence is now written once: the filter reads the
cell's text, the tooltip is filled from it on hover, and the first line is the body's own
first line, clipped by CSS while the cell is folded. Above ``max_rows`` reports (5,000 by
default; ``--html-rows``) the page lists the first ones in its order and says how many more
the CSV/JSON holds; its counts above the table still count every report.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
from _browser import measure_in_chromium, needs_chromium
from _corpus_helpers import parsed_store

from nlp_reports.cli import main
from nlp_reports.corpus import audit
from nlp_reports.corpus.audit import DEFECT_COLUMNS, SIGNAL_COLUMNS
from nlp_reports.corpus.html_report import DEFAULT_HTML_ROWS

DATA = Path(__file__).parent / "data" / "newuser10"
LAND = "柳岸县自然资源局"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """Ten reports of one 地市's folder (newuser10's), parsed and tagged."""
    return parsed_store(tmp_path_factory.mktemp("ap26") / "审查.sqlite",
                        sorted(p for p in DATA.rglob("*") if p.is_file()))


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr data-path="[^"]*">(.*?)</tr>', page, re.S)


def _columns(page: str) -> list[str]:
    head = re.search(r'<tr class="cols">(.*?)</tr>', page, re.S)[1]
    return re.findall(r'<th [^>]*title="([^"]*)"', head)


def test_each_sentence_is_written_once_in_its_cell(db):
    a = audit(db)
    page = a.to_html()
    cols = _columns(page)
    checked = 0
    for path, tr in zip(re.findall(r'<tr data-path="([^"]*)">', page), _rows(page), strict=True):
        cells = re.findall(r"<td\b.*?</td>", tr, re.S)
        assert len(cells) == len(cols)
        path = htmllib.unescape(path)
        for col in (*DEFECT_COLUMNS, *SIGNAL_COLUMNS):
            said = a.zh.at[path, col] if col in a.zh.columns else None
            if not isinstance(said, list) or col not in cols:
                continue
            cell = cells[cols.index(col)]
            if 'class="num' in cell:  # a count: its sentences are its tooltip, once
                continue
            for s in said:
                assert cell.count(htmllib.escape(s, quote=True)) == 1, (col, s, cell)
                checked += 1
    assert checked >= 10  # the folder has findings in several columns
    assert "data-filter=" not in page and "<summary title=" not in page


def test_a_folded_cell_holds_its_first_line_once_and_the_rest_below(db):
    page = audit(db).to_html()
    folded = re.findall(r'<td class="list"[^>]*>(.*?)</td>', page, re.S)
    assert folded
    for cell in folded:
        first = re.search(r'<span class="first">(.*?)</span>', cell)[1]
        assert first and cell.count(first) == 1


@pytest.mark.browser
@needs_chromium
def test_the_filter_and_tooltips_read_the_cells_text(db, tmp_path):
    """The folded line's tooltip and the filter (what it skips: test_audit_sort_print's f6), now
    read from the cell's text."""
    got = measure_in_chromium(audit(db).to_html(), """(function () {
      var box = document.getElementById('audit-filter');
      function shown(w) {
        box.value = w; box.dispatchEvent(new Event('input'));
        return Array.prototype.filter.call(document.querySelectorAll('#audit tbody tr'),
          function (tr) { return tr.style.display !== 'none'; }).map(function (tr) {
            return tr.cells[1].textContent; }); }
      var s = document.querySelector('#audit td.list summary'), first = s.querySelector('.first');
      var folded = first.offsetHeight;
      s.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
      s.parentElement.open = true;
      return {table3: shown('表三缺少'), all: shown(''), title: s.title,
              first: first.textContent, folded: folded, opened: first.offsetHeight,
              more: s.querySelector('.more').offsetHeight};
    })()""", tmp_path)
    assert LAND in got["table3"] and len(got["table3"]) < 10
    assert len(got["all"]) == 10
    assert got["title"] == got["first"] and got["first"]  # the tooltip: the whole first line
    assert got["opened"] > got["folded"]  # folded: one line; open: the whole sentence
    assert got["more"] == 0  # "+N more" is gone when the rest is shown


def test_the_page_lists_the_first_rows_and_says_how_many_more(db):
    a = audit(db)
    order = [r["path"] for r in a.to_dict() if not r.get("failed")]
    full, capped = a.to_html(max_rows=0), a.to_html(max_rows=3)
    assert len(order) == 10 and len(_rows(full)) == 10
    shown = [htmllib.unescape(p) for p in re.findall(r'<tr data-path="([^"]*)">', capped)]
    assert shown == order[:3]  # the page's own order: defects first
    assert capped.count("7 more reports") == 2  # at the top and at the table's end
    assert capped.count("另有7份报告") == 2
    assert "nlp-reports audit --csv" in capped
    assert capped.count('class="letter') == 3  # the printed blocks: the rows listed
    # the counts above the table count every report
    head = capped.split('<table id="audit"')[0]
    assert "共10份报告" in head and "(10)" in head
    assert "more reports" not in full and a.to_html() == full  # 10 < the default
    assert DEFAULT_HTML_ROWS == 5000


def test_a_limit_of_the_number_of_reports_lists_them_all(db):
    a = audit(db)
    assert "more reports" not in a.to_html(max_rows=10)
    with pytest.raises(ValueError):
        a.to_html(max_rows=-1)


def test_cli_html_rows(db, tmp_path, capsys):
    out = tmp_path / "审查.html"
    assert main(["audit", "--db", str(db), "--html", str(out), "--html-rows", "2"]) == 0
    page = out.read_text(encoding="utf-8")
    assert len(_rows(page)) == 2 and "8 more reports" in page
    with pytest.raises(SystemExit):
        main(["audit", "--db", str(db), "--html", str(out), "--html-rows", "-3"])
    assert "--html-rows" in capsys.readouterr().err
    # without --html there is no page to cap: said, not ignored
    assert main(["audit", "--db", str(db), "--html-rows", "2"]) == 2
    assert "give --html FILE too" in capsys.readouterr().err
