"""A page's date printed in its foot, under the report's closing date, is the page's date.

Some portals print 发布时间 under the article rather than over it; the report's own date
(落款) was then taken as the publication date, a few days before the page went up (a
report signed on 19 January and put up on 22 January, or in March, was read as on time).
"""
from __future__ import annotations

import pytest

from nlp_reports.parse import load_report

BODY = ("一、总体情况\n　　2023年，我局主动公开政务信息86条，收到政府信息公开申请2件，均按期答复。\n"
        "二、主动公开政府信息情况\n（略）\n三、收到和处理政府信息公开申请情况\n本年新收申请2件。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n"
        "　　一是信息更新不够及时；二是解读形式较为单一。下一步，我局将落实专人负责。\n"
        "六、其他需要报告的事项\n本年度未收取信息处理费。\n\n")


def _page(foot: str, head: str = "") -> bytes:
    return (f"{head}鹿鸣县农业农村局2023年政府信息公开工作年度报告\n\n{BODY}"
            f"鹿鸣县农业农村局\n2024年1月19日\n\n{foot}").encode()


@pytest.mark.parametrize("foot, published, source", [
    ("发布时间：2024-01-22　浏览次数：213\n【打印本页】【关闭窗口】\n", "2024-01-22", "page"),
    ("来源：鹿鸣县农业农村局　发布日期：2024-03-05\n", "2024-03-05", "page"),
    ("【发布时间】2024-01-25\n", "2024-01-25", "page"),
    # the foot's other dates are no page date: an edit, a linked article's, a bare date
    ("更新时间：2024-06-30\n", "2024-01-19", "signature"),
    ("上一篇：鹿鸣县农业农村局2022年政府信息公开工作年度报告 2023-01-18\n", "2024-01-19", "signature"),
    ("打印时间：2024-11-02\n", "2024-01-19", "signature"),
    # far below the report, among other pages' links: not read
    ("相关链接：\n" + "鹿鸣县人民政府网站群导航　县直部门　乡镇街道　便民服务\n" * 12
     + "发布时间：2024-01-22\n", "2024-01-19", "signature"),
])
def test_page_date_in_the_foot(foot, published, source):
    meta = load_report(_page(foot), filename="page.txt").metadata
    assert (meta.published, meta.published_from) == (published, source)


@pytest.mark.parametrize("foot", [
    # a box of links whose items carry their own key
    "相关文章：\n鹿鸣县农业农村局2022年政府信息公开工作年度报告　发布时间：2023-01-18\n"
    "鹿鸣县农业农村局关于做好春耕备耕工作的通知　发布时间：2024-02-02\n",
    "上一篇：鹿鸣县农业农村局2022年政府信息公开工作年度报告　发布时间：2023-01-18\n下一篇：无\n",
    "【相关链接】\n乡村振兴政策问答　发布日期：2024-02-27\n",
    # a link named on the key's own line, under the page's chrome
    "【打印本页】【关闭窗口】\n鹿鸣县农业农村局2021年政府信息公开工作年度报告　发布日期：2024-03-08\n",
    # the report's annex, dated by its own metadata
    "附件：\n鹿鸣县农业农村局政务公开工作制度\n（发布日期：2021年3月5日）\n",
    # a key dated before the report was signed: another document's
    "公开日期：2024年1月15日\n",
])
def test_another_documents_date_in_the_foot_is_not_the_page_date(foot):
    meta = load_report(_page(foot), filename="page.txt").metadata
    assert (meta.published, meta.published_from) == ("2024-01-19", "signature")


def test_a_date_in_the_head_comes_first():
    meta = load_report(_page("发布时间：2024-01-22\n", head="发布时间：2024-01-20　来源：本局\n"),
                       filename="page.txt").metadata
    assert (meta.published, meta.published_from) == ("2024-01-20", "page")
