"""A spreadsheet in a folder of reports is most often a report's 附表 (its statistics sheet,
published beside it): its failure says so, in English and Chinese, instead of telling the
reader to export "the report" as .docx (redteam23's finding)."""

from __future__ import annotations

import zipfile

import pytest

from nlp_reports.errors import UnsupportedFormatError
from nlp_reports.ingest import read_document
from nlp_reports.reasons import failure_meaning_zh


def _xlsx(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")


@pytest.mark.parametrize("name", ["附表：2024年政府信息公开情况统计表.xlsx", "附件2.xls",
                                  "下载附件.docx"])  # the last: an .xlsx saved under .docx
def test_a_spreadsheet_is_said_as_a_reports_annex_sheet(tmp_path, name):
    path = tmp_path / name
    _xlsx(path)
    with pytest.raises(UnsupportedFormatError) as err:
        read_document(path)
    message = str(err.value)
    assert "spreadsheet" in message and "附表" in message
    assert "if this file is the report" in message
    zh = failure_meaning_zh(f"unsupported_format: {message}")
    assert zh.startswith("文件是电子表格") and "附表" in zh
