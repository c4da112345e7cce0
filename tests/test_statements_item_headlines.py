"""An item's headline read as a sub-heading (text lost), lead-ins handled one way,
a 政务公开 notice stored as a report, 表二 in PDFs (a page break, the 2019 grid).

Fixtures: tests/fixtures/parse15c/ — fictional bodies: a 2024 city health commission whose
"一是…仍有薄弱环节。" opens item 1, a 2025 county office's notice issuing an 实施方案, and a
2011 township's prose report issued under a notice (关于印发…年度报告的通知)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.errors import NotAReportError
from nlp_reports.parse.statements import split_section5

FIX = Path(__file__).parent / "fixtures" / "parse15c"


def _split(text: str):
    res = split_section5(text, 0, len(text), title="存在的主要问题及改进情况")
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


# 1. An enumerated item that is a full sentence is a statement, not a sub-heading


def test_item_headline_naming_a_weakness_is_kept_with_its_marker():
    r = load_report(FIX / "weijian_2024_item_headlines.txt")
    problems = [(s.marker, s.text) for s in r.statements if s.block == "problem"]
    assert [m for m, _ in problems] == ["一是", "二是", "三是"]
    assert problems[0][1].startswith("号源公开仍有薄弱环节。部分县级医院")
    assert not any(t.startswith(("二是", "三是")) for _, t in problems)
    assert [s.marker for s in r.statements if s.block == "measure"][1:] == ["一是", "二是", "三是"]


def test_line_items_one_of_which_says_a_shortfall():
    text = ("2023年，我县政务公开工作取得一定成效，但仍存在一些不足。\n"
            "一是政策解读形式单一。多以文字解读为主，图解、视频解读较少。\n"
            "二是乡镇公开队伍存在短板。部分乡镇信息员一人多岗，对公开目录不熟悉。\n"
            "三是公开栏维护不够及时。个别村的公开栏仍张贴上年度内容。\n"
            "2024年，我县将开展乡镇信息员轮训，每季度抽查公开栏。")
    got = _split(text)
    assert [(b, m) for b, m, _ in got] == [("problem", None), ("problem", "一是"),
                                          ("problem", "二是"), ("problem", "三是"),
                                          ("measure", None)]
    assert got[2][2].startswith("乡镇公开队伍存在短板。部分乡镇")
    assert got[3][2].endswith("仍张贴上年度内容。")


def test_numbered_first_item_saying_a_weakness_is_an_item():
    text = ("（一）审核把关仍有薄弱环节。个别科室上传的文件未经保密审查即提交发布。\n"
            "（二）依申请答复文书不够规范。部分告知书未载明救济途径。\n"
            "下一步，我局将修订发布审核流程，统一答复文书模板。")
    got = _split(text)
    assert [(b, m) for b, m, _ in got][:2] == [("problem", "（一）"), ("problem", "（二）")]
    assert got[0][2].startswith("审核把关仍有薄弱环节。")


@pytest.mark.parametrize("heading", ["（一）存在的主要问题", "（一）存在的主要问题。",
                                     "存在的不足：", "（一）工作中还存在的问题"])
def test_titles_stay_sub_headings(heading):
    text = (f"{heading}\n1.部分站所报送信息不及时。\n2.公开栏设施陈旧。\n"
            "（二）改进措施\n1.建立报送台账。\n2.更换公开栏。")
    got = _split(text)
    assert [(b, m) for b, m, _ in got] == [("problem", "1."), ("problem", "2."),
                                          ("measure", "1."), ("measure", "2.")]


# 2. A label is no statement; a lead-in sentence is one, apart from the first item


@pytest.mark.parametrize("lead", ["存在的问题有两个方面：", "存在的问题主要是：",
                                  "我街道主要存在以下问题："])
def test_lead_in_sentence_is_a_statement(lead):
    text = (f"{lead}\n一是社区公开栏更新不及时。\n二是居民对申请渠道知晓率不高。\n"
            "下一步打算：\n一是每月检查公开栏。\n二是在社区服务大厅张贴申请指南。")
    got = _split(text)
    assert got[0] == ("problem", None, lead)
    assert [(b, m) for b, m, _ in got[1:]] == [("problem", "一是"), ("problem", "二是"),
                                              ("measure", "一是"), ("measure", "二是")]


def test_label_is_no_statement():
    text = ("学校信息公开工作存在的不足：\n1.校务公开栏内容更新慢。\n2.家长对公开渠道知晓率不高。\n"
            "改进措施：\n1.每学期初集中更新校务公开栏。\n2.利用家长会宣传公开渠道。")
    got = _split(text)
    assert [(b, m) for b, m, _ in got] == [("problem", "1."), ("problem", "2."),
                                          ("measure", "1."), ("measure", "2.")]


def test_lead_in_ending_in_a_verb_is_not_glued_to_the_first_item():
    text = ("卫生院信息公开工作存在：人员少，收费员兼任信息员；公开栏设在二楼，群众不易看到；"
            "收费公示未随价格调整更新。\n下一步，我院将把公开栏移至门诊大厅，并按月核对收费公示。")
    got = _split(text)
    assert got[0] == ("problem", None, "卫生院信息公开工作存在：")
    assert got[1][:2] == ("problem", None) and got[1][2].startswith("人员少")
    assert [b for b, _, _ in got] == ["problem"] * 4 + ["measure"]


# 3. A notice of another kind is refused; a report issued under a notice is read


def test_work_plan_notice_is_refused_with_the_reason():
    with pytest.raises(NotAReportError, match="实施方案的通知.*年度报告"):
        load_report(FIX / "lanxi_xian_2025_shishi_fangan_notice.txt")


def test_report_issued_under_a_notice_is_read():
    r = load_report(FIX / "shihe_zhen_2011_report_under_notice.txt")
    assert r.metadata.year == 2011
    assert r.metadata.agency == "石河镇人民政府"


def test_work_points_page_with_chrome_is_refused():
    text = ("首页 | 政务公开 | 通知公告\n"
            "青禾市2023年政务公开工作要点\n"
            "一、围绕稳就业公开惠企政策。及时发布援企稳岗政策和办理指南。\n"
            "二、加强政府信息公开平台建设。整合政务新媒体账号，规范栏目设置。\n"
            "三、做好政府信息公开年度报告发布工作。各单位按时发布年度报告。\n"
            "青禾市人民政府办公室\n2023年4月12日\n")
    with pytest.raises(NotAReportError, match="工作要点"):
        load_report(text.encode("utf-8"))


# 4. PDF tables: a page break before a narrower table, and the 2019 grid's spanned column


def test_next_pages_table_title_is_not_joined_to_the_last_row():
    from nlp_reports.ingest.pdf import _join_split_rows

    pages = [["第二十条第(六)项\t第二十条第(六)项\t第二十条第(六)项\t第二十条第(六)项",
              "信息内容\t本年处理决定数量\t本年处理决定数量\t本年处理决定数量",
              "行政处罚\t37\t37\t37", "行政强制\t6\t6\t6"],
             ["第二十条第(八)项\t第二十条第(八)项", "信息内容\t本年收费金额(单位：万元)",
              "行政事业性收费\t0"]]
    out = _join_split_rows([list(p) for p in pages])
    assert out == pages  # nothing joined: the title row starts table (八)


def test_label_wrapped_over_a_page_break_is_still_joined():
    from nlp_reports.ingest.pdf import _join_split_rows

    pages = [["(三)不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
              "\t2.申请人逾期未按收\t1\t0\t0\t0\t0\t0\t1"],
             ["\t费通知要求缴纳费用\t\t\t\t\t\t\t", "\t3.其他\t0\t0\t0\t0\t0\t0\t0"]]
    out = _join_split_rows([list(p) for p in pages])
    assert out[0][1].split("\t")[1] == "2.申请人逾期未按收费通知要求缴纳费用"
    assert out[1][0] == ""


_T2_2019 = """黛山市生态环境局2019年政府信息公开工作年度报告
一、总体情况
2019年，我局主动公开政府信息312条。
二、主动公开政府信息情况
第二十条第(一)项\t第二十条第(一)项\t第二十条第(一)项\t第二十条第(一)项
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t0
规范性文件\t2\t2\t9
第二十条第(五)项\t第二十条第(五)项\t第二十条第(五)项\t第二十条第(五)项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t9\t1\t148
其他对外管理服务事项\t2\t0\t31
第二十条第(六)项\t第二十条第(六)项\t第二十条第(六)项\t第二十条第(六)项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t14\t-2\t57
行政强制\t3\t0\t5
第二十条第(八)项\t第二十条第(八)项\t第二十条第(八)项\t第二十条第(八)项
信息内容\t上一年项目数量\t本年增/减\t本年增/减
行政事业性收费\t1\t{fee}\t0
第二十条第(九)项\t第二十条第(九)项\t第二十条第(九)项\t第二十条第(九)项
信息内容\t采购项目数量\t采购总金额\t采购总金额
政府集中采购\t4\t27.5\t27.5
三、收到和处理政府信息公开申请情况
本年收到申请6件。
"""


def test_2019_grid_spanned_last_column_is_read_once():
    r = load_report(_T2_2019.format(fee="0").encode("utf-8"))
    t8, t9 = r.table("table2.8"), r.table("table2.9")
    assert (t8.status, t8.values) == ("ok", ((1.0, 0.0),))
    assert (t9.status, t9.values) == ("ok", ((4.0, 27.5),))


def test_2019_grid_two_different_values_under_one_column_stay_unreadable():
    r = load_report(_T2_2019.format(fee="2").encode("utf-8"))
    assert r.table("table2.8").status == "unreadable"  # 1, 2, 0: which is 本年增/减?
