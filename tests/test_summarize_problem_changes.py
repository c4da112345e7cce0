"""problem_changes with several reports for one agency and year: each report counted (as in
every table) without dedupe, one per pair with it — the one dedupe_frames keeps."""

from __future__ import annotations

import pytest
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, summarize

AGENCY = "甲县人民政府"
LATE = "信息更新不够及时。"  # timeliness
STAFF = "人员力量不足。"  # staffing
DEPTH = "主动公开深度不够。"  # proactivity, content_quality
MEASURE = "加强业务培训。"


@pytest.fixture()
def store(tmp_path):
    reports = {
        "r21.txt": make_report(AGENCY, 2021, [LATE], [MEASURE]),
        "r22a.txt": make_report(AGENCY, 2022, [STAFF], [MEASURE]),
        # a second 2022 report (a revision?), stored after the first: dedupe keeps it
        "r22b.txt": make_report(AGENCY, 2022, [DEPTH], [MEASURE]),
        "r23.txt": make_report(AGENCY, 2023, [STAFF, "信息发布不够及时。"], [MEASURE]),
    }
    tagger = FakeTagger()
    with Store(tmp_path / "c.db") as s:
        for path, r in reports.items():
            s.write_report(path, r, tagger.tag_many([r])[0], model_id="m")
        yield s


def _rows(summary, ids: dict[str, int]) -> dict[tuple[str, str], str]:
    """(report file, theme) → status."""
    name = {v: k for k, v in ids.items()}
    ch = summary.problem_changes
    return {(name[i], t): st for i, t, st in zip(ch["report_id"], ch["theme"], ch["status"],
                                                 strict=True)}


def test_every_report_of_a_year_is_compared(store):
    ids = dict(zip(store.reports()["path"], store.reports()["id"], strict=True))
    s = summarize(store)
    assert _rows(s, ids) == {
        # both 2022 reports against 2021
        ("r22a.txt", "staffing"): "new", ("r22a.txt", "timeliness"): "disappeared",
        ("r22b.txt", "proactivity"): "new", ("r22b.txt", "content_quality"): "new",
        ("r22b.txt", "timeliness"): "disappeared",
        # 2023 against what 2022 stated in either report: staffing carries on from r22a
        ("r23.txt", "staffing"): "persisting", ("r23.txt", "timeliness"): "reappeared",
        ("r23.txt", "proactivity"): "disappeared",
        ("r23.txt", "content_quality"): "disappeared",
    }
    assert set(s.problem_changes["prev_year"]) == {2021, 2022}


def test_dedupe_keeps_the_report_the_other_tables_keep(store):
    ids = dict(zip(store.reports()["path"], store.reports()["id"], strict=True))
    s = summarize(store, dedupe=True)
    got = _rows(s, ids)
    assert {f for f, _ in got} == {"r22b.txt", "r23.txt"}  # r22a left out, as everywhere
    assert set(s.overview["reports"]) == {3}
    # 2022 is r22b alone now: staffing was not stated the year before
    assert got[("r23.txt", "staffing")] == "new"
    assert got[("r23.txt", "timeliness")] == "reappeared"
