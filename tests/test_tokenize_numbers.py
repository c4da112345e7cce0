"""A number is one <num> token with its thousands commas, decimal point and percent sign."""

from __future__ import annotations

import pytest

from nlp_reports.tokenize import NUM_TOKEN, Tokenizer, available_engines


@pytest.fixture(scope="module", params=available_engines())
def tok(request):
    return Tokenizer(engine=request.param)


@pytest.mark.parametrize("text, n", [
    ("全年受理申请1,234件", 1),
    ("全年主动公开政府信息12,345,678条", 1),
    ("按时办结率98.5%，较上年提高0.75个百分点", 2),
    ("复议纠错率达到１２．５％", 1),          # full-width digits and point
    ("截至2023.12.31，累计办件3.5万件", 2),
    ("第1、2项", 2),                          # an enumeration: two numbers
    ("涉及第1，2项", 2),                       # a Chinese comma is a list, not thousands
    ("编号1,23与45", 3),                       # a comma not before three digits separates
])
def test_one_num_per_number(tok, text, n):
    tokens = tok(text)
    assert tokens.count(NUM_TOKEN) == n, tokens
    assert not any(ch.isdigit() for t in tokens for ch in t), tokens


def test_the_batch_paths_agree_with_a_single_call(tok):
    texts = ["申请1,234件，办结率98.5%", "网站访问量12.6万人次", "无"]
    assert tok.words_many(texts) == [tok(t) for t in texts]
    vocab: dict[str, int] = {}
    codes, lengths = tok.encode_batch(texts, lambda w: vocab.setdefault(w, len(vocab)), {})
    words = {i: w for w, i in vocab.items()}
    got, start = [], 0
    for n in lengths:
        got.append([words[c] for c in codes[start:start + n] if c >= 0])
        start += n
    assert got == [tok(t) for t in texts]


def test_a_term_starting_with_digits_stays_whole(tok):
    assert "12345政务服务便民热线" in tok("依托12345政务服务便民热线受理诉求1,024件")


def _every_path(tok, text):
    """The tokens of ``text`` by each way the package segments: a call, the specification,
    the vocabulary's batch, the model's batch, and the compiled classifier's (whole batch
    widened first, so a Chinese comma arrives as ",")."""
    from nlp_reports.classify.compiled import _widen_joined

    vocab: dict[str, int] = {}
    encode = lambda w: vocab.setdefault(w, len(vocab))  # noqa: E731
    codes, _ = tok.encode_batch([text], encode, {})
    joined = tok.encode_joined(_widen_joined(text), encode, {})
    words = {i: w for w, i in vocab.items()}
    return {"call": tok(text), "spec": tok._call_unmemoised(text),
            "words_many": tok.words_many([text])[0],
            "encode_batch": [words[c] for c in codes if c >= 0],
            "encode_joined": [words[c] for c in joined if c >= 0]}


@pytest.mark.parametrize("text, n", [
    ("行政处罚 2，361", 1),                     # a table cell written with a Chinese comma
    ("共受理1，234件，占比５％", 2),             # the same with a full-width mark elsewhere
    ("本年新收申请数量，233，21，0，0，10，0，264", 7),  # cells: "0，264" is no number
    ("分别为1，2，3件", 3),
    ("分别为3、5件", 2),
    ("序号12345,678", 2),                       # no thousands grouping: two figures
])
def test_every_path_counts_the_same_numbers(tok, text, n):
    got = _every_path(tok, text)
    assert {k: v.count(NUM_TOKEN) for k, v in got.items()} == dict.fromkeys(got, n), got
