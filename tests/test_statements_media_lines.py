"""What a picture or a video left between section 五's items in a saved page's text.

A portal's article puts photos and videos among the items; a scraper's text keeps their alt
text ("图片"), prompts ("（点击图片查看大图）", "点击播放"), credits and captions ("（图片来源：…）",
"附图：…", "视频：…") and a pager left mid-article, each on a line of its own. They were joined
to the item above as a wrapped line ("…不及时。图片").
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

PAGE = """清溪县水利局2023年政府信息公开工作年度报告
一、总体情况
2023年，我局主动公开水利工程建设、河湖管理等信息214条，受理依申请公开3件。
五、存在的主要问题及改进情况
（一）存在的主要问题
一是河湖长制信息更新不及时。
{mid}
二是政策解读形式单一。
（二）下一步改进措施
一是按月更新河湖长制公示信息。
二是推出图解和短视频解读。
六、其他需要报告的事项
本年度未收取信息处理费。
清溪县水利局
2024年1月20日
"""
CLEAN = ["河湖长制信息更新不及时。", "政策解读形式单一。", "按月更新河湖长制公示信息。", "推出图解和短视频解读。"]


@pytest.mark.parametrize("mid", [
    "图片", "（点击图片查看大图）", "（图片来源：县水利局）", "附图：河湖长公示牌", "视频：政策解读短视频",
    "点击播放", "扫一扫在手机打开当前页", "第1页 共2页 首页 上一页 下一页 尾页",
])
def test_a_media_line_is_no_part_of_an_item(mid):
    assert [s.text for s in load_report(PAGE.format(mid=mid)).statements] == CLEAN


@pytest.mark.parametrize("mid", [
    "视频：拍摄政策解读短视频3部。", "图片新闻栏目全年更新42期。",
])
def test_a_sentence_naming_pictures_stays(mid):
    texts = [s.text for s in load_report(PAGE.format(mid=mid)).statements]
    assert any(mid in t for t in texts)
