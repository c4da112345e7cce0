"""The distinctive vocabulary lists no number written in Chinese numerals (中文数字).

Digits become the one word ``<num>``, which the table leaves out; a count written in
characters — 六件, 二十四篇, 千余条, 万元, 三类, 二〇二三年's 二三年 — is segmented as a word
of its own and was ranked like one: a township that writes its counts in characters had
"二十四篇" and "千余条" among its most distinctive words. Terms of the field written with
numerals (十四五, 三公经费, 两微一端's pieces are other words) stay.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.corpus import summarize, tag_paths
from nlp_reports.corpus.summarize import is_vocabulary_word
from nlp_reports.corpus.worker import vocabulary_tokenizer

_FRAME = """{agency}{year}年政府信息公开工作年度报告

一、总体情况
{one}

二、主动公开政府信息情况
见附表。

三、收到和处理政府信息公开申请情况
见附表。

四、政府信息公开行政复议、行政诉讼情况
无。

五、存在的主要问题及改进情况
{five}

六、其他需要报告的事项
无。
"""

_REPORTS = [
    ("石门乡人民政府", 2022,
     "二〇二二年，石门乡通过村务公开栏公开惠农补贴信息千余条，发布政策解读二十四篇，"
     "受理依申请公开六件，召开院坝会三次，投入资金五万元。",
     "一是村务公开栏更新慢，全年仅更新三次；二是信息员身兼数职。十四五期间，将推行AB角。"),
    ("桃源乡人民政府", 2023,
     "二〇二三年，我乡在便民服务中心公开涉农信息千余条，发布政策解读二十四篇，"
     "办理依申请公开六件，开展村务公开检查三次，落实资金八万元。",
     "村务公开内容单一，群众知晓率低。十四五后半程，乡里将以会代训，逐村培训信息员。"),
    ("青禾市生态环境局", 2022,
     "2022年，市生态环境局在门户网站主动公开环评审批、行政处罚信息1,205条，"
     "召开新闻发布会12场，政务新媒体发布信息3,480条。",
     "政务新媒体原创内容少；环境信息依法披露的企业名单公开不及时。下一步加强保密审查。"),
    ("青禾市住房和城乡建设局", 2023,
     "2023年，局门户网站和政务新媒体主动公开住房保障、建筑市场信息2,317条，"
     "召开新闻发布会7场，答复政府信息公开申请46件。",
     "政务新媒体互动回应不够及时，保密审查把关有待加强。"),
]


@pytest.mark.parametrize("word", ["六件", "二十四篇", "千余条", "万元", "五万元", "三次", "三类",
                                  "二三年", "一二年", "百分之九", "十八点五", "亿人次", "两千余名"])
def test_numeral_words_are_no_vocabulary(word: str) -> None:
    assert not is_vocabulary_word(word)


@pytest.mark.parametrize("word", ["十四五", "十三五", "三公经费", "五公开", "一网通办", "一图读懂",
                                  "两级", "三审三校", "一把手", "第十二条", "政务新媒体", "两微",
                                  "百姓", "千家万户"])
def test_terms_with_numerals_stay(word: str) -> None:
    assert is_vocabulary_word(word)


def test_no_numeral_word_in_the_table(tmp_path: Path) -> None:
    if vocabulary_tokenizer() is None:
        pytest.skip("no segmentation engine")
    folder = tmp_path / "in"
    folder.mkdir()
    for agency, year, one, five in _REPORTS:
        (folder / f"{agency}{year}.txt").write_text(
            _FRAME.format(agency=agency, year=year, one=one, five=five), encoding="utf-8")
    db = tmp_path / "c.db"
    assert tag_paths([folder], db, model=FakeTagger()).ok == 4
    vocab = summarize(db, by=["level"]).tables["vocabulary"]
    words = set(vocab["word"])
    assert not {"千余条", "二十四篇", "六件", "三次"} & words, sorted(words)
    township = set(vocab[vocab["level"] == "township"]["word"])
    assert {"村务公开", "十四五"} <= township, sorted(township)
