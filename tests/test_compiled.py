"""The compiled model's batched paths give what the per-text ones give, and the tagger's bulk
building gives what the per-statement rules give.

References: ``_Vectorizer.row`` (one text, n-gram strings counted with a Counter) and
``_word_batch_strings`` for the feature blocks; Python's ``round`` for ``_round6``;
``apply_layout`` on each prediction for ``Tagger.tag_many``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_reports.classify.compiled import _HashIndex, _Joined, _widen_joined
from nlp_reports.classify.features import (
    normalize_joined,
    normalize_statement,
    strip_marker,
    strip_markers_joined,
)
from nlp_reports.classify.tagger import Prediction, _prediction, _round6, apply_layout
from nlp_reports.tokenize import _widen

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "models" / "default"

# statements written for these tests, plus edge cases for the feature code
OWN = [
    "一是部分工作人员身兼数职，人员变动频繁，业务不够熟悉。",
    "（二）下一步将建立ＡＢ岗制度，2024年底前完成12345热线知识库更新。",
    "",
    "   ",
    "的了",
    "a  b\t\tc 政务\n公开",
    "\0前后\0有分隔符\0",
    "表情\U0001F600和生僻字\U00020000也要能处理",
    "x",
]


def _labeled(n: int) -> list[str]:
    texts = []
    for path in sorted((ROOT / "nlp_reports" / "data" / "labeled").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts[::max(1, len(texts) // n)]


@pytest.fixture(scope="module")
def tagger():
    from nlp_reports.classify import Tagger

    if not (SHIPPED / "model.joblib").is_file():
        pytest.skip("no shipped model in models/default")
    return Tagger.load()


@pytest.fixture(scope="module")
def texts():
    return OWN + _labeled(600)


# --- hash index -------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.sets(st.integers(0, 2**63 - 1), max_size=300), st.lists(st.integers(0, 2**63 - 1),
                                                                  max_size=100))
def test_hash_index_finds_exactly_its_keys(keys, others):
    keys = sorted(keys)
    cols = list(range(7, 7 + len(keys)))
    index = _HashIndex(np.array(keys, dtype=np.int64), np.array(cols, dtype=np.int64))
    queries = keys + others
    expected = [dict(zip(keys, cols, strict=True)).get(q, -1) for q in queries]
    assert index.lookup(np.array(queries, dtype=np.int64)).tolist() == expected


def test_hash_index_with_colliding_keys():
    # keys that differ only above the hash's top bits land on neighbouring slots: probing
    keys = np.arange(0, 64 * 2**40, 2**40, dtype=np.int64)
    index = _HashIndex(keys, np.arange(len(keys)))
    assert index.lookup(keys).tolist() == list(range(len(keys)))
    assert index.lookup(keys + 1).tolist() == [-1] * len(keys)


# --- feature blocks ------------------------------------------------------------------------


def _rows_from_batch(docs, cols, vals, n):
    rows = [dict() for _ in range(n)]
    for d, c, v in zip(docs.tolist(), cols.tolist(), vals.tolist(), strict=True):
        assert c not in rows[d]  # one cell per (text, column)
        rows[d][c] = v
    return rows


def test_batched_features_equal_the_per_text_reference(tagger, texts):
    for vec in tagger.bundle.vectorizers:
        docs, cols, vals = vec.batch(texts)
        assert np.all(np.diff(docs) >= 0)  # sorted by text, as the product needs
        got = _rows_from_batch(docs, cols, vals, len(texts))
        for text, row in zip(texts, got, strict=True):
            idx, val = vec.row(text)
            ref = dict(zip(idx.tolist(), val.tolist(), strict=True))
            assert row.keys() == ref.keys(), (vec.analyzer, text[:30])
            for c, v in ref.items():
                assert math.isclose(row[c], v, rel_tol=1e-12), (vec.analyzer, text[:30])


def test_word_ids_path_equals_the_string_path(tagger, texts):
    vec = next(v for v in tagger.bundle.vectorizers if v.analyzer == "word")
    fast = vec.batch(texts)
    slow = vec._word_batch_strings(texts)
    for a, b in zip(fast, slow, strict=True):
        assert np.array_equal(a, b)


def test_scores_do_not_depend_on_the_batch(tagger, texts):
    whole = tagger.bundle.scores(texts)
    one_by_one = np.vstack([tagger.bundle.scores([t]) for t in texts[:40]])
    assert np.array_equal(whole[:40], one_by_one)


# --- rounding and bulk building --------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.floats(0, 1),
    st.floats(-1e7, 1e7, allow_nan=False),
    st.integers(0, 10**6).map(lambda k: (k + 0.5) / 1e6),  # ties and their neighbours
    st.integers(0, 10**6).map(lambda k: math.nextafter((k + 0.5) / 1e6, 2.0)),
    st.integers(0, 10**6).map(lambda k: math.nextafter((k + 0.5) / 1e6, -2.0)),
    st.sampled_from([0.0, -0.0, 1e300, float("inf"), float("nan")]),
), max_size=40))
def test_round6_is_python_round(values):
    got = _round6(np.array(values, dtype=np.float64))
    want = [round(v, 6) for v in values]
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert (g == w and math.copysign(1, g) == math.copysign(1, w)) or (g != g and w != w)


def test_predict_in_bulk_equals_rounding_each_score(tagger, texts):
    kp, tp = tagger.bundle.predict_all([t for t in texts if t.strip()])
    preds = [p for p in tagger.predict(texts) if p.text.strip()]
    thresholds = tagger.bundle.thresholds
    for p, k, t in zip(preds, kp, tp, strict=True):
        assert list(p.kind_scores.values()) == [round(float(x), 6) for x in k]
        assert list(p.theme_scores.values()) == [round(float(x), 6) for x in t]
        assert p.kind == list(p.kind_scores)[int(k.argmax())]
        assert p.themes == tuple(th for th, x, c in zip(p.theme_scores, t, thresholds,
                                                         strict=True) if x >= c)
    assert [p.to_dict() for p in tagger.predict(texts, batch_size=7)] == \
        [p.to_dict() for p in tagger.predict(texts)]


def test_tag_many_equals_apply_layout_per_statement(tagger):
    from nlp_reports.parse import load_report

    files = sorted((ROOT / "examples" / "corpus").glob("*.txt"))[:8]
    if not files:
        pytest.skip("examples/corpus not present")
    reports = [load_report(p) for p in files]
    blocks = {s.block for r in reports for s in r.statements}
    assert {"problem", "measure"} <= blocks
    tagged = tagger.tag_many(reports)
    for report, tags in zip(reports, tagged, strict=True):
        preds = tagger.predict([s.text for s in report.statements])
        for s, ts, pred in zip(report.statements, tags, preds, strict=True):
            final, disagrees = apply_layout(pred, s.block)
            assert ts.prediction == final
            assert ts.model_kind == pred.kind
            assert ts.layout_disagrees == disagrees


def test_fast_prediction_is_the_dataclass():
    from dataclasses import fields, replace

    args = ("文本", "problem", 0.7, {"problem": 0.7, "measure": 0.2, "other": 0.1},
            ("staffing",), {"staffing": 0.9})
    fast, slow = _prediction(*args), Prediction(*args)
    assert set(vars(fast)) == {f.name for f in fields(Prediction)}  # no field left out
    assert fast == slow and hash(repr(fast)) == hash(repr(slow))
    assert fast.to_dict() == slow.to_dict()
    assert replace(fast, kind="measure") == replace(slow, kind="measure")
    with pytest.raises(AttributeError):  # still frozen
        fast.kind = "other"  # type: ignore[misc]


def test_fast_tagged_statement_is_the_dataclass():
    from dataclasses import fields

    from nlp_reports.classify.tagger import TaggedStatement, _tagged
    from nlp_reports.report import Statement

    statement = Statement(index=0, text="文本", block="problem", marker="一是")
    pred = _prediction("文本", "problem", 0.7, {"problem": 0.7}, (), {})
    fast = _tagged(statement, pred, "measure", True)
    slow = TaggedStatement(statement=statement, prediction=pred, model_kind="measure",
                           layout_disagrees=True)
    assert set(vars(fast)) == {f.name for f in fields(TaggedStatement)}
    assert fast == slow and fast.to_dict() == slow.to_dict()
    with pytest.raises(AttributeError):
        fast.model_kind = "other"  # type: ignore[misc]


def test_tag_many_with_repeated_statements_equals_tagging_each_report(tagger):
    from nlp_reports.parse import load_report

    files = sorted((ROOT / "examples" / "corpus").glob("*.txt"))[:4]
    if not files:
        pytest.skip("examples/corpus not present")
    reports = [load_report(p) for p in files] * 2  # every statement at least twice
    together = tagger.tag_many(reports)
    assert together == [tagger.tag_many([r])[0] for r in reports]


def test_theme_heads_at_once_equal_one_by_one(tagger):
    from nlp_reports.classify.compiled import _head

    bundle = tagger.bundle
    s = np.random.default_rng(3).normal(0, 3, (50, bundle.weights.shape[1]))
    heads = list(bundle.theme_heads)
    mixed = [{"mode": "constant", "p": 0.25}, {"mode": "logistic", "column": 4},
             *heads[2:-1], {"mode": "sigmoid", "column": 5, "a": -50.0, "b": 0.5}]
    for theme_heads in (heads, mixed):
        probe = type(bundle).__new__(type(bundle))
        probe.theme_heads = theme_heads
        want = np.column_stack([_head(h, s) for h in theme_heads])
        assert np.array_equal(probe._theme_proba(s), want)


# --- one batch normalized at once --------------------------------------------------------

# markers, digits, every kind of width and whitespace, characters NFKC changes (alone or with
# a neighbour: compatibility forms, combining marks, Hangul jamo), lone surrogates, astral
_NORM_ALPHABET = (list("一二三是第首先，,、（）()1２3.．)、①⑴㈠ﬁｶﾞ政务公开ＡＢab") +
                  [" ", "\t", "\n", "\u3000", "\u00a0", "e\u0301", "\u0301", "\u1100",
                   "\u1161", "\u11a8", "\ud800", "\udfff", "\U00020000", "\U0001F600"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_NORM_ALPHABET), max_size=12).map("".join),
                min_size=1, max_size=6))
def test_batch_normalization_is_per_text_normalization(texts):
    widened = _widen_joined("\0".join(texts))
    assert widened.split("\0") == [_widen(t) for t in texts]
    assert normalize_joined(widened).split("\0") == [normalize_statement(t) for t in texts]
    # the word path strips markers after the width mapping: they commute
    assert strip_markers_joined(widened).split("\0") == [_widen(strip_marker(t)) for t in texts]


def test_texts_with_their_own_separator_take_the_per_text_path():
    assert _Joined(["a\0b", "c"]).widened is None
    assert _Joined(["ａ", "b"]).widened == "a\0b"


# --- what a pickled bundle carries ---------------------------------------------------------


def test_pickled_vectorizers_carry_their_tables_and_score_the_same(tagger, texts):
    import pickle

    from nlp_reports.classify import compiled

    bundle = pickle.loads(pickle.dumps(tagger.bundle))
    for vec in bundle.vectorizers:
        assert any(k in vec.__dict__ for k in compiled._TABLE_KEYS)  # loaded, not rebuilt
        assert not any(k.startswith("_memo") for k in vec.__dict__)  # memos stay out
    bundle.set_tokenizer(tagger.bundle.tokenizer)
    assert np.array_equal(bundle.scores(texts), tagger.bundle.scores(texts))


def test_tables_of_another_layout_are_rebuilt(tagger, texts):
    from nlp_reports.classify import compiled

    for vec in tagger.bundle.vectorizers:
        state = vec.__getstate__()
        stale = dict(state, tables=(compiled._TABLES_VERSION + 1, {"_index": "stale"}))
        fresh = compiled._Vectorizer.__new__(compiled._Vectorizer)
        fresh.__setstate__(stale)
        assert not any(k in fresh.__dict__ for k in compiled._TABLE_KEYS)
        for a, b in zip(fresh.batch(texts), vec.batch(texts), strict=True):
            assert np.array_equal(a, b)
