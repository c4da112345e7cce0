"""A PDF table cell whose digits are not all one figure: an old figure struck through beside
the new one (a rule across the digits' middle, as Word prints a deletion with "print
markup" or a manual strikethrough) or a note mark set as a small raised digit ("43¹"). Joined,
such a cell read as one number (struck "4" + "3" → 43, "43" + raised "1" → 431) in a table
marked ok; it is reported instead, and no other figure is read differently."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pdf_drawing import ruled_table4_report

from nlp_reports import load_report

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")

_VALUES = ["3", "0", "1", "0", "4", "1", "0", "0", "2", "3", "0", "1", "0", "0", "1"]


def _pdf(tmp_path: Path, marks: dict[int, tuple[str, str]]) -> Path:
    """A short report of a district office whose 表四 is a ruled grid drawn with
    reportlab; ``marks``: column → ("struck", old digits drawn struck before the value) or
    ("raised", a small raised digit drawn after it)."""

    def draw(c, k: int, text: str, x: float, base: float) -> None:
        c.setFont("STSong-Light", 10)
        if k not in marks:
            c.drawString(x + 4, base, text)
            return
        kind, extra = marks[k]
        x += 8
        if kind == "struck":
            c.drawString(x, base, extra)
            w = c.stringWidth(extra, "STSong-Light", 10)
            c.rect(x, base + 3, w, 0.7, stroke=0, fill=1)
            c.drawString(x + w, base, text)
        else:
            c.drawString(x, base, text)
            c.setFont("STSong-Light", 6)
            c.drawString(x + c.stringWidth(text, "STSong-Light", 10), base + 5, extra)

    return ruled_table4_report(
        tmp_path / "report.pdf",
        ("石湾区退役军人事务局2022年政府信息公开工作年度报告", "一、总体情况",
         "2022年，本局认真落实政府信息公开条例，依法答复申请。",
         "四、政府信息公开行政复议、行政诉讼情况"),
        _VALUES, ("五、存在的主要问题及改进情况", "答复文书的说理性有待加强，下一步将组织专题培训。"), draw)


def _table4(path: Path) -> tuple[str, list]:
    table = load_report(path).to_dict()["tables"]["table4"]
    return table["status"], table["values"][0]


def test_plain_grid_is_read(tmp_path: Path) -> None:
    status, values = _table4(_pdf(tmp_path, {}))
    assert status == "ok" and values == [float(v) for v in _VALUES]


def test_struck_digit_before_a_figure_is_not_joined(tmp_path: Path) -> None:
    status, values = _table4(_pdf(tmp_path, {0: ("struck", "4"), 9: ("struck", "12")}))
    assert values[0] is None and values[9] is None  # not 43, not 123
    assert all(v in (None, float(_VALUES[k])) for k, v in enumerate(values))


def test_raised_note_digit_after_a_figure_is_not_joined(tmp_path: Path) -> None:
    status, values = _table4(_pdf(tmp_path, {4: ("raised", "1")}))
    assert values[4] is None  # not 41
    assert values[:4] == [3, 0, 1, 0] and values[5:] == [float(v) for v in _VALUES[5:]]
