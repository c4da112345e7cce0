"""A 印发 notice whose issuer heads it — the office's name on the line above "关于印发《…年度
报告》的通知", or before 关于 in that title — is often signed at its foot with the date alone:
the report then had no publication date, as the notice's date was asked for under an issuer
line. A date line alone right under the notice's body is the notice's date when its head
names the issuer, in the year reported on or the next; without an issuer named it is not.

The report texts are fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report
from nlp_reports.parse import metadata as meta

_HEADED = """枫林市生态环境局办公室
关于印发《枫林市生态环境局2022年政府信息公开工作年度报告》的通知
局机关各处室、各分局：
　　《枫林市生态环境局2022年政府信息公开工作年度报告》已经局党组会议审议通过，现印发给你们，请认真贯彻执行。
{foot}
枫林市生态环境局2022年政府信息公开工作年度报告
一、总体情况
　　2022年，我局围绕污染防治攻坚战公开环境信息，全年主动公开各类信息615条。
二、主动公开政府信息情况
　　本年新制发规范性文件3件。
"""


@pytest.mark.parametrize("foot, published", [
    ("\n2023年1月18日\n", "2023-01-18"),
    ("　　特此通知\n　　　　　　　　　　二〇二三年一月十八日\n", "2023-01-18"),
    # a date of another year than the report's or the next is still no date of it
    ("\n2020年1月18日\n", None),
])
def test_date_alone_under_a_notice_headed_by_its_issuer(foot, published):
    md = load_report(_HEADED.format(foot=foot)).metadata
    assert md.year == 2022
    assert md.published == published
    assert md.published_from == ("signature" if published else None)


def test_issuer_before_guanyu_in_the_title_names_it():
    title = "青山镇人民政府关于印发《青山镇2024年政府信息公开工作年度报告》的通知"
    between = "各村（社区）：\n现将年度报告印发给你们。\n2025年1月10日\n青山镇2024年政府信息公开工作年度报告\n"
    assert meta.notice_date(title, between, 2024) == "2025-01-10"


def test_no_issuer_named_no_date_alone():
    title = "关于印发《青山镇2024年政府信息公开工作年度报告》的通知"
    between = "各村（社区）：\n现将年度报告印发给你们。\n2025年1月10日\n"
    assert meta.notice_date(title, between, 2024) is None
    # a line above the title that is prose, not a name, names no issuer
    assert meta.notice_date(title, between, 2024, above="为进一步做好政务公开工作，") is None
    assert meta.notice_date(title, between, 2024, above="青山镇人民政府") == "2025-01-10"


def test_date_under_a_salutation_is_not_the_notices():
    title = "青山镇人民政府关于印发《青山镇2024年政府信息公开工作年度报告》的通知"
    between = "各村（社区）：\n2025年1月10日\n现将年度报告印发给你们。\n"
    assert meta.notice_date(title, between, 2024) is None
