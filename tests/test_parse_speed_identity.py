"""Speed rewrites of the parser behave exactly as the code they replaced.

Each test compares a rewritten function with the old one (kept here) on tricky inputs.
No timings.
"""

from __future__ import annotations

import dataclasses

import pytest

from nlp_reports import report as R

# --- ingest: the dot-leader test before the table-of-contents pass --------------------------

_LEADER_CASES = ["", "一、总体情况……1", "一、总体情况...1", "..", ".", "·", "··", "···", "_", "__",
                 "___", "—", "——", "———", "1.5", "a. b. c", "名称__", "——见附件——", "·_—.",
                 ".·.", "文本……", "目录\n一、总体情况……………1\n二、主动公开……2"]


@pytest.mark.parametrize("text", _LEADER_CASES)
def test_has_leaders_is_the_leader_pattern(text: str) -> None:
    from nlp_reports.ingest import _LEADERS, _has_leaders

    assert _has_leaders(text) is (_LEADERS.search(text) is not None)
    assert _has_leaders("前文" + text + "后文") is (_LEADERS.search("前文" + text + "后文") is not None)


def test_has_leaders_on_random_text() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    from nlp_reports.ingest import _LEADERS, _has_leaders

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.text(alphabet=".…·_—-。一 \n", max_size=12))
    def check(text: str) -> None:
        assert _has_leaders(text) is (_LEADERS.search(text) is not None)

    check()


# --- statements: the "shi" markers (一是 … 其十二是：) looked for around each 是 -------------

_SHI_CASES = ["一是加强。二是完善。", "其一是，其二是：", "十二是、十是是", "是一是二是", "其其一是",
              "一是是", "十一是：十五是，", "五是x十是", "其十五是、", "一二三是", "是", "",
              "二是\n三是；四是：", "其 一是", "十十一是"]


def _shi_rx():
    from nlp_reports.parse import statements

    return next(rx for kind, rx, _ in statements._MARKERS if kind == "shi")


def _spans(matches):
    return [(m.span(), m.group(1)) for m in matches]


@pytest.mark.parametrize("text", _SHI_CASES)
def test_shi_matches_are_finditer(text: str) -> None:
    from nlp_reports.parse.statements import _shi_matches

    rx = _shi_rx()
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert _spans(_shi_matches(rx, text, start, end)) == _spans(
                rx.finditer(text, start, end)), (text, start, end)


def test_shi_matches_on_random_text() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    from nlp_reports.parse.statements import _shi_matches

    rx = _shi_rx()

    @hypothesis.settings(max_examples=500, deadline=None)
    @hypothesis.given(st.text(alphabet="其十一二五九是，：、x\n", max_size=24), st.data())
    def check(text: str, data) -> None:
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        assert _spans(_shi_matches(rx, text, start, end)) == _spans(rx.finditer(text, start, end))

    check()


# --- checks: the table figure a narrative figure is compared with -----------------------------


def _old_table_value(tables, kind):
    """checks._table_value as it was (everything worked out per call)."""
    from nlp_reports.parse.checks import _TARGETS

    tid, rows, cols, _ = _TARGETS[kind]
    t = tables.get(tid)
    row = rows[0] if len(rows) == 1 and "*" not in rows[0] else None
    column = cols[0] if len(cols) == 1 else None
    cells = " + ".join(f"{r}/{c}" for r in rows for c in cols)
    if t is None:
        return None, row, column, cells, f"{tid} not found"
    if t.status != "ok":
        return None, row, column, cells, f"{tid} is unreadable"
    if rows == ("3.3.*",):
        rows = tuple(r for r in t.rows if r.startswith("3.3."))
    if any(r not in t.rows for r in rows) or any(c not in t.columns for c in cols):
        return None, row, column, cells, f"{tid} has no such cell"
    blank = [f"{r}/{c}" for r in rows for c in cols if t.get(r, c) is None]
    if blank:
        return None, row, column, cells, f"blank operand(s) {', '.join(blank)}"
    total = float(sum(t.get(r, c) for r in rows for c in cols))
    return total, row, column, cells, None


def _table_variants(t: R.Table):
    """The table, with one blank cell in each row in turn, unreadable, and without a row."""
    yield t
    for i in range(len(t.rows)):
        for j in (0, len(t.columns) - 1):
            values = [list(r) for r in t.values]
            values[i][j] = None
            yield dataclasses.replace(t, values=tuple(map(tuple, values)))
    yield dataclasses.replace(t, status="unreadable", problem="x")
    yield dataclasses.replace(t, rows=t.rows[1:], row_labels=t.row_labels[1:],
                              values=t.values[1:], raw=t.raw[1:])


def test_table_value_is_the_old_one() -> None:
    from pathlib import Path

    from nlp_reports.parse import load_report
    from nlp_reports.parse.checks import _TARGETS, _table_value

    corpus = Path(__file__).parents[1] / "examples" / "corpus"
    reports = [load_report(p) for p in sorted(corpus.glob("*.txt"))[:6]]
    assert reports
    compared = 0
    for rep in reports:
        base = {t.id: t for t in rep.tables}
        for tid in ("table3", "table4"):
            for variant in (_table_variants(base[tid]) if tid in base else [None]):
                tables = dict(base)
                if variant is None:
                    tables.pop(tid, None)
                else:
                    tables[tid] = variant
                for kind in _TARGETS:
                    # (the variants blank a cell's value, not its raw figure: no none-mark
                    # is read as 0 here, dash24's zero_read stays empty)
                    assert _table_value(tables, kind) == (*_old_table_value(tables, kind), ())
                    compared += 1
    assert compared > 500


# --- checks: one-row identities (I2, I4) remembered by the row's values ----------------------


def _old_evaluate(table: R.Table, plan) -> list:
    """checks._evaluate's sums for a table without blanks, as before the row cache."""
    from itertools import chain

    from nlp_reports.parse.checks import _fmt

    flat = list(chain.from_iterable(table.values))
    out = []
    for x in plan:
        found_v = float(sum(x.lhs_of(flat)))
        expected_v = float(sum(x.rhs_of(flat)))
        ok = abs(found_v - expected_v) < 1e-6
        out.append(R.Check(x.cid, "pass" if ok else "fail", table.id, x.row, x.column,
                           expected=expected_v, found=found_v,
                           message=f"{x.what}: {_fmt(found_v)} {'=' if ok else '≠'} "
                                   f"{_fmt(expected_v)}"))
    return out


def test_one_row_identities_remembered_by_row_give_the_same_checks() -> None:
    from pathlib import Path

    from nlp_reports.parse import load_report
    from nlp_reports.parse.checks import _evaluate, _table3_plan, _table4_plan

    corpus = Path(__file__).parents[1] / "examples" / "corpus"
    tables = [t for p in sorted(corpus.glob("*.txt"))[:8] for t in load_report(p).tables
              if t.id in ("table3", "table4") and t.status == "ok"]
    assert tables
    variants = []
    for t in tables:
        values = [list(r) for r in t.values]
        variants.append(t)
        # every row the first row's values (one row key, many identities); a -0.0 cell;
        # a failing row; rows given as lists
        variants.append(dataclasses.replace(t, values=(t.values[0],) * len(t.values)))
        neg = [list(r) for r in values]
        neg[0][0] = -0.0
        variants.append(dataclasses.replace(t, values=tuple(map(tuple, neg))))
        bad = [list(r) for r in values]
        bad[-1][0] += 3
        variants.append(dataclasses.replace(t, values=tuple(map(tuple, bad))))
        variants.append(dataclasses.replace(t, values=tuple(values)))
    for t in variants * 2:  # the second pass is answered from the caches
        plan_of = _table3_plan if t.id == "table3" else _table4_plan
        plan = plan_of(t.rows, t.columns, True)
        assert _evaluate(t, plan) == _old_evaluate(t, plan), t.id


# --- ingest: a str path is stat-ed once ------------------------------------------------------


def test_file_stat_is_isfile(tmp_path) -> None:
    import os

    from nlp_reports import ingest

    f = tmp_path / "r.txt"
    f.write_text("一、总体情况\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(f)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "none.txt")
    os.mkfifo(tmp_path / "fifo")
    names = [str(f), str(tmp_path), str(tmp_path / "link.txt"), str(tmp_path / "dangling.txt"),
             str(tmp_path / "fifo"), str(tmp_path / "missing.txt"), "/\x00", "a" * 5000, ""]
    for name in names:
        st = ingest._file_stat(name)
        assert (st is not None) is os.path.isfile(name), name
        if st is not None:
            assert st.st_size == os.stat(name).st_size
    doc = ingest.read_document(str(f))
    assert doc.text == "一、总体情况" and doc.source_format == "txt"


# --- parse: heading-number styles remembered by marker ---------------------------------------


def test_numbering_styles_remembered_give_the_same_problems() -> None:
    import nlp_reports.parse.load as P

    text = ("某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度共收到申请3件。\n"
            "2、主动公开政府信息情况\n规章 0 0 1\n第三部分 收到和处理政府信息公开申请情况\n无。\n"
            "（四）政府信息公开行政复议、行政诉讼情况\n无。\n五. 存在的主要问题及改进情况\n一是人员不足。\n"
            "其他需要报告的事项\n无。\n")
    P._MARKER_STYLES.clear()
    cold = P.load_report(text)
    assert P._MARKER_STYLES  # filled on the way
    warm = P.load_report(text)
    P._MARKER_STYLES.clear()
    assert cold.to_json() == warm.to_json()
    assert any(p.code == "mixed_heading_numbering" for p in warm.errors)


# --- ingest: an HTML element's text head, each element's worked out once --------------------

_HEAD_PAGES = [
    "<ul><li>（一）信息公开<span>意识</span>不强</li><li>人员<!-- 注 -->不足</li></ul>",
    "<ol start=3><li><b>1.</b>加强培训</li><li><br>二是<i></i>完善制度</li></ol>",
    "<div><li>甲<ul><li>乙<ul><li>丙丁戊己庚辛</li></ul>壬</li></ul>癸</li>尾</div>",
    "<ul><li></li><li><span></span><span>①</span>公开栏</li><li>  ▲ 政策解读</li></ul>",
    "<ul>" + "<li>层" * 40 + "底" + "</li>" * 40 + "</ul>",
]


def _old_text_head(el, n):
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if n is not None and size >= n:
            break
    return "".join(parts)[:n]


@pytest.mark.parametrize("markup", _HEAD_PAGES)
@pytest.mark.parametrize("n", [1, 2, 8, None])
def test_text_head_cached_is_itertext(markup: str, n: int | None) -> None:
    from lxml import etree

    from nlp_reports.ingest.html import _text_head

    parser = etree.HTMLParser(recover=True, huge_tree=True)
    doc = etree.fromstring(f"<html><body>{markup}</body></html>", parser=parser)
    elements = list(doc.iter())
    heads: dict = {}
    # parents first (as a render meets them) and children first, one cache each
    for order in (elements, elements[::-1]):
        heads = {}
        for el in order:
            if isinstance(el.tag, str):
                assert _text_head(el, n, heads) == _old_text_head(el, n)
