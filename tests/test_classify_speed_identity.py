"""The classifier's start-up and per-batch shortcuts (s9) give what the plain ways give.

* the tokenizer's heading table (``parse/headings.py``) comes without the whole parser;
* ``Tagger.predict`` / ``tag_many`` run with the gen-0 GC threshold raised and leave the
  caller's thresholds as they were;
* the shared pieces of a batch (``_Joined``: the width-mapped, marker-stripped text) are
  what each feature block computed for itself.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlp_reports.classify.compiled import _Joined
from nlp_reports.classify.features import normalize_joined, strip_markers_joined

ROOT = Path(__file__).resolve().parents[1]
LABELED = ROOT / "nlp_reports" / "data" / "labeled"


def _labeled_texts(limit: int | None = None) -> list[str]:
    texts = []
    for p in sorted(LABELED.glob("*.jsonl")):
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    if not texts:
        pytest.skip("no labeled data")
    return texts[:limit] if limit else texts


# --- the heading table without the parser ------------------------------------------------


def test_heading_table_does_not_import_the_parser():
    """The tokenizer's glued-heading test reads parse/headings.py; the parser package loads
    the rest (load.py: every part, ~250 regexes) only when load_report is asked for."""
    code = ("import sys\nfrom nlp_reports.tokenize import repair_extractions\n"
            "repair_extractions(['加强培训。（二）下一步工作打算'])\n"
            "import nlp_reports.parse.metadata\n"
            "print('nlp_reports.parse.headings' in sys.modules,"
            " 'nlp_reports.parse.load' in sys.modules)\n"
            "from nlp_reports.parse import load_report\n"
            "print('nlp_reports.parse.load' in sys.modules, load_report.__module__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    assert out == ["True", "False", "True", "nlp_reports.parse.load"]


def test_repair_same_with_the_parser_loaded_or_not():
    """Statements whose end looks like a glued heading go through ``_is_heading``."""
    code = ("import json, sys\nfrom nlp_reports.tokenize import repair_extractions\n"
            "texts = json.load(sys.stdin)\n"
            "if sys.argv[1] == 'parser':\n    import nlp_reports.parse\n"
            "print(json.dumps(repair_extractions(texts), ensure_ascii=False))")
    texts = [t + tail for t in _labeled_texts(60)
             for tail in ("", "。（二）下一步工作打算", "。存在的主要问题", "。二、加强培训")]
    outs = [subprocess.run([sys.executable, "-c", code, which], input=json.dumps(texts),
                           capture_output=True, text=True, check=True, cwd=ROOT).stdout
            for which in ("alone", "parser")]
    assert outs[0] == outs[1]
    assert json.loads(outs[0]) != texts  # some glued headings were cut


# --- GC threshold during predict -----------------------------------------------------------


@pytest.fixture
def thresholds():
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


@pytest.fixture(scope="module")
def tagger():
    from nlp_reports.classify.tagger import Tagger

    return Tagger.load()


def _recording(tagger, monkeypatch) -> list:
    seen = []
    real = tagger.bundle.predict_all

    def predict_all(texts):
        seen.append(gc.get_threshold())
        if "boom" in texts:
            raise RuntimeError("boom")
        return real(texts)

    monkeypatch.setattr(tagger.bundle, "predict_all", predict_all)
    return seen


def test_gc_threshold_raised_during_predict_and_restored(tagger, monkeypatch, thresholds):
    from nlp_reports.classify.tagger import PREDICT_GC_THRESHOLD

    seen = _recording(tagger, monkeypatch)
    gc.set_threshold(900, 11, 12)
    texts = _labeled_texts(50)
    preds = tagger.predict(texts)
    assert seen == [(PREDICT_GC_THRESHOLD, 11, 12)]
    assert gc.get_threshold() == (900, 11, 12)
    with pytest.raises(RuntimeError):  # restored when predict raises
        tagger.predict(["boom"])
    assert gc.get_threshold() == (900, 11, 12)
    gc.set_threshold(0, 11, 12)  # automatic collection off: left off
    assert tagger.predict(texts) == preds
    assert seen[-1] == (0, 11, 12) and gc.get_threshold() == (0, 11, 12)
    gc.set_threshold(PREDICT_GC_THRESHOLD + 1, 11, 12)  # higher: left as it is
    tagger.predict(texts[:3])
    assert seen[-1][0] == PREDICT_GC_THRESHOLD + 1


def test_gc_threshold_raised_during_tag_many(tagger, monkeypatch, thresholds):
    from nlp_reports.classify.tagger import PREDICT_GC_THRESHOLD
    from nlp_reports.parse import load_report

    files = sorted((ROOT / "examples" / "corpus").glob("*.txt"))[:2]
    if not files:
        pytest.skip("examples/corpus is missing")
    reports = [load_report(f) for f in files]
    seen = _recording(tagger, monkeypatch)
    gc.set_threshold(700, 10, 10)
    tagged = tagger.tag_many(reports)
    assert [len(t) for t in tagged] == [len(r.statements) for r in reports]
    assert seen and all(t[0] == PREDICT_GC_THRESHOLD for t in seen)
    assert gc.get_threshold() == (700, 10, 10)


# --- shared pieces of a batch --------------------------------------------------------------


def test_joined_stripped_is_each_blocks_own():
    texts = _labeled_texts(300) + ["一是全角ＡＢ岗　制度", "（三）", "", "①加强", "首先，"]
    joined = _Joined(texts)
    assert joined.widened is not None
    assert joined.stripped == strip_markers_joined(joined.widened)
    assert normalize_joined(joined.widened, joined.stripped) == normalize_joined(joined.widened)
    # a batch that is not NFKC once widened (a compatibility ligature, a circled digit)
    odd = _Joined(["ﬁ一是测试", "⑴加强培训", "二是①整改"])
    assert normalize_joined(odd.widened, odd.stripped) == normalize_joined(odd.widened)


def test_joined_whitespace_removed_as_the_regex_removes_it():
    import re

    from nlp_reports.classify import features

    blanks = "".join(c for c in map(chr, range(0x3001)) if re.fullmatch(r"\s", c))
    assert set(blanks) == {c for c in map(chr, range(0x3001)) if c.isspace()}
    texts = ["a b", f"加{blanks}强", "\0".join(["x\u3000y", "", " 1 2 "]), "无空白", blanks]
    for text in [*texts, *(f"a{c}b{c}{c}" for c in blanks)]:  # the claim itself
        assert "".join(text.split()) == features._SPACE.sub("", text)
    for text in texts:
        widened = _Joined([text]).widened or text
        stripped = strip_markers_joined(widened)
        expect = features._SPACE.sub("", features._DIGITS.sub("0", stripped))
        if unicodedata_is_nfkc(widened):
            assert normalize_joined(widened) == expect


def unicodedata_is_nfkc(text: str) -> bool:
    import unicodedata

    return unicodedata.is_normalized("NFKC", text)


def test_themes_of_every_mask_is_compress_of_its_flags():
    from itertools import compress

    import numpy as np

    from nlp_reports.classify.tagger import _theme_bits, _themes_of
    from nlp_reports.taxonomy import THEME_IDS

    n = len(THEME_IDS)
    flags = (np.arange(2 ** n)[:, None] >> np.arange(n)) & 1 == 1
    masks = (flags @ _theme_bits()).tolist()
    assert masks == list(range(2 ** n))
    assert [_themes_of(m) for m in masks] == [tuple(compress(THEME_IDS, f))
                                              for f in flags.tolist()]
