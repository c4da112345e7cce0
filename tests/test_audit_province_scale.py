"""Audit and store inputs at a province's scale: thousands of towns, many repairs, no report.

A section 五 that names thousands of towns (names_other_agency), a loader that left a lone
surrogate in each of many statements (text_repaired), and a store of no report exported for
Stata and R: each gives a result in bounded time, nothing lost.
"""

from __future__ import annotations

import sqlite3
import time

import pandas as pd
import pytest
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, export
from nlp_reports.corpus.audit import _names_other_agency, problem_zh

_SYLLABLES = "东西南北中青白金石云山河湖江溪林松柏桃梅兰竹安平宁康泰和丰华新长永兴福庆"


def _town(k: int) -> str:
    n = len(_SYLLABLES)
    return _SYLLABLES[k % n] + _SYLLABLES[(k // n) % n] + _SYLLABLES[(k // n // n) % n] + "镇"


def test_a_five_naming_thousands_of_towns_is_read_in_linear_time():
    """A county's 五 pasted into one township's report (or a summary mis-levelled as a
    township) names 6,000 townships of the store three times over: each place found was
    compared with every other found (quadratic: 10 s of CPU here, 22 s at 24,000 places);
    the findings are the same."""
    towns = [_town(k) for k in range(6000)]
    agencies = [f"岑溪县{t}人民政府" for t in towns] + ["岑溪县新河口镇人民政府", "岑溪县河口镇人民政府"]
    reps = pd.DataFrame({"agency": agencies, "level": "township"})
    pasted = "".join(f"{a}、{b}两镇的政务公开专栏更新不及时，" for a, b in zip(
        towns[0::2], towns[1::2], strict=True)) * 3  # 18,000 places written, 220 KB
    five = pd.Series({0: pasted, 1: "下一步将对照新河口镇的做法完善专栏。",
                      6001: "一是栏目更新不及时。下一步，我镇将加强培训。"})
    t0 = time.process_time()
    values, counts, zh = _names_other_agency(reps, five)
    assert time.process_time() - t0 < 3.0
    assert counts[0] == 5999  # every other town counted, its own not
    # the first 10 named, the rest counted: the cell stays readable
    assert len(zh[0]) == 11 and zh[0][-1] == "第五部分另写有5989个其他机关的名称，未逐一列出"
    assert values[0].endswith("and 5989 more") and values[0].count("in section 五") == 10
    assert f"'{towns[1]}' (岑溪县{towns[1]}人民政府)" in values[0]
    assert f"'{towns[0]}'" not in values[0]
    # 河口镇 is inside 新河口镇, written once: the longer place only
    assert (counts[1], values[1]) == (1, "'新河口镇' (岑溪县新河口镇人民政府) in section 五")
    assert counts[6001] == 0


def test_a_repair_in_each_of_many_statements_is_named_in_a_short_message(tmp_path):
    """A loader that left a lone surrogate in each of 2,000 statements: every text is stored
    with U+FFFD, and the text_repaired problem names the first places and counts the rest
    (it listed all of them: 2.6 MB at 100,000 statements, shown whole in the audit)."""
    bad = "\udccb"
    problems = [f"第{i}项栏目{bad}更新不及时" for i in range(2000)]
    r = make_report("芒康县曲孜卡乡人民政府", 2023, problems, ["加强培训。"], level="township")
    db = tmp_path / "s.db"
    with Store(db) as s:
        s.write_report("芒康县/曲孜卡乡.docx", r, FakeTagger().tag_many([r])[0])
    con = sqlite3.connect(db)
    repaired = con.execute("select count(*) from statements where instr(text, char(65533))"
                           ).fetchone()[0]
    assert repaired == 2000
    (message,) = con.execute("select message from problems where code = 'text_repaired'"
                             ).fetchone()
    assert len(message) < 1500
    total = int(message.split(" ", 1)[0])
    assert total >= 4000  # the statements' texts and section 五's
    assert " more places (" in message and "statement 20 text (1)" not in message
    assert problem_zh("text_repaired", message).startswith(f"报告文本中有{total}个字符")


@pytest.mark.parametrize("failed", [(), ("岑溪县/扫描件.pdf",)])
@pytest.mark.parametrize("table", [None, "panel"])
def test_a_store_of_no_report_exports_text_columns_as_text(tmp_path, failed, table):
    """A county's store with no report yet (or only failed files) exported for a province's
    pooled data set: pandas typed every column of the empty frame double, so Stata's append
    and R's open_dataset refused agency as str in one file and a number in the other."""
    import pyarrow.parquet as pq

    db = tmp_path / "empty.db"
    with Store(db) as s:
        for f in failed:
            s.record_failure(f, "empty", "the file is empty")
    kw = {"table": table} if table else {}
    dta = {f.stem: f for f in export(db, tmp_path / "dta", format="dta", **kw)}
    parquet = {f.stem: f for f in export(db, tmp_path / "pq", format="parquet", **kw)}
    name = table or "reports"
    with pd.io.stata.StataReader(dta[name]) as reader:
        reader.read()
        typ = dict(zip(reader._varlist, reader._typlist, strict=True))
    assert isinstance(typ["agency"], int) and typ["year"] == "d"  # str# and double
    schema = pq.read_schema(parquet[name])
    assert str(schema.field("agency").type) == "string"
    assert str(schema.field("year").type) in ("double", "int64")
