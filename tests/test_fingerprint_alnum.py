"""The content fingerprint keeps the letters and digits of sections 一, 五 and 六 through a
table of the BMP's code points instead of a regex over each text; the text it hashes, and so
every stored fingerprint, stays what ``"".join(re.findall(r"[^\\W_]+", text))`` gave."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from nlp_reports.corpus import store

_RUNS = re.compile(r"[^\W_]+").findall


def _plain(text: str) -> str:
    return "".join(_RUNS(text))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=60))
@example("")
@example("_")
@example("a_b")
@example("２０２３年，全县共收到申请１２件。")  # full-width digits: letters and digits too
@example("𠮷野家政府信息公开")  # beyond the BMP: the regex's way
@example("abc\ud800def")  # a lone surrogate (an undecodable byte): no letter, dropped
@example("Ⅻ½²³①")  # numerals and numbers that are no decimal digit
def test_alnum_text_is_the_regex_runs(text):
    assert store._alnum_text(text) == _plain(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([
    "全年共受理政府信息公开申请", "12", "件", "，", "。", "\n", "（一）", "存在的主要问题", "\u3000",
    "ＡＢＣ", "_", "·", "、", "𠮷", "2023", "《条例》", " ", "—", "％", "Ⅻ",
]), max_size=40))
def test_pieces_of_reports(pieces):
    text = "".join(pieces)
    assert store._alnum_text(text) == _plain(text)


def _fingerprint_by_regex(agency, year, traditional, sections, tables):
    """content_fingerprint as written with the regex (traditional texts aside)."""
    texts = []
    for number, text in sections:
        if number in store.FINGERPRINT_SECTIONS and text:
            t = _plain(text)
            if not unicodedata.is_normalized("NFKC", t):
                t = _plain(unicodedata.normalize("NFKC", t))
            texts.append(f"{number}:{t}")
    parts = [f"{tid}={values}" for tid, values in tables]
    if not any(t.partition(":")[2] for t in texts) and not parts:
        return None
    return hashlib.sha256(json.dumps([agency, None if year is None else str(year), texts, parts],
                                     ensure_ascii=False).encode("utf-8")).hexdigest()


def test_fingerprint_unchanged():
    sections = [
        (1, "　　2023年，本局认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开信息1,204条；"
            "收到依申请公开３５件（含上年结转2件），办结33件。"),
        (2, "信息内容 | 本年制发件数\n规章 | 0"),
        (5, "（一）存在的主要问题\n1.公开内容不够全面。\n（二）改进措施\n一是加强培训；二是完善制度。"),
        (6, "本机关未收取信息处理费。𠮷"),
    ]
    tables = [("T2", "[[0,0,0]]"), ("T3", "[[35,0,0,0,0,0,35]]")]
    for agency, year in (("某县财政局", 2023), (None, None), ("青禾市人民政府办公室", "2022")):
        assert (store.content_fingerprint(agency, year, False, sections, tables)
                == _fingerprint_by_regex(agency, year, False, sections, tables))
    assert store.content_fingerprint("x", 2023, False, [(1, "，。；\n")], []) is None
