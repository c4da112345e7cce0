"""A scan's OCR text that spaces every character keeps its spaced-out date."""
from __future__ import annotations

import re

from nlp_reports import load_report
from nlp_reports.ingest.normalize import normalize_text

#: A fictional township report as written, before an engine spaces it.
_REPORT = """青禾镇人民政府2024年政府信息公开工作年度报告

一、总体情况
　　2024年，青禾镇围绕耕地保护、农村低保和集镇改造推进政务公开，在镇政府网站和村务公开栏同步发布各类信息，群众到便民服务中心查阅政府信息更加方便。

二、主动公开政府信息情况

三、收到和处理政府信息公开申请情况
　　全年收到政府信息公开申请2件，均在法定期限内答复。

四、政府信息公开行政复议、行政诉讼情况
　　本年度未发生因政府信息公开引起的行政复议和行政诉讼。

五、存在的主要问题及改进情况
　　部分村务公开栏更新不及时，补贴公示的内容不够细。下一步，镇党政办每季度抽查各村公开栏，补贴公示写明标准、人数和金额。

六、其他需要报告的事项
　　本年度未收取信息处理费。

青禾镇人民政府
2 0 2 5 年 1 月 1 6 日
"""


def _ocr(text: str) -> str:
    """``text`` as an engine writes a scan: every character a word, a figure whole."""
    return "\n".join(" ".join(re.findall(r"[0-9]+|\S", line)) for line in text.split("\n"))


def test_spaced_out_date_in_a_text_spaced_throughout() -> None:
    text = normalize_text(_ocr(_REPORT))
    assert "2025年1月16日" in text
    report = load_report(_ocr(_REPORT).encode("utf-8"), filename="qinghe_2024_ocr.txt")
    assert report.to_dict()["metadata"]["published"] == "2025-01-16"
