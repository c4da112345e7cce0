"""Compilations read report by report: a county's 汇编 of its departments' reports,
a saved page printing two years' reports, a PDF binding a county's report with its bureau's
were refused as `not_a_report` ("split it into one file per report"); ``load_reports`` and
``nlp-reports parse`` now give each report of such a file as a Report of its own
(``metadata.part`` / ``parts``), cut where the compilation check sees another report begin.
Fixtures in tests/fixtures/compile16/ (fictional 岚溪县, 栖凤镇, 桐岭县)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from nlp_reports import Report, load_report, load_reports
from nlp_reports.cli import main
from nlp_reports.errors import NotAReportError, ParseError

HERE = Path(__file__).parent
DATA = HERE / "fixtures" / "compile16"
BOOK = DATA / "岚溪县县直部门年报汇编2023.txt"
PAGE = DATA / "qifeng_two_years.html"
BOUND = DATA / "tongling_county_and_bureau_2024.txt"
AGENCIES = ["岚溪县教育局", "岚溪县卫生健康局", "岚溪县自然资源局", "岚溪县医疗保障局"]
COUNTY = HERE.parent / "examples" / "corpus" / "柳岸县人民政府2023年政府信息公开工作年度报告.txt"
ROOT = HERE.parent
FIXTURES = HERE / "fixtures"


def _reports(items: list) -> list[Report]:
    assert all(isinstance(r, Report) for r in items), [r for r in items if not isinstance(r, Report)]
    return items


def _book_lines() -> list[str]:
    return BOOK.read_text("utf-8").splitlines()


def _report_texts() -> list[str]:
    """The four reports of the 汇编, each from its title line to its date (the cover and 目录 off)."""
    lines = _book_lines()
    starts = [i for i, line in enumerate(lines) if line in {f"{a}2023年政府信息公开工作年度报告"
                                                            for a in AGENCIES}]
    return ["\n".join(lines[a:b]).strip() for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


# --- a 汇编 of four departments of one county --------------------------------------------


def test_a_county_compilation_is_read_as_one_report_per_department():
    parts = _reports(load_reports(BOOK))
    assert [r.metadata.agency for r in parts] == AGENCIES
    assert [(r.metadata.part, r.metadata.parts) for r in parts] == [(k, 4) for k in range(1, 5)]
    assert {r.metadata.year for r in parts} == {2023}
    assert all(r.metadata.source == str(BOOK) for r in parts)
    # each part's own signature date, never the compilation's 编印 date (2024年3月)
    assert [r.metadata.published for r in parts] == ["2024-01-22", "2024-01-25", "2024-01-30",
                                                     "2024-01-19"]
    # each is the department's report alone: read as a file holding only it would be
    for part, text in zip(parts, _report_texts(), strict=True):
        alone = load_report(text)
        assert part.text.strip() == alone.text.strip()
        assert [s.text for s in part.statements] == [s.text for s in alone.statements]
        assert [s.number for s in part.sections] == [1, 2, 3, 4, 5, 6]
        assert part.metadata.title == alone.metadata.title
    # the cover and the table of contents belong to no report
    assert not any("目  录" in r.text or "编印" in r.text for r in parts)
    assert "招生" in parts[0].statements[0].text and "卫生院" in parts[1].statements[1].text


def test_load_report_still_refuses_a_compilation_and_names_the_call_that_splits_it():
    with pytest.raises(NotAReportError, match="a compilation of 4 reports") as err:
        load_report(BOOK)
    assert "load_reports()" in str(err.value) and "nlp-reports parse" in str(err.value)


def test_a_docx_compilation_splits_like_its_text(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in _book_lines():
        document.add_paragraph(line)
    path = tmp_path / "岚溪县县直部门年报汇编2023.docx"
    document.save(path)
    from_docx = _reports(load_reports(path))
    from_text = _reports(load_reports(BOOK))
    assert [r.metadata.agency for r in from_docx] == AGENCIES
    assert [r.metadata.source_format for r in from_docx] == ["docx"] * 4
    assert ([[s.text for s in r.statements] for r in from_docx]
            == [[s.text for s in r.statements] for r in from_text])


# --- a saved page printing two years of one agency ---------------------------------------


def test_a_page_printing_two_years_gives_each_year_its_report_and_its_own_date():
    new, old = _reports(load_reports(PAGE))
    assert (new.metadata.agency, new.metadata.year, old.metadata.agency, old.metadata.year) == (
        "栖凤镇人民政府", 2023, "栖凤镇人民政府", 2022)
    # the page's 发布时间 is the 2023 report's (the page is its); 2022's date is its signature's
    assert (new.metadata.published, new.metadata.published_from) == ("2024-01-16", "page")
    assert (old.metadata.published, old.metadata.published_from) == ("2023-01-18", "signature")
    assert "低保名单" in new.statements[0].text
    assert not any("低保名单" in s.text for s in old.statements)
    assert "原创" in old.statements[-1].text


def test_a_first_report_under_no_title_line_ends_at_its_closing_date():
    # (parse14c) a page titled 2023 printing 2022's report first under no title line
    first, second = _reports(load_reports(HERE / "fixtures" / "parse14c"
                                          / "jiedao_page_two_years.html"))
    assert (first.metadata.year, second.metadata.year) == (2022, 2023)
    assert first.text.rstrip().endswith("2023年1月17日")
    assert second.text.startswith("桂园街道办事处2023年政府信息公开工作年度报告")
    assert second.metadata.published == "2024-01-18"


# --- a PDF binding a county's report with its bureau's ------------------------------------


def _bound_pdf(path: Path) -> None:
    """The two reports on pages of their own, each page headed by its report's title (as a
    printed report's header): a title repeated over one report's pages starts no part."""
    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = BOUND.read_text("utf-8").splitlines()
    split = next(i for i, line in enumerate(lines) if line.startswith("桐岭县财政局"))
    c = canvas.Canvas(str(path), pagesize=A4)
    for report in (lines[:split], lines[split:]):
        rows = [line[i:i + 36] for line in report for i in range(0, len(line), 36)]
        for page in range(0, len(rows), 18):
            c.setFont("STSong-Light", 8)
            if page:  # the header over the report's later pages
                c.drawString(60, 810, report[0])
            c.setFont("STSong-Light", 11)
            for i, row in enumerate(rows[page:page + 18]):
                c.drawString(60, 770 - 24 * i, row)
            c.showPage()
    c.save()


def test_a_pdf_binding_a_county_report_with_its_bureaus_gives_both(tmp_path):
    path = tmp_path / "桐岭县2024年度报告（县政府及财政局）.pdf"
    _bound_pdf(path)
    county, bureau = _reports(load_reports(path))
    assert (county.metadata.agency, county.metadata.level) == ("桐岭县人民政府", "county")
    assert (bureau.metadata.agency, bureau.metadata.level) == ("桐岭县财政局", "department")
    assert (county.metadata.year, bureau.metadata.year) == (2024, 2024)
    assert (county.metadata.published, bureau.metadata.published) == ("2025-01-20", "2025-01-17")
    assert [s.block for s in county.statements] == ["problem", "problem", "measure", "measure"]
    assert [s.block for s in bureau.statements] == ["problem", "problem", "measure", "measure"]
    assert "预算公开" in bureau.statements[0].text
    assert not any("预算" in s.text for s in county.statements)


# --- a part that cannot be read, a part cut short -----------------------------------------


def _fail_part(monkeypatch, opening: str, message: str) -> None:
    """Make the reader fail (NotAReportError ``message``) on the part whose text starts
    with ``opening``, as a part the parser cannot read."""
    from nlp_reports.parse import load as load_module

    real = load_module._parse

    def failing(doc, path, simplified, original, **kw):
        if simplified.startswith(opening):
            raise NotAReportError(message, path=path)
        return real(doc, path, simplified, original, **kw)

    monkeypatch.setattr(load_module, "_parse", failing)


def test_a_part_that_fails_is_an_error_in_its_place_and_the_others_are_read(monkeypatch):
    # the second report breaks the reader
    _fail_part(monkeypatch, "岚溪县卫生健康局", "no annual-report content (a stand-in failure)")
    items = load_reports(BOOK)
    assert [type(r).__name__ for r in items] == ["Report", "NotAReportError", "Report", "Report"]
    err = items[1]
    assert isinstance(err, ParseError)
    assert (err.part, err.parts, err.reason) == (2, 4, "not_a_report")
    assert str(err).startswith(f"{BOOK}: part 2 of 4: no annual-report content")
    assert [r.metadata.agency for r in items if isinstance(r, Report)] == [
        AGENCIES[0], AGENCIES[2], AGENCIES[3]]
    # nothing of the failed part was merged into its neighbours
    assert not any("卫生院" in r.text for r in items if isinstance(r, Report))


def test_a_part_cut_short_is_a_fragment_of_its_own_not_its_neighbours_text(tmp_path):
    texts = _report_texts()
    cut = "\n".join(texts[1].splitlines()[:3])  # title, preamble, 一、总体情况 — the rest lost
    book = tmp_path / "汇编.txt"
    book.write_text("\n\n".join([texts[0], cut, texts[2]]), "utf-8")
    first, fragment, third = _reports(load_reports(book))
    assert fragment.metadata.agency == "岚溪县卫生健康局"
    assert fragment.statements == () and fragment.missing_sections == (2, 3, 4, 5, 6)
    assert "missing_section" in {p.code for p in fragment.errors}
    whole = _reports(load_reports(BOOK))
    assert first.statements == whole[0].statements and third.statements == whole[2].statements


# --- one report is one report --------------------------------------------------------------


def test_a_report_whose_title_comes_twice_is_one_report(tmp_path):
    text = COUNTY.read_text("utf-8")
    title = text.splitlines()[0]
    lines = text.splitlines()
    headed = tmp_path / "headed.txt"
    headed.write_text(f"{title}\n\n\n" + "\n".join(
        f"{title}\n{line}" if i and i % 20 == 0 else line for i, line in enumerate(lines)), "utf-8")
    for path in (COUNTY, headed):
        (report,) = _reports(load_reports(path))
        assert (report.metadata.part, report.metadata.parts) == (None, None)
        assert report.metadata.agency == "柳岸县人民政府"
        assert len(report.statements) == len(load_report(COUNTY).statements)


def test_an_unreadable_file_still_raises():
    with pytest.raises(ParseError):
        load_reports("一段没有任何报告内容的文字，\n只是一句问候。")


# --- parse, JSON --------------------------------------------------------------------------


def test_parse_json_prints_one_line_per_report_of_a_compilation(capsys):
    assert main(["parse", "--json", str(BOOK), str(COUNTY)]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(d["metadata"]["agency"], d["metadata"]["part"], d["metadata"]["parts"])
            for d in docs] == [(a, k, 4) for k, a in enumerate(AGENCIES, 1)] + [
        ("柳岸县人民政府", None, None)]
    assert Report.from_dict(docs[2]).metadata.part == 3


def test_parse_text_names_the_part_and_no_split_refuses(capsys):
    assert main(["parse", str(PAGE)]) == 0
    out = capsys.readouterr().out
    assert out.count("part:") == 2 and "2 of 2 (a compilation)" in out
    assert main(["parse", "--no-split", str(PAGE)]) == 1
    assert "a compilation of 2 reports" in capsys.readouterr().err


def test_parse_json_gives_a_failed_part_its_error_line(monkeypatch, capsys):
    _fail_part(monkeypatch, "栖凤镇人民政府2022", "stand-in failure")
    assert main(["parse", "--json", str(PAGE)]) == 1
    ok, failed = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert ok["metadata"]["part"] == 1
    assert (failed["part"], failed["parts"], failed["error"]["reason"]) == (2, 2, "not_a_report")
    assert "part 2 of 2: stand-in failure" in failed["error"]["message"]


def test_older_json_without_parts_reads_back():
    d = load_report(COUNTY).to_dict()
    assert (d["metadata"]["part"], d["metadata"]["parts"]) == (None, None)
    d["schema_version"] = "1.3"
    del d["metadata"]["part"], d["metadata"]["parts"]
    assert Report.from_dict(d).metadata.part is None


def test_a_second_report_under_no_title_line_starts_after_the_first_ones_date(tmp_path):
    # the page lost the 2022 report's title (its <strong> line), not its opening paragraph:
    # 2022's 一 opens with its year
    page = tmp_path / "page.html"
    page.write_text(PAGE.read_text("utf-8").replace(
        "<p><strong>栖凤镇人民政府2022年政府信息公开工作年度报告</strong></p>",
        "<p>根据《中华人民共和国政府信息公开条例》要求，现将本镇2022年度政府信息公开工作情况"
        "报告如下。</p>"), "utf-8")
    new, old = _reports(load_reports(page))
    assert (new.metadata.year, old.metadata.year) == (2023, 2022)
    assert new.text.rstrip().endswith("2024年1月15日")  # the first keeps its signature and date
    assert old.text.lstrip().startswith("根据《中华人民共和国政府信息公开条例》要求，现将本镇2022年度")
    assert (old.metadata.published, old.metadata.agency) == ("2023-01-18", "栖凤镇人民政府")


# --- a 汇编 whose first report lost its title and 一 -----------------------------------------

HEAD_LOST = FIXTURES / "tail17" / "compilation_head_lost.txt"


def test_text_above_the_first_title_holding_sections_is_a_part_of_its_own(caplog):
    with caplog.at_level(logging.WARNING, logger="nlp_reports"):
        out = load_reports(HEAD_LOST)
    assert [type(o) for o in out] == [ParseError, Report, Report]
    head = out[0]
    assert (head.part, head.parts) == (1, 3)
    assert head.args[0].startswith("part 1 of 3: the text before the compilation's first report title")
    assert "二、三、四、五、六" in str(head)
    assert [(r.metadata.agency, r.metadata.part, r.metadata.parts) for r in out[1:]] == [
        ("青禾县市场监督管理局", 2, 3), ("青禾县教育体育局", 3, 3)]
    assert any("read by no part" in r.getMessage() for r in caplog.records)
    # the lost report's own text is in no part read: the error stands for it
    assert not any("涉农补贴" in r.text for r in out[1:])


def test_a_cover_and_contents_above_the_first_title_are_no_part(caplog):
    lines = HEAD_LOST.read_text("utf-8").split("\n")
    title = lines.index("青禾县市场监督管理局2023年政府信息公开工作年度报告")
    contents = ["目  录", "青禾县市场监督管理局2023年政府信息公开工作年度报告……1",
                "青禾县教育体育局2023年政府信息公开工作年度报告……3", ""]
    text = "\n".join(lines[:4] + contents + lines[title:])
    with caplog.at_level(logging.WARNING, logger="nlp_reports"):
        out = load_reports(text.encode(), filename="c.txt")
    assert [type(o) for o in out] == [Report, Report]
    assert [o.metadata.part for o in out] == [1, 2]
    assert not any("read by no part" in r.getMessage() for r in caplog.records)


def test_the_head_error_is_counted_by_parse(tmp_path):
    run = subprocess.run([sys.executable, "-m", "nlp_reports", "parse", "--json", str(HEAD_LOST)],
                         capture_output=True, text=True, check=False, cwd=ROOT)
    rows = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    assert run.returncode != 0
    assert rows[0]["part"] == 1 and rows[0]["parts"] == 3 and "section headings" in rows[0]["error"]["message"]
    assert [r["metadata"]["agency"] for r in rows[1:]] == ["青禾县市场监督管理局", "青禾县教育体育局"]
