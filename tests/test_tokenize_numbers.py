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
