"""Short reports (a township's, a street office's, a small bureau's: 250–450 characters) whose
line breaks a copy lost: the title on its own line and the six sections glued onto one line,
or everything on one line, joined by nothing, a blank or an ideographic space.

Too short for their line breaks to tell (a line of 400 characters is the long-text sign), they
are known by the 一 heading and a sentence of its body standing on the 二 heading's line. A
notice naming the headings, a table of contents on a line and a short report that kept its
lines keep the gate shut.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports.errors import NotAReportError
from nlp_reports.ingest import normalize_text
from nlp_reports.ingest.linebreaks import lost_line_breaks
from nlp_reports.parse import load_report

FIX = Path(__file__).parent / "fixtures" / "lost_line_breaks"

#: What a careful reader finds in each fixture: sections, and section 五's statements.
EXPECTED = {
    "township_2024_short_title_line_blanks.txt": (
        "白沙镇人民政府", 2024, [1, 2, 3, 4, 5, 6],
        [("problem", "政策解读形式单一。"), ("measure", "多用图解、短视频，方便群众理解。")]),
    "township_2023_short_title_line_ideographic.txt": (
        "青石岭乡人民政府", 2023, [1, 2, 3, 4, 5, 6],
        [("problem", "公开栏更新不够及时；"), ("problem", "工作人员兼职多。"),
         ("measure", "下一步将明确专人负责，按月检查公开栏。")]),
    "forestry_2012_short_one_line_ideographic.txt": (
        "河源县林业局", 2012, [1, 2, 3, 4, 5],
        [("problem", "存在的问题是公开内容更新较慢。"),
         ("measure", "下一步将落实专人，按月更新网站栏目。")]),
    "street_2022_short_one_line_nothing.txt": (
        "东关街道办事处", 2022, [1, 2, 3, 4, 5, 6],
        [("problem", "社区层面公开内容不够规范。"),
         ("measure", "组织社区工作人员业务培训，统一公开栏样式。")]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_short_report_reads_its_sections_and_statements(name):
    agency, year, sections, statements = EXPECTED[name]
    r = load_report(FIX / name)
    assert (r.metadata.agency, r.metadata.year) == (agency, year)
    assert [s.number for s in r.sections] == sections
    assert [(s.block, s.text) for s in r.statements] == statements
    assert not any(p.code == "no_headings" for p in r.errors)


def test_a_table_glued_by_nothing_in_a_short_report_is_not_guessed():
    r = load_report(FIX / "street_2022_short_one_line_nothing.txt")
    assert r.tables == ()
    assert any(p.code == "table_missing" for p in r.errors)


def _township_lines() -> list[str]:
    title, body = (FIX / "township_2024_short_title_line_blanks.txt").read_text(
        encoding="utf-8").strip().split("\n")
    return [title, *body.split(" ")]


@pytest.mark.parametrize("sep", ["", " ", "\u3000"])
@pytest.mark.parametrize("title_alone", [True, False])
def test_every_joiner_with_or_without_the_title_line(sep, title_alone):
    title, *body = _township_lines()
    assert len(body) == 12  # six headings, six bodies
    text = title + ("\n" if title_alone else sep) + sep.join(body)
    assert len(text) < 300  # shorter than the long-text sign
    r = load_report(text)
    assert r.metadata.title == "白沙镇人民政府2024年政府信息公开工作年度报告"
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert len(r.statements) == 2


def test_normalize_text_puts_each_heading_on_its_line():
    lines = normalize_text((FIX / "township_2024_short_title_line_blanks.txt").read_text(
        encoding="utf-8")).split("\n")
    heads = [line for line in lines if line[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert heads[0].startswith("一、总体情况 今年以来")  # (at a line start already: kept whole)
    assert heads[1:] == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                         "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                         "六、其他需要报告的事项"]


NOTICE = ("红石镇2023年政府信息公开工作年度报告已于2024年1月20日在县政府网站政府信息公开专栏发布，"
          "欢迎社会各界查阅并提出意见建议。报告共分六个部分，主要内容包括：一、总体情况；"
          "二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、"
          "行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。如对报告内容有疑问，"
          "请在工作日拨打镇党政办电话咨询。特此公告。")

TOC = ("柳塘镇2022年政府信息公开工作年度报告\n目录 一、总体情况 二、主动公开政府信息情况 "
       "三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况 "
       "五、存在的主要问题及改进情况 六、其他需要报告的事项\n一、总体情况\n全年公开信息50条。\n"
       "二、主动公开政府信息情况\n无规章。\n三、收到和处理政府信息公开申请情况\n未收到申请。\n")

KEPT = "\n".join(_township_lines()) + "\n"
INDENTED = "\n".join("\u3000\u3000" + line for line in _township_lines()) + "\n"


def test_a_notice_naming_the_headings_stays_no_report():
    assert not lost_line_breaks(NOTICE)
    with pytest.raises(NotAReportError):
        load_report(NOTICE)


@pytest.mark.parametrize("text", [TOC, KEPT, INDENTED.replace("\u3000", " ")],
                         ids=["contents_line", "kept", "indented"])
def test_short_texts_that_kept_their_lines_keep_the_gate_shut(text):
    assert not lost_line_breaks(text)
    # no line is cut: the contents line stays one line
    assert normalize_text(text).strip().count("\n") == text.strip().count("\n")


def test_kept_and_lost_read_alike():
    kept = load_report(KEPT)
    lost = load_report(FIX / "township_2024_short_title_line_blanks.txt")
    assert [(s.number, s.title, s.text) for s in kept.sections] == [
        (s.number, s.title, s.text) for s in lost.sections]
    assert kept.statements == lost.statements
