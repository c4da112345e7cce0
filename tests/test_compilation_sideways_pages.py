"""A compilation PDF (汇编) one of whose reports has a page of sideways text that could not be
read (a 表三 printed turned a quarter with a red-ink seal set upright across it): every
part was given ``sideways_pages`` for the whole file, so the other agency's report, typed
throughout, was told its tables there were missing. Each part now names only the pages
inside its own range, as it does for scanned pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pdf_drawing import FONT, report_pdf, ruled_table3

from nlp_reports import load_reports

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")
pytest.importorskip("PIL")

TOWN = "梅溪镇人民政府"
OFFICE = "梅溪镇综合行政执法办公室"

_TOWN = [
    [(16, f"{TOWN}2021年政府信息公开工作年度报告"), (12, "一、总体情况"),
     (10, "2021年，梅溪镇以村务公开示范点创建为抓手，推动政务公开向村（社区）延伸。"),
     (12, "二、主动公开政府信息情况"), (10, "镇政府网站栏目全年发布各类信息168条。"),
     (12, "三、收到和处理政府信息公开申请情况"), (10, "本年度未收到政府信息公开申请。"),
     (12, "四、政府信息公开行政复议、行政诉讼情况"), (10, "无。"),
     (12, "五、存在的主要问题及改进情况"), (10, "村级公开栏内容更新不够及时，将纳入年度考核。"),
     (12, "六、其他需要报告的事项"), (10, "无。")],
]


def _sideways_sealed(c, bottom: float = 50, seal: float = 420) -> None:
    """表三 turned a quarter on a portrait page (its foot ``bottom`` pt up), a seal's upright
    text across it (``seal`` pt up)."""
    c.saveState()
    c.translate(70, bottom)
    c.rotate(90)
    ruled_table3(c, 0, 0)
    c.restoreState()
    c.setFont(FONT, 15)
    c.setFillColorRGB(0.8, 0.1, 0.1)
    c.drawString(190, seal, f"{OFFICE}（章）")


_OFFICE = [
    [(16, f"{OFFICE}2021年度政府信息公开工作报告"), (12, "一、总体情况"),
     (10, "我办依法公开行政处罚结果，执法信息做到应公开尽公开。"),
     (12, "二、主动公开政府信息情况"), (10, "公开行政处罚决定书37份。"),
     (12, "三、收到和处理政府信息公开申请情况"), (10, "申请办理情况见附表。")],
    _sideways_sealed,
    [(12, "四、政府信息公开行政复议、行政诉讼情况"), (10, "未发生。"),
     (12, "五、存在的主要问题及改进情况"), (10, "执法公示信息归集不够规范。"),
     (12, "六、其他需要报告的事项"), (10, "无。")],
]


def _sideways(report) -> list[str]:
    return [p.message for p in report.errors if p.code == "sideways_pages"]


def test_only_the_part_holding_the_sideways_page_names_it(tmp_path: Path) -> None:
    pdf = report_pdf(tmp_path / "梅溪镇2021年政府信息公开年报汇编.pdf", [*_TOWN, *_OFFICE],
                     left=60, top=70, leading=13)
    town, office = load_reports(pdf)
    assert (town.metadata.agency, office.metadata.agency) == (TOWN, OFFICE)
    assert _sideways(town) == []
    assert [m[:9] for m in _sideways(office)] == ["page(s) 3"]


def _office_first_page(c) -> None:
    """The office's report opening on the page of its sideways 表三: title and parts 一–三
    typed upright above the turned table and its seal."""
    from reportlab.lib.pagesizes import A4

    y = A4[1] - 70
    for size, line in _OFFICE[0]:
        c.setFont(FONT, size)
        c.drawString(60, y, line)
        y -= size + 13
    _sideways_sealed(c, bottom=40, seal=300)


def test_a_sideways_page_opening_a_report_is_that_reports(tmp_path: Path) -> None:
    # placed by its neighbours alone, the page (after the town's last page, before the
    # office's next) went to the town; its own title says it is the office's
    pdf = report_pdf(tmp_path / "梅溪镇年报汇编.pdf", [*_TOWN, _office_first_page, _OFFICE[2]],
                     left=60, top=70, leading=13)
    town, office = load_reports(pdf)
    assert (town.metadata.agency, office.metadata.agency) == (TOWN, OFFICE)
    assert _sideways(town) == []
    assert [m[:9] for m in _sideways(office)] == ["page(s) 2"]
