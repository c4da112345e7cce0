"""Ministries' reports of 2008–2025: a 2019 or 2020
report still written in the older layout (第一部分 概述 … 第七部分, no 表二–表四) is dated
into the 2019 format, so the summary read its prose figures from section 一 alone and lost
the 依申请公开 and 复议诉讼 parts' counts — a hole in the series at the format change, said
nowhere; "申请人通过信函、网上申请等方式向我部申请公开政府信息200件" was read as a channel's part,
not the year's count (32 of 102 older reports of her folder lost 受理); and the rename hint never named a ministry's rename (…部 and …总局 were no unit
words, and a ministry's name has no place before its department's)."""

from __future__ import annotations

import pandas as pd
import pytest
from _corpus_helpers import parsed_store

from nlp_reports.corpus import Store
from nlp_reports.corpus.summarize import load_frames, narrative_counts, rename_candidates

OLD_LAYOUT_2020 = """国家渔政船检总局2020年政府信息公开工作年度报告

本报告由国家渔政船检总局依据《中华人民共和国政府信息公开条例》编制，统计期限自2020年1月1日起至2020年12月31日止。

第一部分 概述
2020年，总局坚持依法公开，政务公开工作稳步推进，公开工作机构和人员保持稳定。

第二部分 主动公开政府信息情况
全年主动公开渔船检验、船员管理等政府信息1164条。

第三部分 依申请公开政府信息情况
2020年共受理政府信息公开申请47件，其中予以公开19件，部分公开6件，不予公开4件，其余申请已告知申请人获取途径。

第四部分 政府信息公开收费及减免情况
本年度未收取任何费用。

第五部分 因政府信息公开申请行政复议、提起行政诉讼情况
本年度因政府信息公开申请行政复议2件，提起行政诉讼1件。

第六部分 存在的主要问题和改进措施
总局信息公开工作还有不足：一是船检信息公开不够及时；二是答复文书规范性有待加强。下一步，总局将完善公开目录，加强答复审核。

第七部分 其他需要报告的事项
无。

国家渔政船检总局
2021年3月8日
"""


def test_a_2020_report_in_the_older_layout_gives_its_prose_counts(tmp_path):
    f = tmp_path / "国家渔政船检总局2020年报.txt"
    f.write_text(OLD_LAYOUT_2020, encoding="utf-8")
    db = parsed_store(tmp_path / "s.sqlite", [f])
    with Store(db, readonly=True) as s:
        r = load_frames(s).reports.iloc[0]
    assert r["year"] == 2020 and pd.isna(r["received"])  # no 表三: the table column is empty
    figures = {c: r[f"{c}_narrative"]
               for c in ("received", "granted", "partial", "refused", "review", "litigation")}
    assert figures == {"received": 47, "granted": 19, "partial": 6, "refused": 4,
                       "review": 2, "litigation": 1}


def test_a_ministrys_rename_is_hinted():
    reports = pd.DataFrame(
        [("农业部", y) for y in range(2012, 2018)] + [("农业农村部", y) for y in range(2018, 2022)]
        + [("国家流域环境保护总局", y) for y in range(2010, 2018)]
        + [("国家流域生态环境总局", y) for y in range(2018, 2020)]
        # a department of another name, and one whose years overlap: no hint
        + [("水利部", y) for y in range(2012, 2022)] + [("国家林业局", y) for y in (2016, 2017, 2018)]
        + [("国家林业和草原局", y) for y in (2018, 2019)],
        columns=["agency", "year"])
    pairs = {(old, new) for old, _, new, _ in rename_candidates(reports)}
    assert pairs == {("农业部", "农业农村部"), ("国家流域环境保护总局", "国家流域生态环境总局")}


@pytest.mark.parametrize("text, figures", [
    # the channels listed whole: the count is the year's (it was read as a channel's part)
    ("2013年度，我委依申请公开工作平稳有序。申请人通过信函、网上申请等方式向我委申请公开政府信息"
     "64件，办理结果：同意公开30件，部分公开7件，不同意公开5件。",
     {"received": 64, "granted": 30, "partial": 7, "refused": 5}),
    ("群众通过当面、传真等多种渠道向县档案馆申请公开政府信息9件，均已按期答复。", {"received": 9}),
    # a 其中 before the list still makes it a part of the total before it
    ("全年共受理政府信息公开申请20件，其中申请人通过网上、信函等方式向我局申请公开政府信息18件。",
     {"received": 20}),
    # another channel (咨询) stays unread
    ("市民通过12345热线等渠道向我局咨询政府信息30件。", {}),
])
def test_a_list_of_channels_is_no_sub_count(text, figures):
    assert narrative_counts(text, 2013) == figures
