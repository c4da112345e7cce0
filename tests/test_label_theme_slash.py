"""Themes joined by a slash or a full-width bar in a label cell are several themes.

An assistant typed 人员力量/及时性 and training｜content_quality, as one writes two things in
a Chinese sheet; each cell was refused as one unknown theme, its hint naming only one of the
two ('staffing/timeliness' (did you mean 'timeliness'?)).
"""

import csv

from nlp_reports.classify.dataset import load_labeled


def test_slash_and_fullwidth_bar_separate_themes(tmp_path):
    f = tmp_path / "labels.csv"
    rows = [("text", "kind", "themes"),
            ("村务公开栏由文书兼管，经常一两个月不换内容", "问题", "人员力量/及时性"),
            ("信息员业务生疏，上报稿件错漏较多", "problem", "training｜content_quality"),
            ("开设政务公开微信专栏并安排专人维护", "措施", "platform ／ staffing"),
            ("本年度无此类情况", "其他", "")]
    with open(f, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    got = [(d.kind, d.themes) for d in load_labeled(f)]
    assert got == [("problem", ("staffing", "timeliness")),
                   ("problem", ("training", "content_quality")),
                   ("measure", ("staffing", "platform")),
                   ("other", ())]


def test_jsonl_string_of_themes_too(tmp_path):
    f = tmp_path / "labels.jsonl"
    f.write_text('{"text": "解读材料与文件同步发布", "kind": "measure", "themes": "interpretation/timeliness"}\n',
                 encoding="utf-8")
    assert load_labeled(f)[0].themes == ("timeliness", "interpretation")
