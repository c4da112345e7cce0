"""Reports that came through OCR (a scanned PDF read by Tesseract, PaddleOCR, ABBYY or
WPS), saved as .txt. The engines' habits that the parser read wrongly: a spaced marker
("1 . 公租房…", "二 、"), a spaced short heading ("— 、概 述"), a dash read for 一 in a list run
on one line ("—、…。二、…") or in "其—是", and a page's running head between two lines of a
statement. Each is repaired only where the text around it proves it; anything else is left
as read (see also test_statements_ocr_dash for "—是" lists)."""

from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.ingest.normalize import drop_running_heads, normalize_text

FIX = Path(__file__).parent / "fixtures" / "ocr26"


def _five(name: str):
    r = load_report(FIX / name)
    return r, [(s.block, s.marker, s.text) for s in r.statements]


def test_tesseract_spaced_markers_and_short_spaced_heading():
    r, got = _five("tesseract-county-2014.txt")
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert r.sections[0].title == "概述"
    assert got == [
        ("problem", "1.", "公租房轮候名单公开不够及时，个别批次在分配结束后才集中公布。"),
        ("problem", "2.", "局公开栏位置偏僻，来办事的群众很少留意。"),
        ("measure", "1.", "二〇一四年底前建立轮候名单按月更新制度，做到分配前先公示。"),
        ("measure", "2.", "将公开栏迁至一楼办事大厅入口处。"),
    ]


def test_paddle_dash_for_one_in_a_run_on_list_and_in_qi_yi_shi():
    r, got = _five("paddle-township-2023.txt")
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert got == [
        ("problem", "一、", "村级公开栏内容更新慢，部分村的低保名单仍是上季度的。"),
        ("problem", "二、", "镇网站专栏栏目设置与县里要求不完全一致。"),
        ("measure", "其一是，", "每季度首月十日前完成各村公开栏更新，镇党政办逐村拍照留档；"),
        ("measure", "其二是，", "对照县政务公开目录调整专栏栏目。"),
    ]


def test_abbyy_running_head_between_pages_is_no_part_of_a_statement():
    r, got = _five("abbyy-hospital-2020.txt")
    assert r.metadata.title == "临溪县第二人民医院2020年政府信息公开工作年度报告"
    assert [t for _, _, t in got] == [
        "发热门诊就诊流程图更新后，院务公开栏未同步更换.",
        "部分检查项目价格只在收费窗口张贴，线上查不到.",
        "建立流程变更与公开栏同步更换的提醒机制.",
        "把全部检查项目价格放到公众号“费用查询”栏目.",
    ]


@pytest.mark.parametrize(("ocr", "clean"), [
    ("1 . 加强培训。\n2 . 完善制度。", "1. 加强培训。\n2. 完善制度。"),
    ("1 .加强培训。2 、完善制度。", "1.加强培训。2、完善制度。"),
    ("三 、依申请公开情况", "三、依申请公开情况"),
    ("一 、总 体 情 况\n二 、概 述", "一、总体情况\n二、概述"),
])
def test_spaced_markers_close_up(ocr, clean):
    assert normalize_text(ocr) == clean


@pytest.mark.parametrize("text", [
    "全年支出1 .5万元。",  # a decimal the engine spaced: no marker (a figure follows)
    "共计 3 . 其中",  # mid-line after a space, not after a line start or sentence end
    "表中数值 1 . 2 . 3",  # figures
    "甲 乙 丙",  # a line of single characters with no heading numeral
])
def test_what_only_looks_spaced_is_left_as_read(text):
    assert normalize_text(text) == text


def test_a_title_not_wholly_letter_spaced_keeps_its_spaces():
    # the marker closes up; the title's spaced names are no short spaced title
    assert normalize_text("五 、存在的问题 张 三 李 四") == "五、存在的问题 张 三 李 四"


@pytest.mark.parametrize(("ocr", "clean"), [
    # a list run on one line: 二、 after a full stop proves the dash was 一
    ("—、公开栏更新慢。二、栏目设置不规范。", "一、公开栏更新慢。二、栏目设置不规范。"),
    ("ー、公开栏更新慢。二、栏目设置不规范。", "一、公开栏更新慢。二、栏目设置不规范。"),
    # mid-line after a full stop, 二、 on the next line
    ("存在以下问题。—、公开栏更新慢。\n二、栏目设置不规范。", "存在以下问题。一、公开栏更新慢。\n二、栏目设置不规范。"),
])
def test_a_dash_for_one_before_a_run_on_two(ocr, clean):
    assert normalize_text(ocr) == clean


@pytest.mark.parametrize("text", [
    "—、公开栏更新慢。三、栏目设置不规范。",  # 三 next: nothing proves 一
    "—、公开栏更新慢。—、栏目设置不规范。二、人员不足。",  # two dashes: bullets
    "经费2—3万元。二、人员不足。",  # a range
])
def test_a_dash_without_proof_is_left_as_read(text):
    assert normalize_text(text) == text


# --- audit stale_year: years in Chinese numerals and two digits ---------------------------------

def _five_report(agency: str, year: int, measures: list[str]) -> str:
    return (f"{agency}{year}年政府信息公开工作年度报告\n\n一、总体情况\n"
            f"{year}年，{agency}全年主动公开信息六十余条。\n"
            "二、主动公开政府信息情况\n本年度无新制发规范性文件。\n"
            "三、收到和处理政府信息公开申请情况\n本年度未收到政府信息公开申请。\n"
            "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。\n"
            "五、存在的主要问题及改进情况\n（一）存在的主要问题\n1.村务公开栏更新不及时。\n"
            "（二）改进措施\n" + "\n".join(f"{i}.{m}" for i, m in enumerate(measures, 1))
            + f"\n六、其他需要报告的事项\n无。\n\n{agency}\n{year + 1}年1月\n")


@pytest.fixture(scope="module")
def stale_rows(tmp_path_factory) -> dict[str, dict]:
    from _corpus_helpers import FakeTagger

    from nlp_reports.corpus import audit, tag_paths

    folder = tmp_path_factory.mktemp("ocr26") / "扫描件"
    folder.mkdir()
    (folder / "蒲河县.txt").write_bytes((FIX / "tesseract-county-2014.txt").read_bytes())
    reports = {
        "桑林镇人民政府": (2024, ["二0二四年第一季度前完成各村公开栏改版。", "力争24年底前完成全镇办事指南修订。"]),
        # a year ahead, a count of years, history in Chinese numerals: no finding
        "石渠县档案馆": (2024, ["二〇二五年底前完成馆藏目录数字化。", "馆藏开放工作已连续24年未间断，将继续坚持。",
                            "二〇二三年以来已全部完成的整改事项按季度回头看。"]),
        # "10年内" is within ten years, not 2010 (review26c): no finding in a 2011 report
        "澄江乡人民政府": (2011, ["力争10年内完成全乡档案数字化。"]),
    }
    for agency, (year, measures) in reports.items():
        (folder / f"{agency}.txt").write_text(_five_report(agency, year, measures), "utf-8")
    db = folder.parent / "ocr26.sqlite"
    result = tag_paths([folder], db, model=FakeTagger(), words=False)
    assert result.failed == 0
    return {r["agency"]: r for r in audit(db).to_dict()}


def test_stale_year_reads_chinese_numeral_and_two_digit_years(stale_rows):
    ocr = stale_rows["蒲河县住房和城乡建设局"]["stale_year"]
    assert ocr.startswith("2014 ('二〇一四年底前') in the 2014 report's measure")
    found = stale_rows["桑林镇人民政府"]["stale_year"].split(" | ")
    assert [f.split(" ", 2)[:2] for f in found] == [["2024", "('二0二四年第一季度前')"],
                                                    ["2024", "('力争24年底前')"]]


def test_stale_year_leaves_a_year_ahead_a_count_and_history(stale_rows):
    assert stale_rows["石渠县档案馆"]["stale_year"] == ""
    assert stale_rows["澄江乡人民政府"]["stale_year"] == ""


# --- a title the scan's width broke inside 年度报告 ----------------------------------------------

_BODY = ("\n一、总体情况\n本年度主动公开信息52条。\n五、存在的主要问题及改进情况\n"
         "（一）存在的主要问题\n一是公开栏更新慢；二是解读少。\n（二）改进措施\n一是按月更新；二是增加图解。\n"
         "六、其他需要报告的事项\n无。\n")


@pytest.mark.parametrize(("head", "title"), [
    ("雁栖乡人民政府2012年政府信息公开工作年度\n报告", "雁栖乡人民政府2012年政府信息公开工作年度报告"),
    ("白河县统计局二0一九年政府信息公开工作年度报\n告", "白河县统计局二0一九年政府信息公开工作年度报告"),
    ("江岸区审计局2021年政府信息公开工作年\n度报告\n- 1 -", "江岸区审计局2021年政府信息公开工作年度报告"),
])
def test_a_title_broken_inside_nian_du_bao_gao_is_one_title(tmp_path, head, title):
    f = tmp_path / "r.txt"
    f.write_text(head + "\n" + _BODY, "utf-8")
    r = load_report(f)
    assert r.metadata.title == title
    assert "no_title" not in [e.code for e in r.errors]


def test_a_line_under_that_says_more_is_no_end_of_the_title(tmp_path):
    # "报告如下：" is a sentence's, not the title's last characters
    f = tmp_path / "r.txt"
    f.write_text("现将我局2023年度\n报告如下：\n" + _BODY, "utf-8")
    assert load_report(f).metadata.title is None


@pytest.mark.parametrize(("ocr", "clean"), [
    ("同一信息多平台发布不同步；二\n是依申请公开答复文书不规范。", "同一信息多平台发布不同步；二是依申请公开答复文书不规范。"),
    ("督促各村及时更新公开栏。二\n、统一答复文书模板。", "督促各村及时更新公开栏。二、统一答复文书模板。"),
])
def test_an_item_marker_cut_by_the_line_width_is_joined(ocr, clean):
    assert normalize_text(ocr) == clean


@pytest.mark.parametrize("text", [
    "无。二\n是否公开由科室确定。",  # a short line: no line of the page's width
    "全年公开信息一百二十条，其中二\n是指…",  # no sentence end before the numeral
    "二\n、主动公开政府信息情况",  # a heading's numeral alone on its line
])
def test_a_numeral_at_a_line_end_otherwise_stays(text):
    assert normalize_text(text) == text


def test_a_list_whose_markers_the_width_cut_splits_as_the_clean_one(tmp_path):
    five = ("针对上述问题，将采取以下措施：一是推动政府网站与政务新媒体协\n同发布，确保信息同步更新；二\n"
            "是统一依申请公开答复文书模板，严格依法依规答\n复；三是细化财政预决算说明。")
    f = tmp_path / "r.txt"
    f.write_text("某县民政局2019年政府信息公开工作年度报告\n一、总体情况\n本年度公开信息98条。\n"
                 "五、存在的主要问题及改进情况\n" + five + "\n六、其他需要报告的事项\n无。\n", "utf-8")
    got = [(s.marker, s.text) for s in load_report(f).statements]
    assert [m for m, _ in got][-3:] == ["一是", "二是", "三是"]
    assert got[-2][1] == "统一依申请公开答复文书模板，严格依法依规答复；"


def test_a_sentence_at_both_page_breaks_is_no_running_head():
    """review26c: the two-break rule (a line naming the title's agency below both page numbers
    of a three-page scan is its head) reads labels only: the same sentence below both breaks —
    "临溪县卫生健康局将继续推进公开。" — stays in the text; the label still goes."""
    title = "临溪县卫生健康局2023年政府信息公开工作年度报告"
    for line, kept in (("临溪县卫生健康局将继续推进公开。", True), ("临溪县卫生健康局政务公开", False)):
        text = (f"{title}\n一、总体情况\n本年度主动公开信息52条。\n第 1 页\n{line}\n"
                f"五、存在的主要问题及改进情况\n公开栏更新慢。\n第 2 页\n{line}\n"
                f"六、其他需要报告的事项\n无。\n")
        assert (drop_running_heads(text).count(line) == 2) is kept, line
