"""Older reports' 复议/诉讼 and 依申请公开 parts read as their titles say: a case sentence
there is about disclosure though it does not say 政府信息公开, while a case in another part's
narrative, a licence or penalty review, or the body's own work as review organ is never
counted. And the prose reader takes a disclosure count given as a part of all cases."""

from __future__ import annotations

from _corpus_helpers import parsed_store

from nlp_reports.corpus import Store
from nlp_reports.corpus.summarize import load_frames, narrative_counts, titled_part
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


def _part_counts(title, body):
    """The review and litigation counts an older report's part gives, read as the corpus
    summary reads it (its title's sense, then the prose reader)."""
    got = narrative_counts("\n\n".join(titled_part(t, b) for t, b in (
        _OVERVIEW, _APPLIED, (title, body), _PROBLEMS)), 2014)
    return got.get("review"), got.get("litigation")


def test_a_case_sentence_naming_any_other_matter_gives_no_count():
    """The matters of other cases are endless (劳动争议, 户籍, 工商登记, a 处理决定 …): a case
    sentence under a part titled for cases that names what its cases are about, the
    disclosure aside, gives no count, whether or not the matter is one listed anywhere."""
    cases = "因政府信息公开申请行政复议、提起行政诉讼的情况"
    for title, body in [
        (cases, "全年发生行政复议2件，均为劳动争议。"),
        ("行政复议、行政诉讼情况", "本年度被申请行政复议1件，系对我局作出的行政处理决定不服。"),
        ("行政复议和行政诉讼情况", "发生行政诉讼1件，涉及工商登记，目前尚未判决。"),
        ("行政复议和行政诉讼情况", "本年度发生行政复议3件，均属于户籍管理事项。"),
        (cases, "行政诉讼2件，针对我局作出的行政确认行为，法院均判决驳回。"),
        ("复议、诉讼情况", "全年行政复议1件，为医疗事故技术鉴定争议，已审结。"),
        ("行政复议和行政诉讼情况", "发生行政复议案件2件，申请人不服我局作出的责令改正通知书。"),
        (cases, "全年因企业年报公示问题引发行政诉讼1件。"),
        ("行政复议情况", "发生行政复议1件，案由为政府采购投诉处理。"),
        # the disclosure beside another matter, or in a part naming another too
        ("行政复议和行政诉讼情况", "被提起行政诉讼1件，系原告对我局作出的行政处理决定及答复不服。"),
        ("行政复议和行政诉讼情况", "发生行政复议2件。其中1件因对答复不服，另1件系劳动争议。"),
        # a short part about cases under another title
        ("其他需要报告的事项", "全年发生行政复议1件，系不服我局作出的行政处理决定。"),
        ("其他需要报告的事项", "发生行政诉讼2件，均为房产继承纠纷。"),
    ]:
        assert _part_counts(title, body) == (None, None), body


def test_a_case_about_the_disclosure_itself_or_naming_no_matter_is_read():
    """A case about an 答复, a 告知书, a refusal or a request for 政府信息 is a disclosure case
    though its sentence never says 信息公开; a bare count, 无 and 均为零 are read too."""
    title = "行政复议和行政诉讼情况"
    for body, want in [
        ("因对答复内容不满，申请人提起行政复议2件，均维持原答复。", (2, None)),
        ("行政复议1件，系申请人对我局作出的告知书不服，已维持。", (1, None)),
        ("申请人不服我局不予公开的决定提起行政复议1件，复议机关予以维持。", (1, None)),
        ("因要求公开政府信息未果，公民提起行政诉讼2件。", (None, 2)),
        ("发生行政诉讼1件，原告认为我局未在法定期限内答复，法院判决驳回。", (None, 1)),
        ("全年共发生行政复议案件3件，行政诉讼案件1件，均已审结。", (3, 1)),
        ("本年度共发生行政复议二起，行政诉讼一起，复议维持原决定。", (2, 1)),
        ("全年被申请行政复议1件，经复议撤销原行政行为，责令重新答复。", (1, None)),
        ("本年度发生行政复议2件，结果均为维持。", (2, None)),
        ("本年度未发生行政复议和行政诉讼。", (0, 0)),
        ("行政复议0件，行政诉讼0件。", (0, 0)),
    ]:
        assert _part_counts(title, body) == want, body
    assert _part_counts("其他需要报告的事项", "本年度发生行政复议1件，维持原答复。") == (1, None)


def test_an_unlisted_matter_gives_no_figure_in_the_store(tmp_path):
    """End to end: the labour-dispute reviews of one report are no disclosure figure, the
    reviews over an 答复 of another are."""
    cases = "因政府信息公开申请行政复议、提起行政诉讼的情况"
    got = _figures(tmp_path, [
        ("清溪县人力资源和社会保障局", 2015,
         [_OVERVIEW, _ACTIVE, _APPLIED, _FEES,
          (cases, "本年度被申请行政复议4件，行政诉讼1件，均为劳动争议。"), _PROBLEMS, _OTHER]),
        ("清溪县交通运输局", 2015,
         [_OVERVIEW, _ACTIVE, _APPLIED, _FEES,
          (cases, "因申请人对延期答复有异议，被申请行政复议1件，经复议维持。"), _PROBLEMS, _OTHER]),
    ])
    labour = got.loc["清溪县人力资源和社会保障局"]
    assert labour["review_narrative"] != labour["review_narrative"]  # 4 before
    assert labour["litigation_narrative"] != labour["litigation_narrative"]  # 1 before
    assert got.loc["清溪县交通运输局", "review_narrative"] == 1


def _cases(sentence):
    found = narrative_figures(sentence)
    return found.get("review"), found.get("litigation")


def test_a_count_over_disclosure_and_another_matter_is_not_read():
    # a total over several matters is never the disclosure count, whatever the other matter
    for sentence in ("本年度因政府信息公开及劳动争议引发行政复议3件。",
                     "涉及政府信息公开、工商登记的行政诉讼共3件，目前尚在审理中。",
                     "因劳动保障监察及政府信息公开引发的行政复议案件共4件。",
                     "全年因不服政府信息公开答复及行政处理决定提起行政复议4件。",
                     "我局全年共被提起行政诉讼6件，主要涉及政府信息公开和户籍管理。",
                     "因政府信息公开及其他事项引发行政诉讼3件。"):
        assert _cases(sentence) == (None, None), sentence


def test_another_matter_in_its_own_clause_leaves_the_disclosure_count():
    assert _cases("涉及政府信息公开的行政复议2件，其余系房屋登记纠纷。") == ({2}, None)
    assert _cases("因政府信息公开申请引发行政复议2件，另有行政诉讼1件系合同纠纷。") == ({2}, None)
    assert _cases("本年度因政府信息公开工作被申请行政复议1件，行政诉讼2件（均为劳动争议）。") \
        == ({1}, None)
    # the part in brackets, not the total before it
    assert _cases("发生行政复议5件（其中政府信息公开类2件）。") == ({2}, None)


def test_a_disclosure_matter_in_its_own_words_is_still_read():
    assert _cases("因不服政府信息公开答复及告知书提起行政复议2件，复议机关均予维持。") == ({2}, None)
    assert _cases("因申请人对我局政府信息公开答复不服，提起行政复议1件。") == ({1}, None)
    assert _cases("2015年因政府信息公开申请引发的行政复议案件1件、行政诉讼案件0件。") == ({1}, {0})
    assert _cases("全年发生政府信息公开行政诉讼1件，系原告要求公开征地补偿安置方案。") == (None, {1})
    assert _cases("全年未发生因政府信息公开引发的行政复议和行政诉讼。") == ({0}, {0})
