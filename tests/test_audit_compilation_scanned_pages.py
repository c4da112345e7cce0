"""A compilation PDF (汇编: one file holding several agencies' reports, split into parts by
the parser) whose scanned pages lie in one report: every part carried ``scanned_pages`` for
the whole file, so a county government whose own pages were all typed was told its page 4
was a scan without a text layer. Each part now names only the scanned pages inside its own
page range, none when it has none; the audit says the same in each row's Chinese.

The PDFs are written here with reportlab (typed pages, and pages that are one photographed
sheet: an image over the page, no text layer); the texts are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _pdf_drawing import report_pdf

from nlp_reports import load_reports
from nlp_reports.corpus import audit, tag_paths

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")
pytest.importorskip("PIL")

COUNTY = "青峪县人民政府"
FINANCE = "青峪县财政局"

_COUNTY_PAGES = [
    [(15, f"{COUNTY}2023年政府信息公开工作年度报告"), (11, "一、总体情况"),
     (10, "2023年，青峪县人民政府坚持以人民为中心，全面推进基层政务公开标准化规范化建设。"),
     (11, "二、主动公开政府信息情况"),
     (10, "全年通过县政府门户网站主动公开政府信息2316条，其中政策解读87条。"),
     (11, "三、收到和处理政府信息公开申请情况"),
     (10, "全年共收到政府信息公开申请41件，上年结转2件，均已按期答复。")],
    [(11, "四、政府信息公开行政复议、行政诉讼情况"),
     (10, "全年因政府信息公开被申请行政复议1件，结果维持；未发生行政诉讼。"),
     (11, "五、存在的主要问题及改进情况"),
     (10, "主要问题是部分乡镇公开栏更新不及时。下一步将按季度开展督查并通报结果。"),
     (11, "六、其他需要报告的事项"),
     (10, "本年度未收取信息处理费。")],
]
_FINANCE_PAGES = [
    [(15, f"{FINANCE}2023年度政府信息公开工作报告"), (11, "一、总体情况"),
     (10, "县财政局按照县政府统一部署，及时公开预决算、惠民惠农补贴资金发放等财政信息。"),
     (11, "二、主动公开政府信息情况"),
     (10, "本年主动公开财政预决算信息56条，详见下页统计表。")],
    None,  # the statistics tables, photographed
    [(11, "五、存在的主要问题及改进情况"),
     (10, "存在的问题：部门预算公开说明不够详细。改进措施：统一编写预算公开说明模板。"),
     (11, "六、其他需要报告的事项"),
     (10, "无。")],
]


def _compilation(path: Path, reports: list[list]) -> Path:
    """One PDF of the reports' pages in order; a page None is a scan (no text layer)."""
    return report_pdf(path, [p for pages in reports for p in pages])


def _scans(report) -> list[str]:
    return [p.message for p in report.errors if p.code == "scanned_pages"]


def test_only_the_part_holding_the_scan_names_it(tmp_path):
    pdf = _compilation(tmp_path / "青峪县2023年政府信息公开年报汇编.pdf",
                       [_COUNTY_PAGES, _FINANCE_PAGES])
    county, finance = load_reports(pdf)
    assert (county.metadata.agency, finance.metadata.agency) == (COUNTY, FINANCE)
    assert _scans(county) == []
    (said,) = _scans(finance)
    assert said.startswith("page(s) 4 of the PDF are scanned images")


def test_a_scan_ending_one_report_is_that_reports(tmp_path):
    # the county's tables photographed after its last typed page, then the bureau's report
    county_with_scan = [*_COUNTY_PAGES, None]
    typed_finance = [_FINANCE_PAGES[0], _FINANCE_PAGES[2]]
    pdf = _compilation(tmp_path / "汇编.pdf", [county_with_scan, typed_finance])
    county, finance = load_reports(pdf)
    assert [m[:9] for m in _scans(county)] == ["page(s) 3"]
    assert _scans(finance) == []


def test_each_audit_row_names_its_own_scanned_pages(tmp_path):
    pdf = _compilation(tmp_path / "青峪县年报汇编.pdf", [_COUNTY_PAGES, _FINANCE_PAGES])
    db = tmp_path / "s.sqlite"
    tag_paths([str(pdf)], str(db))
    rows = {r["agency"]: r for r in audit(db).to_dict()}
    assert "scanned_pages" not in rows[COUNTY]["parse_problems"]
    assert "扫描" not in rows[COUNTY]["signals_zh"]
    assert "scanned_pages" in rows[FINANCE]["parse_problems"]
    assert "PDF的第4页是扫描图片" in rows[FINANCE]["signals_zh"]


def _township(name: str, posted: int, last: str) -> list:
    """A township's two typed pages written on its county's template: only the name, a
    figure and one sentence of its own; the last page's lines are the template's."""
    return [
        [(15, f"{name}2023年政府信息公开工作年度报告"), (11, "一、总体情况"),
         (10, f"{name}按照县政府统一部署，推进基层政务公开标准化规范化。{last}"),
         (11, "二、主动公开政府信息情况"), (10, f"全年在公开栏和县政府网站公开信息{posted}条。")],
        [(11, "五、存在的主要问题及改进情况"),
         (10, "主要问题是村级公开栏更新不及时。下一步将按季度开展督查。"),
         (11, "六、其他需要报告的事项"), (10, "本年度未收取信息处理费。")],
    ]


def test_a_scan_ending_a_template_report_is_not_given_to_the_next(tmp_path):
    # the lines before the scan are the template's (in every part), so only the text after
    # it tells where it lies: the next report's title. The page lies after this report's
    # last text and before that title: this report's (its tables photographed), not the next's
    east = _township("青峪县东坪镇人民政府", 31, "镇里新设便民服务站三个。")
    west = _township("青峪县西坪镇人民政府", 47, "西坪镇完成村务公开栏改造。")
    south = _township("青峪县南岭乡人民政府", 52, "南岭乡开通乡政府微信公众号。")
    pdf = _compilation(tmp_path / "青峪县乡镇年报汇编.pdf", [east, [*west, None], south])
    got = load_reports(pdf)
    assert [r.metadata.agency for r in got] == ["青峪县东坪镇人民政府", "青峪县西坪镇人民政府",
                                                "青峪县南岭乡人民政府"]
    assert [[m[:9] for m in _scans(r)] for r in got] == [[], ["page(s) 5"], []]
