"""The batch comparison form of statements (copying.normalize_all) is normalize() per text."""

from __future__ import annotations

import random

from nlp_reports.corpus.copying import NearDuplicateIndex, normalize, normalize_all

STATEMENTS = [
    "（一）政务公开专业人员不足，兼职人员流动性较大。",
    "2、部分栏目更新不及时，2022年第3季度仅发布信息12条。",
    "三是依申请公开答复的规范性有待提高，个别答复书引用条款不准确",
    "① 加强培训，全年组织业务培训３次、参训１５０人次；",
    "下一步，我局将以“公开为常态、不公开为例外”为原则…… 进一步做好相关工作",
    "全年收到申请1,234件，办结率99.5%，较上年增长0.8个百分点",
    "一、 ",
    "",
    "   \u3000\t\n",
    "第1.2.3条 规定：",
    "١٢٣ 件（阿拉伯-印度数字）",
    "存在问题：\u2028宣传不够",
    "x\ud800y",  # a lone surrogate, as a broken decode may leave
    "12",
    "34",
    "额度5",
    "6万元",
    "共计：7.",
    ".5 亿",
    "《中华人民共和国政府信息公开条例》第二十条",
    "(3)做好【政策解读】〔2023〕5号",
]


def test_every_case_as_normalize_gives_it():
    assert normalize_all(STATEMENTS) == [normalize(t) for t in STATEMENTS]


def test_digits_at_the_edge_of_two_texts_stay_in_their_own_text():
    # "12" then "34": each its own "0", never one run across the two
    assert normalize_all(["截至年底12", "34项", "5"]) == ["截至年底0", "0项", "0"]


def test_no_text_and_empty_texts():
    assert normalize_all([]) == []
    assert normalize_all(["", "。，", "  "]) == ["", "", ""]
    assert normalize_all([None, "1号"]) == ["", "0号"]  # type: ignore[list-item]


def test_characters_beyond_the_bmp_and_lone_surrogates_stay_as_they_were():
    # 2 bytes a character only when that is exact: a supplementary character (𠮷, an
    # emoji) is one character, and two lone surrogates that meet once the punctuation
    # between them is dropped stay two, never decoded into one emoji
    texts = ["吉野家𠮷店，12号", "\ud83d。\ude00", "\ud83d", "\ude00好", "😀3个"]
    assert normalize_all(texts) == [normalize(t) for t in texts]
    assert normalize_all(["\ud83d。\ude00"]) == ["\ud83d\ude00"]
    assert len(normalize_all(["\ud83d。\ude00"])[0]) == 2
    bmp_only = ["全年收到申请１２件。", "（二）部分公开"]
    assert normalize_all(bmp_only) == [normalize(t) for t in bmp_only]


def test_random_mixes_of_markers_punctuation_and_digits():
    rng = random.Random(20240611)
    alphabet = "0123456789１２٣.．,，。、 \u3000\t\nab一二三是（）()①⑳年件号％%-—"
    for _ in range(2_000):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
                 for _ in range(rng.randint(1, 7))]
        assert normalize_all(texts) == [normalize(t) for t in texts], texts


def test_the_index_groups_texts_as_the_per_text_form_does():
    texts = ["1. 加强培训", "2、加强培训", "加强培训。", "（三）加强 培训", "强化考核"]
    index = NearDuplicateIndex.build(texts)
    assert index.unique == ["加强培训", "强化考核"]
    assert index.uid.tolist() == [0, 0, 0, 0, 1]


def test_first_codes_as_pandas_factorize_gives_them():
    import numpy as np
    import pandas as pd

    from nlp_reports.corpus.copying import first_codes

    rng = random.Random(5)
    pool = ["加强培训。", "加强培训", "（一）加强培训。", "", "𠮷", "加强 培训", "a", "A"]
    for values in ([], [""], pool, [rng.choice(pool) for _ in range(300)],
                   ["加强培训", None, "加强培训", None], ["1", 1, 1.0, "1"]):
        codes, uniques = first_codes(list(values))
        want_codes, want_uniques = pd.factorize(pd.Series(list(values), dtype=object))
        assert np.asarray(codes).tolist() == np.asarray(want_codes).tolist(), values
        assert list(uniques) == list(want_uniques), values


def test_the_index_of_texts_with_a_missing_one():
    index = NearDuplicateIndex.build(["1. 加强培训", None, "加强培训。", "强化考核"])
    assert index.unique[index.uid[0]] == index.unique[index.uid[2]] == "加强培训"
    assert index.unique[index.uid[3]] == "强化考核"
