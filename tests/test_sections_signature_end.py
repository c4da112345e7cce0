"""Where the last section ends, mid-line labels, letter-spaced
watermarks, a signed figure in section 一.

1. A report signed and dated above an annex (附件：…, 附表, 附：名词解释, a QR code and its
   caption) kept the signature, the date and the annex in its last section's text; with 六
   missing, every annex line was a statement of 五. The last section now ends at the
   signature (on two lines or on one: "沙湾镇人民政府　　2025年1月20日"); the annex is no
   section's text, its tables are still read, and the date is still the closing date.
2. "…。改进方面，…" inside a paragraph set no block (at a paragraph start it did): a "…方面，"
   label is read at a sentence start as at a paragraph start, as "…；整改措施：…" already was;
   "在改进方面还有差距" is the writer's sentence.
3. Letter-spaced watermarks and running text ("内 部 资 料", "X X 县 政 务 公 开 办", "草 稿")
   standing on lines of their own three times or more are dropped in every carrier, as the
   unspaced ones were; fewer times, or beside other text, they stay.
4. "受理申请- 5件", "负5件": no figure (as "-5件" since hostile17).

Fixtures: tests/fixtures/parse20/ — fictional bodies: a county 政府办公室 (2023, .txt), a
township (2024, .txt), a city middle school (2022, .html), a district 医保局 (2023, .txt), a
county 政务服务和数据管理局 (2021, .txt) and a city 林业局 (2022, .docx and the PDF LibreOffice
makes of it: gen.py).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.ingest.normalize import drop_running_heads, normalize_text
from nlp_reports.parse.checks import narrative_figures
from nlp_reports.parse.statements import split_section5

FIX = Path(__file__).parent / "fixtures" / "parse20"
REPORTS = Path(__file__).parent / "fixtures" / "reports"
TITLE = "存在的主要问题及改进情况"


def _texts(report) -> list[str]:
    return [s.text for s in report.statements]


def _split(text: str) -> list[tuple[str, str]]:
    res = split_section5(text, 0, len(text), title=TITLE)
    return [(s.block, text[s.start:s.end]) for s in res.statements]


# 1. The last section ends at the signature; the annex is apart


def test_a_glossary_under_the_signature_is_no_statement_of_five():
    r = load_report(FIX / "liuxi_xian_zhengfuban_2023_annex_glossary.txt")
    assert r.missing_sections == (6,)
    five = r.section(5).text
    assert five.endswith("让群众看得懂、用得上。")
    for gone in ("柳溪县人民政府办公室", "2024年1月26日", "附件", "名词解释", "二维码"):
        assert gone not in five
        assert not any(gone in t for t in _texts(r))
    assert [s.block for s in r.statements] == ["problem", "problem", "measure", "measure"]
    assert (r.metadata.published, r.metadata.published_from) == ("2024-01-26", "signature")
    assert "主动公开：行政机关" in r.text  # the annex stays in the report's text


def test_a_one_line_signature_above_an_own_table_ends_section_six():
    r = load_report(FIX / "shawan_zhen_2024_oneline_signature_own_table.txt")
    assert r.section(6).text == "本年度未收取信息处理费。"
    assert r.metadata.agency == "沙湾镇人民政府"
    assert [s.block for s in r.statements] == ["problem", "problem", "measure", "measure"]


def test_a_one_line_signature_closing_the_text_is_no_statement():
    text = (FIX / "liuxi_xian_zhengfuban_2023_annex_glossary.txt").read_text(encoding="utf-8")
    text = text[:text.index("附件：")].replace("柳溪县人民政府办公室\n2024年1月26日",
                                             "柳溪县人民政府办公室　　2024年1月26日")
    r = load_report(text)
    assert r.section(5).text.endswith("让群众看得懂、用得上。")
    assert len(r.statements) == 4
    assert (r.metadata.published, r.metadata.published_from) == ("2024-01-26", "signature")


def test_a_qr_code_and_its_caption_below_a_saved_page_signature():
    r = load_report(FIX / "yuntai_shi_sanzhong_2022_qr_caption.html")
    assert r.section(5).text.endswith("收费项目调整后3个工作日内更新公示。")
    assert len(r.statements) == 3 and not any("扫码" in t or "云台市第三中学" == t
                                               for t in _texts(r))
    assert r.metadata.published == "2023-01-16"


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_a_glossary_annex_in_a_docx_and_its_pdf(suffix):
    r = load_report(FIX / f"tonglin_shi_linyeju_2022_watermarks_annex{suffix}")
    assert r.section(5).text.endswith("每半年更新一次林长公示牌。")
    assert [s.block for s in r.statements] == ["problem", "problem", "measure"]
    assert r.metadata.published == "2023-01-19"


def test_an_annex_holding_the_bureaus_tables_is_apart_and_its_tables_read():
    # (redteam16's county report: the county's own tables in 二–四, its bureaus' below the
    # signature; section 六 held the bureaus' tables until now)
    r = load_report(Path(__file__).parent / "fixtures" / "redteam16"
                    / "x03_county_with_bureau_tables.txt")
    assert r.section(6).text == "本年度未收取信息处理费。"
    assert {t.id for t in r.tables} >= {"table2.1", "table3", "table4"}


def test_a_date_above_a_line_that_opens_no_annex_is_text():
    # the date of an event in the last section, then text: no signature, nothing cut
    text = (FIX / "liuxi_xian_zhengfuban_2023_annex_glossary.txt").read_text(encoding="utf-8")
    cut = text.index("柳溪县人民政府办公室\n2024")
    text = text[:cut] + "2023年12月5日\n县政府办公室组织开展了一次栏目巡查。\n"
    r = load_report(text)
    assert "县政府办公室组织开展了一次栏目巡查" in r.section(5).text


# 2. Mid-line labels


@pytest.mark.parametrize("text, expected", [
    ("部分栏目更新不及时，政策解读形式单一。改进方面，我局将建立更新台账，每月通报。",
     [("problem", "部分栏目更新不及时，政策解读形式单一。"), ("measure", "我局将建立更新台账，每月通报。")]),
    ("部分栏目更新不及时，政策解读形式单一；改进方面，我局将建立更新台账。",
     [("problem", "部分栏目更新不及时，政策解读形式单一；"), ("measure", "我局将建立更新台账。")]),
    ("部分栏目更新不及时，政策解读形式单一；整改措施：建立更新台账，每月通报。",
     [("problem", "部分栏目更新不及时，政策解读形式单一；"), ("measure", "建立更新台账，每月通报。")]),
    ("解读形式单一。下步打算：建立更新台账。",
     [("problem", "解读形式单一。"), ("measure", "建立更新台账。")]),
])
def test_a_label_at_a_sentence_start_inside_a_paragraph_turns_the_block(text, expected):
    assert _split(text) == expected


@pytest.mark.parametrize("text", [
    "部分栏目更新不及时，在改进方面还有差距。",
    "部分栏目更新不及时，群众对改进方面的意见较多。",
    "部分栏目更新不及时。改进方面还有差距，群众不满意。",
])
def test_gaijin_fangmian_as_an_object_turns_nothing(text):
    # "在改进方面还有差距": 改进方面 inside the sentence, or no comma after it
    assert all(block != "measure" for block, _ in _split(text))
    assert "".join(t for _, t in _split(text)) == text


def test_an_item_splits_at_its_aspect_label_as_at_its_colon_label():
    # "（一）…。改进方面，…" as "（二）…。整改措施：…"
    text = ("（一）栏目更新不及时。改进方面，建立更新台账，每月通报。\n"
            "（二）解读形式单一。整改措施：推出图解和短视频。")
    assert _split(text) == [("problem", "栏目更新不及时。"), ("measure", "建立更新台账，每月通报。"),
                            ("problem", "解读形式单一。"), ("measure", "推出图解和短视频。")]


def test_a_report_with_labels_mid_paragraph():
    r = load_report(FIX / "beishan_qu_yibaoju_2023_midline_labels.txt")
    got = [(s.block, s.text[:10]) for s in r.statements]
    assert got == [("problem", "政策解读以转发上级文"), ("measure", "局办公室每月核对一次"),
                   ("measure", "对门诊共济、长护险等"), ("problem", "依申请公开答复文书格"),
                   ("measure", "统一使用区司法局审定"), ("problem", "工作人员在改进方面还"),
                   ("measure", "下一步，局里将把政务")]
    assert not any(t.startswith(("改进方面", "整改措施")) for t in _texts(r))


# 3. Letter-spaced watermarks and running text


def test_letter_spaced_marks_in_a_text_are_dropped():
    r = load_report(FIX / "qinghe_xian_shujuju_2021_spaced_watermarks.txt")
    assert _texts(r) == ["部分办事指南材料清单与窗口实际要求不一致，群众跑了冤枉路。",
                         "数据开放目录更新慢，部门报送积极性不高。",
                         "组织各进驻部门对照窗口实际逐项核对办事指南，发现不一致的限期更正。",
                         "把数据目录更新情况纳入部门年度考核。"]
    assert "内 部" not in r.text and "政务公开办" not in r.text


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_letter_spaced_marks_in_a_docx_and_its_pdf_are_dropped(suffix):
    r = load_report(FIX / f"tonglin_shi_linyeju_2022_watermarks_annex{suffix}")
    for mark in ("仅供参考", "草稿", "仅 供", "草 稿"):
        assert mark not in r.text


@pytest.mark.parametrize("mark", ["内 部 资 料", "仅 供 参 考", "X X 县 政 务 公 开 办", "草 稿",
                                  "\u3000内\u3000部\u3000资\u3000料\u3000", "机 密"])
def test_a_spaced_line_standing_three_times_goes(mark):
    body = [f"第{i}段正文，记述工作开展情况。" for i in range(9)]
    lines = [x for i, line in enumerate(body) for x in ((line, mark) if i % 3 == 2 else (line,))]
    assert drop_running_heads(normalize_text("\n".join(lines))).split("\n") == body


@pytest.mark.parametrize("line", [
    "内 部 资 料",  # twice only: may be the text's own
    "0 0 1 2",  # a table row of figures
    "无 无 无",  # a row of blank cells
    "是 否",
    "主动公开 政府信息 情况",  # pieces of 2–5 characters: words set apart, not letters
    "内 部 资 料，注意保存查阅",  # beside text
])
def test_what_stays(line):
    times = 2 if line == "内 部 资 料" else 4
    text = "\n".join(["一、总体情况", "正文。"] + [line, "正文继续。"] * times)
    out = drop_running_heads(normalize_text(text))
    assert out.count(normalize_text(line)) == times


def test_a_letter_spaced_sentence_is_joined_not_dropped():
    # a letter-spaced paragraph (a PDF's justified line) is text: joined by normalize_text,
    # kept however often a short mark stands beside it
    text = "\n".join(["加 强 队 伍 建 设 ， 配 齐 专 职 人 员 。", "草 稿", "正文。", "草 稿", "正文。",
                      "草 稿"])
    assert drop_running_heads(normalize_text(text)).split("\n") == [
        "加强队伍建设，配齐专职人员。", "正文。", "正文。"]


def test_spaced_mark_removal_is_linear():
    line = "内 部 资 料 " * 5 + "见附件"
    text = "\n".join([line] * 3000 + ["草 稿"] * 3000)
    t0 = time.process_time()
    out = drop_running_heads(text)
    assert time.process_time() - t0 < 1.0
    assert out.split("\n") == [line] * 3000


# 4. A sign before a figure in section 一


@pytest.mark.parametrize("written", ["-8件", "- 8件", "－ 8件", "负8件", "−8件"])
def test_a_signed_count_in_section_one_is_no_figure(written):
    assert "received" not in narrative_figures(f"全年收到政府信息公开申请{written}，均已答复。")
    text = (REPORTS / "county_2022_aligned.txt").read_text(encoding="utf-8")
    assert "收到政府信息公开申请8件" in text
    r = load_report(text.replace("收到政府信息公开申请8件", f"收到政府信息公开申请{written}"))
    assert not [c for c in r.checks if c.id == "T1" and c.row == "1"]


def test_an_unsigned_count_is_still_read():
    assert narrative_figures("全年收到政府信息公开申请8件。").get("received") == {8}
    r = load_report((REPORTS / "county_2022_aligned.txt").read_text(encoding="utf-8"))
    assert [(c.outcome, c.found) for c in r.checks if c.id == "T1" and c.row == "1"] == [
        ("pass", 8.0)]


# 5. 表二 printed as "label：value" pairs

_T2_GRID = """信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 0 0
行政规范性文件 3 0 11
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 523
第二十条第（六）项
信息内容 本年处理决定数量
行政处罚 88
行政强制 0
第二十条第（八）项
信息内容 本年收费金额（单位：万元）
行政事业性收费 0"""

_T2_PAIRS = """规章 制发件数：0 废止件数：0 现行有效件数：0
行政规范性文件 本年制发件数：3　本年废止件数： 0　现行有效件数：11
第二十条第（五）项
行政许可 处理决定数量：523
第二十条第（六）项
行政处罚 处理决定数量:88
行政强制 处理决定数量：0
第二十条第（八）项
行政事业性收费 本年收费金额（单位：万元）：0"""


def _with_table2(pairs: str):
    text = (REPORTS / "county_2022_aligned.txt").read_text(encoding="utf-8")
    assert _T2_GRID in text
    return load_report(text.replace(_T2_GRID, pairs))


def _t2(report) -> dict[str, tuple]:
    return {t.id: (t.status, t.values) for t in report.tables if t.id.startswith("table2")}


def test_table2_as_pairs_reads_as_its_grid():
    grid = _t2(load_report(REPORTS / "county_2022_aligned.txt"))
    assert all(status == "ok" for status, _ in grid.values()) and len(grid) == 4
    assert _t2(_with_table2(_T2_PAIRS)) == grid


def test_table2_pairs_in_a_saved_page():
    text = (REPORTS / "county_2022_aligned.txt").read_text(encoding="utf-8")
    body = "".join(f"<p>{line}</p>\n" for line in text.replace(_T2_GRID, _T2_PAIRS).splitlines())
    r = load_report(f"<html><body>{body}</body></html>".encode(), filename="p.html")
    assert _t2(r) == _t2(load_report(REPORTS / "county_2022_aligned.txt"))


@pytest.mark.parametrize("pairs, reason", [
    (_T2_PAIRS.replace("废止件数：0 现行", "现行"), "规章: 2 of 3 columns named"),
    (_T2_PAIRS.replace("废止件数：0 现行", "制发件数：1 现行"), "本年制发件数 given twice"),
])
def test_table2_pairs_not_named_once_each_are_not_read(pairs, reason):
    r = _with_table2(pairs)
    status, values = _t2(r)["table2.1"]
    assert status == "unreadable" and values[0] == (None, None, None)
    assert any(reason in p.message for p in r.errors if p.code == "table_unreadable")
    assert _t2(r)["table2.5"] == ("ok", ((523.0,),))  # the other sub-tables still read


def test_a_sentence_with_a_colon_is_no_pair():
    # "行政许可 办理情况：详见附件" names no column: the grid reading stands
    r = _with_table2(_T2_GRID + "\n行政许可 办理情况：详见附件")
    assert _t2(r)["table2.5"][0] == "ok"
