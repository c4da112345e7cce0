"""A numeral line inside section 五's prose, followed by a line that is exactly a part's title,
was joined to it as a badge heading with a "、" the source does not have: a statement naming
"本报告⏎第二部分⏎主动公开政府信息情况" read "…第二部分、主动公开政府信息情况…". A "第X部分" line
is now joined as written, and a bare numeral under a line cut mid-sentence stays text; the
badge headings themselves (a numeral under a blank line, a stop, a part's "无") are joined.

The report texts are fictional, written for these tests.
"""

from __future__ import annotations

from nlp_reports.parse.headings import badge_spans
from nlp_reports.parse.load import _replaced, load_report

_OLDER = """临江县水务局二〇一一年度政府信息公开工作报告
第一部分 概述
　　过去一年，我局按照《条例》要求，由办公室牵头、各股室配合推进信息公开。
第二部分 主动公开政府信息情况
　　共主动公开水利工程建设、防汛抗旱等信息88条。
第三部分 依申请公开政府信息情况
　　收到群众申请2件，均在法定期限内答复完毕。
第四部分 政府信息公开的收费及减免情况
　　未收取任何费用。
第五部分 存在的主要问题和改进措施
　　一是公开目录对照本报告
第二部分
主动公开政府信息情况
中列出的类别仍有缺项；二是招投标信息上网不及时。今后将建立每月通报制度。
第六部分 其他需要报告的事项
　　无。
"""


def test_part_numeral_in_prose_is_joined_as_written(tmp_path):
    path = tmp_path / "water.txt"
    path.write_text(_OLDER, encoding="utf-8")
    report = load_report(path)
    assert [s.number for s in report.sections] == [1, 2, 3, 5, 6]
    texts = [st.text for st in report.statements]
    assert any("本报告第二部分主动公开政府信息情况中列出的类别" in t for t in texts), texts
    assert not any("部分、" in t for t in texts), texts


_WECHAT = (
    "五\n存在的主要问题及改进情况\n"
    "（一）存在的主要问题\n"
    "1.信息发布时效性不强，部分栏目更新滞后。\n"
    "2.依申请公开答复口径不一，具体见本报告\n"
    "三\n"
    "收到和处理政府信息公开申请情况\n"
    "所列被纠错案件。\n"
    "（二）改进情况\n"
    "1.建立栏目巡检机制，每周通报。\n"
    "六\n其他需要报告的事项\n本年度未收取信息处理费。\n"
)


def test_bare_numeral_under_a_cut_line_stays_text():
    spans = badge_spans(_WECHAT)
    joined = _replaced(_WECHAT, spans)
    assert joined.startswith("五、存在的主要问题及改进情况\n")
    assert "六、其他需要报告的事项" in joined
    assert "本报告\n三\n收到和处理" in joined  # the sentence's numeral: nothing added


def test_badge_numerals_after_a_stop_a_blank_or_none_are_headings():
    text = ("全年主动公开信息120条。\n三\n收到和处理政府信息公开申请情况\n本年未收到申请\n\n"
            "四\n政府信息公开行政复议、行政诉讼情况\n无\n"
            "五\n存在的主要问题及改进情况\n宣传力度不够\n")
    joined = _replaced(text, badge_spans(text))
    assert "三、收到和处理政府信息公开申请情况" in joined
    assert "四、政府信息公开行政复议、行政诉讼情况" in joined
    assert "五、存在的主要问题及改进情况" in joined


def test_part_numeral_with_its_own_colon_keeps_it():
    text = "本年度未发生此类情况。\n第五部分：\n其他需要报告的事项\n无。\n"
    assert _replaced(text, badge_spans(text)) == (
        "本年度未发生此类情况。\n第五部分：其他需要报告的事项\n无。\n")


_UNSTOPPED = (
    "青溪镇人民政府2023年政府信息公开工作年度报告\n"
    "一\n总体情况\n2023年，青溪镇坚持以公开为常态，全年主动公开信息215条\n"
    "二\n主动公开政府信息情况\n本年制发规范性文件0件\n"
    "三\n收到和处理政府信息公开申请情况\n本年新收申请3件，均按期答复\n"
    "四\n政府信息公开行政复议、行政诉讼情况\n本年未发生行政复议、行政诉讼\n"
    "五\n存在的主要问题及改进情况\n"
    "一是部分栏目更新不及时\n二是业务培训不够\n下一步，我镇将加强业务培训，提升队伍素质\n"
    "六\n其他需要报告的事项\n本年度未收取信息处理费。\n"
)


def test_next_parts_badge_under_a_line_without_a_stop_is_a_heading():
    # a WeChat article's parts often end without a stop: the next part's numeral under them
    # comes in order and is its badge (read before the cut-line rule), not the sentence's
    report = load_report(_UNSTOPPED)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.missing_sections == ()
    assert [st.text for st in report.statements] == [
        "部分栏目更新不及时", "业务培训不够", "下一步，我镇将加强业务培训，提升队伍素质"]
