"""The summary's faster paths give what the code they replaced gave (perf s9).

Each rewritten function is compared with the old one, kept here as the reference, on
tricky inputs: texts with every kind of whitespace, keys with long runs and none, paths
with no folder, relative and absolute paths mixed. No timings: equivalence only.
"""

from __future__ import annotations

import importlib
import os
import random
import sys
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from _corpus_helpers import mess_table_statuses, synthetic_store

from nlp_reports.corpus import copying
from nlp_reports.corpus.store import Store

sm = importlib.import_module("nlp_reports.corpus.summarize")  # (the package binds the function)


# --- words of the vocabulary ----------------------------------------------------------


def _same_codes(a, b) -> None:
    for x, y in zip(a, b, strict=True):
        assert x.dtype == y.dtype
        assert x.tolist() == y.tolist()


def test_other_spaces_are_every_character_split_splits_at_but_the_space():
    every = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(sm._OTHER_SPACES) == every - {" "}
    assert len(sm._OTHER_SPACES) == len(set(sm._OTHER_SPACES))


TRICKY_WORDS = [
    "", " ", "  ", "政府 信息 公开", " 前导 与 尾随 ", "两个  空格", "制表\t符", "全角\u3000空格",
    "换行\n与\r\n回车", "\x1c 分隔 \x1f", "不换行\xa0空格", "零宽\u200b不是空白", "<num> 年 <num>",
    "é ü ß", "政府 政府 信息", "\u2028段\u2029落", "\u205f\u202f", "a",
]


@pytest.mark.parametrize("texts", [
    TRICKY_WORDS, TRICKY_WORDS[::-1], [], [""], ["", " "], ["只有一个"], ["甲 乙"] * 3,
])
def test_word_codes_match_split_and_factorize(texts):
    _same_codes(sm.word_codes(texts), sm._word_codes_py(texts))


def test_word_codes_match_on_random_texts():
    rng = random.Random(9)
    alphabet = ["政", "府", "信", "息", "a", "1", " ", " ", "\t", "\u3000", "<", "\n", "\xa0"]
    for _ in range(50):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
                 for _ in range(rng.randrange(0, 12))]
        _same_codes(sm.word_codes(texts), sm._word_codes_py(texts))


def test_word_codes_without_pyarrow_are_the_same(monkeypatch):
    pytest.importorskip("pyarrow")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow → ImportError
    _same_codes(sm.word_codes(TRICKY_WORDS), sm._word_codes_py(TRICKY_WORDS))


def test_the_word_sample_is_the_one_the_window_over_the_words_gave(tmp_path):
    """load_frames reads the sample's ids, then their words: the same rows, in the same
    order, as the single query over the words it replaced (as bags of word ids)."""
    path = synthetic_store(tmp_path / "s.sqlite", 60)
    with Store(path, readonly=True) as store:
        for groups, sample in ((("year",), 3), (("level",), 5), (("year", "level"), 1),
                               (("year",), 500)):
            part = ", ".join(f'"{g}"' for g in groups)
            old = store.query(
                "SELECT id, words FROM (SELECT id, words, ROW_NUMBER() OVER "
                f"(PARTITION BY {part} ORDER BY id) AS rn FROM reports WHERE words IS NOT "
                "NULL) WHERE rn <= ?", (sample,))
            new = sm.load_frames(store, word_groups=groups, word_sample=sample).words
            assert not new.segmented.any()  # (every report has its words stored)
            assert new.ids.tolist() == old["id"].tolist()
            # each report's bag: its words in order of first use, with their counts
            for row, text in enumerate(old["words"]):
                lo, hi = new.indptr[row], new.indptr[row + 1]
                bag = dict(zip(new.vocab[new.indices[lo:hi]].tolist(),
                               new.counts[lo:hi].tolist(), strict=True))
                assert list(bag) == list(dict.fromkeys(text.split()))
                assert bag == Counter(text.split())


# --- year-over-year candidate join ------------------------------------------------------


def _old_join(cur_key, prev_key, rows):
    """The sort-based join copying._join replaced."""
    n = len(cur_key)
    allk = np.concatenate([cur_key, prev_key])
    order = np.argsort(allk, kind="stable")
    k = allk[order]
    is_prev = order >= n
    row_of = np.concatenate([rows, rows])[order]
    start = np.r_[True, k[1:] != k[:-1]] if len(k) else np.zeros(0, bool)
    run_starts = np.flatnonzero(start)
    if len(run_starts) == 0:
        return pd.DataFrame({"row": np.zeros(0, np.int64), "row_prev": np.zeros(0, np.int64)})
    prev_pos = np.where(is_prev, np.arange(len(k)), -1)
    run_prev = np.maximum.reduceat(prev_pos, run_starts)
    run_id = np.cumsum(start) - 1
    partner = run_prev[run_id]
    take = ~is_prev & (partner >= 0)
    left, right = row_of[take], row_of[partner[take]]
    return copying._unique_pairs(left, right, "row", "row_prev")


@pytest.mark.parametrize("seed", range(40))
def test_join_pairs_each_entry_with_the_last_previous_entry_of_its_key(seed):
    rng = np.random.default_rng(seed)
    n, bands = int(rng.integers(0, 60)), int(rng.integers(1, 6))
    spread = int(rng.integers(1, 12))  # few keys: long runs; many: no match at all
    cur = rng.integers(-spread, spread, n * bands).astype(np.int64)
    prev = rng.integers(-spread, spread, n * bands).astype(np.int64)
    rows = np.repeat(np.arange(n), bands)
    pd.testing.assert_frame_equal(copying._join(cur, prev, rows), _old_join(cur, prev, rows))


def test_join_of_nothing_and_of_extreme_keys():
    empty = np.zeros(0, np.int64)
    pd.testing.assert_frame_equal(copying._join(empty, empty, empty), _old_join(empty, empty, empty))
    big = np.array([np.iinfo(np.int64).min, np.iinfo(np.int64).max, 0, -1], dtype=np.int64)
    rows = np.arange(4)
    pd.testing.assert_frame_equal(copying._join(big, big[::-1].copy(), rows),
                                  _old_join(big, big[::-1].copy(), rows))


# --- report frame: folders and place levels ---------------------------------------------


def _old_top_folders(paths):
    known = [os.path.dirname(p) for p in paths if isinstance(p, str) and p]
    try:
        root = os.path.commonpath(known) if known else ""
    except ValueError:
        root = ""
    first_of = {}
    out = []
    for p in paths:
        if not isinstance(p, str) or not p:
            out.append(None)
            continue
        folder = os.path.dirname(p)
        first = first_of.get(folder)
        if first is None:
            rel = os.path.relpath(folder, root) if root else folder
            first = rel.split(os.sep, 1)[0]
            first = first_of[folder] = "(top)" if first in ("", ".") else first
        out.append(first)
    return np.array(out, dtype=object)


@pytest.mark.parametrize("paths", [
    [], [None], [""], ["a.txt"], ["a.txt", "b/c.txt"], ["/c/a.txt"], ["/c/x/a.txt", "/c/x/b.txt"],
    ["/c/青禾省/a.txt", "/c/青禾省/2023/b.txt", "/c/云岭市/c.txt", "/c/d.txt", None, ""],
    ["/abs/a.txt", "rel/b.txt"], ["x/a.txt", "x/a.txt", float("nan"), "y/b.txt"],
])
def test_top_folders_as_before(paths):
    assert sm.top_folders(paths).tolist() == _old_top_folders(paths).tolist()


def _old_add_place_levels(reports):
    region = reports["region"] if "region" in reports else None
    agency = reports["agency"] if "agency" in reports else None
    n = len(reports)
    # a region held as NaN is missing too (pandas turns None into NaN in a column of names)
    names = [r if isinstance(r := (region.iat[i] if region is not None else None), str) and r
             else (agency.iat[i] if agency is not None else None) for i in range(n)]
    levels = [sm.place_levels(x if isinstance(x, str) else None) for x in names]
    reports["province"] = np.array([p for p, _ in levels], dtype=object)
    reports["prefecture"] = np.array([c for _, c in levels], dtype=object)
    return reports


@pytest.mark.parametrize("columns", [("region", "agency"), ("region",), ("agency",), ()])
def test_place_levels_of_region_else_agency_as_before(columns):
    reports = pd.DataFrame({
        "id": range(7),
        "region": ["青禾省云岭市", None, "", "溪山县", None, float("nan"), "上海市"],
        "agency": ["青禾省云岭市教育局", "云岭市东城区民政局", "北京市海淀区卫健委", None, None, "甲",
                   float("nan")],
    })[["id", *columns]]
    pd.testing.assert_frame_equal(sm.add_place_levels(reports.copy()),
                                  _old_add_place_levels(reports.copy()))


def test_unreadable_tables_are_those_whose_first_table_of_the_id_is_not_ok(tmp_path):
    """One SQL query keeps a report's first table of an id (by rowid), as the
    drop_duplicates over every row did."""
    path = synthetic_store(tmp_path / "s.sqlite", 12)
    with Store(path) as store:
        conn = store._conn
        ids = [r for (r,) in conn.execute("SELECT id FROM reports ORDER BY id")]
        mess_table_statuses(conn, ids)
        conn.commit()
        for table_id in ("table3", "table4", "table2.1", "nothing"):
            rows = store.query("SELECT report_id, status FROM report_tables WHERE table_id = ? "
                               "ORDER BY rowid", (table_id,)).drop_duplicates("report_id")
            old = set(rows.loc[rows["status"] != "ok", "report_id"].tolist()) if len(rows) else set()
            assert sm.unreadable_tables(store, table_id) == old
        assert sm.unreadable_tables(store, "table3") == {ids[0], ids[1], ids[3]}


def test_nullable_year_of_an_int_column_as_of_the_values():
    for years in ([2021, 2022, 2022], []):
        fast = pd.DataFrame({"year": np.array(years, dtype=np.int64), "x": range(len(years))})
        sm._nullable_year(fast)
        assert str(fast["year"].dtype) == "Int64"
        assert fast["year"].tolist() == years
        slow = pd.DataFrame({"year": pd.array(years, dtype="Int64"), "x": range(len(years))})
        pd.testing.assert_frame_equal(fast, slow)


@pytest.mark.parametrize("space", list(sm._OTHER_SPACES))
def test_one_other_space_in_one_text_of_a_clean_chunk(space):
    # the other whitespace is looked for among the distinct words once split at " ": one
    # such character in one word of one text still gives split()'s words for that text
    texts = ["政府 信息 公开", "依 申请 公开", f"答复{space}期限 延长", "政府 信息 公开"]
    _same_codes(sm.word_codes(texts), sm._word_codes_py(texts))
    assert sm.word_codes(texts)[0].tolist() == [3, 3, 3, 3]
