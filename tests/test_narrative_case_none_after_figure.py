"""An older report's 复议诉讼 part stating the reviews' figure and then, in a sentence of its
own, that no lawsuit was brought ("…申请行政复议2件，均维持原答复；未发生行政诉讼。") gave
the reviews but no litigation figure: the none-sentences were read with the matter first
("行政诉讼均未发生") only. The verb first ("未发生行政诉讼", "本年度没有发生行政复议和行政诉讼
案件", "无行政诉讼") names its matters too; a sentence holding a figure is still read as it is.

The report texts are fictional, written for these tests.
"""

from __future__ import annotations

import pytest
from _corpus_helpers import parsed_store

from nlp_reports.corpus import Store
from nlp_reports.corpus.summarize import cases_none, load_frames
from nlp_reports.parse.fees import none_named

_CASES = "因政府信息公开申请行政复议、提起行政诉讼的情况"


@pytest.mark.parametrize("text, named", [
    ("全年因政府信息公开申请行政复议2件，均维持原答复；未发生行政诉讼。", {"litigation"}),
    ("本年度没有发生行政复议和行政诉讼案件。", {"review", "litigation"}),
    ("受理行政复议1件。无行政诉讼。", {"litigation"}),
    ("本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。", {"review", "litigation"}),
    # a sentence with a figure, or naming another matter, is no none-sentence
    ("未发生行政诉讼1件。", set()),
    ("未发生信息泄露事件。", set()),
])
def test_verb_first_none_sentence_names_its_matters(text, named):
    assert none_named(text) == named


def test_cases_none_of_a_part_with_the_review_figure():
    text = "全年因政府信息公开申请行政复议2件，均维持原答复；未发生行政诉讼。"
    assert cases_none(_CASES, text) == (False, True)


def test_litigation_zero_beside_the_stated_review_figure(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text("""枫桥市邮政管理局2011年政府信息公开工作年度报告
第一部分 概述
　　2011年，我局以邮政普遍服务和快递市场监管信息为重点，依法推进政府信息公开。
第二部分 主动公开政府信息情况
　　全年主动公开政府信息142条。
第三部分 依申请公开政府信息情况
　　全年受理政府信息公开申请9件，均已按期答复。
第四部分 因政府信息公开申请行政复议、提起行政诉讼的情况
　　全年因政府信息公开申请行政复议2件，均维持原答复；未发生行政诉讼。
第五部分 政府信息公开工作存在的主要问题及改进情况
　　网站栏目更新不够及时。下一步将明确专人维护。
""", encoding="utf-8")
    with Store(parsed_store(tmp_path / "c.db", [path]), readonly=True) as store:
        row = load_frames(store).reports.iloc[0]
    assert (row["review_narrative"], row["litigation_narrative"]) == (2.0, 0.0)
