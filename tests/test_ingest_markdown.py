"""Reports as conversion tools leave them: pandoc / markitdown / docling / MinerU Markdown
(.md, or saved as .txt) and tables pasted from a spreadsheet as CSV lines.

Fixtures in tests/fixtures/converted/: a MinerU export with its tables as HTML (rowspan,
colspan, <br> in cells) and an image line; the same kind of export saved as .txt with its
first table within the first kilobyte; a pandoc docx → markdown of a 2014 report (bold
headings, "1\\." escapes, a footnote after the signature); a report whose tables were pasted
from Excel as CSV lines (a quoted "1,325").
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from nlp_reports import load_reports
from nlp_reports.corpus.files import expand_paths
from nlp_reports.ingest import read_document, sniff_format
from nlp_reports.ingest.markdown import has_markup, markdown_to_text

HERE = Path(__file__).parent / "fixtures" / "converted"


def _one(name: str):
    (report,) = load_reports(HERE / name)
    return report


def test_mineru_markdown_with_html_tables_reads_as_text_with_its_tables():
    r = _one("mineru_html_tables.md")
    assert r.metadata.agency == "栖霞湾市交通运输局"
    assert r.metadata.title == "栖霞湾市交通运输局2024年政府信息公开工作年度报告"
    assert r.metadata.source_format == "txt"  # (read as a page before: title and 一、二 lost)
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    for tid in ("table2.1", "table2.5", "table2.6", "table2.8", "table3", "table4"):
        assert r.table(tid).status == "ok", (tid, r.table(tid).problem)
    t3 = r.table("table3")
    assert (t3.get("1", "total"), t3.get("2", "total"), t3.get("3.7", "total")) == (10, 1, 11)
    assert t3.get("1", "natural_person") == 7  # (its header's "商业<br>企业" cells in order)
    assert r.table("table2.1").get("normative_documents", "in_force") == 78
    assert r.table("table2.8").get("fees", "amount") == pytest.approx(203.4)
    # section 六's text no longer runs into 五's last measure (a page has no line breaks)
    assert [s.text for s in r.statements][-1] == "建立投诉处理结果定期公开制度。"
    assert not any("images/" in s.text or "<" in s.text for s in r.statements)


def test_converter_text_saved_as_txt_with_a_table_in_its_first_kilobyte_is_text():
    data = (HERE / "mineru_saved_as.txt").read_bytes()
    assert b"<table" in data[:1024]
    assert sniff_format(data) == "txt"
    r = _one("mineru_saved_as.txt")
    assert r.metadata.agency == "苇塘县卫生健康局"
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert r.table("table3").get("1", "total") == 56
    assert r.table("table4").get("count", "review.total") == 3
    assert r.statements[-1].text == "督促乡镇卫生院每月更新公开栏内容。"


def test_web_pages_and_fragments_are_still_sniffed_as_pages():
    assert sniff_format(b"<table><tr><td>1</td></tr></table>") == "html"
    assert sniff_format("<p>青石县2023年年报</p>\n<table><tr><td>1</td></tr></table>"
                        .encode()) == "html"
    assert sniff_format("青石县2023年年报\n<div>正文</div><table><tr><td>1</td></tr>"
                        "</table>".encode()) == "html"



def _fragment(after_table: str) -> bytes:
    """A crawler's innerHTML that starts with words: a title and 一 on ``<br/>`` lines, 表二's
    long grid (past the first kilobyte), then ``after_table``."""
    rows = "".join(f"<tr><td>{label}</td><td>{n}</td><td>0</td><td>{n + 3}</td></tr>"
                   for n, label in enumerate(("规章", "规范性文件", "行政许可", "其他对外管理服务事项",
                                              "行政处罚", "行政强制", "行政事业性收费") * 3))
    return ("梓潼镇人民政府2022年政府信息公开工作年度报告<br/>一、总体情况<br/>"
            "本镇紧扣群众关切，公开惠农补贴发放、村级财务等信息。<br/>"
            f"<table border=\"1\"><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td>"
            f"<td>现行有效件数</td></tr>{rows}</table>{after_table}").encode()


def test_fragment_with_a_table_and_paragraphs_past_the_first_kilobyte_is_a_page():
    # no <p>/<div> in its first kilobyte, only <br/> and the table's start: it was read as a
    # converter's Markdown, every <p> after the table left literal on one line (二 and 三 lost)
    data = _fragment("<p>二、主动公开政府信息情况</p><p>镇政务公开栏每月更新一次。</p>"
                     "<p>三、收到和处理政府信息公开申请情况</p><p>本年未收到申请。</p>")
    assert b"<table" in data[:1024] and b"<p>" not in data[:1024]
    assert sniff_format(data) == "html"
    text = read_document(data).text
    assert "<p>" not in text
    lines = [ln.strip() for ln in text.splitlines()]
    assert "二、主动公开政府信息情况" in lines and "三、收到和处理政府信息公开申请情况" in lines


def test_converter_text_with_only_line_break_tags_outside_its_tables_is_still_text():
    # MinerU/docling leave <br> in cells and now and then in a paragraph: no page for that
    data = _fragment("\n\n二、主动公开政府信息情况\n\n镇政务公开栏每月更新一次。<br>逐月归档。\n")
    assert sniff_format(data) == "txt"


def test_pandoc_escapes_and_footnote_are_not_read_as_the_reports_words():
    r = _one("pandoc_escapes_footnote.md")
    assert r.metadata.agency == "燕归乡人民政府" and r.metadata.year == 2014
    texts = [s.text for s in r.statements]
    assert "村务公开栏设置分散，部分内容更新不及时。" in texts  # "1\\." was no item marker
    assert [s.marker for s in r.statements if s.marker] == ["1.", "2.", "1.", "2."]
    assert not any("\\" in t or "[^" in t for t in texts)
    # the footnote under the signature kept the signature as two statements of 五
    assert not any(t.startswith(("燕归乡人民政府", "2015年")) for t in texts)
    assert [s.block for s in r.statements if s.marker] == ["problem"] * 2 + ["measure"] * 2
    # the same text given as a str (read by the caller) is cleaned alike
    (again,) = load_reports((HERE / "pandoc_escapes_footnote.md").read_text(encoding="utf-8"))
    assert [s.text for s in again.statements] == texts


def test_tables_pasted_from_a_spreadsheet_as_csv_lines():
    r = _one("excel_csv_tables.txt")
    for tid in ("table2.1", "table2.5", "table2.6", "table2.8", "table3", "table4"):
        assert r.table(tid).status == "ok", (tid, r.table(tid).problem)
    assert r.table("table2.5").get("licensing", "decisions") == 1325  # the quoted "1,325"
    t3 = r.table("table3")
    assert (t3.get("1", "total"), t3.get("3.7", "total"), t3.get("4", "total")) == (32, 31, 2)
    assert r.table("table4").get("count", "review.total") == 1
    assert not any(c.outcome == "fail" for c in r.checks)


def test_csv_pairs_that_may_be_one_figure_are_not_split():
    from nlp_reports.parse.tables import _csv_row

    assert _csv_row("行政许可,1,381") == "行政许可,1,381"  # 1,381 or 1 and 381: not told
    assert _csv_row("行政许可 11,381") == "行政许可 11,381"  # spaced cells: commas group
    assert _csv_row('行政许可,"11,381"') == "行政许可\t11,381"
    prose = "2023年,市政府坚持以人民为中心的发展思想,深入推进政务公开"
    assert _csv_row(prose) == prose
    assert _csv_row("结果维持,结果纠正,其他结果,尚未审结,总计") == "结果维持\t结果纠正\t其他结果\t尚未审结\t总计"


def test_markdown_cleanup_keeps_pipe_rows_and_plain_text():
    text = ("## 五、存在的主要问题及改进情况\n![](img/a.png)\n1\\. 公开栏更新不及时[^2]。\n"
            "| 规章 | 0 | 0 | 3 |\n+----+----+\n[^2]: 注释。\n")
    out = markdown_to_text(text)
    assert out == "## 五、存在的主要问题及改进情况\n1. 公开栏更新不及时。\n| 规章 | 0 | 0 | 3 |\n"
    plain = "一、总体情况\n全年主动公开信息152条，D:\\报告\\2023 目录下存档。\n"
    assert not has_markup(plain)
    assert read_document(plain + "二、主动公开政府信息情况\n").text.startswith("一、总体情况")


def test_a_folder_walk_takes_markdown_files(tmp_path):
    shutil.copy(HERE / "pandoc_escapes_footnote.md", tmp_path / "燕归乡2014.md")
    (tmp_path / "目录.csv").write_text("文件,机关\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# 待办\n- 补下载 2019 年的几份\n", encoding="utf-8")
    found = expand_paths([tmp_path])
    assert [p.name for p in found.files] == ["燕归乡2014.md"]  # (counted as not read before)
    assert found.ignored == {".md": 1, ".csv": 1}  # a note of one's own is no report


def test_a_readme_about_the_collection_is_counted_not_failed_at_every_run(tmp_path):
    """A researcher's README.md names the genre (政府信息公开工作年度报告) but holds no section
    heading line: it is counted as not read, while a converted report whose automatic
    numbering was lost ("**总体情况**") is still taken."""
    (tmp_path / "README.md").write_text(
        "# 数据说明\n\n本目录收集了青崖省2019—2024年各县（市、区）政府信息公开工作年度报告，"
        "由门户网站下载后用 pandoc 转换。\n\n- 缺 2021 年两份，待补\n- 存在的问题见下文，"
        "另附处理日志。\n", encoding="utf-8")
    text = (HERE / "pandoc_escapes_footnote.md").read_text(encoding="utf-8")
    numberless = re.sub(r"(?m)^(\**)[一二三四五六]、", r"\1", text)
    assert numberless != text
    (tmp_path / "燕归乡2014.md").write_text(numberless, encoding="utf-8")
    found = expand_paths([tmp_path])
    assert [p.name for p in found.files] == ["燕归乡2014.md"]
    assert found.ignored == {".md": 1}
