"""The unknown tokenizer-engine error, headingless agencies, two-column PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports.errors import NlpReportsError, UsageError

ROOT = Path(__file__).resolve().parents[1]
HAS_SHIPPED = (ROOT / "models" / "default" / "model.joblib").is_file()


# --- 1. an unknown tokenizer engine is the library's own error (and still a ValueError) ---

def test_unknown_engine_is_a_usage_error_and_a_value_error():
    from nlp_reports.tokenize import Tokenizer

    with pytest.raises(UsageError, match="unknown tokenizer engine 'nope'") as info:
        Tokenizer(engine="nope")("依申请公开")
    assert isinstance(info.value, NlpReportsError) and isinstance(info.value, ValueError)


@pytest.mark.skipif(not HAS_SHIPPED, reason="no shipped model in models/default")
def test_tagger_load_with_an_unknown_engine_raises_usage_error():
    from nlp_reports.classify import Tagger

    with pytest.raises(UsageError, match="the engines are 'jieba' and 'rjieba'"):
        Tagger.load(tokenizer="nope")


def test_cli_unknown_engine_is_one_usage_line_exit_2(capsys):
    from nlp_reports.cli import main

    with pytest.raises(SystemExit) as info:
        main(["classify", "--tokenizer", "nope"])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert "--tokenizer" in last and "'nope'" in last and "jieba" in last


# --- 3. a headingless text gets no junk agency -------------------------------------------

_S5 = ("五、存在的主要问题及改进情况\n（一）存在的主要问题\n1.兼职人员多，业务能力有待提高。\n"
       "2.部分栏目更新不够及时。\n（二）改进情况\n1.加强业务培训。\n2.建立栏目更新提醒机制。\n"
       "六、其他需要报告的事项\n本年度无其他需要报告的事项。\n")
_BODY = ("一、总体情况\n2023年，本机关持续深化政务公开工作。\n二、主动公开政府信息情况\n略。\n"
         "三、收到和处理政府信息公开申请情况\n本年度共收到申请5件，均已按时答复。\n"
         "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。\n" + _S5)

#: Headingless heads whose first line is prose, chrome or a date, naming no body.
NO_BODY_NAMED = {
    "section_5_only": _S5,
    "body_from_overview": _BODY,
    "news_intro": "2023年，在县委县政府的坚强领导下，我县政务公开工作认真落实政府工作报告部署。\n" + _BODY,
    "news_intro_report": "在县委县政府的坚强领导下，我县政府信息公开工作年度报告如下。\n" + _BODY,
    "legal_basis": "根据《中华人民共和国政府信息公开条例》要求，现公布本县2023年政府信息公开工作"
                   "年度报告。\n" + _BODY,
    "breadcrumb": "首页 > 政务公开 > 年度报告\n政务公开年度报告\n" + _BODY,
    "date_first": "2024年1月20日\n2023年政府信息公开工作年度报告\n" + _BODY,
    "site_name": "青禾县人民政府门户网站 政府信息公开年度报告\n" + _BODY,
    "whole_county": "全县2023年政府信息公开工作年度报告\n" + _BODY,
}


@pytest.mark.parametrize("text", NO_BODY_NAMED.values(), ids=NO_BODY_NAMED.keys())
def test_headingless_text_naming_no_body_has_no_agency(text):
    from nlp_reports import load_report

    md = load_report(text).metadata
    assert md.agency is None and md.level is None and md.region is None


@pytest.mark.parametrize("text", [
    "青禾县自然资源局关于2023年度政务公开工作的年度报告\n" + _BODY,
    "首页 > 政务公开 > 年度报告\n" + _BODY + "\n青禾县自然资源局\n2024年1月20日\n",
], ids=["named_in_head", "named_in_sign_off"])
def test_headingless_text_naming_its_body_keeps_it(text):
    from nlp_reports import load_report

    md = load_report(text).metadata
    assert (md.agency, md.level, md.region) == ("青禾县自然资源局", "department", "青禾县")


@pytest.mark.parametrize("name", [
    "中国人民银行青禾市中心支行", "国家统计局青禾调查队", "青禾市气象台", "青禾县人民检察院",
    "青禾县残疾人联合会", "青禾县科学技术协会", "青禾县国有林场", "青禾县卫生健康局（县中医药管理局）",
    "青禾经济技术开发区管理委员会", "青禾边防检查站", "青禾县第二中学", "全州县人民政府", "全椒县",
])
def test_body_names_of_every_kind_stay_agencies(name):
    from nlp_reports.parse.metadata import agency_and_year

    assert agency_and_year(f"{name}2023年政府信息公开工作年度报告") == (name, 2023)


# --- 4. a two-column PDF whose right column is a table ------------------------------------

TITLE_2COL = "青禾县水利局2023年政府信息公开工作年度报告"
#: The left column, line by line as printed: three headings, each with its wrapped paragraph.
NARRATIVE = [["一、总体情况", "本年度，本机关坚持以公开为常态、不公", "开为例外，持续推进决策、执行、管理、",
              "服务、结果公开，主动公开政府信息120", "条，办理依申请公开3件，均按期答复。"],
             ["二、主动公开政府信息情况", "本年度主动公开的政府信息分类统计见右", "表，规章和行政规范性文件均按时发布，",
              "行政许可和行政处罚信息实时更新。"],
             ["三、收到和处理政府信息公开申请情况", "本年度收到申请3件，予以公开2件，本机", "关不掌握相关政府信息1件。"]]
#: The right column: a table of figures (label, then 1–3 numbers).
FIGURES = [["信息内容", "制发件数", "废止件数", "有效件数"], ["规章", "0", "0", "0"],
           ["行政规范性文件", "2", "1", "8"], ["信息内容", "处理决定数"], ["行政许可", "35"],
           ["其他对外管理服务事项", "12"], ["行政处罚", "4"], ["行政强制", "1"],
           ["信息内容", "收费金额"], ["行政事业性收费", "0"]]


def _canvas():
    """A reportlab A4 canvas writing to a buffer, with a CJK font (skips without reportlab)."""
    import io

    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    return buf, canvas.Canvas(buf, pagesize=A4, invariant=1), "STSong-Light", A4


def _two_column_pdf(*, ruled: bool, same_baselines: bool) -> bytes:
    """Narrative in the left column, a table of figures in the right one (ruled: drawn with
    lines, which pdfplumber finds as a table; else set as text in columns); with
    ``same_baselines`` the table's rows sit on the narrative's baselines."""
    buf, c, font, A4 = _canvas()
    c.setFont(font, 16)
    c.drawCentredString(A4[0] / 2, 780, TITLE_2COL)
    c.setFont(font, 12)
    for i, line in enumerate(line for block in NARRATIVE for line in block):
        c.drawString(56, 740 - 20 * i, line)
    xs = [312, 400, 450, 500, 550]
    top = 740 + 13 if same_baselines else 757
    c.setFont(font, 8)
    for r, row in enumerate(FIGURES):
        y = top - 20 * r
        for k, cell in enumerate(row):
            c.drawString(xs[k] + 3, y - 13, cell)
        if ruled:
            c.line(xs[0], y, xs[-1], y)
    if ruled:
        bottom = top - 20 * len(FIGURES)
        c.line(xs[0], bottom, xs[-1], bottom)
        for x in xs:
            c.line(x, top, x, bottom)
    c.setFont(font, 9)
    c.drawCentredString(A4[0] / 2, 30, "- 1 -")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize(("ruled", "same_baselines"), [(False, False), (False, True), (True, False)],
                         ids=["text_table", "text_table_on_baselines", "ruled_table"])
def test_two_columns_with_a_table_are_read_column_by_column(ruled, same_baselines):
    pytest.importorskip("pdfplumber")
    from nlp_reports import load_report
    from nlp_reports.ingest import read_document

    data = _two_column_pdf(ruled=ruled, same_baselines=same_baselines)
    lines = [line for line in read_document(data, filename="r.pdf").text.splitlines() if line]
    narrative = [TITLE_2COL, *(line for block in NARRATIVE for line in (block[0], "".join(block[1:])))]
    assert lines[:len(narrative)] == narrative  # the left column whole, its paragraphs joined
    assert [line.split() for line in lines[len(narrative):]] == FIGURES  # then the table's rows
    report = load_report(data, filename="r.pdf")
    assert [s.number for s in report.sections] == [1, 2, 3]
    for section, block in zip(report.sections[:2], NARRATIVE[:2], strict=True):
        assert section.text.replace("\n", "") == "".join(block[1:])


def _one_column_text_table() -> bytes:
    """One column: a paragraph, then a table set as text without lines whose labels (most
    with commas, as 表三's can be) are left and figures right: rows must stay rows."""
    buf, c, font, A4 = _canvas()
    c.setFont(font, 12)
    c.drawString(56, 760, "三、收到和处理政府信息公开申请情况")
    c.drawString(56, 740, "本年度收到申请3件，全部按期答复，具体情况见下表。")
    c.setFont(font, 10)
    for i, (label, a, b) in enumerate(ONE_COLUMN_ROWS):
        c.drawString(56, 700 - 18 * i, label)
        c.drawString(480, 700 - 18 * i, a)
        c.drawString(520, 700 - 18 * i, b)
    c.showPage()
    c.save()
    return buf.getvalue()


ONE_COLUMN_ROWS = [("（一）予以公开", "1", "2"), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0", "1"),
                   ("（三）不予公开，属于国家秘密", "0", "0"), ("（四）无法提供，本机关不掌握相关政府信息", "1", "1"),
                   ("（五）不予处理，信访举报投诉类申请", "0", "0"), ("（六）其他处理，申请人逾期不补正", "0", "0"),
                   ("（七）总计", "2", "4"), ("四、结转下年度继续办理", "0", "0")]


def test_one_column_text_table_with_commas_in_its_labels_keeps_its_rows():
    pytest.importorskip("pdfplumber")
    from nlp_reports.ingest import read_document

    lines = read_document(_one_column_text_table(), filename="t.pdf").text.splitlines()
    for label, a, b in ONE_COLUMN_ROWS:
        label = label.replace("（", "(").replace("）", ")")  # (the reader's normalization)
        assert any(line.startswith(label) and line.split()[-2:] == [a, b] for line in lines), label


FIXTURE_PDFS = sorted(p for d in ("tests/data", "tests/fixtures") for p in (ROOT / d).rglob("*.pdf")
                      if p.name != "twocol.pdf" and p.parent.name != "broken"
                      and "two_column" not in p.name)  # (redteam13's two-column cover)


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=lambda p: p.name)
def test_one_column_fixture_pdfs_find_no_gutter(path):
    pdfplumber = pytest.importorskip("pdfplumber")
    from nlp_reports.ingest.pdf import _clean_chars, _gutter, _inside

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page = _clean_chars(page)
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]
            text_page = page.filter(lambda obj, b=boxes: not _inside(obj, b)) if boxes else page
            assert _gutter(text_page, tables) is None


# --- review leftovers: the errors' own messages ----------------------------------------------

def test_a_missing_core_dependency_names_the_package_not_an_extra():
    from nlp_reports.errors import MissingDependencyError

    core = str(MissingDependencyError("jieba", None, "Word segmentation"))
    assert "pip install jieba" in core and "nlp-reports[" not in core
    extra = str(MissingDependencyError("pdfplumber", "pdf", "Reading PDF"))
    assert "pip install 'nlp-reports[pdf]'" in extra


def test_report_from_dict_of_another_schema_major_is_a_data_error():
    from nlp_reports import load_report
    from nlp_reports.errors import DataError
    from nlp_reports.report import Report

    data = load_report("溪山县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序。\n").to_dict()
    data["schema_version"] = "99.0"
    with pytest.raises(DataError, match="schema version '99.0'"):
        Report.from_dict(data)


def test_suggest_reads_a_gbk_statements_jsonl(tmp_path):
    from nlp_reports.classify.suggest import _from_file

    f = tmp_path / "statements.jsonl"
    f.write_bytes('{"text": "信息公开工作人员少，身兼数职。"}\n'.encode("gbk"))
    assert _from_file(f) == ["信息公开工作人员少，身兼数职。"]
