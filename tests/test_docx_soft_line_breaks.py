"""Word soft line breaks (Shift+Enter, w:br) inside a sentence do not cut it: a paragraph is
one line of the report and a statement of 五 without a list marker ends at a line end, so
"…期盼，我县政⏎务公开工作…" gave two statements. Breaks after a title, a signature or a
sentence end, and before an item, a date or a figure, stay line breaks."""

from __future__ import annotations

import io

import pytest


def _docx(paragraphs: list[list[str]]) -> bytes:
    """A .docx with one paragraph per list, its parts joined by soft line breaks."""
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    for parts in paragraphs:
        p = doc.add_paragraph()
        for k, part in enumerate(parts):
            run = p.add_run(part)
            if k < len(parts) - 1:
                run.add_break()
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _lines(paragraphs: list[list[str]]) -> list[str]:
    from nlp_reports.ingest.docx import docx_to_text

    return docx_to_text(_docx(paragraphs)).splitlines()


def test_break_inside_a_sentence_is_removed():
    assert _lines([["对照上级要求和群众期盼，我县政", "务公开工作还存在一些短板。"],
                   ["同时加强与群众的互动交流", "，及时回应社会关切。"],
                   ["我局将采伐许可决定纳入办结即公开", "清单，由审批股每周汇总上网。"]]) == [
        "对照上级要求和群众期盼，我县政务公开工作还存在一些短板。", "同时加强与群众的互动交流，及时回应社会关切。",
        "我局将采伐许可决定纳入办结即公开清单，由审批股每周汇总上网。"]


@pytest.mark.parametrize("parts", [
    ["一、总体情况", "2023年，本局主动公开政府信息312条。"],          # a heading, then its text
    ["凤台县农业农村局", "2024年1月12日"],                             # signature and date
    ["存在的问题主要是：", "一是公开不及时；二是解读不足。"],               # after a sentence's colon
    ["一是公开栏更新不及时，个别栏目长期", "二是解读形式单一。"],          # before an item
    ["全年主动公开信息，其中政策文件", "148件。"],                       # before a figure
    ["（一）存在的主要问题和薄弱环节", "部分乡镇公开专区更新不及时。"],      # a numbered sub-heading
    ["联系地址：青禾县人民路十二号政务服务中心", "联系电话见县政府网站"],  # a label's line
    ["青禾县人民政府", "办公室"],                                       # a short line
    ["政府信息公开的收费及减免情况", "本年度未收取任何费用。"],              # an older title, no numeral
    ["存在的主要问题和薄弱环节", "少数乡镇公开专区更新不及时，内容不全。"],  # a sub-heading, no numeral
    ["部分股室对政务公开重视不够，信息报送不及时", "改进措施"],            # before a bare title
    ["加强业务培训，提升信息报送时效", "丰富解读形式，多用图解和短视频"],    # items written without stops
    ["本年度无其他需要报告的事项", "青禾县林业局办公室", "2024年1月20日"],  # text, signature, date
], ids=["heading", "signature", "colon", "item", "figure", "subheading", "label", "short",
        "bare-title", "bare-subheading", "before-title", "no-stops", "text-over-signature"])
def test_break_between_lines_of_their_own_stays(parts):
    assert _lines([parts]) == parts


def test_statement_of_section_5_is_whole():
    from nlp_reports import load_report
    from nlp_reports.ingest.docx import docx_to_text

    data = _docx([["桐川县人民政府2024年政府信息公开工作年度报告"], ["一、总体情况"],
                  ["2024年，桐川县主动公开政府信息4071条。"], ["二、主动公开政府信息情况"], ["见下表。"],
                  ["三、收到和处理政府信息公开申请情况"], ["见下表。"], ["四、政府信息公开行政复议、行政诉讼情况"],
                  ["无。"], ["五、存在的主要问题及改进情况"], ["（一）存在的主要问题"],
                  ["对照上级要求和群众期盼，我县政", "务公开工作还存在一些短板。"],
                  ["（二）改进措施"], ["下一步，我县将每季度开展一次标准目录梳理，", "实行动态更新。"],
                  ["六、其他需要报告的事项"], ["无。"]])
    report = load_report(docx_to_text(data))
    assert [(s.text, s.block) for s in report.statements] == [
        ("对照上级要求和群众期盼，我县政务公开工作还存在一些短板。", "problem"),
        ("下一步，我县将每季度开展一次标准目录梳理，实行动态更新。", "measure")]


def test_text_of_section_6_over_a_soft_broken_signature_is_kept():
    from nlp_reports import load_report
    from nlp_reports.ingest.docx import docx_to_text

    data = _docx([["溪口县林业局2023年政府信息公开工作年度报告"], ["一、总体情况"], ["2023年，本局主动公开政府信息156条。"],
                  ["五、存在的主要问题及改进情况"], ["信息更新不够及时。"], ["六、其他需要报告的事项"],
                  ["本年度无其他需要报告的事项", "溪口县林业局办公室", "2024年1月20日"]])
    report = load_report(docx_to_text(data))
    assert [s.text for s in report.sections if s.number == 6] == ["本年度无其他需要报告的事项"]
    assert report.metadata.published == "2024-01-20"
