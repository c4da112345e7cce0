"""Announcing lead-ins ("主要存在以下问题：", "下一步，我们将：") are no shared or copied statement.

Three county bodies wrote section 五 as "主要存在以下问题：一是…；二是网站建设有待加强。下一步，我们
将：一是…；二是加强网站建设。" Each lead-in is a statement (a lead-in sentence is one), so each
joined a cross-agency cluster and the audit told every body 有4条表述与其他机关…相同或近似（套话雷同）
where two real statements are shared. A lead-in that only announces what follows (a colon at
its end, no word of its own) is left out of the clusters, the copies from last year and
their counts; one with words of its own is boilerplate and stays.
"""

from __future__ import annotations

import importlib

import pandas as pd
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, audit
from nlp_reports.corpus.copying import NearDuplicateIndex, announcements, boilerplate

sm = importlib.import_module("nlp_reports.corpus.summarize")

SHARED_PROBLEM = "网站建设有待加强，部分栏目长期未更新。"
SHARED_MEASURE = "加强网站建设，落实栏目内容定期巡查。"


def test_only_a_colon_ended_announcement_with_no_word_of_its_own_is_one():
    said = ["主要存在以下问题：", "下一步，我们将：", "具体改进措施如下：", "存在的问题有两个方面：",
            "2025年，我局将重点做好以下几方面工作：", "针对上述问题，我县拟从三个方面着手整改：",
            "但工作中仍有不足:", "我镇政府信息公开工作还存在一些不足："]
    kept = ["在总结成绩的同时，我们也清醒地认识到工作中还存在一些问题和短板：",  # words of its own
            "2021年，我县政府信息公开工作取得了一定成效，但仍存在一些不足：",
            "下一步，我局将坚持问题导向：", "一是人员力量不足：", "主要存在以下问题。",
            "网站建设有待加强", ""]
    assert announcements(said).tolist() == [True] * len(said)
    assert announcements(kept).tolist() == [False] * len(kept)


def _statements(rows):
    return pd.DataFrame(rows, columns=["report_id", "idx", "text", "kind", "agency"])


def test_announcements_join_no_cross_agency_cluster():
    rows = []
    for rid, agency, own in ((1, "柳岸县教育局", "人手少、任务重，年报编制时间紧。"),
                             (2, "柳岸县水利局", "公开目录更新有遗漏，个别文件未及时归档。"),
                             (3, "柳岸县文旅局", "对依申请答复的法律审核把关不够。")):
        rows += [(rid, 0, "主要存在以下问题：", "other", agency), (rid, 1, own, "problem", agency),
                 (rid, 2, SHARED_PROBLEM, "problem", agency),
                 (rid, 3, "下一步，我们将：", "other", agency),
                 (rid, 4, SHARED_MEASURE, "measure", agency)]
    st = _statements(rows)
    clusters, members = boilerplate(st, NearDuplicateIndex.build(st["text"].tolist()))
    assert sorted(clusters["text"]) == sorted([SHARED_PROBLEM, SHARED_MEASURE])
    assert members.groupby("report_id").size().tolist() == [2, 2, 2]


def _store(tmp_path, reports):
    tagger = FakeTagger()
    db = tmp_path / "s.sqlite"
    with Store(db) as s:
        for name, r in reports.items():
            s.write_report(name, r, tagger.tag_many([r])[0], model_id="m")
    return db


def test_the_audit_counts_two_shared_statements_not_four(tmp_path):
    own = {"青禾县教育局": ("招生信息发布渠道单一，家长获取不便。", "开通招生信息短信提醒。"),
           "青禾县水利局": ("防汛信息公开不够及时。", "汛期每日发布雨情水情。"),
           "青禾县民政局": ("社会救助政策解读偏少。", "制作救助政策图解。")}
    reports = {f"{a}.txt": make_report(a, 2024, ["主要存在以下问题：", p, SHARED_PROBLEM],
                                       ["下一步，我们将：", m, SHARED_MEASURE], level="department")
               for a, (p, m) in own.items()}
    rows = audit(_store(tmp_path, reports)).to_dict()
    assert [r["shared_with_other_agencies"] for r in rows] == [2, 2, 2]
    assert all("有2条表述与其他机关" in r["signals_zh"] for r in rows)


def test_an_announcement_is_not_copied_from_last_year_nor_counted(tmp_path):
    reports = {
        "2023.txt": make_report("白石镇人民政府", 2023, ["存在的不足主要有：", "公开栏内容陈旧。"],
                                ["下一步，我镇将：", "每月更新村务公开栏。"], level="township"),
        "2024.txt": make_report("白石镇人民政府", 2024, ["存在的不足主要有：", "政策解读形式单一。"],
                                ["下一步，我镇将：", "用图解、短视频解读惠民政策。"],
                                level="township"),
    }
    db = _store(tmp_path, reports)
    cp = sm.summarize(db).copying.set_index("year")
    assert cp.loc[2024, "n_copied"] == 0
    assert cp.loc[2024, "n_statements"] == 2  # the two lead-ins are not counted
    row = next(r for r in audit(db).to_dict() if r["year"] == 2024)
    assert row["copied_from_last_year"] == 0
