"""The rename hint names a township become a town (撤乡设镇) or a street office (撤乡镇设街道).

A county's 乡 made a 镇 keeps its place name and publishes its next report as …镇人民政府;
a town absorbed into a city district becomes …街道办事处. The summary cannot link these
itself (a 乡 and a 镇 of one stem may be two places), but it should name them as it names
撤县设区, so the researcher writes the agency map; until then the years on either side of
the change are two agencies and no cross-year check or copying sees the pair.
"""
import pandas as pd

from nlp_reports.corpus.summarize import rename_candidates


def _pairs(rows):
    frame = pd.DataFrame(rows, columns=["agency", "year"])
    return [(old, new) for old, _, new, _ in rename_candidates(frame)]


def test_a_township_become_a_town_is_hinted():
    assert _pairs([("清河县桃源乡人民政府", 2020), ("清河县桃源乡人民政府", 2021),
                   ("清河县桃源镇人民政府", 2022), ("清河县桃源镇人民政府", 2023)]) == [
        ("清河县桃源乡人民政府", "清河县桃源镇人民政府")]


def test_a_township_written_short_become_a_town_is_hinted():
    assert _pairs([("杏坪乡政府", 2019), ("杏坪镇人民政府", 2021)]) == [("杏坪乡政府", "杏坪镇人民政府")]


def test_a_town_become_a_street_office_is_hinted():
    assert _pairs([("溪口县白水镇人民政府", 2021), ("溪口县白水街道办事处", 2022)]) == [
        ("溪口县白水镇人民政府", "溪口县白水街道办事处")]
    assert _pairs([("东岭乡人民政府", 2022), ("东岭街道", 2023)]) == [("东岭乡人民政府", "东岭街道")]


def test_no_hint_for_another_place_a_year_with_both_or_a_long_gap():
    # another stem, another county, both names in one year, four years apart
    assert _pairs([("清河县桃源乡人民政府", 2021), ("清河县杏林镇人民政府", 2022)]) == []
    assert _pairs([("清河县桃源乡人民政府", 2021), ("柳溪县桃源镇人民政府", 2022)]) == []
    assert _pairs([("桃源乡人民政府", 2021), ("桃源镇人民政府", 2021), ("桃源镇人民政府", 2022)]) == []
    assert _pairs([("桃源乡人民政府", 2018), ("桃源镇人民政府", 2022)]) == []
    # a town does not become a township, and a 乡 inside a department's name is no township
    assert _pairs([("桃源镇人民政府", 2021), ("桃源乡人民政府", 2022)]) == []
    assert _pairs([("清河县乡村振兴局", 2021), ("清河县镇村振兴局", 2022)]) == []
