"""An older report's fee part and review/litigation part joined under one title, whose whole
text says there was none of either: "均无。", "均未发生。", "以上情况均没有。". A part saying "无。"
gave 0 fee, 0 reviews and 0 lawsuits; "均无。" — the merged part's usual wording — gave none of
the three (the none-readers knew 无, 没有, 未发生, not 均…). Only that short text: a sentence with
a figure, or about something else, is read as it is.

The report texts are fictional, written for these tests.
"""

from __future__ import annotations

import pytest
from _corpus_helpers import parsed_store

from nlp_reports.corpus import Store
from nlp_reports.corpus.summarize import cases_none, load_frames
from nlp_reports.parse.fees import narrative_fee

_MERGED = "政府信息公开的收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼的情况"


def _report(path, agency, year, merged_numeral, body):
    path.write_text(f"""{agency}{year}年政府信息公开工作年度报告

一、概述
{year}年，我局按照县政府统一部署，把政府信息公开纳入日常工作，明确一名分管领导负责。

二、主动公开政府信息情况
全年主动公开信息88条，主要为项目审批结果和专项资金使用情况。

三、依申请公开政府信息情况
本年度收到政府信息公开申请3件，均予以公开。

{merged_numeral}{_MERGED}
{body}

存在的主要问题及改进措施
信息更新还不够及时。今后将建立每月更新制度。
""", encoding="utf-8")
    return path


def _figures(tmp_path, rows):
    files = [_report(tmp_path / f"r{i}.txt", *row) for i, row in enumerate(rows)]
    with Store(parsed_store(tmp_path / "c.db", files), readonly=True) as store:
        reports = load_frames(store).reports.set_index("agency")
    return reports[["fee_narrative", "review_narrative", "litigation_narrative"]]


def test_a_merged_part_saying_none_of_both_gives_zeros(tmp_path):
    got = _figures(tmp_path, [
        ("临江县审计局", 2009, "四、", "均无。"),
        ("临江县水务局", 2012, "", "均未发生。"),  # the merged title written without a numeral
        ("临江县司法局", 2015, "四、", "以上情况均没有。"),
    ])
    for agency in ("临江县审计局", "临江县水务局", "临江县司法局"):
        assert got.loc[agency].tolist() == [0.0, 0.0, 0.0], agency


def test_a_merged_part_with_a_figure_is_read_as_written(tmp_path):
    got = _figures(tmp_path, [
        ("临江县国土资源局", 2013, "四、", "未收取任何费用。全年发生行政复议1件，维持原答复。"),
        ("临江县城建局", 2014, "四、", "均无异议。"),  # not a none-statement of the part
    ])
    fee, review, litigation = got.loc["临江县国土资源局"].tolist()
    assert (fee, review) == (0.0, 1.0)
    assert litigation != litigation  # NaN: the part says nothing of lawsuits, no 0 is made up
    row = got.loc["临江县城建局"].tolist()
    assert all(v != v for v in row)  # NaN: nothing said about fees or cases


@pytest.mark.parametrize("text", ["均无。", "均无", "均未发生。", "都没有。", "本年度均无。",
                                  "上述情况均未发生。", "无。", "均为零。"])
def test_short_none_texts_of_the_merged_part(text):
    assert cases_none(_MERGED, text) == (True, True)
    assert narrative_fee([(_MERGED, text)], 2012) == 0.0


@pytest.mark.parametrize("text", ["均无异议。", "均无收费。全年行政复议2件。", "均为2件。",
                                  "均按规定办理。", "均已办结。"])
def test_other_short_texts_are_no_none(text):
    assert cases_none(_MERGED, text) is None


_CASES = "因政府信息公开申请行政复议、提起行政诉讼的情况"


@pytest.mark.parametrize("title, text, cases, fee", [
    (_MERGED, "行政复议、行政诉讼均无。", (True, True), None),  # the fee is not said
    (_MERGED, "收费、行政复议、行政诉讼均无。", (True, True), 0.0),
    (_MERGED, "未收取费用。行政复议、行政诉讼均无。", (True, True), 0.0),
    ("行政复议和行政诉讼情况", "行政复议、行政诉讼均未发生。", (True, True), None),
    (_CASES, "因政府信息公开申请行政复议、提起行政诉讼的情况均未发生。", (True, True), None),
    (_CASES, "行政复议无。行政诉讼1件。", (True, False), None),  # (诉讼 read from its figure)
])
def test_a_none_sentence_naming_its_matters(title, text, cases, fee):
    # "行政复议、行政诉讼均无。" under the joined title gave no 0s: only a text with nothing
    # but 均无 (the matters unnamed) was read as none
    assert cases_none(title, text) == cases
    assert narrative_fee([(title, text)], 2014) == fee


@pytest.mark.parametrize("text", ["行政复议1件，行政诉讼均无。", "行政复议、行政诉讼均已审结。",
                                  "行政复议、行政诉讼均维持原答复。"])
def test_a_sentence_with_a_figure_or_another_matter_gives_no_zeros(text):
    assert cases_none(_MERGED, text) is None


def test_named_none_in_the_merged_part_gives_zeros_in_the_store(tmp_path):
    got = _figures(tmp_path, [
        ("临江县气象局", 2010, "四、", "行政复议、行政诉讼均无。"),
        ("临江县烟草专卖局", 2017, "四、", "收费、行政复议、行政诉讼均无。"),
        ("临江县统计局", 2016, "四、", "未收取费用。行政复议1件，行政诉讼均无。"),
    ])
    fee, review, litigation = got.loc["临江县气象局"].tolist()
    assert (review, litigation) == (0.0, 0.0) and fee != fee  # NaN: the fee is not said
    assert got.loc["临江县烟草专卖局"].tolist() == [0.0, 0.0, 0.0]
    fee, review, litigation = got.loc["临江县统计局"].tolist()
    assert (fee, review) == (0.0, 1.0)


def test_a_none_sentence_naming_the_fee_beside_an_amount_leaves_it_unclear():
    # the part states an amount and also says the fee was none: which is meant is not said,
    # so no fee is given (it gave 0, the amount's sentence never read)
    text = "本年度按规定收取检索费、复制费共计35元。收费、行政复议、行政诉讼均无。"
    assert narrative_fee([(_MERGED, text)], 2013) is None
    assert narrative_fee([(_MERGED, "收费、行政复议、行政诉讼均无。")], 2013) == 0.0
