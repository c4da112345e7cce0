"""The batch's CPU shortcuts (s7) give what the plain ways give: the GC threshold is the
caller's again after a batch, table cells read through an index are ``Table.get``'s, raw
rows and fingerprint text are encoded as before."""

from __future__ import annotations

import gc
import re
import unicodedata
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.corpus import tag_paths
from nlp_reports.corpus.batch import BATCH_GC_THRESHOLD
from nlp_reports.corpus.store import (
    CROSS_YEAR_CELLS,
    FIGURES,
    _compact,
    _compact_rows,
    content_fingerprint,
    cross_year_cells,
    report_figures,
)

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"
SAMPLE = Path(__file__).parents[2] / "shared" / "sample-report-bange-2023.txt"


def _reports() -> list:
    from nlp_reports.parse import load_report

    files = sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.html"))
    if SAMPLE.exists():
        files.append(SAMPLE)
    if not files:
        pytest.skip("examples/corpus is missing")
    return [load_report(f) for f in files]


@pytest.fixture
def thresholds():
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def test_gc_threshold_raised_during_a_batch_and_restored(tmp_path, thresholds):
    gc.set_threshold(900, 11, 12)
    seen = []

    def loader(path: str):
        from nlp_reports.parse import load_report

        seen.append(gc.get_threshold())
        return load_report(path)

    files = sorted(EXAMPLES.glob("*.txt"))[:2]
    if not files:
        pytest.skip("examples/corpus is missing")
    result = tag_paths(files, tmp_path / "c.sqlite", model=FakeTagger(), loader=loader)
    assert result.ok == 2
    assert seen and all(t == (BATCH_GC_THRESHOLD, 11, 12) for t in seen)
    assert gc.get_threshold() == (900, 11, 12)
    with pytest.raises(ValueError):  # restored when the batch raises too
        tag_paths(files, tmp_path / "d.sqlite", model=FakeTagger(), backend="nope")
    assert gc.get_threshold() == (900, 11, 12)


def test_gc_threshold_of_zero_or_higher_left_alone(tmp_path, thresholds):
    seen = []

    def loader(path: str):
        from nlp_reports.parse import load_report

        seen.append(gc.get_threshold())
        return load_report(path)

    files = sorted(EXAMPLES.glob("*.txt"))[:1]
    if not files:
        pytest.skip("examples/corpus is missing")
    for mine in ((0, 10, 10), (BATCH_GC_THRESHOLD * 2, 5, 5)):
        gc.set_threshold(*mine)
        seen.clear()
        tag_paths(files, tmp_path / f"{mine[0]}.sqlite", model=FakeTagger(), loader=loader)
        assert seen == [mine] and gc.get_threshold() == mine


def _cell(report, table_id: str, row: str, column: str):
    """What the figures read, the plain way: the table, then ``Table.get``."""
    t = report.table(table_id)
    if t is None or row not in t.rows or column not in t.columns:
        return None
    return t.get(row, column)


def test_figures_and_cross_year_cells_as_table_get_reads_them():
    reports = _reports()
    with_table3 = 0
    for report in reports:
        figures = report_figures(report)
        for name, (table_id, rows, columns) in FIGURES.items():
            t = report.table(table_id)
            values = [_cell(report, table_id, r, c) for r in rows for c in columns.split("|")]
            values = [float(v) for v in values if v is not None]
            want = sum(values) if values and t is not None and t.status == "ok" else None
            assert figures[name] == want, (report.metadata.title, name)
        cells = cross_year_cells(report)
        for name, (table_id, row, column) in CROSS_YEAR_CELLS.items():
            v = _cell(report, table_id, row, column)
            t = report.table(table_id)
            read = t is not None and t.status == "ok"  # a table read in part is no operand
            assert cells[name] == (None if v is None or not read else float(v))
        with_table3 += figures["received"] is not None
    assert with_table3 > len(reports) // 2  # the figures were there to read


def test_raw_rows_json_is_the_compact_json():
    reports = _reports()
    raws = [t.raw for r in reports for t in r.tables]
    odd = [(), ((),), (("a", '"'), ("\\", "中")), (("x", 1),), ((None, "1"),),
           ((1,), (1.0,), (True,)), (["x"],), [("a",)], ("row",)]
    for raw in raws + odd + raws:  # the second pass reads remembered rows
        assert _compact_rows(raw) == _compact(raw), raw


def test_fingerprint_text_is_the_text_without_non_alphanumerics():
    import hashlib
    import json

    not_alnum = re.compile(r"[\W_]+")
    texts = [s.text for r in _reports() for s in r.sections if s.text]
    texts += ["a_b  c__d", "___", "ｆｕｌｌ　ｗｉｄｔｈ＿１２", "混合_text-123 ④ ⑤", "x²³"]
    for text in texts:
        t = not_alnum.sub("", text)
        if not unicodedata.is_normalized("NFKC", t):
            t = not_alnum.sub("", unicodedata.normalize("NFKC", t))
        want = None if not t else hashlib.sha256(json.dumps(["机关", "2023", [f"1:{t}"], []],
                                         ensure_ascii=False).encode("utf-8")).hexdigest()
        assert content_fingerprint("机关", 2023, False, [(1, text)], []) == want
