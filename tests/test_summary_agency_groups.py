"""``summarize --by agency`` counts one agency written several ways as one group (sum15c).

The cross-year tables, copying, ``--dedupe`` and ``panel()`` link an agency's years by
``agency_key`` (blanks, 行署 = 行政公署, …政府办 = …人民政府办公室); ``--by agency`` grouped by
the name as written, so a city office that signed "峪阳市政府办" one year and
"峪阳市人民政府办公室" the next was two rows. Stores are built from hand-made reports
(``make_report``) and the keyword tagger of ``_corpus_helpers``; the bodies are fictional.
"""

from __future__ import annotations

import pytest
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store
from nlp_reports.corpus.summarize import agency_names, summarize

CITY_SHORT, CITY_LONG = "峪阳市政府办", "峪阳市人民政府办公室"
LEAGUE_SHORT, LEAGUE_LONG = "松岭地区行署", "松岭地区行政公署"
COUNTY_LONG, COUNTY_SHORT = "澄江县人民政府办公室", "澄江县政府办"
OLD_BUREAU, NEW_BUREAU = "溪北县国土资源局", "溪北县自然资源局"


def _reports():
    """(file name, report): a city office short in 2021, long in 2022–2023; a 地区 whose
    2022 reports are two 行署 and one 行政公署; a county office long in 2020–2022, short in
    2023 (its latest name has fewer reports); a bureau renamed by the 机构改革 whose new name
    is once written with a blank; and the city's own government (another agency)."""
    specs = [
        (CITY_SHORT, 2021, "city", "峪阳市", ["政务公开专栏内容更新不够及时，部分栏目长期空白。"],
         ["下一步将完善栏目维护责任分工。"]),
        (CITY_LONG, 2022, "city", "峪阳市", ["依申请公开答复文书格式不够规范。"],
         ["将组织全市业务骨干开展答复文书培训。"]),
        (CITY_LONG, 2023, "city", "峪阳市", ["基层政务公开标准目录落实不够到位。"],
         ["推进标准目录在乡镇（街道）全覆盖。"]),
        ("峪阳市人民政府", 2023, "city", "峪阳市", ["政策解读形式较为单一，图解视频偏少。"],
         ["加强多元化政策解读。"]),
        (LEAGUE_SHORT, 2022, "prefecture", "松岭地区", ["牧区政务公开宣传覆盖面不够广。"],
         ["推进蒙汉双语公开。"]),
        (LEAGUE_SHORT, 2022, "prefecture", "松岭地区", ["个别旗县政府网站信息发布审核不严。"],
         ["完善三审三校制度。"]),
        (LEAGUE_LONG, 2022, "prefecture", "松岭地区", ["公开平台集约化程度不高。"],
         ["将加快平台整合。"]),
        (COUNTY_LONG, 2020, "county", "澄江县", ["政府信息公开工作人员变动频繁，业务不够熟悉。"],
         ["加强业务培训。"]),
        (COUNTY_LONG, 2021, "county", "澄江县", ["主动公开的深度和广度还不够。"],
         ["推进重点领域信息公开。"]),
        (COUNTY_LONG, 2022, "county", "澄江县", ["政务新媒体互动回应不够及时。"],
         ["完善留言办理机制。"]),
        (COUNTY_SHORT, 2023, "county", "澄江县", ["乡镇政务公开专区利用率不高。"],
         ["将推进专区提质增效。"]),
        (OLD_BUREAU, 2017, "department", "溪北县", ["不动产登记信息公开不够全面。"],
         ["加强登记信息公开。"]),
        ("溪北县 自然资源局", 2019, "department", "溪北县", ["国土空间规划公开解读不够通俗。"],
         ["将完善规划公示。"]),
        (NEW_BUREAU, 2020, "department", "溪北县", ["征地信息公开栏目更新滞后。"],
         ["推进征地信息全流程公开。"]),
    ]
    return [(f"{agency}-{year}-{i}.txt",
             make_report(agency, year, problems, measures, level=level, region=region))
            for i, (agency, year, level, region, problems, measures) in enumerate(specs)]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("agency_groups") / "groups.db"
    with Store(path) as s:
        for name, r in _reports():
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    return path


def _reports_of(df):
    return dict(zip(df["agency"], df["reports"], strict=True))


def test_by_agency_one_row_per_agency_under_its_latest_name(db):
    s = summarize(db, by=("agency",))
    assert _reports_of(s.overview) == {
        CITY_LONG: 3,        # 2021 short, 2022–2023 long: the latest
        "峪阳市人民政府": 1,   # another body: not merged with its office
        LEAGUE_SHORT: 3,     # 2022 only: the name of most reports
        COUNTY_SHORT: 4,     # latest year wins over most reports
        OLD_BUREAU: 1,       # a rename is not linked without a map
        NEW_BUREAU: 2,       # the blank (2019) does not make another agency
    }
    # every table grouped by agency names the groups alike
    for name in ("prevalence", "coverage", "table_stats"):
        assert set(s.tables[name]["agency"]) <= set(s.overview["agency"]), name
    assert "溪北县 自然资源局" not in set(s.prevalence["agency"])


def test_the_note_lists_each_merged_group_and_its_other_names(db):
    s = summarize(db, by=("agency",))
    [note] = [n for n in s.notes if n.startswith("one agency, several names")]
    assert f"{CITY_LONG} (also {CITY_SHORT})" in note
    assert f"{LEAGUE_SHORT} (also {LEAGUE_LONG})" in note
    assert f"{COUNTY_SHORT} (also {COUNTY_LONG})" in note
    assert "溪北县 自然资源局" in note
    # no note when the summary is not grouped by agency
    assert not [n for n in summarize(db, by=("year",)).notes
                if n.startswith("one agency, several names")]


def test_year_and_agency_rows_and_unchanged_columns(db):
    before = summarize(db, by=("year", "level"))
    s = summarize(db, by=("year", "agency"))
    rows = {(int(y), a): n for y, a, n in zip(s.overview["year"], s.overview["agency"],
                                              s.overview["reports"], strict=True)}
    assert rows[(2021, CITY_LONG)] == 1 and rows[(2022, CITY_LONG)] == 1
    assert rows[(2022, LEAGUE_SHORT)] == 3
    assert (2021, CITY_SHORT) not in rows
    # the per-report tables keep the name each report was signed with
    assert {COUNTY_LONG, COUNTY_SHORT} <= set(s.copying["agency"])
    assert list(s.copying.columns) == list(before.copying.columns)


def test_the_agency_map_applies_first(db):
    s = summarize(db, by=("agency",), agency_map={OLD_BUREAU: NEW_BUREAU})
    counts = _reports_of(s.overview)
    assert counts[NEW_BUREAU] == 3 and OLD_BUREAU not in counts
    assert counts[CITY_LONG] == 3


def test_agency_names_maps_only_names_written_several_ways():
    import pandas as pd

    reports = pd.DataFrame({"agency": [CITY_SHORT, CITY_LONG, CITY_LONG, "峪阳市人民政府", None],
                            "year": [2023, 2021, 2022, 2023, 2023]})
    assert agency_names(reports) == {CITY_SHORT: CITY_SHORT, CITY_LONG: CITY_SHORT}
    # an unknown year ranks below every known year
    undated = pd.DataFrame({"agency": [LEAGUE_SHORT, LEAGUE_LONG], "year": [None, 2019]})
    assert agency_names(undated)[LEAGUE_SHORT] == LEAGUE_LONG


def test_audit_by_agency_groups_as_summarize_does(db):
    """``audit --by agency`` counts an agency written several ways as one group under its
    latest name (the lead, after sum15c): the audit's rows keep the names as written."""
    from nlp_reports.corpus import audit

    a = audit(db)
    counts = dict(zip(a.by("agency")["agency"], a.by("agency")["reports"], strict=True))
    assert counts[CITY_LONG] == 3 and CITY_SHORT not in counts
    assert counts[LEAGUE_SHORT] == 3 and LEAGUE_LONG not in counts
    assert counts[COUNTY_SHORT] == 4 and COUNTY_LONG not in counts
    assert counts["峪阳市人民政府"] == 1
    assert CITY_SHORT in set(a.table["agency"])  # each report under its own signature


def test_by_level_notes_that_departments_of_every_tier_are_one_group(db):
    """newuser16: a county bureau and a province department fall in one 部门 row of
    ``--by level``; the note points to ``--by tier``."""
    def noted(by):
        return [n for n in summarize(db, by=by).notes if n.startswith("level 'department'")]

    assert len(noted(("level",))) == 1 and "--by tier" in noted(("level",))[0]
    assert noted(("year",)) == [] and noted(("level", "tier")) == []
