"""A line of section 五 with no number and no stop that opens like a sub-heading and goes on as
a sentence ("存在的主要问题将加强业务培训") is a statement, not a sub-heading that swallows it.
A sub-heading with no number still is one when it ends as a title does ("存在的主要问题",
"下一步工作安排", "存在问题与改进") or is a bare label ("改进：").
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

_REPORT = """{agency}2022年政府信息公开工作年度报告
一、总体情况
2022年，{short}认真贯彻落实政务公开工作要点，全年主动公开信息{n}条。
二、主动公开政府信息情况
全年制发规范性文件1件。
三、收到和处理政府信息公开申请情况
全年收到申请3件，均已按期答复。
四、政府信息公开行政复议、行政诉讼情况
无。
五、存在的主要问题及改进情况
{five}
六、其他需要报告的事项
无。
"""


def _statements(agency: str, short: str, five: str):
    return load_report(_REPORT.format(agency=agency, short=short, five=five, n=88)).statements


# (agency, short name, section 五, the line that must be read as text)
_GOES_ON = [
    ("清河县民政局", "我局",
     "一是政策解读形式单一。\n存在的主要问题将加强业务培训\n二是栏目更新不够及时。",
     "存在的主要问题将加强业务培训"),
    ("柳林镇人民政府", "我镇",
     "公开栏内容更新不及时，群众查阅不便。\n问题整改进度偏慢\n下一步我镇将安排专人负责。",
     "问题整改进度偏慢"),
    ("东城区市场监督管理局", "我局",
     "存在不足主要是人员少\n部分基层所兼职人员业务不熟。\n改进措施：\n加强培训。",
     "存在不足主要是人员少"),
    ("安平市交通运输局", "本局",
     "1.网站信息发布审核不严。\n2.政策解读数量偏少。\n改进措施已在年内全部完成\n明年将继续跟踪。",
     "改进措施已在年内全部完成"),
    ("马场乡人民政府", "本乡",
     "（一）存在的主要问题\n人员变动频繁。\n存在的问题仍待解决\n（二）改进措施\n固定专人。",
     "存在的问题仍待解决"),
]


@pytest.mark.parametrize("agency, short, five, line", _GOES_ON,
                         ids=["county-between-items", "town-prose", "district-lead",
                              "city-after-list", "township-under-heading"])
def test_a_line_that_opens_like_a_title_and_goes_on_is_kept(agency, short, five, line):
    said = "".join(st.text for st in _statements(agency, short, five))
    assert line in said
    # every other line with content is there too: no sentence swallowed
    for other in five.split("\n"):
        body = other.lstrip("一二三四五六七八九十（）()123456789.是、")
        if body and body not in ("存在的主要问题", "改进措施：", "改进措施"):
            assert body in said


@pytest.mark.parametrize("five, blocks", [
    ("存在的主要问题\n栏目更新不及时。\n下一步工作安排\n安排专人负责更新。",
     ["problem", "measure"]),
    ("存在问题与改进\n信息发布审核不严。", ["unknown"]),
    ("问题和不足\n公开意识不强。\n改进：\n开展专题培训。", ["problem", "measure"]),
    ("存在的不足\n政策解读偏少。\n今后努力方向\n丰富解读形式。", ["problem", "measure"]),
], ids=["noun-end-and-anpai", "gaijin-end", "bare-label", "fangxiang"])
def test_unnumbered_subheadings_that_end_as_titles_stay(five, blocks):
    statements = _statements("西坪县水务局", "我局", five)
    assert [st.block for st in statements] == blocks
    assert not any(st.text.rstrip("：") in five.split("\n")[::2] for st in statements)


# Sub-headings closed by a word of plan or outlook rather than a heading noun: each was found
# before the rule above and must still be, else it is counted as a statement and what follows
# it is put in the block above (measures counted as problems).
@pytest.mark.parametrize("heading, below", [
    ("下一步工作部署", "年内完成栏目整合。"),
    ("2024年工作展望", "继续推进基层政务公开标准化。"),
    ("下一步工作规划", "建立信息发布台账。"),
    ("今后工作谋划", "每季度开展一次自查。"),
    ("下步工作考虑", "组织业务骨干轮训。"),
], ids=["bushu", "zhanwang", "guihua", "mouhua", "kaolv"])
def test_unnumbered_plan_headings_still_open_the_measures(heading, below):
    five = f"存在的不足\n依申请公开答复格式不统一。\n{heading}\n{below}"
    statements = _statements("汾阳县自然资源局", "我局", five)
    assert [(st.block, st.text) for st in statements] == [
        ("problem", "依申请公开答复格式不统一。"), ("measure", below)]
