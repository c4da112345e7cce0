"""An older report's part heading set on two lines, "第二部分" above its title (a page's bold
numeral line, a Word copy's centred heading), was read by its title alone: each "第X部分"
line stayed at the end of the part above, so a 复议诉讼 part saying "无。" read "无。⏎第六部分"
(no 0s) and the last "第七部分" became a measure of section 五.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

import re

import pytest

from nlp_reports.parse.load import load_report

#: A county bureau's report as its Word file is pasted: each part's numeral on a line of its own.
_REPORT = """碧水县林业局2013年政府信息公开工作年度报告
第一部分
基本情况
2013年，县林业局按照县政府办公室的统一安排，调整了信息公开领导小组，由一名副局长分管，局办公室承办日常工作。
第二部分
主动公开情况
本年度公开林木采伐许可、造林补贴、森林防火等信息158条，其中在县政府网站发布121条，在局政务公示栏张贴37条。
第三部分
依申请公开情况
受理林农申请4件，均为林权证办理进度查询，已全部按期答复。
第四部分
收费及减免情况
未收取检索、复制等费用。
第五部分
行政复议和行政诉讼情况
无。
第六部分
存在的主要问题和改进措施
乡镇林业站报送信息不及时。2014年将把信息报送纳入林业站年度考核。
第七部分
其他需要报告的事项
无。
"""


@pytest.mark.parametrize("numeral", [r"\1", r"\1：", r"　\1"],
                         ids=["alone", "colon", "indented"])
def test_a_part_numeral_above_its_title_heads_the_part(tmp_path, numeral):
    path = tmp_path / "r.txt"
    path.write_text(re.sub(r"(?m)^(第[一二三四五六七]部分)$", numeral, _REPORT), encoding="utf-8")
    report = load_report(path)
    found = {s.number: s for s in report.sections}
    assert sorted(found) == [1, 2, 3, 4, 5, 6]
    assert found[4].text == "无。" and found[6].text == "无。"
    assert "部分" not in found[1].text and "部分" not in found[5].text
    assert [s.block for s in report.statements] == ["problem", "measure"]
