"""Older reports' 复议/诉讼 and 依申请公开 parts read as their titles say: a case sentence
there is about disclosure though it does not say 政府信息公开, while a case in another part's
narrative, a licence or penalty review, or the body's own work as review organ is never
counted. And the prose reader takes a disclosure count given as a part of all cases."""

from __future__ import annotations

from _corpus_helpers import parsed_store

from nlp_reports.corpus import Store
from nlp_reports.corpus.summarize import load_frames
from nlp_reports.parse.checks import narrative_figures

_NUMERALS = "一二三四五六七八"


def _report(path, agency, year, parts):
    lines = [f"{agency}{year}年政府信息公开工作年度报告", ""]
    for numeral, (title, body) in zip(_NUMERALS, parts, strict=False):
        lines += [f"{numeral}、{title}", body, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


_OVERVIEW = ("概述", "我局按照《条例》要求，稳步推进各项公开工作，全年运行平稳。")
_ACTIVE = ("主动公开政府信息情况", "全年通过门户网站主动公开信息405条，公开指南和目录及时更新。")
_APPLIED = ("依申请公开政府信息情况", "全年受理政府信息公开申请16件，其中予以公开9件，部分公开2件。")
_FEES = ("政府信息公开的收费及减免情况", "本年度没有收取检索、复制、邮寄等费用。")
_PROBLEMS = ("存在的主要问题及改进措施", "基层公开工作力量偏弱。明年将充实人员，完善工作制度。")
_OTHER = ("其他需要报告的事项", "本年度无其他需要报告的事项。")


def _figures(tmp_path, parts_by_agency):
    files = [_report(tmp_path / f"r{i}.txt", agency, year, parts)
             for i, (agency, year, parts) in enumerate(parts_by_agency)]
    with Store(parsed_store(tmp_path / "c.db", files), readonly=True) as store:
        reports = load_frames(store).reports.set_index("agency")
    return reports[["received_narrative", "review_narrative", "litigation_narrative"]]


def test_a_case_in_the_part_titled_for_cases_is_read(tmp_path):
    """The fee and case part of a 2016 report, a 复议诉讼 part written without 行政 (2013),
    and an 依申请公开 part counting without the word 申请 (2011)."""
    got = _figures(tmp_path, [
        ("鹿鸣县住房和城乡建设局", 2016,
         [_OVERVIEW, _ACTIVE, _APPLIED,
          ("收费及减免情况、行政复议和行政诉讼情况",
           "未收取任何费用。全年发生行政复议2件，均维持原答复；行政诉讼1件，法院驳回起诉。"),
          _PROBLEMS, _OTHER]),
        ("桃源乡人民政府", 2013,
         [_OVERVIEW, _ACTIVE, _APPLIED, _FEES, ("复议诉讼情况", "全年未发生复议、诉讼案件。"),
          _PROBLEMS, _OTHER]),
        ("宁远县审计局", 2011,
         [_OVERVIEW, _ACTIVE, ("依申请公开政府信息情况", "本年度共受理27件，均在法定期限内答复。"),
          _FEES, ("行政复议和行政诉讼情况", "全年行政复议、行政诉讼均为零。"), _PROBLEMS, _OTHER]),
    ])
    assert got.loc["鹿鸣县住房和城乡建设局"].tolist() == [16, 2, 1]
    assert got.loc["桃源乡人民政府"].tolist()[1:] == [0, 0]
    assert got.loc["宁远县审计局"].tolist() == [27, 0, 0]


def test_other_cases_are_never_counted(tmp_path):
    """A penalty review in 概述, a licence review beside the disclosure one, and reviews the
    body handled as review organ: none of them is a disclosure case (a missing figure, never
    a wrong one)."""
    got = _figures(tmp_path, [
        ("凤城县农业局", 2010,
         [("概述", "全年因行政处罚引发行政复议2件，均已办结。"), _ACTIVE, _APPLIED, _FEES,
          ("因政府信息公开申请行政复议、提起行政诉讼的情况", "本年度无。"), _PROBLEMS, _OTHER]),
        ("西岭市国土资源局", 2013,
         [_OVERVIEW, _ACTIVE, _APPLIED, _FEES,
          ("行政复议和行政诉讼情况",
           "因政府信息公开申请引发行政复议1件，已维持。另有行政许可类行政复议3件，尚在审理中。"),
          _PROBLEMS, _OTHER]),
        ("安平市法制办公室", 2012,
         [_OVERVIEW, _ACTIVE, _APPLIED, _FEES,
          ("行政复议和行政诉讼情况", "全年本办共受理行政复议案件46件，审结43件。"),
          _PROBLEMS, _OTHER]),
        ("北湖区市场监督管理局", 2014,
         [_OVERVIEW, _ACTIVE, _APPLIED,
          ("政府信息公开的收费及减免情况", "全年办理行政复议案件12件，未收取信息公开费用。"),
          _PROBLEMS, _OTHER]),
    ])
    assert got.loc["凤城县农业局", "review_narrative"] == 0
    assert got.loc["西岭市国土资源局", "review_narrative"] == 1
    assert got.loc["安平市法制办公室", "review_narrative"] != got.loc["安平市法制办公室",
                                                                  "review_narrative"]
    assert got.loc["北湖区市场监督管理局", "review_narrative"] != got.loc[
        "北湖区市场监督管理局", "review_narrative"]


def test_disclosure_cases_as_a_part_of_all_cases():
    """The count of all cases is no disclosure count; its 其中 part naming 信息公开 is, and a
    sentence saying its cases are not about disclosure, or a penalty clause, gives none."""
    assert narrative_figures("2019年度，共发生行政复议案件5件，其中涉及政府信息公开的2件。") == {
        "review": {2}}
    assert narrative_figures("本局作为被申请人的行政诉讼案件共9件，主要涉及行政处罚，"
                             "其中涉及政府信息公开的0件。") == {"litigation": {0}}
    assert narrative_figures("全年发生行政复议3件，均不涉及政府信息公开。") == {}
    assert narrative_figures("全年发生行政复议3件，其中不涉及政府信息公开的3件。") == {}
    assert narrative_figures("全年发生行政复议1件（系不服我局行政处罚决定），未发生因政府信息"
                             "公开引发的行政复议和行政诉讼。") == {"review": {0}, "litigation": {0}}
    assert narrative_figures("全年因政府信息公开申请被申请行政复议三件，被提起行政诉讼一件。") == {
        "review": {3}, "litigation": {1}}


def test_cases_about_land_compensation_or_a_work_injury_are_not_disclosure_cases(tmp_path):
    """Under a part titled for cases, a sentence that names its cases' matter — land and
    compensation, a work-injury ruling — or the government receiving others' review
    applications gives no disclosure count (a missing figure, never a wrong one)."""
    cases = "因政府信息公开申请行政复议、提起行政诉讼的情况"
    got = _figures(tmp_path, [
        ("临川县自然资源局", 2012,
         [_OVERVIEW, _ACTIVE, _APPLIED, _FEES,
          (cases, "全年共发生行政复议3件、行政诉讼5件，均为土地补偿纠纷。"), _PROBLEMS, _OTHER]),
        ("临川县人力资源和社会保障局", 2013,
         [_OVERVIEW, _ACTIVE, _APPLIED, _FEES,
          (cases, "本年度我局被申请行政复议1件，系不服我局作出的工伤认定决定。"), _PROBLEMS, _OTHER]),
        ("临川县人民政府", 2011,
         [_OVERVIEW, _ACTIVE, _APPLIED, _FEES,
          (cases, "全年县政府共收到行政复议申请46件，依法作出复议决定40件。"), _PROBLEMS, _OTHER]),
    ])
    for agency in ("临川县自然资源局", "临川县人力资源和社会保障局", "临川县人民政府"):
        review = got.loc[agency, "review_narrative"]
        assert review != review, agency  # NaN: read as 3, 1 and 46 before
    litigation = got.loc["临川县自然资源局", "litigation_narrative"]
    assert litigation != litigation  # 5 before
    # named as disclosure elsewhere in the sentence: its other clause is still no count
    assert narrative_figures("本年度未发生因政府信息公开引起的行政复议，发生行政诉讼2件（均为征地"
                             "补偿纠纷）。") == {"review": {0}}  # litigation 2 before
