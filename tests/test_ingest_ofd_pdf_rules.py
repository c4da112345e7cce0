"""An OFD reads by the PDF reader's rules where the two meet: a report title cut inside 报告
on a later page, and a text layer of private-use glyphs (fonts without a Unicode map).

Fixtures: tests/fixtures/ofd16/make_ofd.py (qingshan_2023_compilation / _private_use /
_unmapped .ofd).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.errors import DecodingError, NotAReportError
from nlp_reports.ingest import read_document

HERE = Path(__file__).parent / "fixtures" / "ofd16"


def test_second_report_titled_across_two_lines_on_a_later_page_is_a_compilation():
    """The bureau's report after the 民政局's, its title cut '…工作年度报' / '告': the title is
    one line again, so the file is refused as two reports, not read as one with a long tail."""
    lines = read_document(HERE / "qingshan_2023_compilation.ofd").text.splitlines()
    assert "青山区退役军人事务局2023年政府信息公开工作年度报告" in lines
    assert "告" not in lines
    with pytest.raises(NotAReportError, match="compilation of 2 reports") as err:
        load_report(HERE / "qingshan_2023_compilation.ofd")
    assert "青山区民政局 2023" in str(err.value) and "青山区退役军人事务局 2023" in str(err.value)


def test_ofd_of_private_use_glyphs_is_refused_with_ocr_advice():
    with pytest.raises(DecodingError, match=r"OFD's fonts carry no usable Unicode map.*"
                                            r"private-use code points.*ocrmypdf") as err:
        load_report(HERE / "qingshan_2023_unmapped.ofd")
    assert "OFD reader" in str(err.value)


def test_a_few_private_use_glyphs_are_kept_and_said(caplog):
    with caplog.at_level(logging.WARNING, logger="nlp_reports"):
        got = load_report(HERE / "qingshan_2023_private_use.ofd")
    assert "2 characters of the OFD's text are private-use" in caplog.text
    assert "\ue1a5\ue2c0管理" in got.text
    want = load_report(HERE / "qingshan_2023_suwell.ofd")
    assert got.statements == want.statements
    assert [t.id for t in got.tables] == [t.id for t in want.tables]
