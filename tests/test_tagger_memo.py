"""The tagger's prediction memo (预测缓存): ``Tagger.tag_many`` remembers the predictions of
the statements it has seen, so a batch's later chunks do not predict their boilerplate again.
What it returns must be what a tagger without the memo returns, whatever the chunks, and a
change of the model's thresholds must not serve predictions made under the old ones."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from nlp_reports.classify import tagger as tagger_module
from nlp_reports.taxonomy import THEME_IDS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def reports():
    from nlp_reports.parse import load_report

    files = sorted((ROOT / "examples" / "corpus").iterdir())
    if not files:
        pytest.skip("examples/corpus not present")
    out = [load_report(p) for p in files]
    texts = [s.text for r in out for s in r.statements]
    assert len(set(texts)) < len(texts)  # the corpus repeats statements across reports
    return out


@pytest.fixture()
def tagger():
    from nlp_reports.classify import Tagger

    if not (ROOT / "models" / "default" / "model.joblib").is_file():
        pytest.skip("no shipped model in models/default")
    return Tagger.load()


def _without_memo(tagger, reports, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(tagger_module, "PREDICTION_MEMO_MAX", 0)  # nothing is kept
        tagger._memo = {}
        out = [tagger.tag_many([r])[0] for r in reports]
        assert tagger._memo == {}
    return out


def test_chunks_tagged_with_the_memo_equal_tagging_without_it(tagger, reports, monkeypatch):
    expected = _without_memo(tagger, reports, monkeypatch)
    got = []
    for size in (5, 3, 7):  # the memo filled by earlier chunks (and by the earlier loop)
        got = [t for i in range(0, len(reports), size)
               for t in tagger.tag_many(reports[i:i + size])]
        assert got == expected
    held = set(tagger._memo)
    assert held == {s.text for r in reports for s in r.statements}


def test_other_thresholds_are_not_served_from_the_memo(tagger, reports, monkeypatch):
    before = [tagger.tag_many([r])[0] for r in reports[:6]]
    tagger.bundle.thresholds = np.zeros(len(THEME_IDS))  # (this test's own tagger)
    after = [tagger.tag_many([r])[0] for r in reports[:6]]
    themes = [t.prediction.themes for tags in after for t in tags]
    assert themes and all(t == tuple(THEME_IDS) for t in themes)  # every theme over 0
    assert themes != [t.prediction.themes for tags in before for t in tags]
    assert after == _without_memo(tagger, reports[:6], monkeypatch)


def test_the_memo_is_bounded(tagger, reports, monkeypatch):
    expected = _without_memo(tagger, reports, monkeypatch)
    monkeypatch.setattr(tagger_module, "PREDICTION_MEMO_MAX", 10)
    got = [tagger.tag_many([r])[0] for r in reports]
    assert got == expected
    assert 0 < len(tagger._memo) <= 10
    assert tagger.tag_many(reports) == expected  # more new texts than it holds: not kept
    assert len(tagger._memo) <= 10


def test_a_pickled_tagger_carries_no_memo(tagger, reports):
    tagger.tag_many(reports[:3])
    assert tagger._memo
    copy = pickle.loads(pickle.dumps(tagger))
    assert copy._memo == {} and copy.model_id == tagger.model_id
    assert copy.tag_many(reports[:3]) == tagger.tag_many(reports[:3])
