"""A page of prose printed sideways (turned a quarter on a portrait page, no /Rotate): only
turned text holding figures — a table — was turned upright, so a page of sentences came out
a character a line, its sections (四、五、六) not found, and nothing said why. A page whose
text is two thirds turned or more is read turned upright as a sideways table is; one with
upright text among the turned lines is named in ``sideways_pages``. An upright page with a
note turned up its margin stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pdf_drawing import FONT, report_pdf

from nlp_reports import load_report

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")
pytest.importorskip("PIL")

_FIRST = [(15, "东坪街道办事处2022年政府信息公开工作年度报告"), (11, "一、总体情况"),
          (10, "街道办事处围绕民生服务事项，持续做好政府信息公开工作。"),
          (11, "二、主动公开政府信息情况"), (10, "全年在区政府网站街道专栏发布信息64条。"),
          (11, "三、收到和处理政府信息公开申请情况"), (10, "本年度未收到政府信息公开申请。")]
_TURNED = ["四、政府信息公开行政复议、行政诉讼情况", "本年度没有因政府信息公开被申请行政复议或提起行政诉讼。",
           "五、存在的主要问题及改进情况", "一是社区公开栏内容较少；二是个别信息发布不够及时。",
           "下一步将建立社区信息员制度，按月检查公开栏的更新情况。",
           "六、其他需要报告的事项", "无。"]


def _sideways_prose(way: int, upright_inside: bool = False):
    def draw(c) -> None:
        from reportlab.lib.pagesizes import A4

        width, height = A4
        c.saveState()
        if way == 1:
            c.translate(70, 50)
            c.rotate(90)
        else:
            c.translate(width - 70, height - 50)
            c.rotate(-90)
        for k, line in enumerate(_TURNED):
            c.setFont(FONT, 11 if "、" in line[:3] else 10)
            c.drawString(20, -30 - 24 * k, line)
        c.restoreState()
        c.setFont(FONT, 9)
        c.drawString(width / 2 - 8, 24, "— 2 —")  # an upright page number below the text
        if upright_inside:  # an upright stamp's words among the turned lines
            c.setFont(FONT, 14)
            c.drawString(130, 240, "街道办事处印")

    return draw


def _margin_note(c) -> None:
    from reportlab.lib.pagesizes import A4

    y = A4[1] - 70
    for line in _TURNED:
        c.setFont(FONT, 10)
        c.drawString(60, y, line)
        y -= 24
    c.saveState()
    c.translate(30, 90)
    c.rotate(90)
    c.setFont(FONT, 8)
    c.drawString(0, 0, "东坪街道办事处政府信息公开工作年度报告（公开版）本页为第二页共二页，印发范围：街道各科室、各社区居委会")
    c.restoreState()


def _report(tmp_path: Path, page) -> dict:
    return load_report(report_pdf(tmp_path / "年度报告.pdf", [_FIRST, page])).to_dict()


@pytest.mark.parametrize("way", [1, -1], ids=["counter-clockwise", "clockwise"])
def test_a_page_of_sideways_prose_is_read_turned_upright(tmp_path: Path, way: int) -> None:
    data = _report(tmp_path, _sideways_prose(way))
    sections = {s["number"]: s for s in data["sections"]}
    assert {4, 5, 6} <= set(sections)
    assert "建立社区信息员制度" in sections[5]["text"]
    assert "sideways_pages" not in {e["code"] for e in data["errors"]}


def test_sideways_prose_with_upright_words_among_it_is_named(tmp_path: Path) -> None:
    data = _report(tmp_path, _sideways_prose(1, upright_inside=True))
    named = [e for e in data["errors"] if e["code"] == "sideways_pages"]
    assert named and "page(s) 2 " in named[0]["message"]


def test_an_upright_page_with_a_note_up_its_margin_is_read_as_before(tmp_path: Path) -> None:
    data = _report(tmp_path, _margin_note)
    sections = {s["number"]: s for s in data["sections"]}
    assert {4, 5, 6} <= set(sections)
    assert "sideways_pages" not in {e["code"] for e in data["errors"]}
