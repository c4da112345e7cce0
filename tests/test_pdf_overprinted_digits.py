"""A PDF table whose figures are drawn twice a little apart ("fake bold", 假粗体: a
producer without a bold face prints the text again, shifted). pdfplumber's own dedupe keeps
copies more than 1 pt apart, so a 3 drawn twice 1.3 pt apart read 33 in a table marked ok.
A copy that covers most of the glyph before it is dropped; one that could as well be the
next digit of a figure set very tight is reported, never guessed; figures set tight but
legibly, and figures in a real bold face, read as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pdf_drawing import ruled_table4_report

from nlp_reports import load_report

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")

_VALUES = ["3", "0", "1", "0", "4", "11", "2", "0", "0", "13", "0", "1", "0", "0", "1"]


def _pdf(tmp_path: Path, *, size: float, twice: float = 0.0, spacing: float = 0.0,
         font: str = "STSong-Light", down: float = 0.0) -> Path:
    """A county bureau's short report whose 表四 is a ruled grid; its row of figures is set
    at ``size`` pt in ``font``, drawn again ``twice`` pt to the right (and ``down`` pt lower)
    when that is not 0, with ``spacing`` pt between characters (negative: set tight)."""

    def draw(c, k: int, text: str, x: float, base: float) -> None:
        for shift, lower in ((0.0, 0.0), (twice, down)) if twice else ((0.0, 0.0),):
            t = c.beginText(x + 8 + shift, base - lower)
            t.setFont(font, size)
            t.setCharSpace(spacing)
            t.textOut(text)
            c.drawText(t)

    return ruled_table4_report(
        tmp_path / "report.pdf",
        ("青松县自然资源局2023年度政府信息公开工作年度报告", "一、总体情况",
         "2023年本局共收到政府信息公开申请25件，均在法定期限内答复。",
         "四、政府信息公开行政复议、行政诉讼情况"),
        _VALUES, ("五、存在的主要问题及改进情况", "个别答复未写明救济途径，已逐件补正。"), draw)


def _table4(path: Path) -> tuple[str, list]:
    table = load_report(path).to_dict()["tables"]["table4"]
    return table["status"], table["values"][0]


_READ = [float(v) for v in _VALUES]


def test_plain_figures_are_read(tmp_path: Path) -> None:
    assert _table4(_pdf(tmp_path, size=10)) == ("ok", _READ)


def test_copy_covering_most_of_the_glyph_is_dropped(tmp_path: Path) -> None:
    # 10 pt digits are 4.6 pt wide: a copy 1.3 pt off covers 72% of the glyph
    status, values = _table4(_pdf(tmp_path, size=10, twice=1.3))
    assert (status, values) == ("ok", _READ)  # not 33, 00, 1111


def test_copy_that_could_be_a_next_digit_is_reported(tmp_path: Path) -> None:
    # 6 pt digits are 2.8 pt wide: 1.3 pt off covers 53%, as a figure set 1.5 pt tight does
    status, values = _table4(_pdf(tmp_path, size=6, twice=1.3))
    assert all(v is None for v in values)  # never 33 (nor 3 guessed)
    assert status != "ok"


@pytest.mark.parametrize(("size", "twice", "down"), [(6, 1.3, 1.2), (10, 1.5, 1.5), (8, 1.2, -1.4)])
def test_copy_shifted_off_the_baseline_is_dropped(tmp_path: Path, size: float, twice: float,
                                                  down: float) -> None:
    # a shadow (阴影) or a fake bold shifted on both axes: the copy is off the figure's
    # baseline, so it is no next digit set tight; read as one line it gave 33 and 1111
    status, values = _table4(_pdf(tmp_path, size=size, twice=twice, down=down))
    assert (status, values) == ("ok", _READ)


def test_figures_set_tight_read_as_before(tmp_path: Path) -> None:
    # 1 pt tighter on 6 pt digits (−0.17 em): boxes overlap by 36%, two printed digits
    assert _table4(_pdf(tmp_path, size=6, spacing=-1.0)) == ("ok", _READ)
    assert _table4(_pdf(tmp_path, size=10, spacing=-0.8)) == ("ok", _READ)


def test_figures_too_tight_to_tell_are_reported(tmp_path: Path) -> None:
    # 1.5 pt tighter on 6 pt digits: "11" overlaps as much as a copy 1.3 pt off would
    status, values = _table4(_pdf(tmp_path, size=6, spacing=-1.5))
    assert values[5] is None  # 11: neither 1 nor 11 guessed
    assert values[:5] + values[6:] == _READ[:5] + _READ[6:]  # 13 is two digits all the same


def test_bold_face_drawn_once_reads_as_before(tmp_path: Path) -> None:
    assert _table4(_pdf(tmp_path, size=9, font="Helvetica-Bold")) == ("ok", _READ)
