"""Defects found on report shapes no round had tried:
bodies outside the government proper (人大/政协 offices, a 疾控中心, a water company, a
university's 学年 report, a procuratorate's 检务公开 report, a village committee), headings
glossed in English or pinyin, 五 as a table pasted with blanks between its cells, items
"一）", "我局将一要…；二要…", a measure that ends in a heading noun, 元月 in a signature, a
报告期 sentence, a report signed above an annex of its bureaus' tables. Each input in
tests/fixtures/redteam16/ is a short fictional report written by gen16.py (specs16.py beside
it, with redteam14's tables14.py); truth.json records what each says."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from _redteam import assert_sections_statements_meta, t3_cells

from nlp_reports import load_report
from nlp_reports.errors import NotAReportError
from nlp_reports.parse.metadata import period_year, publication, region_of
from nlp_reports.parse.sections import find_headings
from nlp_reports.parse.statements import split_section5

DATA = Path(__file__).parent / "fixtures" / "redteam16"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))


def _split(text: str, title: str = "存在的主要问题及改进情况") -> list[tuple[str, str | None, str]]:
    res = split_section5(text, 0, len(text), title=title)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_input(name):
    """Each input's truth: refused, or its sections, statements with their block, metadata,
    every 表三 cell, 表四's 15 cells and 表二's cells, I1–I4 passing."""
    truth = TRUTH[name]
    if truth.get("refused"):
        with pytest.raises(NotAReportError):
            load_report(DATA / name)
        return
    report = load_report(DATA / name)
    d = report.to_dict()
    assert_sections_statements_meta(d, truth)
    if "traditional" in truth:
        assert d["metadata"]["traditional"] is truth["traditional"]
    if truth.get("table3"):
        t3 = d["tables"]["table3"]
        assert t3["status"] == "ok"
        assert t3_cells(t3) == truth["table3"]
        assert {c.outcome for c in report.checks if c.id in ("I1", "I2", "I3", "I4")} == {"pass"}
    for tid, cells in truth.get("cells", {}).items():
        table = report.table(tid)
        assert {k: table.get(*k.split("/")) for k in cells} == cells, tid


def test_comma_typo_cell_is_named_not_read():
    """"1,0" in a 表三 cell is no plausible number: kept raw, null, named; never 10 or 1."""
    row, col, raw = TRUTH["n07_t3_comma_typo.txt"]["table3_unreadable_cell"]
    t3 = load_report(DATA / "n07_t3_comma_typo.txt").to_dict()["tables"]["table3"]
    r, c = t3["rows"].index(row), t3["columns"].index(col)
    assert t3["raw"][r][c] == raw and t3["values"][r][c] is None
    assert raw in t3["problem"]


# --- statements -------------------------------------------------------------------------------

def test_half_bracket_chinese_numeral_items():
    """"一）…" at a line start numbers items as "1）" does; the marker leaves the text."""
    got = _split("（一）存在的主要问题\n一）公开目录不统一；\n二）答复说理不充分。\n"
                 "（二）改进措施\n一）统一目录；\n二）逐件审核。")
    assert got == [("problem", "一）", "公开目录不统一；"), ("problem", "二）", "答复说理不充分。"),
                   ("measure", "一）", "统一目录；"), ("measure", "二）", "逐件审核。")]


def test_half_bracket_numeral_mid_line_is_no_marker():
    """"…分为一）" inside a sentence is no item (line starts only)."""
    got = _split("存在的问题：公开栏目设置重复，整合工作已完成一）期。")
    assert all(m is None for _, m, _ in got)


@pytest.mark.parametrize("measure", ["审计结果公告增加整改情况。", "每季度通报整改情况。"])
def test_a_measure_ending_in_a_heading_noun_is_kept(measure):
    """A sentence under "（二）改进措施" that ends in 情况 (a heading noun) and heads nothing
    was dropped as a second measures heading: the measure was lost."""
    got = _split(f"（一）存在的主要问题\n审计结果公告的篇幅偏短。\n（二）改进措施\n{measure}\n")
    assert got == [("problem", None, "审计结果公告的篇幅偏短。"), ("measure", None, measure)]


def test_a_heading_sentence_with_text_under_it_is_still_a_heading():
    """"（二）改进措施。" over its measures stays a heading (no statement)."""
    got = _split("（一）存在的主要问题。\n人员不足。\n（二）改进措施。\n配备专职人员。")
    assert got == [("problem", None, "人员不足。"), ("measure", None, "配备专职人员。")]


def test_items_run_on_after_the_verb_leading_them():
    """"我局将一要…；二要…；三要…": the lead, then three items (一要 after 将, no mark)."""
    got = _split("下一步，我局将一要细化补贴公开内容；二要加强村级公示监督；三要畅通反映渠道。",
                 title="改进措施")
    assert got == [("measure", None, "下一步，我局将"), ("measure", "一要", "细化补贴公开内容；"),
                   ("measure", "二要", "加强村级公示监督；"), ("measure", "三要", "畅通反映渠道。")]


@pytest.mark.parametrize("text", ["我局将一是加强培训。", "今后将一是加强培训，并做好宣传。",
                                  "我局将一是加强培训；二要做好宣传。"])
def test_a_lone_verb_led_item_one_is_prose(text):
    """Without the same 二是/二要 after it, "将一是" is a word of a sentence, not item 1."""
    got = _split(text, title="改进措施")
    assert got[0][1] is None and got[0][2].startswith(text[:6])


def test_problem_measure_table_with_blank_separated_cells():
    """五 as a Word table pasted as text (cells apart by blanks, one kept by the reader)."""
    text = ("序号 存在问题 整改措施 责任股室 完成时限\n1 占道审批信息未公开 审批结果每周公开 审批股 2025年3月\n"
            "2 投诉反馈不及时 建立办结回访制度 督查股 2025年6月\n")
    got = _split(text)
    assert got == [("problem", None, "占道审批信息未公开"), ("measure", None, "审批结果每周公开"),
                   ("problem", None, "投诉反馈不及时"), ("measure", None, "建立办结回访制度")]


def test_prose_with_blanks_is_no_table():
    """Lines of prose with blanks are read as prose, not as a spaced table."""
    text = "存在问题 整改措施\n部分栏目 更新不及时。下一步将 每月更新。"
    got = _split(text)
    assert [t for _, _, t in got] != ["部分栏目", "更新不及时。"]
    assert "".join(t for _, _, t in got).replace(" ", "").endswith("每月更新。")


# --- sections ---------------------------------------------------------------------------------

@pytest.mark.parametrize("line,title", [
    ("五、存在的主要问题及改进情况（Cunzai de Zhuyao Wenti ji Gaijin Qingkuang）", "存在的主要问题及改进情况"),
    ("一、总体情况 General Situation", "总体情况"),
    ("三、收到和处理政府信息公开申请情况 Requests Received and Processed", "收到和处理政府信息公开申请情况"),
])
def test_a_heading_gloss_is_neither_title_nor_body(line, title):
    text = f"{line}\n正文第一句。\n"
    hs = find_headings(text, 0, len(text))
    assert text[hs[0].title_start:hs[0].title_end] == title
    assert text[hs[0].body_start:].strip().startswith("正文")


def test_pinyin_glossed_section5_gives_no_statement_of_the_gloss():
    d = load_report(DATA / "t02_pinyin_headings.txt").to_dict()
    assert not any("Cunzai" in s["text"] for s in d["statements"])
    assert [s["title"] for s in d["sections"]][0] == "总体情况"


def test_a_university_signature_is_no_statement():
    """"南岭大学" over the date: the signature, not the last measure (大学 now ends a body)."""
    d = load_report(DATA / "b06_university_xuenian.txt").to_dict()
    assert d["statements"][-1]["text"] == "将二级学院信息公开纳入年度考核。"


def test_a_last_sentence_without_stop_is_no_signature():
    text = ("某县档案局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我局做好公开工作。\n"
            "五、存在的主要问题及改进情况\n下一步将完善档案查询服务所\n2024年1月10日\n")
    d = load_report(text).to_dict()
    assert d["metadata"]["published"] == "2024-01-10"
    assert d["statements"] == [] or "档案查询" in d["statements"][-1]["text"]


def test_signed_above_an_annex_of_tables():
    """The closing date above "附件：…" (the bureaus' tables appended) is read; the tables of
    the annex stay readable where the report's own tables are annexed."""
    d = load_report(DATA / "x03_county_with_bureau_tables.txt").to_dict()
    assert (d["metadata"]["published"], d["metadata"]["published_from"]) == ("2024-01-30", "signature")
    sys.path.insert(0, str(DATA.parent / "redteam14"))
    import tables14 as T
    vals = T.table3_values(7)
    text = "\n".join([
        "峰林县统计局2023年政府信息公开工作年度报告", "一、总体情况", "2023年，我局依法做好公开工作。",
        "三、收到和处理政府信息公开申请情况", "详见附件。", "五、存在的主要问题及改进情况",
        "（一）存在的主要问题", "数据解读不够通俗。", "（二）改进措施", "每期发布配发解读。",
        "六、其他需要报告的事项", "无。", "", "峰林县统计局", "2024年1月22日", "",
        "附件：政府信息公开情况统计表", T.T3_NOTE, T.table3_tabs(vals), ""])
    d = load_report(text).to_dict()
    assert d["metadata"]["published"] == "2024-01-22"
    assert d["tables"]["table3"]["status"] == "ok"


# --- metadata ---------------------------------------------------------------------------------

@pytest.mark.parametrize("line,iso,src", [
    ("二〇二四年元月", "2024-01-31", "signature_month"),
    ("二〇二四年元月十二日", "2024-01-12", "signature"),
    ("2024年元月15日", "2024-01-15", "signature"),
])
def test_yuanyue_is_january(line, iso, src):
    published, _, _, where = publication("", line, 2023)
    assert (published, where) == (iso, src)


def test_yuanyue_signature_is_read_in_a_report():
    d = load_report(DATA / "d03_yuanyue_signature.txt").to_dict()
    assert d["metadata"]["published"] == "2024-01-31"
    assert d["statements"][-1]["text"] == "逐笔公开村级财务支出。"


def test_report_period_sentence_gives_the_year():
    assert period_year("本报告的报告期为2023年1月1日至2023年12月31日。") == 2023
    assert period_year("报告期内，我局共发布信息120条。") is None
    d = load_report(DATA / "d04_title_year_wrong.txt").to_dict()
    assert d["metadata"]["year"] == 2023
    assert "year_conflict" in {p["code"] for p in d["errors"]}


@pytest.mark.parametrize("agency,region", [
    ("青岚县政协办公室", "青岚县"), ("柏溪市政协办公室", "柏溪市"), ("云岭市政法委", "云岭市"),
    ("青禾市市政工程管理处", "青禾市"), ("云岭市政务服务中心", "云岭市"),
])
def test_region_of_a_cppcc_office(agency, region):
    assert region_of(agency) == region


# --- refusals ---------------------------------------------------------------------------------

def test_procuratorate_openness_report_is_refused():
    with pytest.raises(NotAReportError, match="检务公开"):
        load_report(DATA / "b03_jiancha_jianwu.txt")


def test_a_disclosure_report_citing_another_openness_is_read():
    """A 政府信息公开 report whose text names 村务公开 or 检务公开 is read as before."""
    text = ("柳湾镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我镇指导各村做好村务公开，"
            "配合县检察院开展检务公开宣传。\n二、存在的不足\n村务公开栏更新不及时。\n三、下一步工作\n按月更新。\n"
            "柳湾镇人民政府\n2024年1月9日\n")
    d = load_report(text).to_dict()
    assert d["metadata"]["agency"] == "柳湾镇人民政府"
