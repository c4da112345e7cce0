"""Reports whose line breaks a copy lost: on one line (joined by nothing, a blank, NBSP or an
ideographic space), headings glued to the sentence before, tables flattened onto a line.

What a careful reader extracts from each fixture is written out below; the parser must read
the same, put breaks only where a national heading or a proven table grid stands, and say
"line breaks lost?" when it still finds no heading.
"""

from __future__ import annotations

import glob
import logging
import time
from pathlib import Path

import pytest

from nlp_reports.corpus.audit import problem_zh
from nlp_reports.ingest import normalize_text, read_document
from nlp_reports.ingest.linebreaks import lost_line_breaks, restore_line_breaks
from nlp_reports.parse import load_report

HERE = Path(__file__).parent
FIX = HERE / "fixtures" / "lost_line_breaks"
EXAMPLES = HERE.parent / "examples" / "corpus"


def _report(name: str):
    return load_report(FIX / name)


def _statements(report) -> list[tuple[str, str]]:
    return [(s.block, s.text) for s in report.statements]


def test_one_line_joined_by_blanks_reads_like_the_report():
    r = _report("township_2023_one_line_spaces.txt")
    m = r.metadata
    assert (m.title, m.agency, m.year) == ("红枫乡人民政府2023年政府信息公开工作年度报告",
                                           "红枫乡人民政府", 2023)
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert _statements(r) == [
        ("problem", "村级公开栏设置分散，部分自然村的群众看公开内容要跑到村委会。"),
        ("problem", "低保、临时救助名单公开后群众询问较多，解释说明跟得不紧。"),
        ("measure", "在人口较多的自然村增设公开栏，同步推送到村民微信群。"),
        ("measure", "救助名单公示时附上认定标准和咨询电话。"),
    ]
    tables = {t.id: t for t in r.tables}
    # 表二 and 表四 flattened with their figures: their grids are proven, their cells read
    assert tables["table2.1"].raw == (("0", "0", "0"), ("2", "0", "7"))
    assert tables["table2.5"].raw == (("36",),)
    assert tables["table2.6"].raw == (("4",), ("0",))
    assert tables["table4"].raw == (("0",) * 10 + ("1", "0", "0", "0", "1"),)
    # the page chrome stays off the title line; a heading named inside a sentence is no
    # heading: section 一 keeps its whole sentence
    one = next(s for s in r.sections if s.number == 1)
    assert "各项数据详见本报告二、主动公开政府信息情况和三、收到和处理政府信息公开申请情况。" in one.text
    assert not any(p.code == "no_headings" for p in r.errors)


def test_joined_by_nothing_reads_sections_and_never_guesses_a_table():
    r = _report("bureau_2020_one_line_nothing.txt")
    assert (r.metadata.agency, r.metadata.year, r.metadata.format) == ("蒲河县农业农村局", 2020,
                                                                       "2019")
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert _statements(r) == [
        ("problem", "惠农补贴公示有的只贴在村部，外出务工人员看不到。"),
        ("problem", "涉农政策解读多是转发文件原文，农民不容易看懂。"),
        ("measure", "补贴公示同时在县政府网站和乡镇公众号发布。"),
        ("measure", "请农技人员用方言录制短视频解读政策。"),
    ]
    # "规章000规范性文件1112": which figure is which cell cannot be told — nothing is read
    assert r.tables == ()
    assert any(p.code == "table_missing" for p in r.errors)


def test_headings_glued_to_the_sentence_before():
    r = _report("hospital_2024_headings_glued.txt")
    assert (r.metadata.agency, r.metadata.published) == ("江汀市第三人民医院", "2025-01-22")
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    two = next(s for s in r.sections if s.number == 2)
    assert two.text.startswith("本院不制发规章和规范性文件")
    one = next(s for s in r.sections if s.number == 1)
    assert one.text.endswith("专家出诊等信息932条。")
    assert [b for b, _ in _statements(r)] == ["problem", "problem", "measure", "measure"]
    assert _statements(r)[1][1] == "检查检验项目价格公示表字号偏小，老年患者反映看不清。"


def test_old_layout_joined_by_nbsp_and_ideographic_spaces():
    r = _report("city_2012_old_layout_nbsp.txt")
    assert (r.metadata.agency, r.metadata.year) == ("栖霞岭市人民政府", 2012)
    assert {s.number for s in r.sections} == {1, 2, 3, 4, 5, 6}
    texts = [t for _, t in _statements(r)]
    assert "部分部门公开目录编制质量不高，信息分类不准确；" in texts
    assert "印发依申请公开答复文书参考样式。" in texts


def test_tables_flattened_in_a_report_that_kept_its_lines():
    r = _report("university_2022_tables_inline.txt")
    tables = {t.id: t for t in r.tables}
    assert tables["table2.1"].raw == (("0", "0", "0"), ("3", "1", "18"))
    assert tables["table2.8"].raw == (("12.5",),)
    assert tables["table4"].raw == (("1", "0", "0", "0", "1") + ("0",) * 10,)
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]


def test_a_flattened_table_missing_a_figure_is_not_read():
    """A blank cell lost in the copy ("规章 0 0 行政规范性文件 …"): the grid is not proven, so
    that sub-table is not split (never shifted into the wrong cells); the others are."""
    text = (FIX / "university_2022_tables_inline.txt").read_text(encoding="utf-8")
    text = text.replace("规章 0 0 0 行政规范性文件", "规章 0 0 行政规范性文件")
    r = load_report(text)
    tables = {t.id: t for t in r.tables}
    assert "table2.1" not in tables or tables["table2.1"].raw != (("0", "0", "0"),
                                                                  ("3", "1", "18"))
    assert tables["table2.8"].raw == (("12.5",),)


def test_no_heading_at_all_says_line_breaks_lost(caplog):
    with caplog.at_level(logging.WARNING, logger="nlp_reports"):
        r = _report("school_2021_no_headings_one_line.txt")
    assert (r.metadata.agency, r.metadata.year) == ("白石滩镇中心小学", 2021)
    [p] = [p for p in r.errors if p.code == "no_headings"]
    assert "line breaks lost?" in p.message
    assert any("line breaks lost?" in rec.getMessage() and "换行可能丢失" in rec.getMessage()
               for rec in caplog.records)
    assert "换行丢失" in problem_zh(p.code, p.message)
    # a report with its lines and no heading is not told its breaks were lost
    plain = load_report(HERE / "fixtures" / "reports" / "county_2021_noheadings.txt")
    [q] = [p for p in plain.errors if p.code == "no_headings"]
    assert "line breaks" not in q.message
    assert "换行" not in problem_zh(q.code, q.message)


@pytest.mark.parametrize("sep", ["", " ", "  ", "\u00a0", "\u3000"])
def test_every_joiner_gives_the_same_sections(sep):
    lines = (FIX / "hospital_2024_headings_glued.txt").read_text(encoding="utf-8").split("\n")
    r = load_report(sep.join(lines))
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert len(r.statements) == 4
    assert r.metadata.agency == "江汀市第三人民医院"


def test_reports_with_their_lines_pay_nothing_and_are_unchanged():
    texts = [read_document(f).text for f in sorted(glob.glob(str(EXAMPLES / "*")))
             if f.endswith((".txt", ".html"))]
    assert len(texts) >= 20
    assert not any(lost_line_breaks(t) for t in texts)
    start = time.process_time()
    for _ in range(50):
        for t in texts:
            lost_line_breaks(t)
    per_report = (time.process_time() - start) / (50 * len(texts))
    assert per_report < 20e-6  # measured ~1 µs; a regex scan of every text would be 15–30
    # the one sentence that names a heading is not cut even when the restore runs
    line = "一、总体情况 今年详见本报告二、主动公开政府信息情况。 二、主动公开政府信息情况 无。"
    assert restore_line_breaks(line).split("\n") == [
        "一、总体情况 今年详见本报告二、主动公开政府信息情况。", "二、主动公开政府信息情况", "无。"]


def test_normalize_text_restores_a_one_line_copy():
    one_line = (FIX / "bureau_2020_one_line_nothing.txt").read_text(encoding="utf-8")
    lines = normalize_text(one_line).split("\n")
    assert lines[0] == "蒲河县农业农村局2020年政府信息公开工作年度报告"
    assert lines[1].startswith("一、总体情况")
    assert sum(line.startswith(("二、", "三、", "四、", "五、", "六、")) for line in lines) == 5
