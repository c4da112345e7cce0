"""Short older reports with no heading and no table are reports, not notices or list pages
(the refusal of e511f84 must not take them): figures listed one a line, figures in Chinese
numerals, a zero said in words, a report that corrects data for a citizen."""

from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.errors import NotAReportError

TITLE = "青石乡人民政府{y}年政府信息公开工作年度报告\n\n"
SIGN = "\n\n青石乡人民政府\n{y1}年3月20日\n"

BODIES = {
    "figures one a line": "主动公开政府信息  120条\n其中：通过公开栏公开  80条\n"
                          "受理政府信息公开申请  2件\n依申请公开答复  2件\n"
                          "因政府信息公开申请行政复议  0件",
    "chinese numerals": "全年主动公开政府信息一百二十条，受理信息公开申请两件，均已按时答复。",
    "a zero in words": "本年度我乡通过公开栏主动公开政府信息，全年未收到政府信息公开申请，"
                       "未发生行政复议和行政诉讼。",
    "a correction for a citizen": (
        "2014年，我乡认真贯彻落实《中华人民共和国政府信息公开条例》，通过乡政务公开栏和县政府"
        "门户网站主动公开政府信息86条，其中财政预决算信息12条。全年受理政府信息公开申请3件，均在"
        "规定时限内答复。对群众反映的公开信息中个别数据错误，我乡及时核实，将错误数据更正为准确"
        "数据。全年未收取费用，未发生行政复议和行政诉讼。存在的问题是公开内容不够全面，下一步将"
        "加强培训，提高公开质量。"),
}


@pytest.mark.parametrize("name", sorted(BODIES))
def test_a_short_older_report_parses(tmp_path, name):
    f = tmp_path / "r.txt"
    f.write_text(TITLE.format(y=2012) + BODIES[name] + SIGN.format(y1=2013), "utf-8")
    r = load_report(f)
    assert (r.metadata.agency, r.metadata.year) == ("青石乡人民政府", 2012)


DATA = Path(__file__).parent / "data" / "newuser8"


@pytest.mark.parametrize("name", ["correction_notice.html", "list_page.html", "list_page.txt"])
def test_the_notice_and_the_list_page_are_still_refused(name):
    with pytest.raises(NotAReportError):
        load_report(DATA / name)


def test_a_page_listing_pagination_counts_is_no_figure(tmp_path):
    titles = "\n".join(f"青石乡人民政府{y}年政府信息公开工作年度报告 {y + 1}-03-20"
                       for y in range(2015, 2021))
    f = tmp_path / "list.txt"
    f.write_text(titles + "\n共6条 首页 上一页 下一页 尾页\n", "utf-8")
    with pytest.raises(NotAReportError, match="list of 6 report titles"):
        load_report(f)
