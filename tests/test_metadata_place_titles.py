"""Place titles, zone short names and deadlines of bodies with none: inputs first read wrong."""
from __future__ import annotations

import pytest

from nlp_reports.parse import load_report
from nlp_reports.parse.metadata import full_agency, tier_of


def _report(title: str, signature: str) -> str:
    return (f"{title}\n一、总体情况\n2023年，本机关认真贯彻条例。\n二、主动公开政府信息情况\n"
            "本年共主动公开信息100条。\n三、收到和处理政府信息公开申请情况\n本年收到申请0件。\n"
            "四、政府信息公开行政复议、行政诉讼情况\n本年无行政复议。\n"
            "五、存在的主要问题及改进情况\n一是栏目更新不及时；二是培训不足。\n"
            f"六、其他需要报告的事项\n无。\n\n{signature}\n2024年1月20日\n")


@pytest.mark.parametrize("title, signature, agency, level", [
    # a title naming only the place, signed by one of its departments: the department's report
    ("云岭市2023年政府信息公开工作年度报告", "云岭市教育局", "云岭市教育局", "department"),
    ("柳岸县2023年政府信息公开工作年度报告", "柳岸县卫生健康局", "柳岸县卫生健康局", "department"),
    # signed by the government's own office (主管部门): the government's report
    ("云岭市2023年政府信息公开工作年度报告", "云岭市人民政府办公室", "云岭市人民政府", "city"),
    ("柳岸县2023年政府信息公开工作年度报告", "柳岸县政务公开办公室", "柳岸县人民政府", "county"),
    ("柳岸县2023年政府信息公开工作年度报告", "", "柳岸县人民政府", "county"),
    # a township's offices sign for the township (it has no departments reporting apart)
    ("白石镇2023年政府信息公开工作年度报告", "白石镇党政办公室", "白石镇人民政府", "township"),
    ("白石乡2023年政府信息公开工作年度报告", "白石乡便民服务中心", "白石乡人民政府", "township"),
])
def test_bare_place_title_signed_by_a_department(title, signature, agency, level):
    meta = load_report(_report(title, signature).encode(), filename="r.txt").metadata
    assert (meta.agency, meta.level) == (agency, level)


@pytest.mark.parametrize("zone", ["云岭经开区", "云岭综保区", "云岭工业集中区", "云岭临空经济区"])
def test_zone_short_names_get_no_government(zone):
    # a zone is run by a 管委会, it has no 人民政府 (a district's name never ends so)
    assert full_agency(zone) == zone
    assert tier_of("department", zone) is None


def test_districts_still_governed():
    for district in ("东城区", "云岭市城区", "某林区", "某郊区"):
        assert full_agency(district) == district + "人民政府"


def test_no_publication_deadline_for_a_university_or_hospital(tmp_path):
    """条例第四十九条 sets the dates for governments and their departments; a university
    (高等学校信息公开办法: end of October) or a hospital was flagged late against 31 March."""
    from _corpus_helpers import FakeTagger

    from nlp_reports.corpus import Store, audit

    texts = {"univ.txt": ("青禾大学2023年信息公开工作年度报告", "青禾大学", "2024年10月20日"),
             "hosp.txt": ("云岭市人民医院2023年政府信息公开工作年度报告", "云岭市人民医院",
                          "2024年5月6日"),
             "dept.txt": ("柳岸县教育局2023年政府信息公开工作年度报告", "柳岸县教育局",
                          "2024年2月1日")}
    path = tmp_path / "late.db"
    with Store(path) as s:
        for name, (title, sign, day) in texts.items():
            r = load_report(_report(title, sign).replace("2024年1月20日", day).encode(),
                            filename=name)
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    t = audit(path).table.set_index("path")
    assert t.loc["univ.txt", "published"] == "2024-10-20"
    assert t.loc["univ.txt", "published_late"] == ""
    assert t.loc["hosp.txt", "published_late"] == ""
    assert t.loc["dept.txt", "published_late"] == "published 2024-02-01, deadline 2024-01-31"


@pytest.mark.parametrize("name", ["云岭市监狱", "云岭市自来水厂", "柳岸县公路段", "白音嘎查",
                                  "柳岸县白石村"])
def test_title_agency_of_other_bodies_is_kept(name):
    """f70b953 kept a title's agency only when it ends like a body's name; these bodies'
    names (a prison, a works, a road section, a village) were dropped, and with no sign-off
    the report had no agency at all (it had one before)."""
    meta = load_report(_report(f"{name}2023年政府信息公开工作年度报告", "").encode(),
                       filename="r.txt").metadata
    assert meta.agency == name
