"""Corpus leftovers of s18 (corpus24): a report's 附表 spreadsheet saved beside it. The bodies
are fictional."""

from __future__ import annotations

import shutil
from pathlib import Path

from nlp_reports import load_report
from nlp_reports.corpus.audit import problem_zh

RT22 = Path(__file__).parent / "fixtures" / "redteam22"

#: A township's report whose three tables are all in a spreadsheet sent with it (详见附件).
_TOWNSHIP_NO_TABLES = """青禾镇人民政府2024年政府信息公开工作年度报告

本报告由青禾镇人民政府依据《中华人民共和国政府信息公开条例》编制，数据统计期限为2024年1月1日至2024年12月31日。

一、总体情况
2024年，青禾镇坚持以公开促落实，围绕乡村振兴、惠民补贴、人居环境整治等群众关心的事项，及时公开村级财务和低保评审结果，全年在镇政府网站栏目发布信息一百余条。

二、主动公开政府信息情况
本年度主动公开政府信息情况详见附件统计表。

三、收到和处理政府信息公开申请情况
本年度收到和处理政府信息公开申请情况详见附件统计表。

四、政府信息公开行政复议、行政诉讼情况
详见附件统计表。

五、存在的主要问题及改进情况
（一）存在的主要问题
一是村务公开栏更新不够及时；二是惠民补贴公示的内容不够完整。
（二）改进情况
一是建立村务公开栏月度巡查制度；二是按户公示补贴名称、标准和发放金额。

六、其他需要报告的事项
本年度未收取信息处理费。

青禾镇人民政府
2025年1月20日
"""


def _table_missing(report) -> list[str]:
    return [p.message for p in report.errors if p.code == "table_missing"]


def test_a_sheet_beside_the_report_is_named_in_table_missing(tmp_path):
    """表三 only as an .xlsx the crawl saved in the same folder: the message and its Chinese
    sentence name the sheet (not "download the attachment"); without the sheet they do not."""
    folder = tmp_path / "梅岭县" / "财政局"
    folder.mkdir(parents=True)
    page = folder / "梅岭县财政局2024年政府信息公开工作年度报告.html"
    shutil.copy(RT22 / "b03_t3_as_xlsx_attachment.html", page)
    [alone] = _table_missing(load_report(page))
    assert "beside it" not in alone and alone.endswith("download the attachment")
    (folder / "表三 收到和处理政府信息公开申请情况.xlsx").write_bytes(b"PK\x03\x04 sheet")
    [message] = _table_missing(load_report(page))
    assert message.startswith("表三 (收到和处理政府信息公开申请情况) not found; the text points to")
    assert ("its table seems to be in 表三 收到和处理政府信息公开申请情况.xlsx beside it, which "
            "the tool does not read") in message
    assert "download the attachment" not in message
    zh = problem_zh("table_missing", message)
    assert zh.startswith("正文称表三“收到和处理政府信息公开申请情况”见附件")
    assert "同一文件夹中的“表三 收到和处理政府信息公开申请情况.xlsx”" in zh and "请下载附件" not in zh


def test_all_tables_in_one_sheet_beside_a_township_report(tmp_path):
    """No table in the text (详见附件统计表) and a .et named 附件 beside the only report of the
    folder: the sheet is named for all three tables."""
    folder = tmp_path / "青禾镇"
    folder.mkdir()
    report = folder / "2024年度政府信息公开工作年度报告.txt"
    report.write_text(_TOWNSHIP_NO_TABLES, encoding="utf-8")
    (folder / "附件：统计表.et").write_bytes(b"\xd0\xcf\x11\xe0")
    [message] = _table_missing(load_report(report))
    assert message.startswith("no national statistical table found")
    assert "its tables seem to be in 附件：统计表.et beside it" in message
    zh = problem_zh("table_missing", message)
    assert "同一文件夹中的“附件：统计表.et”" in zh and "本工具不读取电子表格" in zh


def test_a_generic_sheet_in_a_folder_of_many_reports_is_not_claimed(tmp_path):
    """A folder of several bodies' reports: a sheet named only 附件1.xlsx may be anyone's, so
    it is not named; one whose name holds the report's agency is."""
    folder = tmp_path / "县直部门"
    folder.mkdir()
    report = folder / "青禾镇2024年报.txt"
    report.write_text(_TOWNSHIP_NO_TABLES, encoding="utf-8")
    for name in ("柳溪乡2024年报.txt", "云台街道2024年报.docx"):
        (folder / name).write_bytes(b"x")
    (folder / "附件1.xlsx").write_bytes(b"PK")
    [message] = _table_missing(load_report(report))
    assert "beside it" not in message
    (folder / "青禾镇人民政府2024年统计表.xls").write_bytes(b"\xd0\xcf")
    [message] = _table_missing(load_report(report))
    assert "its tables seem to be in 青禾镇人民政府2024年统计表.xls beside it" in message
    assert "附件1.xlsx" not in message
