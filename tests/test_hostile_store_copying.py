"""Hostile inputs (issue 5) to the store's opening
(corpus.store), the word-for-word containment of a statement in another report's section 五
(corpus.copying: _contained, found_inside), label files and the keyword lexicon
(classify.dataset, classify.baseline); and a property test over the parser's
constructs (⑴/⒈ markers, label lines, signatures, title-line dates, radicals). Each hung or ran far too long before its fix: a
command must end with its own error, a summary in time that grows with the corpus, not with
the square of one report.

Inputs are short fictional texts written for these tests (minimized findings).
"""

from __future__ import annotations

import logging
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile import _outcome

from nlp_reports.classify.baseline import load_lexicon
from nlp_reports.classify.dataset import load_labeled
from nlp_reports.corpus import copying
from nlp_reports.corpus.copying import NearDuplicateIndex, found_inside, year_over_year
from nlp_reports.errors import DataError

ROOT = Path(__file__).parents[1]


def _cpu(f, *args, **kw):
    t = time.process_time()
    out = f(*args, **kw)
    return out, time.process_time() - t


# --- a FIFO where the store should be ---------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_given_as_the_store_is_refused_not_waited_on(tmp_path):
    # SQLite opened a FIFO read-only and waited for a writer, in C, past Ctrl-C: summarize,
    # audit and tag's Ctrl-C line (which counts the stored reports) never ended
    fifo = tmp_path / "corpus.sqlite"
    os.mkfifo(fifo)
    code = ("import sys\n"
            "from nlp_reports.corpus.store import Store\n"
            "from nlp_reports.cli import _interrupted_line\n"
            "from nlp_reports.errors import StoreError\n"
            "for ro in (True, False):\n"
            "    try:\n"
            "        Store(sys.argv[1], readonly=ro)\n"
            "    except StoreError as exc:\n"
            "        print(exc)\n"
            "print(_interrupted_line(sys.argv[1]))\n")
    try:
        proc = subprocess.run([sys.executable, "-c", code, str(fifo)], capture_output=True,
                              text=True, timeout=60, cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail("opening a FIFO as the store waited on it")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 3 and all("not a regular file" in line for line in lines[:2]), lines
    assert lines[2].startswith("interrupted"), lines


# --- containment in last year's (or another agency's) section 五 -----------------------------

_CHARS = ("公开政务信息平台建设更新发布审核回应关切解读政策文件目录保密规范标准考核培训"
          "队伍人员基层群众网站专栏栏目数据开放申请答复办理期限程序制度机制责任落实")


def _statements(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_CHARS) for _ in range(30)) for _ in range(n)]


def _frames(years: dict[int, list[str]], agency: str = "清水县交通运输局"):
    st = pd.DataFrame([(year, i, t) for year, texts in years.items()
                       for i, t in enumerate(texts)], columns=["report_id", "idx", "text"])
    reps = pd.DataFrame([(year, agency, year) for year in years],
                        columns=["id", "agency", "year"])
    return st, reps, NearDuplicateIndex.build(st["text"].tolist())


def test_a_huge_section_5_two_years_running_is_compared_in_bounded_time(caplog):
    # 40,000 statements a year: each was looked for in last year's whole text, 40,000 scans
    # of 1.2 million characters (5 s; an hour at a million statements); now the pair is too
    # large for containment, says so, and the statements are still compared one to one
    old = _statements(40_000, 1)
    new = _statements(39_990, 2) + old[:10]  # ten copied word for word
    st, reps, index = _frames({2022: old, 2023: new})
    with caplog.at_level(logging.WARNING, logger="nlp_reports"):
        (by, copied), cpu = _cpu(year_over_year, st, reps, index)
    assert cpu < 1.5, f"{cpu:.2f} CPU s"
    assert by.set_index("year").loc[2023, "n_copied"] == 10
    assert sorted(copied["idx"].tolist()) == list(range(39_990, 40_000))
    assert "too many to look for" in caplog.text


def test_containment_still_runs_within_the_bound():
    # a merged copy (two statements of last year in one) in a long but possible section 五
    old = _statements(300, 3)
    new = _statements(298, 4) + [old[5] + old[6]]
    st, reps, index = _frames({2022: old, 2023: new})
    by, copied = year_over_year(st, reps, index)
    row = copied.set_index("idx").loc[298]
    assert row["prev_idx"] == 5 and row["similarity"] == 1.0
    assert row["prev_text"] == old[5] + old[6]


def test_found_inside_skips_only_the_pairs_over_the_bound(monkeypatch, caplog):
    big, small = _statements(40, 5), _statements(3, 6)
    mine = [big[7] + big[8], small[1] + small[2]]  # one inside each other report
    st = pd.DataFrame([(r, i, t) for r, texts in ((1, mine), (2, big), (3, small))
                       for i, t in enumerate(texts)], columns=["report_id", "idx", "text"])
    index = NearDuplicateIndex.build(st["text"].tolist())
    pairs = pd.DataFrame({"report_id": [1, 1], "other_report_id": [2, 3]})
    both = found_inside(st, index, pairs)
    assert sorted(zip(both["idx"], both["other_report_id"], strict=True)) == [(0, 2), (1, 3)]
    # 2 statements × 40 × 30 characters is over a bound of 1,000, 2 × 3 × 30 is not
    monkeypatch.setattr(copying, "MAX_CONTAINED_WORK", 1_000)
    with caplog.at_level(logging.WARNING, logger="nlp_reports"):
        some = found_inside(st, index, pairs)
    assert list(zip(some["idx"], some["other_report_id"], strict=True)) == [(1, 3)]
    assert "too many" in caplog.text


# --- label files (classify.dataset) and the keyword lexicon (classify.baseline) --------------

_LINE = '{"text": "政务新媒体更新不及时，个别账号长期停更", "kind": "problem"'


@pytest.mark.parametrize("tail", [', "year": Infinity}', ', "year": 1e400}', ', "year": -Infinity}',
                                  ', "year": ' + "7" * 5000 + "}",
                                  ', "themes": [' + "3" * 5000 + "]}"])
def test_a_jsonl_year_or_number_no_int_can_hold_is_a_data_error(tmp_path, tail):
    # int(inf) raised OverflowError, and json.loads of a 5,000-digit number a ValueError
    # that is no JSONDecodeError: tracebacks of `nlp-reports train`
    f = tmp_path / "labels.jsonl"
    f.write_text(_LINE + tail + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"labels\.jsonl:1: ") as exc:
        load_labeled(f)
    assert len(str(exc.value)) < 300


def test_a_csv_themes_list_with_a_huge_number_is_a_data_error(tmp_path):
    f = tmp_path / "labels.csv"
    f.write_text('text,kind,themes\n依申请公开答复文书格式不统一,problem,"[' + "8" * 5000 + ']"\n',
                 encoding="utf-8")
    with pytest.raises(DataError, match=r"labels\.csv:2: themes is not a valid JSON list"):
        load_labeled(f)


def test_a_cell_of_thousands_of_wrong_theme_ids_gives_a_short_error(tmp_path):
    # 50 rows of 20,000 wrong ids: a 2 MB message, every id repeated; now each row names
    # its distinct ids, ten at most, each cut short
    f = tmp_path / "labels.csv"
    rows = [f"基层政务公开标准目录第{i}项未落实,problem," + " ".join(f"t{k % 300}" for k in range(20_000))
            for i in range(50)]
    f.write_text("text,kind,themes\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_labeled(f)
    msg = str(exc.value)
    assert msg.startswith("50 records of") and len(msg) < 20_000
    assert "'t0', 't1'" in msg and "(300 in all)" in msg


def test_a_kind_of_a_megabyte_is_named_short(tmp_path):
    f = tmp_path / "labels.jsonl"
    f.write_text('{"text": "公开指南未及时更新", "kind": "' + "问" * 1_000_000 + '"}\n',
                 encoding="utf-8")
    with pytest.raises(DataError, match="unknown kind") as exc:
        load_labeled(f)
    assert len(str(exc.value)) < 1_000


@pytest.mark.parametrize("content", [b"\xff\xfe{\x00", b"[" * 100_000, b"[1, 2]", b"9" * 5000])
def test_a_lexicon_that_is_no_json_object_is_a_data_error(tmp_path, content):
    # not UTF-8 (UnicodeDecodeError), nested too deeply (RecursionError), a list
    # (AttributeError on .get) or a 5,000-digit number were tracebacks
    f = tmp_path / "lexicon.json"
    f.write_bytes(content)
    with pytest.raises(DataError, match="lexicon"):
        load_lexicon(f)


# --- the parser's s12 constructs, thrown together ----------------------------------------------

#: The pieces the s12 parser changes read: ⑴/⒈ markers, label lines alone, lead-ins,
#: signatures without a date, title-line dates (malformed too), county-level wording,
#: radicals with combining marks, 表三's "（六）其他处理 3.其他" in one cell.
_PIECES = ("⑴", "⑵", "⒈", "⒉", "（一）", "（二）", "1.", "2、", "一是", "二是", "下一步：", "改进措施：",
           "整改情况：", "存在问题：", "问题一：", "2020年，我局将：", "针对上述问题，", "石湾海关",
           "云岭市人民政府", "2024年1月20日", "（2024年1月发布）", "2023年13月45日", "二〇二三年十三月",
           "我市（县级市）", "——云岭州宁川市", "⼀、", "⼈⺠", "\u0301", "（六）其他处理\t3.其他\t",
           "公开不及时", "；", "。", "\n", "\n", "\n\n", " ", "\u3000")
_REPORT12 = ("{title}\n{under}\n一、总体情况\n本年度依法依规推进政务公开。\n二、主动公开政府信息情况\n无。\n"
             "三、收到和处理政府信息公开申请情况\n无。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n"
             "五、存在的主要问题及改进情况\n{five}\n六、其他需要报告的事项\n无。\n{sign}\n")


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(under=st.lists(st.sampled_from(_PIECES), max_size=6),
       five=st.lists(st.sampled_from(_PIECES), max_size=60),
       sign=st.lists(st.sampled_from(_PIECES), max_size=6),
       times=st.sampled_from((1, 200)))
def test_the_s12_constructs_in_any_order_give_a_sound_report_or_our_error(under, five, sign,
                                                                          times):
    text = _REPORT12.format(title="宁川市人民政府2023年政府信息公开工作年度报告",
                            under="".join(under), five="".join(five) * times,
                            sign="".join(sign))
    _outcome(text)  # a sound Report or a ParseError, within test_hostile's CPU budget
