"""The per-report shortcuts of tagging give exactly what the plain way gives.

Each shortcut (a guard before a scan, a pattern rewritten to start with a literal, a memo of
filtered tokens) is compared with the way it replaced, on hostile random texts built from the
characters that matter to it.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_reports.corpus.worker import _MemoTokenizer, report_words
from nlp_reports.ingest import normalize
from nlp_reports.parse import checks, tables

#: What the line-oriented scans look at: line breaks, blanks, digits, dashes, page words,
#: units, sentence marks, slashes and letters.
_ALPHABET = "\n\n\t \u30000123456789--—–－/页第共件起个Pp.a申请公开，。；政府信息"
_texts = st.text(alphabet=_ALPHABET, max_size=120)


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_break_before_figure_same_matches_as_the_old_pattern(text):
    old = re.compile(rf"\n[ \t\u3000]*(?={checks._N}{checks._UNIT})"
                     rf"|(?<=\d)\n[ \t\u3000]*(?={checks._UNIT})")
    assert ([m.span() for m in checks._BREAK_BEFORE_FIGURE.finditer(text)]
            == [m.span() for m in old.finditer(text)])


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_page_mark_guard_is_a_necessary_condition(text):
    # the guard of drop_running_heads skips the scan only where it cannot match
    if normalize._PAGE_MARK.search(text) is not None:
        assert (normalize._may_have_named_page(text) or "/" in text or "p" in text
                or "P" in text)


def test_page_marks_still_found():
    for mark in ("- 3 -", "3/5", "第 3 页 共 5 页", "共5页第3页", "Page 3 of 5", "p. 7"):
        text = f"一、总体情况\n本机关公开信息。\n{mark}\n二、主动公开\n"
        assert normalize._PAGE_MARK.search(text) is not None, mark
        named = normalize._may_have_named_page(text)
        assert named or "/" in text or "p" in text or "P" in text, mark


def _old_halves(line: str):
    for rx in (tables._SECOND_ANCHOR, tables._SECOND_HEADER):
        m = rx.match(line)
        if m is not None:
            return line[:m.end() - 1], line[m.end():]
    toks = line.split(" ")
    for i in range(2, len(toks)):
        if (tables._classify(toks[i - 1]) is not None and tables._classify(toks[i]) is None
                and tables._classify(toks[0]) is None and toks[i] not in tables._UNIT_WORD):
            return " ".join(toks[:i]), " ".join(toks[i:])
    return None


_LINE_ALPHABET = " 　\t12０件条信息内容第二十条第（一）项制发废止现行有效规章"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_LINE_ALPHABET, max_size=60))
def test_halves_same_as_before(line):
    assert tables._halves(line) == _old_halves(line)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=_LINE_ALPHABET.replace(" ", ""), max_size=30), max_size=12))
def test_column_by_column_without_a_space_is_the_text(lines):
    text = "\n".join(lines)
    assert tables._column_by_column(text) == text


class _Blanky:
    """A tokenizer that returns blank tokens too (the real engines drop them); like them it
    cuts at the sentence marks, so the memo's pieces give its tokens."""

    def __call__(self, text: str) -> list[str]:
        return [t for t in re.split(r"(\s+|[，。；！？])", text) if t != ""]


class _Metadata:
    traditional = False  # simplified text: segmented as it stands


class _Report:
    def __init__(self, sections, statements):
        self.sections = sections
        self.statements = statements
        self.metadata = _Metadata()


class _Section:
    def __init__(self, number, text):
        self.number, self.text = number, text


class _Statement:
    def __init__(self, text):
        self.text = text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="政府 信息\n公开。；！？\t1", max_size=40), min_size=1,
                max_size=4))
def test_memo_words_are_the_tokens_without_blank_ones(texts):
    memo = _MemoTokenizer(_Blanky())
    for text in texts:
        for _ in range(2):  # cold, then from the memo
            assert memo.words(text) == list(filter(str.strip, memo(text)))
    report = _Report([_Section(1, texts[0]), _Section(2, "不读")],
                     [_Statement(t) for t in texts[1:]])
    plain = _Blanky()
    assert report_words(report, memo) == report_words(report, plain)
