"""The store's row builders: fast paths give the general path's values and text."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from nlp_reports.classify.tagger import Prediction, TaggedStatement
from nlp_reports.corpus.store import (
    StoredStatement,
    _compact,
    _compact_labels,
    _scores_json_pairs,
    _theme_columns,
    tagged_to_stored,
    theme_mask,
)
from nlp_reports.report import Statement
from nlp_reports.taxonomy import KINDS, THEME_IDS

_names = st.sampled_from([*KINDS, *THEME_IDS, "x\"y", "名", "}, {"])
_scores = st.dictionaries(_names, st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                                            st.integers(-3, 3),
                                            st.sampled_from(["}, {", "}", "{", "a}, {b"]),
                                            st.dictionaries(_names, st.integers(), max_size=2)),
                          max_size=5)


def _stored(kind_scores: dict, theme_scores: dict) -> StoredStatement:
    return StoredStatement(index=0, text="t", block="b", marker=None, kind="other",
                           kind_score=None, themes=(), theme_scores=theme_scores,
                           kind_scores=kind_scores, model_kind=None, layout_disagrees=False)


@given(st.lists(st.tuples(_scores, _scores), max_size=6))
def test_scores_json_pairs_is_json_dumps(pairs):
    kinds, themes = _scores_json_pairs([_stored(k, t) for k, t in pairs])
    assert kinds == [json.dumps(k) for k, _ in pairs]
    assert themes == [json.dumps(t) for _, t in pairs]


@given(st.lists(st.sampled_from(THEME_IDS), max_size=4, unique=True))
def test_theme_columns(themes):
    for _ in range(2):  # computed, then remembered
        cols = _theme_columns(tuple(themes))
        assert cols == (theme_mask(themes), *(int(t in themes) for t in THEME_IDS))


@given(st.lists(st.one_of(st.text(max_size=3), st.integers(), st.floats(allow_nan=False),
                          st.booleans()), max_size=4))
def test_compact_labels_is_compact(values):
    for value in (tuple(values), tuple(map(str, values)), list(values)):
        assert _compact_labels(value) == _compact(value)
        assert _compact_labels(value) == _compact(value)


def test_tagged_object_and_dict_give_the_same_stored_statement():
    statement = Statement(index=3, text="加强培训。", block="problem", marker="一、")
    pred = Prediction(text="加强培训。", kind="problem", kind_score=0.75,
                      kind_scores={"problem": 0.75, "other": 0.25},
                      themes=("training", "not-a-theme"),
                      theme_scores={"training": 0.5})
    tagged = TaggedStatement(statement=statement, prediction=pred, model_kind="measure",
                             layout_disagrees=True)
    fast = tagged_to_stored(tagged)
    general = tagged_to_stored(tagged.to_dict(), statement)
    assert fast == general
    assert fast.themes == ("training",) and fast.marker == "一、" and fast.index == 3


def test_stored_scores_are_plain_floats_whatever_the_model_gave():
    """Scores already floats are copied (not shared with the prediction); numpy scalars,
    ints and bools become floats, as ``json.dumps`` of the stored row needs."""
    import numpy as np

    statement = Statement(index=0, text="网站更新不及时。", block="problem", marker=None)
    given = [({"problem": 0.75, "other": 0.25}, {"timeliness": 0.5}),
             ({"problem": np.float32(0.75), "other": 1}, {"timeliness": np.float64(0.5),
                                                          "platform": True})]
    for kind_scores, theme_scores in given:
        pred = Prediction(text=statement.text, kind="problem", kind_score=0.75,
                          kind_scores=kind_scores, themes=("timeliness",),
                          theme_scores=theme_scores)
        stored = tagged_to_stored(TaggedStatement(statement=statement, prediction=pred,
                                                  model_kind="problem",
                                                  layout_disagrees=False))
        for got, gave in ((stored.kind_scores, kind_scores),
                          (stored.theme_scores, theme_scores)):
            assert got == {k: float(v) for k, v in gave.items()} and got is not gave
            assert all(type(v) is float for v in got.values())
        json.dumps(stored.kind_scores), json.dumps(stored.theme_scores)


def test_checks_json_of_shared_check_objects_is_their_plain_json():
    """The checks' arrays are remembered by object (the parser gives reports the same Check
    objects): the JSON is what encoding every check gives, report after report, and a NaN
    or an infinity still takes the slow path; an object that is no Check is encoded anew."""
    import math
    from dataclasses import dataclass

    from nlp_reports.corpus import store
    from nlp_reports.report import Check

    def plain(checks):
        return _compact([[c.id, c.outcome, c.table, c.row, c.column, c.expected, c.found,
                          c.message, c.zero_read] for c in checks])

    zero = Check("I1", "pass", "table3", None, "natural_person", 0.0, 0.0,
                 "column natural_person: 0 = 0")
    off = Check("T1", "fail", "table3", "1", "total", 12.0, 11.0, "一（一）件数：12 ≠ 11",
                zero_read=("3.1",))
    negative = Check("I1", "pass", "table3", None, "natural_person", -0.0, 0.0,
                     "column natural_person: 0 = 0")
    reports = [[zero, off], [zero], [], [off, zero, zero], [negative, zero]]
    for checks in reports * 2:
        assert store.checks_json(checks) == plain(checks)
        assert json.loads(store.checks_json(checks)) == json.loads(plain(checks))
    assert store.checks_json([negative]).count("-0.0") == 1
    odd = Check("X1", "fail", "table2.1", None, None, math.inf, math.nan, "?")
    text, exact = store._checks_json([zero, odd])
    assert not exact and "1e999" in text and "NaN" not in text

    @dataclass
    class Loose:  # a check-like object that may change between calls
        id: str = "Z"
        outcome: str = "pass"
        table: str = "t"
        row: str | None = None
        column: str | None = None
        expected: float | None = 1.0
        found: float | None = 1.0
        message: str = ""
        zero_read: tuple[str, ...] = ()

    loose = Loose()
    assert store.checks_json([loose]) == plain([loose])
    loose.found = 2.0
    assert store.checks_json([loose]) == plain([loose]) and "2.0" in store.checks_json([loose])


def test_figures_by_layout_are_the_cells_read_one_by_one():
    """The figures and cross-year cells read through a table layout's plan are those
    ``_Cells`` reads cell by cell, on the example reports (every format) and on tables
    with repeated ids, an unreadable one, blank cells, lists for ids and a ragged row."""
    from dataclasses import replace
    from pathlib import Path

    import pytest

    from nlp_reports.corpus import store
    from nlp_reports.parse import load_report

    def by_cells(report):
        cells = store._Cells(report)
        return store._figures(cells), store._cross_year(cells)

    folder = Path(__file__).parents[1] / "examples" / "corpus"
    files = sorted(folder.iterdir())
    reports = [load_report(f) for f in files if f.suffix in (".txt", ".html", ".md")]
    assert len(reports) > 30
    for report in reports:
        assert repr(store._figures_and_cells(report)) == repr(by_cells(report))
        assert store._figures_and_cells(report)[0] == store.report_figures(report)
    report = next(r for r in reports if r.table("table3") is not None
                  and r.table("table3").status == "ok" and r.table("table2.1") is not None)
    t3 = report.table("table3")
    blank = tuple(tuple(None if (i + j) % 3 == 0 else v for j, v in enumerate(row))
                  for i, row in enumerate(t3.values))
    variants = [
        [replace(t3, values=blank), *report.tables],  # the first of an id is read
        [replace(t3, status="unreadable"), *report.tables],
        [replace(t3, rows=list(t3.rows)), *report.tables],  # unhashable ids
        [replace(t3, rows=(*t3.rows[1:], t3.rows[0]))],  # the same ids in another order
        [],
    ]
    for tables in variants:
        other = replace(report, tables=tuple(tables))
        assert repr(store._figures_and_cells(other)) == repr(by_cells(other))
    ragged = replace(report, tables=(replace(t3, values=t3.values[:1]),))
    with pytest.raises(IndexError):
        by_cells(ragged)
    with pytest.raises(IndexError):
        store._figures_and_cells(ragged)


def test_checks_json_of_a_check_built_with_a_list_follows_the_list():
    """A Check is frozen, but one built by hand with a list for ``zero_read`` (the hint says
    tuple; nothing enforces it) can change under it: its JSON is encoded anew each time, never
    the array an earlier call remembered."""
    from nlp_reports.corpus import store
    from nlp_reports.report import Check

    read = ["row 3.1 column natural_person: '—'"]
    check = Check("I1", "pass", "table3", None, "natural_person", 4.0, 4.0,
                  "column natural_person: 4 = 4", zero_read=read)
    assert json.loads(store.checks_json([check]))[0][-1] == read
    read.append("row 3.2 column natural_person: '/'")
    assert json.loads(store.checks_json([check]))[0][-1] == read
