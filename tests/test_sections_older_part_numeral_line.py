"""An older report's part heading set on two lines, "第二部分" above its title (a page's bold
numeral line, a Word copy's centred heading), was read by its title alone: each "第X部分"
line stayed at the end of the part above, so a 复议诉讼 part saying "无。" read "无。⏎第六部分"
(no 0s) and the last "第七部分" became a measure of section 五.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from nlp_reports.parse.load import load_report

_PARTS = [
    ("概述", "2012年，我局把产品质量监督抽查结果、特种设备安全信息作为公开重点。"),
    ("主动公开政府信息情况", "全年主动公开信息276条，其中监督抽查结果公告34期。"),
    ("依申请公开政府信息情况", "全年受理政府信息公开申请7件，其中同意公开5件，不予公开2件。"),
    ("政府信息公开的收费及减免情况", "无。"),
    ("因政府信息公开申请行政复议、提起行政诉讼的情况", "无。"),
    ("政府信息公开工作存在的主要问题及改进情况", "抽查结果公开后的解读跟进不足。下一步将建立抽查结果解读制度。"),
    ("其他需要报告的事项", "无。"),
]


@pytest.mark.parametrize("numeral", ["第{}部分", "第{}部分：", "　第{}部分"])
def test_a_part_numeral_above_its_title_heads_the_part(tmp_path, numeral):
    lines = ["青川省江城质量技术监督局2012年政府信息公开工作年度报告"]
    for n, (title, body) in zip("一二三四五六七", _PARTS, strict=True):
        lines += [numeral.format(n), title, body]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load_report(path)
    found = {s.number: s for s in report.sections}
    assert sorted(found) == [1, 2, 3, 4, 5, 6]
    assert found[4].text == "无。" and found[6].text == "无。"
    assert "部分" not in found[1].text and "部分" not in found[5].text
    assert [s.block for s in report.statements] == ["problem", "measure"]
