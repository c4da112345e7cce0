"""A page's date keyed 发表时间 or 上传时间 is the page's date, as 发布时间 is.

CMSs word the key of an article's publication line otherwise: "发表时间：2024-01-18",
"上传日期：2024-01-18" (traditional 發表時間 on a Hong Kong-style template). They were not
read, and ``published`` fell back to the signature's date, days earlier.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

PAGE = """清河县人民政府网
首页 > 政务公开 > 年度报告
清河县水利局2023年政府信息公开工作年度报告
{head}
一、总体情况
2023年，我局主动公开水利工程建设、河湖管理等信息214条，受理依申请公开3件。
六、其他需要报告的事项
本年度未收取信息处理费。
清河县水利局
2024年1月15日
"""


@pytest.mark.parametrize("head", [
    "发表时间：2024-01-18", "上传时间：2024-01-18 09:30", "上传日期：2024年1月18日", "發表時間：2024-01-18",
    "作者：县水利局　发表时间：2024/1/18　点击：20",
])
def test_other_wordings_of_the_page_date(head):
    md = load_report(PAGE.format(head=head)).metadata
    assert (md.published, md.published_from) == ("2024-01-18", "page")


def test_a_key_in_a_sentence_is_not_read():
    # the text's own words after the heading are no page date
    text = PAGE.format(head="").replace("受理依申请公开3件。", "受理依申请公开3件，文件上传时间为2023年5月。")
    md = load_report(text).metadata
    assert (md.published, md.published_from) == ("2024-01-15", "signature")


@pytest.mark.parametrize("head", [
    "发布于 2024-01-18", "信息时间：2024-01-18", "来源：县水利局　信息时间：2024年01月18日　字号：大 中 小",
    "录入时间：2024-01-18 16:02", "创建时间：2024-01-18",
])
def test_more_cms_keys_of_the_page_date(head):
    md = load_report(PAGE.format(head=head)).metadata
    assert (md.published, md.published_from) == ("2024-01-18", "page")


def test_an_entry_date_gives_way_to_the_publication_date():
    # 录入/创建时间 date the article's entry in the CMS, before it went up: a 发布 key wins
    md = load_report(PAGE.format(head="录入时间：2024-01-16　发布时间：2024-01-18")).metadata
    assert (md.published, md.published_from) == ("2024-01-18", "page")


@pytest.mark.parametrize("sentence", [
    "各乡镇报送补贴信息时间2024年1月10日前完成汇总。", "抽查结果录入时间2023年3月1日起按日统计。",
])
def test_such_words_inside_a_sentence_are_not_read(sentence):
    md = load_report(PAGE.format(head=sentence)).metadata
    assert (md.published, md.published_from) == ("2024-01-15", "signature")
