"""The summary builds its frames with fewer garbage-collector runs (``_gc.fewer_collections``:
the gen-0 threshold raised while it runs) and leaves the caller's thresholds as they were,
also when it fails."""

from __future__ import annotations

import gc
import importlib
from pathlib import Path

import pytest
from _corpus_helpers import store_of

from nlp_reports._gc import GC_THRESHOLD
from nlp_reports.corpus import summarize
from nlp_reports.errors import UsageError
from nlp_reports.parse import load_report

summarize_module = importlib.import_module("nlp_reports.corpus.summarize")
EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"


@pytest.fixture
def thresholds():
    old = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*old)


def test_thresholds_raised_while_summarizing_and_put_back(tmp_path, monkeypatch, thresholds):
    files = sorted(EXAMPLES.glob("*.txt"))[:3]
    if not files:
        pytest.skip("examples/corpus is missing")
    db = store_of(tmp_path / "s.sqlite", {f.name: load_report(f) for f in files})
    seen = []
    real = summarize_module.summarize_frames

    def recorded(*args, **kwargs):
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)

    monkeypatch.setattr(summarize_module, "summarize_frames", recorded)
    s = summarize(db)
    assert s.n_reports == len(files)
    assert seen == [(GC_THRESHOLD, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)
    with pytest.raises(UsageError):  # put back when the summary raises too
        summarize(db, by=["no such column"])
    assert gc.get_threshold() == (700, 10, 10)
