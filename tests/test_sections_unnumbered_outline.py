"""Defects found on 2008–2020 reports in the layouts
agencies used then: the 2008 outline's own headings written without numerals
("因政府信息公开申请提起行政复议、行政诉讼的情况" alone on its line, as text and as bold-only
HTML) were no headings, so the 复议/诉讼 part and its "无" ran into 三; a part joining the
applications and the cases ("三、依申请公开及复议、诉讼情况") was read as 四; the prose counts
lost "“同意公开”的36件", an outcome list under "办理结果：", "行政复议、行政诉讼均为零", "有1名申请人
…申请行政复议", "申请公开政府信息13件" and a 诉讼 sentence after a "；" of the 复议 part, while
"受理申请约30件" gave 30 (an estimate, no figure); section 五's "我委将进一步…" after a problem,
and a problem cue "覆盖不到" / "业务不熟" / "更新慢", left problems and measures unknown or
mixed. Each input in tests/fixtures/redteam20/ is a short fictional report written by gen20.py
(specs20.py beside it); truth.json records what each says: the narrative figures are those
the summary's *_narrative columns must give (a figure the text does not state clearly is
absent), read through a store as a user reads them."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports import load_report
from nlp_reports.corpus import Store
from nlp_reports.corpus.summarize import NARRATIVE_COLUMNS, load_frames, narrative_counts
from nlp_reports.parse.headings import section_number

DATA = Path(__file__).parent / "fixtures" / "redteam20"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_input(name):
    """Each input's truth: metadata (agency, year, level, region, layout), the sections
    found, section 五's statements with their block, the tables read (a table of the
    report's own design is none of the national ones: nothing read from it)."""
    truth = TRUTH[name]
    d = load_report(DATA / name).to_dict()
    for key, value in truth["meta"].items():
        assert d["metadata"][key] == value, key
    assert [s["number"] for s in d["sections"]] == truth["sections"]
    assert [[s["block"], s["text"]] for s in d["statements"]] == [
        [b, t.replace("（", "(").replace("）", ")")] for b, t in truth["statements"]]
    assert sorted(k for k, t in d["tables"].items() if t["status"] == "ok") == sorted(
        truth["tables"])


@pytest.fixture(scope="module")
def frame(tmp_path_factory):
    path = tmp_path_factory.mktemp("rt20") / "rt20.db"
    with Store(path) as s:
        for name in sorted(TRUTH):
            r = load_report(DATA / name)
            s.write_report(str(DATA / name), r, FakeTagger().tag_many([r])[0], model_id="m")
    with Store(path) as s:
        reports = load_frames(s).reports
    return {Path(p).name: row for p, row in zip(reports["path"], reports.to_dict("records"),
                                                strict=True)}


@pytest.mark.parametrize("name", sorted(n for n in TRUTH if TRUTH[n]["meta"]["format"] == "legacy"))
def test_prose_counts(frame, name):
    """The figures an older report's prose states, as the summary's *_narrative columns give
    them: each stated figure right, every figure the text does not state clearly empty
    (an estimate, "约30件", "1至2件", "绝大多数予以公开", a count only in a table of the
    report's own)."""
    row = frame[name]
    want = TRUTH[name]["narrative"]
    got = {k: row[c] for k, c in NARRATIVE_COLUMNS.items()
           if k != "fee" and not math.isnan(row[c])}  # (the fee: tests/test_narrative_fees.py)
    assert got == want


@pytest.mark.parametrize("text, figures", [
    ("全年共收到政府信息公开申请62件。从答复结果看，“同意公开”的36件，“同意部分公开”的7件，"
     "“不予公开”的4件。", {"received": 62, "granted": 36, "partial": 7, "refused": 4}),
    ("2017年共受理政府信息公开申请：\n受理总数 38\n办理结果：同意公开19件，不予公开3件。",
     {"granted": 19, "refused": 3}),
    ("行政复议、行政诉讼均为零。", {"review": 0, "litigation": 0}),
    ("有1名申请人对我厅答复不服申请行政复议，经省政府复议维持。未发生行政诉讼。",
     {"review": 1, "litigation": 0}),
    ("全年因政府信息公开被申请行政复议4起，其中维持3起；被提起行政诉讼2起，均已审结。",
     {"review": 4, "litigation": 2}),
    ("全年公民、法人向我局申请公开政府信息13件，其中同意公开9件。", {"received": 13, "granted": 9}),
    # never a guess: an estimate, a range, a bound
    ("全年共受理政府信息公开申请约30件，较上年有所增加。", {}),
    ("全年共受理政府信息公开申请30件左右。", {}),
    ("全年受理政府信息公开申请不足10件，同意公开的超过5件。", {}),
    ("全年共受理政府信息公开申请20多件，其中予以公开十余件。", {}),
    ("全年受理政府信息公开申请近百件。发生因政府信息公开引起的行政复议案件1至2件。", {}),
])
def test_older_wordings(text, figures):
    """Each older wording read by the shared reader (the 复议/诉讼 part alone, as the store
    gives it), and an estimate never read as the year's figure."""
    assert narrative_counts(text + "\n\n", 2015) == figures


def test_a_part_joining_applications_and_cases_is_three():
    """"依申请公开及复议、诉讼情况" opens with the applications: 三 (四 stays a part on the
    cases alone)."""
    assert section_number("依申请公开及复议、诉讼情况") == (True, 3)
    assert section_number("政府信息依申请公开和行政复议、诉讼情况") == (True, 3)
    assert section_number("行政复议、行政诉讼情况") == (True, 4)
    assert section_number("因政府信息公开申请提起行政复议、行政诉讼的情况") == (True, 4)
