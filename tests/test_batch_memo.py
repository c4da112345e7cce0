"""The batch's sentence-memoised tokenizer gives exactly the tokens of the plain tokenizer."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports.corpus import Store, tag_paths
from nlp_reports.corpus.worker import _MEMOS, _MemoTokenizer

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"
SAMPLE = Path(__file__).parents[2] / "shared" / "sample-report-bange-2023.txt"

#: Texts where a piece boundary meets what the engines treat specially: CRLF, full-width
#: ASCII (translated only when the text holds some), digits and Latin next to the marks.
EDGE_TEXTS = (
    "一、总体情况\r\n本机关2023年共收到申请12件。其中：ＡＢＣ平台上线；网站改版！是否及时？\r\n",
    "（一）主动公开。发布信息1，234条；\n\n   公开率100%。\n",
    "ＰＤＦ格式。ok；3.5万元！\n",
    "。；！？\n",
    "",
)


def _texts() -> list[str]:
    from nlp_reports.parse import load_report

    files = sorted(EXAMPLES.glob("*.txt"))[:12] + sorted(EXAMPLES.glob("*.html"))[:2]
    if SAMPLE.exists():
        files.append(SAMPLE)
    texts = list(EDGE_TEXTS)
    for f in files:
        report = load_report(f)
        texts.extend(s.text for s in report.sections)
        texts.extend(s.text for s in report.statements)
    return texts


@pytest.mark.parametrize("engine", ["jieba", "rjieba"])
def test_memoised_tokens_equal_plain_tokens(engine):
    if engine == "rjieba":
        pytest.importorskip("rjieba")
    from nlp_reports.tokenize import Tokenizer

    plain = Tokenizer(engine=engine)
    texts = _texts()
    assert len(texts) > 100
    memo = _MemoTokenizer(Tokenizer(engine=engine))
    for _ in range(2):  # cold memo, then warm: both as the plain tokenizer
        for text in texts:
            assert memo(text) == plain(text), text[:60]
    assert memo.memo  # it did memoise
    assert memo.engine_ == engine  # attributes are the base tokenizer's


@pytest.mark.parametrize("engine", ["jieba", "rjieba"])
def test_memoised_words_equal_plain_words(engine, monkeypatch):
    """``words`` (new pieces segmented together) is the plain tokens less blank ones, with
    the memo cold, warm, and emptied as it fills."""
    if engine == "rjieba":
        pytest.importorskip("rjieba")
    from nlp_reports.corpus import worker
    from nlp_reports.tokenize import Tokenizer

    plain = Tokenizer(engine=engine)
    texts = [*_texts(), "公开\u2002栏目。第二句。", "同一句。同一句。同一句。"]
    memo = _MemoTokenizer(Tokenizer(engine=engine))
    memo.words_memo.clear()
    for _ in range(2):
        for text in texts:
            assert memo.words(text) == list(filter(str.strip, plain(text))), text[:60]
    monkeypatch.setattr(worker, "_MEMO_MAX", 5)
    for text in texts[:40]:
        assert memo.words(text) == list(filter(str.strip, plain(text))), text[:60]


def test_memo_is_shared_by_settings_and_bounded(monkeypatch):
    from nlp_reports.corpus import worker
    from nlp_reports.tokenize import Tokenizer

    a = _MemoTokenizer(Tokenizer(engine="jieba"))
    b = _MemoTokenizer(Tokenizer(engine="jieba"))
    c = _MemoTokenizer(Tokenizer(engine="jieba", stopwords=False))
    assert a.memo is b.memo and a.memo is not c.memo
    monkeypatch.setattr(worker, "_MEMO_MAX", 3)
    a.memo.clear()
    a("第一句。第二句。第三句。第四句。")
    assert 0 < len(a.memo) <= 3
    assert _MEMOS


def test_batch_words_and_tags_unchanged_by_the_memo(tmp_path):
    """Tagging with the memo stores what the plain tokenizer would: words and predictions."""
    from nlp_reports.classify import Tagger
    from nlp_reports.corpus.worker import report_words
    from nlp_reports.parse import load_report
    from nlp_reports.tokenize import Tokenizer

    files = sorted(EXAMPLES.glob("*.txt"))[:6]
    tagger = Tagger.load(tokenizer="jieba")
    res = tag_paths(files, tmp_path / "c.db", model=tagger)
    assert res.ok == len(files)
    plain = Tokenizer(engine="jieba")
    with Store(tmp_path / "c.db") as s:
        stored = dict(s.connection.execute("SELECT path, words FROM reports"))
        kinds = s.connection.execute(
            "SELECT r.path, s.idx, s.kind, s.theme_scores FROM statements s "
            "JOIN reports r ON r.id = s.report_id ORDER BY r.path, s.idx").fetchall()
    import json

    expected = []
    for f in files:
        report = load_report(f)
        assert stored[str(f.resolve())] == " ".join(report_words(report, plain))
        for t in tagger.tag(report):
            expected.append((str(f.resolve()), t.statement.index, t.prediction.kind,
                             t.prediction.theme_scores))
    got = [(p, i, k, json.loads(ts)) for p, i, k, ts in kinds]
    assert len(got) > 20
    assert got == sorted(expected, key=lambda e: (e[0], e[1]))
    assert type(tagger.bundle.tokenizer) is Tokenizer  # restored after the batch



def test_memo_pieces_are_the_look_behind_split():
    from hypothesis import given
    from hypothesis import strategies as st

    from nlp_reports.corpus.worker import _PIECE, _PIECE_END

    @given(st.text(alphabet="ab工。；！？\n\r ", max_size=40))
    def check(text):
        pieces = _PIECE.findall(text)
        end = sum(map(len, pieces))
        if end < len(text):
            pieces.append(text[end:])
        assert pieces == [p for p in _PIECE_END.split(text) if p]

    check()


def test_rjieba_report_words_whole_equal_memoised_and_plain():
    """With rjieba a report's vocabulary words are segmented whole (one ``words_many`` call,
    no sentence memo): the same words as the memo's piece by piece and as the plain
    tokenizer's, on real reports and on texts whose pieces meet the edge cases."""
    pytest.importorskip("rjieba")
    from nlp_reports.corpus.worker import report_words, texts_words
    from nlp_reports.parse import load_report
    from nlp_reports.tokenize import Tokenizer

    whole = _MemoTokenizer(Tokenizer(engine="rjieba"))
    assert whole.whole
    pieces = _MemoTokenizer(Tokenizer(engine="rjieba"))
    pieces.whole = False
    plain = Tokenizer(engine="rjieba")
    assert not _MemoTokenizer(Tokenizer(engine="jieba")).whole  # jieba keeps the memo
    files = sorted(EXAMPLES.glob("*.txt"))[:8] + sorted(EXAMPLES.glob("*.html"))[:2]
    if SAMPLE.exists():
        files.append(SAMPLE)
    seen = 0
    for f in files:
        report = load_report(f)
        got = report_words(report, whole)
        assert got == report_words(report, pieces) == report_words(report, plain), f.name
        seen += len(got)
    assert seen > 1000
    statements = ["（一）" + EDGE_TEXTS[0], "2. 含\0分隔符的文本。", "", "\u2002"]
    got = texts_words(EDGE_TEXTS, statements, whole)
    assert got == texts_words(EDGE_TEXTS, statements, plain)
    assert "ABC" in got or "abc" in got
