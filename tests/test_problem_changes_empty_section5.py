"""problem_changes: a report whose section 五 holds no statement says no problem is gone.

A section 五 of "无。", one lost to a truncated file or one the parser found no statement in
states nothing; the summary's own note says it cannot tell which. Reading it as "every problem
of last year disappeared" would count a county's three admitted problems as fixed because its
next report left 五 out. Such a report gets no `disappeared` row; a report that states other
problems still does. The year after is compared with the last year whose 五 states
something, not with the silent one.
"""

from __future__ import annotations

from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, summarize

SILENT = "柘溪县农业农村局"
FRANK = "柘溪县司法局"
LATE = "涉农补贴信息更新不够及时。"  # timeliness
STAFF = "信息公开专职人员不足，身兼数职。"  # staffing
SECRET = "对保密审查的尺度把握不够准。"  # confidentiality
MEASURE = "加强业务培训。"


def _changes(tmp_path) -> dict[tuple[str, int, str], str]:
    reports = {
        "s22.txt": make_report(SILENT, 2022, [LATE, STAFF], [MEASURE], level="department"),
        "s23.txt": make_report(SILENT, 2023, [], [], level="department"),  # 五: nothing
        "s24.txt": make_report(SILENT, 2024, [STAFF], [MEASURE], level="department"),
        "f22.txt": make_report(FRANK, 2022, [LATE], [MEASURE], level="department"),
        "f23.txt": make_report(FRANK, 2023, [SECRET], [MEASURE], level="department"),
    }
    tagger = FakeTagger()
    with Store(tmp_path / "c.sqlite") as s:
        for path, r in reports.items():
            s.write_report(path, r, tagger.tag_many([r])[0], model_id="m")
        ch = summarize(s).problem_changes
    return {(a, int(y), t): st for a, y, t, st in zip(ch["agency"], ch["year"], ch["theme"],
                                                      ch["status"], strict=True)}


def test_a_report_with_no_statement_makes_nothing_disappear(tmp_path):
    rows = _changes(tmp_path)
    assert not [k for k in rows if k[:2] == (SILENT, 2023)], rows
    # the year after compares with the last year that stated something (2022): staffing,
    # stated then and now, persists (the silent year never said it was gone); timeliness,
    # stated in 2022 and not in 2024, is gone
    assert rows[(SILENT, 2024, "staffing")] == "persisting"
    assert rows[(SILENT, 2024, "timeliness")] == "disappeared"
    # a report stating another problem: last year's is gone, as before
    assert rows[(FRANK, 2023, "timeliness")] == "disappeared"
    assert rows[(FRANK, 2023, "confidentiality")] == "new"


def test_a_section5_of_a_lone_lead_in_states_nothing_either(tmp_path):
    """A file cut off after "主要存在以下问题：" keeps that lead-in as a statement, which copying
    already passes over: problem_changes passes over the same year, so both tables name the
    same prev_year and no problem 'disappears' into the truncated report."""
    agency = "柘溪县交通运输局"
    reports = {
        "t22.txt": make_report(agency, 2022, [LATE, STAFF], [MEASURE]),
        "t23.txt": make_report(agency, 2023, ["主要存在以下问题："], []),
        "t24.txt": make_report(agency, 2024, [LATE, STAFF], [MEASURE]),
    }
    tagger = FakeTagger()
    with Store(tmp_path / "t.sqlite") as s:
        for path, r in reports.items():
            s.write_report(path, r, tagger.tag_many([r])[0], model_id="m")
        summary = summarize(s)
    ch, cp = summary.problem_changes, summary.copying
    assert not len(ch[ch["year"] == 2023]), ch
    later = ch[ch["year"] == 2024]
    assert set(later["status"]) == {"persisting"} and set(later["prev_year"]) == {2022}
    assert set(cp.loc[cp["year"] == 2024, "prev_year"]) == {2022}
