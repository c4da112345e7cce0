"""load_report given a str: a mistyped path says "no such file", not that its content is no
report (a str naming no file used to be parsed as the report text itself)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.errors import NotAReportError, ParseError

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"


@pytest.mark.parametrize("name", ["reports/柳岸县2024.txt", "柳岸县2024.pdf", "a/b/c",
                                  "C:\\data\\report.docx", "年报 2023.HTML"])
def test_a_mistyped_path_is_no_such_file(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ParseError, match="no such file") as info:
        load_report(name)
    assert not isinstance(info.value, NotAReportError)


def test_a_folder_given_as_str_says_it_is_a_folder():
    with pytest.raises(ParseError, match="a folder, not a report file"):
        load_report(str(EXAMPLES))


def test_report_text_given_as_str_is_still_read_as_text():
    [path] = sorted(EXAMPLES.glob("柳岸县人民政府2024*.txt"))
    text = path.read_text(encoding="utf-8")
    report = load_report(text)
    assert report.metadata.source_format == "text" and report.statements
    # a one-line text (no newline) with a slash in it is text, not a path
    with pytest.raises(NotAReportError):
        load_report("关于做好2023年政务公开/依申请公开工作的通知，请各单位认真贯彻。")
