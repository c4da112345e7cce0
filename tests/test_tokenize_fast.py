"""The tokenizer's fast paths give exactly what the plain ones give.

jieba engine: our one-pass DAG cut against ``jieba.Tokenizer.lcut(HMM=False)`` on the same
dictionary. ``Tokenizer.encode_batch`` against ``Tokenizer.__call__``; ``__call__`` with a
cold memo against the token-by-token specification.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_reports import tokenize
from nlp_reports.tokenize import DROPPED, SEPARATOR, Tokenizer, _widen, available_engines

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ENGINES = available_engines()


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "nlp_reports" / "data" / "labeled").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    for path in sorted((ROOT / "examples" / "corpus").glob("*.txt")):
        texts.append(path.read_bytes().decode("utf-8", "replace"))  # whole reports
    sample = SHARED / "sample-report-bange-2023.txt"
    if sample.exists():
        texts.append(sample.read_text(encoding="utf-8"))
    return texts


@pytest.fixture(scope="module")
def jieba_pair():
    """(our jieba cut, jieba's own lcut) over two tokenizers with the same dictionary."""
    jieba = pytest.importorskip("jieba")
    fast = tokenize._segmenter("jieba", False, True)
    jlog = logging.getLogger("jieba")
    old = jlog.level
    jlog.setLevel(logging.WARNING)
    try:
        ref = jieba.Tokenizer()
        ref.tmp_dir = str(tokenize.cache_dir())
        ref.initialize()
        for word, freq in tokenize._user_words():
            ref.add_word(word, freq)
    finally:
        jlog.setLevel(old)
    return fast, (lambda text: ref.lcut(text, HMM=False))


def test_jieba_fast_cut_equals_jieba_lcut_on_the_corpus(jieba_pair):
    fast, ref = jieba_pair
    texts = _texts()
    if len(texts) < 50:
        pytest.skip("labeled corpus not present")
    differing = [t[:40] for t in texts if fast(t) != ref(t)]
    assert differing == [], f"{len(differing)} of {len(texts)} texts differ: {differing[:3]}"


# characters that exercise every branch: dictionary words, unknown han, ASCII runs (joined
# by jieba), full-width forms, the han block's extra symbols, whitespace and \r\n, astral
_ALPHABET = list("政府信息公开工作年度报告依申请主动人员身兼数职的了和是在国务院办公厅一二三十百万"
                 "ABCabcxyz0189４５ＡＢ，。、；：？！（）《》+#&._%-@/ \t\r\n\u3000\u00a0\x00"
                 "\u4e00\u9fd5\u9fd6\ufffd") + ["\U00020000", "\r\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join))
def test_jieba_fast_cut_equals_jieba_lcut_on_any_text(jieba_pair, text):
    fast, ref = jieba_pair
    assert fast(text) == ref(text)


@pytest.fixture(scope="module", params=ENGINES)
def tok(request):
    return Tokenizer(engine=request.param)


def test_encode_batch_is_call_then_encode(tok):
    texts = _texts()[:400] + ["", "  ", "的了", "ＡＢＣ１２３，测试", "2023年12.5%增长"]
    vocab: dict[str, int] = {}

    def encode(token: str) -> int:  # a growing vocabulary: every distinct token an id
        return vocab.setdefault(token, len(vocab))

    memo: dict[str, int] = {}
    for _ in range(2):  # cold memo, then warm
        codes, lengths = tok.encode_batch(texts, encode, memo)
        assert len(lengths) == len(texts) and sum(lengths) == len(codes)
        pos = 0
        for text, n in zip(texts, lengths, strict=True):
            kept = [c for c in codes[pos:pos + n] if c != DROPPED]
            assert kept == [vocab[t] for t in tok(text)], text[:40]
            pos += n


def test_call_with_a_cold_memo_is_the_specification(tok):
    texts = _texts()[:300]
    tok("预热")
    tok.__dict__["_norm"].clear()  # the shared memo emptied: every token new, the miss path
    assert [tok(t) for t in texts] == [tok._call_unmemoised(t) for t in texts]


def test_memos_emptied_when_full_change_nothing(jieba_pair, monkeypatch):
    fast, ref = jieba_pair
    texts = _texts()[:200]
    monkeypatch.setattr(tokenize, "_DAG_MEMO_MAX", 50)  # emptied at nearly every call
    monkeypatch.setattr(tokenize, "_NORM_CACHE_MAX", 50)
    assert [fast(t) for t in texts] == [ref(t) for t in texts]
    tok = Tokenizer(engine="jieba")
    memo: dict[str, int] = {}
    for text in texts:
        codes, _ = tok.encode_batch([text], len, memo)
        assert [c for c in codes if c != DROPPED] == [len(t) for t in tok(text)]
    assert len(memo) < 1000


def _encode_joined_per_text(tok, texts, memo, vocab):
    """encode_joined of the texts (widened, joined by \\0) cut back into one list per text."""

    def encode(token: str) -> int:
        return vocab.setdefault(token, len(vocab))

    codes = tok.encode_joined("\0".join(_widen(t) for t in texts), encode, memo)
    per_text: list[list[int]] = [[]]
    for c in codes:
        if c == SEPARATOR:
            per_text.append([])
        elif c != DROPPED:
            per_text[-1].append(c)
    inverse = {i: t for t, i in vocab.items()}
    return [[inverse[c] for c in row] for row in per_text]


def test_encode_joined_is_call_per_text(tok):
    texts = [t for t in _texts()[:400] if "\0" not in t]
    texts += ["", "  ", "的了", "ＡＢＣ１２３，测试", "2023年12.5%增长", "尾\r", "\n首", "\u3000"]
    memo: dict[str, int] = {}
    vocab: dict[str, int] = {}
    for _ in range(2):  # cold memo, then warm
        assert _encode_joined_per_text(tok, texts, memo, vocab) == [tok(t) for t in texts]


_NO_NUL = [c for c in _ALPHABET if c != "\x00"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_NO_NUL), max_size=20).map("".join), min_size=1,
                max_size=6))
def test_encode_joined_is_call_per_text_on_any_texts(tok, texts):
    assert _encode_joined_per_text(tok, texts, {}, {}) == [tok(t) for t in texts]


def _words(tok: Tokenizer, text: str) -> list[str]:
    return list(filter(str.strip, tok(text)))


def test_words_many_is_words_per_text(tok):
    texts = _texts()[:400] + ["", "  ", "\u2002", "公开\u2002栏目。", "尾\r", "\n首",
                              "ＡＢＣ１２３，测试", "2023年12.5%增长", "含\x00的一句。"]
    for _ in range(2):  # cold memo, then warm
        assert tok.words_many(texts) == [_words(tok, t) for t in texts]
    without_nul = [t for t in texts if "\x00" not in t]
    assert tok.words_many(without_nul) == [_words(tok, t) for t in without_nul]
    assert tok.words_many(["一、总体情况。"]) == [_words(tok, "一、总体情况。")]
    assert tok.words_many([]) == []


def test_words_many_with_its_memo_emptied_as_it_fills(tok, monkeypatch):
    monkeypatch.setattr(tokenize, "_NORM_CACHE_MAX", 5)
    texts = _texts()[:60]
    for start in range(0, len(texts), 6):  # several calls: the memo emptied before each
        part = texts[start:start + 6]
        assert tok.words_many(part) == [_words(tok, t) for t in part]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from([*_ALPHABET, "\u2002", "\u200b"]), max_size=20)
                .map("".join), min_size=1, max_size=6))
def test_words_many_is_words_per_text_on_any_texts(tok, texts):
    assert tok.words_many(texts) == [_words(tok, t) for t in texts]
