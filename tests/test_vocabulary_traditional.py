"""Vocabulary words of a report in traditional characters (繁体: a Hong Kong or Taiwan mirror
of a mainland site, a page saved through a converting proxy) are the words of its simplified
text.

The parser keeps a traditional report's sections and statements in their own characters
(shown as written), and the segmenter's dictionaries are simplified: segmenting
"主動公開" as it stands gives 主/動/公/開, so the stored words were single characters and
the report added nothing to the distinctive vocabulary but half-words. The words are now
segmented from the simplified text, as the classifier's features already are.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.corpus import Store, summarize, tag_paths
from nlp_reports.corpus.worker import texts_words, vocabulary_tokenizer
from nlp_reports.tokenize import Tokenizer, available_engines

pytest.importorskip("opencc")

_HK = """香江區民政局2023年政府資訊公開工作年度報告

一、總體情況
2023年，本局透過局網站及「香江民政」公眾號主動公開社會救助、養老服務資訊1,876條，發佈政策解讀二十四篇；收到政府資訊公開申請15件，均在法定期限內答覆。

二、主動公開政府資訊情況
詳見統計表。

三、收到和處理政府資訊公開申請情況
詳見統計表。

四、政府資訊公開行政復議、行政訴訟情況
本年度未發生。

五、存在的主要問題及改進情況
一是部分基層工作人員對個人隱私保護認識不到位，政務新媒體更新不及時。二是依申請公開答覆文書不夠規範。下一步，本局將加強保密審查，落實「先審後發」制度，完善政務新媒體常態化監測。

六、其他需要報告的事項
無。
"""

_MAINLAND = """北岭县统计局2023年政府信息公开工作年度报告

一、总体情况
2023年，县统计局依托县政府门户网站统计数据专栏，发布统计公报、月度数据解读等信息二百余条，未收到政府信息公开申请。

二、主动公开政府信息情况
见下表。

三、收到和处理政府信息公开申请情况
见下表。

四、政府信息公开行政复议、行政诉讼情况
无。

五、存在的主要问题及改进情况
统计数据解读的可读性不强，图表化展示不足。2024年将推出“数说北岭”一图读懂系列，提升数据发布的时效性。

六、其他需要报告的事项
无。
"""


def _tag(tmp_path: Path, **kw) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(parents=True)
    (folder / "hk.txt").write_text(_HK, encoding="utf-8")
    (folder / "mainland.txt").write_text(_MAINLAND, encoding="utf-8")
    db = tmp_path / "c.db"
    result = tag_paths([folder], db, model=FakeTagger(), **kw)
    assert result.ok == 2 and result.failed == 0
    return db


def _words(db: Path) -> dict[str, list[str]]:
    with Store(db) as s:
        rows = s.connection.execute("SELECT path, words, traditional FROM reports").fetchall()
    out = {}
    for path, words, traditional in rows:
        text = words.decode("utf-8") if isinstance(words, bytes) else words
        out[Path(path).stem] = (text or "").split(), traditional
    return out


def test_traditional_report_stores_simplified_words(tmp_path: Path) -> None:
    words = _words(_tag(tmp_path))
    hk, traditional = words["hk"]
    assert traditional  # the parser saw it as traditional (and kept its characters)
    for term in ("主动公开", "政策解读", "政务新媒体", "保密审查", "先审后发", "依申请公开",
                 "工作人员", "个人隐私", "常态化监测"):
        assert term in hk, term
    assert not {"開", "動", "資", "訊", "審"} & set(hk)


@pytest.mark.parametrize("engine", available_engines())
def test_texts_words_of_traditional_equal_simplified(engine: str) -> None:
    from nlp_reports.corpus.worker import _MemoTokenizer
    from nlp_reports.ingest.normalize import to_simplified

    one = ["2023年，本局透過局網站主動公開資訊1,876條，發佈政策解讀二十四篇。"]
    five = ["二是依申請公開答覆文書不夠規範。", "（一）加強保密審查，落實「先審後發」制度。"]
    for tok in (Tokenizer(engine=engine), _MemoTokenizer(Tokenizer(engine=engine))):
        got = texts_words(one, five, tok, traditional=True)
        assert got == texts_words(map(to_simplified, one), map(to_simplified, five), tok)
        assert "先审后发" in got and "主动公开" in got
        assert texts_words(one, five, tok) != got  # (a report not flagged: as written)


def test_summary_segments_traditional_report_as_tagging(tmp_path: Path) -> None:
    """A store tagged without words (tag --no-words): the summary segments the same words."""
    if vocabulary_tokenizer() is None:
        pytest.skip("no segmentation engine")
    stored = _words(_tag(tmp_path / "a"))
    db = _tag(tmp_path / "b", words=False)
    with Store(db) as s:
        assert s.connection.execute("SELECT count(*) FROM reports WHERE words IS NOT NULL "
                                    "AND words != ''").fetchone()[0] == 0
    vocab = summarize(db, by=["agency"]).tables["vocabulary"]
    hk_words = set(vocab[vocab["agency"] != "北岭县统计局"]["word"])  # (its own group)
    assert hk_words and hk_words <= set(stored["hk"][0])
    assert "政务新媒体" in hk_words
