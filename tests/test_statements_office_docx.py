"""Defects found on office-made .docx files, saved government pages
and the section-五 shapes of 2021–2025 reports. Each input in tests/data/redteam11/ is a
short fictional report written for these tests (or a .docx built here with real Word
structure); each test names the defect (R1–R… of the pass's findings) it reproduces."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.parse.statements import split_section5

DATA = Path(__file__).parent / "data" / "redteam11"


def _pairs(report):
    return [(s.block, s.text) for s in report.statements]


def test_r1_problem_and_measure_in_one_item_are_two_statements():
    """R1: "（一）<problem>。整改措施：<measure>。" — each numbered item holds its problem and,
    run in after it, its measure. Every item but the last was one statement, a problem
    glued to its measure (the last was cut at the label)."""
    got = _pairs(load_report(DATA / "s5_inline_pairs_2022.txt"))
    assert got == [("problem", "县政府常务会议的议定事项公开不够全面。"),
                   ("measure", "会后五个工作日内公开会议议定事项。"),
                   ("problem", "政策解读多为文字稿，群众不易读懂。"),
                   ("measure", "重要政策同步制作一图读懂。"),
                   ("problem", "乡镇公开专区的资料更新不及时。"),
                   ("measure", "实行乡镇公开专区资料月报制度。")]


@pytest.mark.parametrize("name", ["s5_wenti_pairs_2024.txt", "s5_paren_pairs_lines_2023.txt"])
def test_r2_a_measure_label_under_each_problem_is_no_sub_heading(name):
    """R2: "问题一：…⏎整改措施：…⏎问题二：…" (or "（一）…⏎整改措施：…⏎（二）…"): the first
    "整改措施：" line was read as the measures sub-heading, so every later problem became a
    measure, its label "问题二：" left in its text."""
    r = load_report(DATA / name)
    got = _pairs(r)
    assert [b for b, _ in got] == ["problem", "measure"] * (len(got) // 2), got
    assert len(got) == (6 if "wenti" in name else 4)
    assert not any(t.startswith(("问题", "整改措施", "（")) for _, t in got), got
    assert not any(e.code == "statements_unsplit" for e in r.errors)


def test_r2_a_measures_part_after_the_problems_stays_a_sub_heading():
    """The measure label is an item's half only between paired items: a "整改措施：" line after
    a list of problems (the next line no item of that list) still opens the measures."""
    text = ("（一）栏目更新不及时。\n（二）解读形式单一。\n整改措施：建立栏目巡查制度。\n"
            "同步制作图解。\n")
    got = [(s.block, text[s.start:s.end]) for s in split_section5(text, 0, len(text)).statements]
    # (the problems' block is left as before: the list has no heading of its own)
    assert got[2:] == [("measure", "建立栏目巡查制度。"), ("measure", "同步制作图解。")]
    assert [t for _, t in got[:2]] == ["栏目更新不及时。", "解读形式单一。"]


def test_r1_r2_pairs_stay_linear_on_a_megabyte():
    """Issue 5: no catastrophic backtracking in the pair reading (1 MB of pairs, one line
    and one pair a line)."""
    for unit in ("（一）人员不足。整改措施：加强培训。", "问题一：人员不足。\n整改措施：加强培训。\n"):
        text = (unit * (1_000_000 // len(unit)))[:1_000_000]
        t0 = time.process_time()
        split_section5(text, 0, len(text), title="存在的主要问题及改进情况")
        assert time.process_time() - t0 < 20


def test_r3_a_cause_column_beside_problem_and_measure_is_read():
    """R3: 五 as a 存在问题 | 原因分析 | 整改措施 table: the cause column was dropped, its text
    lost. A cause is a shortcoming: a problem statement after its row's problem."""
    got = _pairs(load_report(DATA / "s5_cause_column_2025.txt"))
    assert got == [("problem", "行政复议决定书公开比例偏低。"), ("problem", "对公开与不公开的界限把握不准。"),
                   ("measure", "制定复议决定书公开审查标准。"),
                   ("problem", "法律援助办理流程说明不够清楚。"), ("problem", "流程图多年未修订。"),
                   ("measure", "重新编制办事流程图并上网公开。")]


def test_r3_a_cause_column_in_a_pipe_table_and_a_status_column_aside():
    """The same in a Markdown pipe table; a status column (整改情况) still gives nothing."""
    text = ("| 序号 | 问题 | 问题原因 | 改进措施 | 整改情况 |\n|---|---|---|---|---|\n"
            "| 1 | 目录更新滞后。 | 专人调岗。 | 明确AB角。 | 已完成 |\n")
    got = [(s.block, text[s.start:s.end]) for s in split_section5(text, 0, len(text)).statements]
    assert got == [("problem", "目录更新滞后。"), ("problem", "专人调岗。"), ("measure", "明确AB角。")]


def test_r4_both_sub_blocks_saying_none_is_an_empty_section():
    """R4: "（一）存在的主要问题：无。（二）改进情况：无。" gave two statements "无。" (a problem
    and a measure) where a bare "无。" gives none and the empty_section_5 problem."""
    r = load_report(DATA / "s5_nothing_in_both_blocks_2021.txt")
    assert r.statements == ()
    assert "empty_section_5" in [e.code for e in r.errors]


@pytest.mark.parametrize(("text", "empty"), [
    ("存在问题：无。改进措施：无。", True),
    ("（一）主要问题\n暂无\n（二）改进措施\n暂无\n", True),
    # one block with content: the other's "暂无" stays (as before)
    ("（一）存在的主要问题\n暂无。\n（二）改进措施\n一是加强培训。", False),
])
def test_r4_none_in_every_block_whatever_the_layout(text, empty):
    res = split_section5(text, 0, len(text))
    assert res.empty is empty
    assert bool(res.statements) is not empty


def test_d2008_an_application_figure_beside_a_consultation_word_is_read():
    """redteam10 left this open: a 2008 report's "收到公开申请9份，均为入学政策咨询类。对其中
    7份予以公开，…告知申请人向有关部门咨询。" lost both figures — the reader skips a sentence
    naming 咨询 (another channel), though here it only says what the applications were about
    and where an applicant was sent."""
    from nlp_reports.corpus.summarize import narrative_counts

    text = ("截至12月底，我局收到公开申请9份，均为入学政策咨询类。对其中7份予以公开，2份因不属于本机关"
            "掌握的信息，告知申请人向有关部门咨询。")
    assert narrative_counts(text, 2008) == {"received": 9, "granted": 7}
    # 咨询 with a figure of its own, or counted with the applications, still stops the sentence
    for other in ("全年接受群众咨询120人次，收到公开申请9件。", "全年收到公开申请及咨询共56件。",
                  "收到群众向我局咨询及申请信息公开事项共129件。"):
        assert "received" not in narrative_counts(other, 2008), other


def test_d2008_consultation_wordings_stay_linear_on_a_megabyte():
    from nlp_reports.corpus.summarize import narrative_counts

    for text in ("向" * 1_000_000, ("向有关部门" * 3 + "咨询") * 50_000, "咨询类" * 330_000):
        t0 = time.process_time()
        narrative_counts(text, 2008)
        assert time.process_time() - t0 < 10


def _docx_with_tracked_paragraphs(path):
    """五 of a Word file: 一是/二是/三是 auto-numbered ("%1是", numPr on each paragraph); the
    second item deleted whole with tracked changes (its text and its paragraph mark), and a
    measure whose first half's paragraph mark was deleted (Word shows one paragraph)."""
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="70"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1是"/></w:lvl></w:abstractNum>'))
    for num in (71, 72):  # the second list restarts its count (重新开始编号)
        numbering.append(parse_xml(
            f'<w:num {w} w:numId="{num}"><w:abstractNumId w:val="70"/><w:lvlOverride w:ilvl="0">'
            '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    deleted = (f'<w:del {w} w:id="{{}}" w:author="办公室" w:date="2024-01-09T08:00:00Z">'
               '<w:r><w:delText>{}</w:delText></w:r></w:del>')
    mark = f'<w:rPr {w}><w:del w:id="{{}}" w:author="办公室" w:date="2024-01-09T08:00:00Z"/></w:rPr>'

    def item(num, text, *, gone=False, mark_gone=False):
        p = d.add_paragraph()
        ppr = p._p.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'))
        if gone or mark_gone:
            ppr.append(parse_xml(mark.format(len(d.paragraphs))))
        if gone:
            p._p.append(parse_xml(deleted.format(len(d.paragraphs) + 50, text)))
        else:
            p.add_run(text)
        return p

    for line in ("南坪区交通运输局2023年政府信息公开工作年度报告", "一、总体情况",
                 "2023年，全年新收政府信息公开申请4件，办结4件。", "五、存在的主要问题及改进情况",
                 "（一）存在的主要问题"):
        d.add_paragraph(line)
    item(71, "公路养护计划公开不够及时。")
    item(71, "这一条问题已在审核中删去。", gone=True)
    item(71, "行政处罚结果公开的要素不全。")
    d.add_paragraph("（二）改进措施")
    item(72, "养护计划在批准后五日内公开，", mark_gone=True)
    d.add_paragraph("并同步推送至政务新媒体。")
    item(72, "按统一格式公开处罚决定要素。")
    for line in ("六、其他需要报告的事项", "本年度未收取信息处理费。", "南坪区交通运输局", "2024年1月25日"):
        d.add_paragraph(line)
    d.save(path)


def test_r6_a_numbered_paragraph_deleted_with_tracked_changes_takes_no_number(tmp_path):
    """R6: a numbered item deleted with tracked changes (修订 left in the file) still counted:
    an empty "二是" line, and the next item read as "三是" where Word shows "二是"; a paragraph
    whose mark was deleted stood as a line of its own where Word shows one paragraph."""
    path = tmp_path / "tracked.docx"
    _docx_with_tracked_paragraphs(path)
    r = load_report(path)
    got = [(s.block, s.marker, s.text) for s in r.statements]
    assert got == [("problem", "一是", "公路养护计划公开不够及时。"),
                   ("problem", "二是", "行政处罚结果公开的要素不全。"),
                   ("measure", "一是", "养护计划在批准后五日内公开，并同步推送至政务新媒体。"),
                   ("measure", "二是", "按统一格式公开处罚决定要素。")]
    assert "删去" not in r.text


def test_d9_table4_whose_labels_overflow_narrow_pdf_cells_is_read():
    """redteam10 D9: 表四 drawn with narrow cells, its labels printed across the cell borders
    and cut there by the PDF's extraction ("结果维 | 持结果纠 | 正其他结 | …"): the table was
    not found (table_missing, no I4). The values stand in their 15 columns."""
    r = load_report(DATA / "t4_narrow_pdf_cells_2023.txt")
    t4 = {t.id: t for t in r.tables}["table4"]
    assert t4.status == "ok"
    assert t4.get("count", "review.pending") == 1 and t4.get("count", "review.total") == 2
    assert t4.get("count", "litigation_direct.corrected") == 1
    assert t4.get("count", "litigation_after_review.total") == 0
    assert not [e for e in r.errors if e.code == "table_missing" and "表四" in e.message]
    assert {c.outcome for c in r.checks if c.id == "I4"} == {"pass"}
