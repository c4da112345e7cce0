"""A 统计表 annexed under an older report's last part (its problems and plans, no 六) with an
"附件：…统计表" caption is no part of section 五: its rows ("1.当面申请数 件 11", "同意公开答复数
件 7") were read as measures, one of them holding the rest of the table. "附表：…" captions
were already read so; a 附件 caption naming a table now is too, with or without a 落款 below.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

from nlp_reports.parse.load import load_report

_REPORT = """平川区水务局2017年度政府信息公开工作报告
一、概述
2017年，我局把政府信息公开与防汛抗旱、河长制工作结合起来推进。
二、主动公开政府信息情况
全年主动公开信息164条。
三、依申请公开政府信息情况
全年收到政府信息公开申请5件，均已按期答复。
四、政府信息公开的收费及减免情况
未收取费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
无。
六、存在的问题和下一步打算
（一）存在的问题
1.水利工程建设项目信息公开不够及时。
2.部分股室人员对公开范围把握不准。
（二）下一步打算
1.按季度集中公开在建工程进展。
2.组织一次公开范围专题培训。
{caption}
统计指标\t单位\t统计数
（一）收到申请数\t件\t5
1.当面申请数\t件\t2
2.网络申请数\t件\t3
（二）同意公开答复数\t件\t4
四、行政复议数量\t件\t0
{sign}"""


def _statements(tmp_path, caption, sign):
    path = tmp_path / "平川区水务局2017.txt"
    path.write_text(_REPORT.format(caption=caption, sign=sign), encoding="utf-8")
    return load_report(path).statements


def test_an_annex_caption_naming_a_table_ends_section_five(tmp_path):
    for caption in ("附件：平川区水务局2017年政府信息公开情况统计表", "附件1：2017年度政府信息公开工作统计表"):
        for sign in ("平川区水务局\n2018年1月30日\n", ""):
            found = _statements(tmp_path, caption, sign)
            texts = [s.text for s in found]
            assert len(found) == 4, texts
            assert texts[-1].startswith("组织一次公开范围专题培训")
            assert not any("申请数" in t or "\t" in t for t in texts)
            assert [s.block for s in found] == ["problem", "problem", "measure", "measure"]


def test_a_measure_opening_with_the_word_is_no_caption(tmp_path):
    # an item that opens with 附件 and names a 表 is a measure, not a caption
    found = _statements(tmp_path, "3.附件材料不全的申请，一次性告知补正内容并建立登记表。", "")
    assert any(s.text.startswith("附件材料不全的申请") for s in found)
