"""Template families (套用同一模板): a county's townships filing one section 五."""

from __future__ import annotations

import time

import pytest
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, summarize

# 临川县's 2023 template for its townships (fictional county and bodies)
PROBLEMS = [
    "一是主动公开的深度和广度还不够，部分涉农补贴资金的发放明细公开不够及时。",
    "二是政务公开专栏栏目设置不够规范，个别栏目长期未更新，存在“僵尸栏目”问题。",
    "三是工作人员业务能力有待提升，对《条例》理解不深，答复申请的规范性不足。",
    "四是政策解读形式单一，以文字解读为主，图解、音视频解读偏少，群众获得感不强。",
]
MEASURES = [
    "一是严格落实惠民惠农财政补贴资金“一卡通”公开要求，按季度逐村张榜公示发放明细。",
    "二是对照县政务公开标准目录，全面清理政务公开专栏，做到栏目规范、内容常新。",
    "三是每半年组织一次信息公开业务培训，提高经办人员依法答复申请的能力。",
    "四是丰富政策解读形式，推出图解、短视频等群众喜闻乐见的解读产品。",
]
# one township reworded a few statements (near-duplicates, not word for word)
REWORDED_P = [
    PROBLEMS[0].replace("还不够", "仍不够").replace("资金的发放", "资金发放"),
    PROBLEMS[1], PROBLEMS[2].replace("有待提升", "有待提高"), PROBLEMS[3],
]
REWORDED_M = [MEASURES[0], MEASURES[1].replace("全面清理", "全面梳理"), MEASURES[2],
              MEASURES[3]]
# one township cut the template differently: its first two problems, and two of its
# measures, run on as one statement each; its first measure cut in two short pieces
RESPLIT_P = [PROBLEMS[0].rstrip("。") + "；" + PROBLEMS[1][2:], PROBLEMS[2], PROBLEMS[3]]
RESPLIT_M = ["一是严格落实惠民惠农财政补贴资金“一卡通”公开要求，", "按季度逐村张榜公示发放明细。",
             MEASURES[1].rstrip("。") + "；同时" + MEASURES[2][2:], MEASURES[3]]

EXACT = ["临川县石门镇人民政府", "临川县枫林乡人民政府", "临川县高桥镇人民政府",
         "临川县白水街道办事处"]
REWORDED = "临川县沙坪乡人民政府"
RESPLIT = "临川县龙潭镇人民政府"
# two unrelated agencies: a hospital and a provincial department, each with one of the
# template's sentences among their own
OTHERS = {
    "临川县人民医院": (
        ["院务公开栏信息更新不及时，患者对收费标准知晓率不高。", PROBLEMS[2],
         "网站无障碍浏览功能不够完善。"],
        ["加强院务公开栏日常维护，在门诊大厅增设收费标准查询终端。",
         "将信息公开纳入科室年度考核。"]),
    "江右省自然资源厅": (
        ["不动产登记办事指南的更新与业务调整衔接不够紧密。",
         "依申请公开答复中对“三类信息”的界定把握还不够精准。"],
        ["建立办事指南动态调整机制，业务调整后五个工作日内同步更新。", MEASURES[3]]),
}


# each township writes its own name into one problem of the template
OWN_NAME = "五是{}信息公开工作由党政办一名干部兼任，力量薄弱，人员变动后工作衔接不畅。"


def _named(name: str, problems: list[str]) -> list[str]:
    return [*problems, OWN_NAME.format(name.removeprefix("临川县").removesuffix("人民政府")
                                       .removesuffix("办事处"))]


def _reports():
    out = [(name, make_report(name, 2023, _named(name, PROBLEMS), MEASURES, level="township"))
           for name in EXACT]
    out.append((REWORDED, make_report(REWORDED, 2023, _named(REWORDED, REWORDED_P),
                                      REWORDED_M, level="township")))
    out.append((RESPLIT, make_report(RESPLIT, 2023, _named(RESPLIT, RESPLIT_P), RESPLIT_M,
                                     level="township")))
    out.append(("临川县人民医院", make_report("临川县人民医院", 2023,
                                           *OTHERS["临川县人民医院"], level="institution")))
    out.append(("江右省自然资源厅", make_report("江右省自然资源厅", 2023,
                                            *OTHERS["江右省自然资源厅"], level="department")))
    # the same county's template a year later is another year: not this family
    out.append(("临川县石门镇人民政府", make_report("临川县石门镇人民政府", 2024,
                                              _named("临川县石门镇人民政府", PROBLEMS),
                                              MEASURES, level="township")))
    return out


@pytest.fixture()
def families(tmp_path):
    tagger = FakeTagger()
    with Store(tmp_path / "c.db") as s:
        for i, (_, r) in enumerate(_reports()):
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
        yield summarize(s).tables["template_families"]


def test_the_townships_are_one_family_and_no_one_else(families):
    assert families["family"].nunique() == 1
    assert sorted(families["agency"]) == sorted([*EXACT, REWORDED, RESPLIT])
    assert set(families["year"]) == {2023}
    assert set(families["size"]) == {6}
    assert not set(OTHERS) & set(families["agency"])


def test_each_member_says_how_it_copied(families):
    match = dict(zip(families["agency"], families["match"], strict=True))
    central = families[families["role"] == "central"]
    assert len(central) == 1 and central["agency"].iloc[0] in EXACT
    assert match[REWORDED] == "reworded"
    assert match[RESPLIT] == "re-split"
    # the exact copies differ from the central report by their own name only
    assert {match[a] for a in EXACT if a != central["agency"].iloc[0]} == {"exact"}
    members = families[families["role"] == "member"]
    assert (members["share_member"] >= 0.8).all() and (members["share_central"] >= 0.8).all()
    assert families.iloc[0]["role"] == "central"  # the central report heads its family


# ten statements of a template, and six a township may put in place of some of them
BASE = PROBLEMS + MEASURES + [
    "五是部分村（社区）公开栏内容陈旧，与线上公开信息不同步。",
    "五是推动公开栏内容与网站同步更新，由各村（社区）指定专人每月核对。"]
OWN = ["六是重大建设项目批准和实施领域信息公开颗粒度偏粗，项目进度更新滞后。",
       "七是依申请公开登记台账填写不完整，部分申请的补正环节未留痕。",
       "六是建立重大建设项目信息公开清单，按节点公开审批、招标和施工进展。",
       "七是规范依申请公开台账，逐件记录受理、补正、答复和送达情况。",
       "八是基层政务公开标准化规范化工作推进不平衡，个别村进展缓慢。",
       "八是将基层政务公开纳入镇对村年度目标考核，定期通报排名。"]


def test_a_chain_is_cut_at_the_central_report(tmp_path):
    # each township drops two of the template's statements for two of its own: each
    # shares 80 % with the next, but 石门 and 黄岭 only 40 %. 枫林 (first of the two
    # linked twice) is central: 石门 and 高桥 share 80 % with it, 黄岭 40 % — not a member
    # although it shares 80 % with 高桥.
    rows = [("临川县石门镇人民政府", BASE), ("临川县枫林乡人民政府", BASE[2:] + OWN[:2]),
            ("临川县高桥镇人民政府", BASE[4:] + OWN[:4]),
            ("临川县黄岭镇人民政府", BASE[6:] + OWN)]
    tagger = FakeTagger()
    with Store(tmp_path / "c.db") as s:
        for i, (name, texts) in enumerate(rows):
            r = make_report(name, 2023, texts, [], level="township")
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
        fam = summarize(s).tables["template_families"]
    assert sorted(fam["agency"]) == sorted(name for name, _ in rows[:3])
    assert fam.loc[fam["role"] == "central", "agency"].tolist() == ["临川县枫林乡人民政府"]


def test_no_family_costs_little(tmp_path):
    start = time.process_time()
    tagger = FakeTagger()
    with Store(tmp_path / "c.db") as s:
        r = make_report("临川县人民医院", 2023, *OTHERS["临川县人民医院"], level="institution")
        s.write_report("r.txt", r, tagger.tag_many([r])[0], model_id="m")
        fam = summarize(s).tables["template_families"]
    assert fam.empty and list(fam.columns)[:3] == ["family", "year", "size"]
    assert time.process_time() - start < 30


def test_html_markdown_and_csv_carry_the_families(tmp_path):
    tagger = FakeTagger()
    with Store(tmp_path / "c.db") as s:
        for i, (_, r) in enumerate(_reports()):
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
        summary = summarize(s)
    page = summary.to_html()
    assert "套用同一模板" in page and "Template families" in page
    assert "共1组、6份报告套用同一模板；最大的一组为2023年的6份报告" in page
    assert "share_member" in page and "两者都达到 0.8" in page
    md = summary.to_markdown()
    section = md.split("## Template families", 1)[1].split("\n## ", 1)[0]
    assert "both reach 0.8" in section.lower() and RESPLIT in section
    written = summary.to_csv(tmp_path / "csv")
    csv = next(p for p in written if p.name == "template_families.csv")
    assert REWORDED in csv.read_text(encoding="utf-8-sig")


def test_a_template_with_announcing_lead_ins_is_a_family(tmp_path):
    # each township opens its problems and its measures with the template's lead-in
    # ("…仍存在以下问题：", "…做好以下工作："): the lead-ins are no shared statements,
    # but the rest of the template still makes the townships one family (summarize
    # failed with a KeyError on the lead-ins' rows)
    lead_p = "我镇政务公开工作仍存在以下问题："
    lead_m = "针对上述问题，下一步将重点做好以下工作："
    tagger = FakeTagger()
    with Store(tmp_path / "c.db") as s:
        for i, name in enumerate([*EXACT, REWORDED]):
            problems = REWORDED_P if name == REWORDED else PROBLEMS
            measures = REWORDED_M if name == REWORDED else MEASURES
            r = make_report(name, 2023, [lead_p, *_named(name, problems)], [lead_m, *measures],
                            level="township")
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
        fam = summarize(s).tables["template_families"]
    assert sorted(fam["agency"]) == sorted([*EXACT, REWORDED])
    assert dict(zip(fam["agency"], fam["match"], strict=True))[REWORDED] == "reworded"
