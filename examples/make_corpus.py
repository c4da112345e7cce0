"""Build the bundled example corpus (examples/corpus/): annual reports of fictional agencies.

Every agency, place and sentence here is invented by the project's authors. The corpus is
meant to exercise the whole pipeline, so it is deliberately varied and deliberately flawed
in known places:

* 13 agencies at every level (province, city, county, district, township, street office,
  bureaus) in two fictional provinces, each reporting for 3–4 consecutive years in 2019–2025;
* the 2019 trial format for 2019–2020 reports, the 2021 format afterwards;
* files as scraped text with tables flattened one cell per line, text with aligned rows,
  GB18030 text, and saved HTML pages with rowspan/colspan tables and site chrome;
* every numbering style in section 五, run-in and separate sub-headings, and free prose;
* agencies that copy most of last year's section 五, boilerplate shared across agencies;
* accounting defects: an I1 and an I2 failure, a blank total cell, narrative figures that
  contradict the tables (T1), fees in 表二 with section 六 saying 无 (T2), a broken
  carry-over between years (X1).

Run ``python examples/make_corpus.py`` to rebuild; the output is deterministic.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

OUT = Path(__file__).resolve().parent / "corpus"

# --- section 五 pools: (theme, text). Written for this corpus only. ------------------------

PROBLEMS = [
    ("staffing", "信息公开工作由办公室人员兼任，既要承担文稿起草又要负责网站维护，精力分散，专职力量明显不足"),
    ("staffing", "年内负责信息公开的同志先后调整两次，新接手人员对栏目分工和发布流程不够熟悉，衔接出现空档"),
    ("staffing", "基层站所没有固定的信息报送人员，稿件靠临时指派，报送数量时多时少"),
    ("staffing", "镇村两级懂业务的人少，一人身兼数职的情况较为普遍，公开工作常常让位于中心工作"),
    ("training", "部分科室人员对新《条例》中依申请公开的时限和答复类型掌握不准，业务水平有待提高"),
    ("training", "全年组织专题培训次数偏少，培训内容停留在文件传达层面，实际操作能力提升不明显"),
    ("awareness", "个别股室对政务公开重视不够，认为公开是办公室一家的事，存在重业务轻公开的倾向"),
    ("awareness", "少数干部对公开工作的认识仍停留在“要我公开”层面，主动作为的意识不强"),
    ("proactivity", "主动公开的范围还不够广，部分群众关注的项目进展、资金使用情况公开不够"),
    ("proactivity", "重点领域信息公开的主动性不足，一些事项只在会议上通报，没有及时向社会公开"),
    ("proactivity", "公开内容多以工作动态为主，涉及群众切身利益的政策执行情况公开较少"),
    ("content_quality", "部分公开信息内容较为简单，只有标题和结论，缺少依据和过程，可读性不强"),
    ("content_quality", "栏目信息规范性不够，个别文件附件缺失、格式不统一，影响查阅使用"),
    ("timeliness", "个别栏目更新不及时，存在信息发布滞后、长期未更新的现象"),
    ("timeliness", "部分文件从印发到公开间隔较长，信息发布的时效性有待加强"),
    ("confidentiality", "对公开与不公开的界限把握不够精准，涉及个人信息的内容在发布前审查不够细致"),
    ("confidentiality", "保密审查机制执行不够严格，个别信息存在未经审核即上网的风险"),
    ("confidentiality", "在公开项目信息时，对涉及企业商业秘密和个人隐私的部分处理尺度不一"),
    ("interpretation", "政策解读形式比较单一，以文字解读为主，图解、视频等群众喜闻乐见的形式运用不多"),
    ("interpretation", "对社会关注的热点问题回应不够及时，解读材料与政策文件不能同步发布"),
    ("platform", "政务新媒体更新频率不高，与门户网站内容联动不足，部分账号活跃度较低"),
    ("platform", "政府信息公开专栏部分子栏目设置不合理，内容归类不准确，检索不便"),
    ("platform", "基层政务公开专区和查阅点建设相对滞后，设施简陋，使用率不高"),
    ("institution", "政务公开相关制度还不够健全，信息发布审核、公开属性认定等环节缺少细化规定"),
    ("institution", "基层政务公开标准目录未能及时动态调整，个别事项与实际工作脱节"),
    ("supervision", "对下属单位政务公开工作的督促检查力度不够，考核结果运用不充分"),
    ("supervision", "内部自查以年终集中检查为主，日常监测不够，发现问题相对滞后"),
    ("application", "依申请公开答复文书的规范性还有欠缺，个别答复引用条款不够准确"),
    ("application", "依申请公开办理涉及多个科室时协调用时较长，个别申请临近法定期限才办结"),
    ("publicity", "政务公开宣传力度不够，群众对信息公开渠道的知晓率不高，参与积极性不强"),
    ("publicity", "公众参与渠道不够丰富，政府开放日等活动开展较少，互动效果一般"),
]

MEASURES = [
    ("staffing", "配齐配强政务公开工作力量，明确一名分管领导和一名专职人员，建立AB角工作制度，确保人员调整时工作不断档"),
    ("staffing", "各站所明确一名信息联络员，名单报办公室备案，人员变动时及时补充并做好交接"),
    ("staffing", "协调增加公开岗位编制，安排业务骨干专门负责网站维护和信息审核"),
    ("training", "每半年组织一次政务公开业务培训，采取以会代训、集中学习等方式，重点学习新《条例》和答复规范"),
    ("training", "选派信息员到上级部门跟班学习，邀请专业律师讲解依申请公开典型案例，提升实操能力"),
    ("awareness", "把政务公开纳入党组会议学习内容，进一步提高干部对公开工作的思想认识，形成主要领导亲自抓、分管领导具体抓的工作格局"),
    ("awareness", "引导各股室树立“公开是常态、不公开是例外”的理念，把公开要求贯穿业务工作全过程"),
    ("proactivity", "加大重点领域信息主动公开力度，围绕项目建设、资金使用、惠民政策等群众关切事项做到应公开尽公开"),
    ("proactivity", "梳理年度主动公开事项清单，逐项明确责任科室和公开时限，拓展主动公开的广度和深度"),
    ("content_quality", "规范信息发布格式，公开文件同步上传附件和依据，丰富公开内容，提高信息的完整性和可读性"),
    ("content_quality", "对栏目历史信息开展一次全面清理，纠正分类错误、补齐缺失内容，提升公开质量"),
    ("timeliness", "建立信息发布时限要求，文件印发后5个工作日内完成公开，栏目每周至少更新一次"),
    ("timeliness", "实行栏目动态巡查，对长期未更新的栏目及时补充或整合，确保信息时效"),
    ("confidentiality", "严格落实“先审后发”和三级审核制度，信息发布前逐条进行保密审查，做好个人隐私信息的脱敏处理"),
    ("confidentiality", "制定公开属性认定指引，明确涉及国家秘密、商业秘密和个人隐私信息的处理尺度"),
    ("interpretation", "坚持政策文件与解读材料同步起草、同步审签、同步发布，多运用图解、短视频等形式开展解读"),
    ("interpretation", "主动回应社会关切，对群众反映集中的问题通过在线访谈、新闻通气会等方式及时解疑释惑"),
    ("platform", "优化政府信息公开专栏设置，完善检索功能，推动门户网站与政务新媒体信息同步发布"),
    ("platform", "规范政务新媒体管理，明确运维责任人，定期开展内容巡检，提升账号活跃度"),
    ("platform", "升级便民服务中心政务公开专区，配备查阅设备，方便群众就近查询政府信息"),
    ("institution", "完善政务公开工作制度，修订信息发布审核、公开属性源头认定等制度，规范工作流程"),
    ("institution", "对照基层政务公开标准指引，动态调整公开事项标准目录，推动标准化规范化建设"),
    ("supervision", "将政务公开工作纳入年度绩效考核，定期通报各单位信息报送和栏目更新情况"),
    ("supervision", "开展季度自查自纠，建立问题台账，整改一项销号一项"),
    ("application", "规范依申请公开办理流程，统一答复文书模板，答复前进行法律审核，确保按时办结"),
    ("application", "建立依申请公开会商机制，对涉及多个科室的申请明确牵头单位和办理时限"),
    ("publicity", "通过宣传栏、微信群、入户走访等方式加大政务公开宣传，提高群众知晓率和参与度"),
    ("publicity", "定期举办政府开放日活动，邀请群众代表走进机关，增强公众参与感"),
]

LEAD_INS = [
    "本年度政务公开工作取得了一定成效，但对照上级要求和群众期盼，仍存在一些不足",
    "在总结成绩的同时，我们也清醒地认识到工作中还存在一些问题和短板",
    "回顾全年工作，政务公开虽然稳步推进，但仍有薄弱环节",
]

# --- agencies ----------------------------------------------------------------------------


@dataclass
class Agency:
    name: str
    short: str  # how the agency refers to itself in prose
    level: str
    region: str
    years: tuple[int, ...]
    style: str  # flat | aligned | html | gb18030
    numbering: str  # yishi | paren | arabic | circled | prose
    copies_last_year: bool = False
    subheads: str = "separate"  # separate | runin | none
    extra: dict = field(default_factory=dict)


AGENCIES = [
    Agency("青禾省人民政府", "省政府", "province", "青禾省", (2021, 2022, 2023, 2024), "html", "paren"),
    Agency("青禾省自然资源厅", "我厅", "department", "青禾省", (2019, 2020, 2021), "flat", "arabic"),
    Agency("云岭市人民政府", "市政府", "city", "青禾省云岭市", (2022, 2023, 2024), "aligned", "yishi",
           subheads="runin"),
    Agency("云岭市卫生健康委员会", "市卫健委", "department", "青禾省云岭市", (2021, 2022, 2023), "flat",
           "yishi", copies_last_year=True),
    Agency("溪山县人民政府", "县政府", "county", "青禾省云岭市溪山县", (2020, 2021, 2022, 2023), "gb18030",
           "paren"),
    Agency("溪山县市场监督管理局", "我局", "department", "青禾省云岭市溪山县", (2022, 2023, 2024), "flat",
           "circled"),
    Agency("白石镇人民政府", "白石镇", "township", "青禾省云岭市溪山县", (2023, 2024, 2025), "flat", "yishi",
           copies_last_year=True, subheads="runin"),
    Agency("枫林乡人民政府", "枫林乡", "township", "青禾省云岭市溪山县", (2021, 2022, 2023), "aligned",
           "prose", subheads="none"),
    Agency("云岭市东城区南湖街道办事处", "南湖街道", "street", "青禾省云岭市东城区", (2022, 2023, 2024), "html",
           "yishi"),
    Agency("云岭市东城区人民政府", "区政府", "county", "青禾省云岭市东城区", (2019, 2020, 2021), "flat",
           "paren"),
    Agency("江汀省生态环境厅", "我厅", "department", "江汀省", (2023, 2024, 2025), "html", "arabic"),
    Agency("桐川市人民政府", "市政府", "city", "江汀省桐川市", (2020, 2021, 2022), "gb18030", "yishi"),
    Agency("柳岸县人民政府", "县政府", "county", "江汀省桐川市柳岸县", (2023, 2024, 2025), "flat", "paren",
           subheads="runin"),
    Agency("桐川市交通运输局", "我局", "department", "江汀省桐川市", (2024, 2025), "aligned", "circled"),
]

# deliberate defects: (agency short name, year) -> kind of defect
DEFECTS = {
    ("云岭市卫生健康委员会", 2022): "I1",
    ("溪山县人民政府", 2021): "I2",
    ("云岭市人民政府", 2023): "T1",
    ("青禾省人民政府", 2022): "T2",
    ("溪山县市场监督管理局", 2023): "blank_total",
    ("柳岸县人民政府", 2024): "X1",
}

COLS7 = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T3_ROWS_2021 = [
    ("1", "一、本年新收政府信息公开申请数量"), ("2", "二、上年结转政府信息公开申请数量"),
    ("3.1", "(一)予以公开"), ("3.2", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"),
    ("3.3.1", "1.属于国家秘密"), ("3.3.2", "2.其他法律行政法规禁止公开"), ("3.3.3", "3.危及“三安全一稳定”"),
    ("3.3.4", "4.保护第三方合法权益"), ("3.3.5", "5.属于三类内部事务信息"), ("3.3.6", "6.属于四类过程性信息"),
    ("3.3.7", "7.属于行政执法案卷"), ("3.3.8", "8.属于行政查询事项"),
    ("3.4.1", "1.本机关不掌握相关政府信息"), ("3.4.2", "2.没有现成信息需要另行制作"),
    ("3.4.3", "3.补正后申请内容仍不明确"),
    ("3.5.1", "1.信访举报投诉类申请"), ("3.5.2", "2.重复申请"), ("3.5.3", "3.要求提供公开出版物"),
    ("3.5.4", "4.无正当理由大量反复申请"), ("3.5.5", "5.要求行政机关确认或重新出具已获取信息"),
    ("3.6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("3.6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("3.6.3", "3.其他"), ("3.7", "(七)总计"), ("4", "四、结转下年度继续办理"),
]
GROUPS = {"3.3": "(三)不予公开", "3.4": "(四)无法提供", "3.5": "(五)不予处理", "3.6": "(六)其他处理"}


def t3_rows(fmt: str):
    if fmt == "2021":
        return T3_ROWS_2021
    rows = [r for r in T3_ROWS_2021 if not r[0].startswith("3.6.")]
    i = [r[0] for r in rows].index("3.7")
    return rows[:i] + [("3.6", "(六)其他处理")] + rows[i:]


def make_table3(rng: random.Random, carried: list[int], fmt: str, scale: int) -> dict[str, list]:
    """A consistent 表三: rows → 7 column values (6 applicant columns + total)."""
    new = [rng.randint(0, scale) if c == 0 else rng.choice([0, 0, 0, rng.randint(0, max(1, scale // 4))])
           for c in range(6)]
    total_in = [new[c] + carried[c] for c in range(6)]
    outcome_ids = [r for r, _ in t3_rows(fmt) if r.startswith("3.") and r != "3.7"]
    weights = {"3.1": 10, "3.2": 3, "3.4.1": 4, "3.3.4": 1, "3.5.1": 1, "3.4.2": 1, "3.3.6": 1,
               "3.6.3": 1, "3.6": 1, "3.5.2": 1}
    rows = {r: [0] * 6 for r in outcome_ids}
    nxt = [0] * 6
    for c in range(6):
        for _ in range(total_in[c]):
            if rng.random() < 0.08:
                nxt[c] += 1
                continue
            pick = rng.choices(list(weights), weights=list(weights.values()))[0]
            if pick not in rows:
                pick = "3.1"
            rows[pick][c] += 1
    table = {"1": new, "2": carried}
    table.update(rows)
    table["3.7"] = [sum(rows[r][c] for r in outcome_ids) for c in range(6)]
    table["4"] = nxt
    return {k: v + [sum(v)] for k, v in table.items()}


def make_table4(rng: random.Random, scale: int) -> list[int]:
    cells = []
    for _ in range(3):
        vals = [rng.choice([0, 0, 0, 1, 2]) if scale > 5 else 0 for _ in range(4)]
        cells += vals + [sum(vals)]
    return cells


def section5(agency: Agency, rng: random.Random, year: int, prev: list[str] | None):
    """Section 五 as text lines, and the statements it contains (for copying next year)."""
    if prev and agency.copies_last_year:
        statements = list(prev)
        # copy most of last year's text, touch up one line
        if len(statements) > 2:
            statements[-1] = rng.choice(MEASURES)[1]
    else:
        probs = rng.sample(PROBLEMS, rng.randint(2, 4))
        meas = rng.sample(MEASURES, rng.randint(2, 4))
        statements = [p for _, p in probs] + ["|"] + [m for _, m in meas]
    split = statements.index("|")
    problems, measures = statements[:split], statements[split + 1:]
    lead = rng.choice(LEAD_INS)
    lines = []

    def enum(items: list[str]) -> list[str]:
        nums = "一二三四五六七八"
        if agency.numbering == "yishi":
            return ["".join(f"{nums[i]}是{t}。" for i, t in enumerate(items))]
        if agency.numbering == "paren":
            return [f"({nums[i]}){t}。" for i, t in enumerate(items)]
        if agency.numbering == "arabic":
            return [f"{i + 1}.{t}。" for i, t in enumerate(items)]
        if agency.numbering == "circled":
            return [f"{'①②③④⑤⑥'[i]}{t}。" for i, t in enumerate(items)]
        return ["。".join(items) + "。"]

    if agency.subheads == "runin":
        lines.append(f"(一)存在的主要问题。{lead}:" + "".join(enum(problems)))
        lines.append("(二)改进措施。" + "".join(enum(measures)))
    elif agency.subheads == "none":
        lines.append(f"{lead}。" + "".join(enum(problems)))
        lines.append(f"{year + 1}年,{agency.short}将着力做好以下工作。" + "".join(enum(measures)))
    else:
        sub_p = "1.存在的主要问题" if agency.numbering == "paren" else "(一)存在的主要问题"
        sub_m = "2.改进措施" if agency.numbering == "paren" else "(二)下一步改进措施"
        lines += [sub_p, f"{lead}。", *enum(problems), sub_m, *enum(measures)]
    return lines, statements


def narrative(agency: Agency, rng: random.Random, year: int, t3: dict, t4: list[int], defect: str | None):
    received = t3["1"][6]
    granted = t3["3.1"][6]
    if defect == "T1":
        received += 3
    reviews = t4[4]
    n_pub = rng.randint(80, 2400)
    p = [f"{year}年,{agency.short}坚持以人民为中心的发展思想,认真贯彻落实《中华人民共和国政府信息公开条例》,"
         f"围绕中心工作深入推进政务公开,全年主动公开政府信息{n_pub}条。"]
    p.append(f"(一)主动公开。通过门户网站、政务新媒体等渠道及时发布政策文件、人事信息和重点领域信息,"
             f"其中发布政策解读{rng.randint(3, 40)}篇。")
    if received:
        p.append(f"(二)依申请公开。全年共收到政府信息公开申请{received}件,其中予以公开{granted}件,"
                 f"均在法定期限内答复。")
    else:
        p.append("(二)依申请公开。本年度未收到政府信息公开申请。")
    p.append("(三)政府信息管理。严格执行公开属性源头认定和发布审核制度,对规范性文件实行统一登记、统一编号、统一公开。")
    p.append("(四)平台建设。持续优化政府信息公开专栏,推进政务新媒体规范化管理。")
    p.append(f"(五)监督保障。将政务公开纳入年度考核,全年因政府信息公开被申请行政复议{reviews}件。")
    return p


def table2_lines(fmt: str, t2: dict) -> list[list[str]]:
    """表二 as rows of cells (label + values), per format."""
    if fmt == "2021":
        return [
            ["第二十条第(一)项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", *map(str, t2["regulations"])], ["行政规范性文件", *map(str, t2["normative"])],
            ["第二十条第(五)项"], ["信息内容", "本年处理决定数量"], ["行政许可", str(t2["licensing"])],
            ["第二十条第(六)项"], ["信息内容", "本年处理决定数量"], ["行政处罚", str(t2["punishment"])],
            ["行政强制", str(t2["coercion"])],
            ["第二十条第(八)项"], ["信息内容", "本年收费金额(单位:万元)"], ["行政事业性收费", t2["fees"]],
        ]
    return [
        ["第二十条第(一)项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "0", "0", "0"], ["规范性文件", *map(str, t2["normative19"])],
        ["第二十条第(五)项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政许可", "12", "0", str(t2["licensing"])], ["其他对外管理服务事项", "3", "0", "0"],
        ["第二十条第(六)项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政处罚", "25", "+1", str(t2["punishment"])], ["行政强制", "4", "0", str(t2["coercion"])],
        ["第二十条第(八)项"], ["信息内容", "上一年项目数量", "本年增/减"], ["行政事业性收费", "2", "0"],
        ["第二十条第(九)项"], ["信息内容", "采购项目数量", "采购总金额"], ["政府集中采购", "6", "138.5"],
    ]


def render_text(agency: Agency, year: int, parts: dict, style: str) -> str:
    out = []
    pub = f"{year + 1}-01-{10 + (zlib.crc32(agency.name.encode()) % 18):02d}"
    out.append(f"{agency.name}{year}年政府信息公开工作年度报告")
    out.append(f"发布时间:{pub} 09:30:00    来源:{agency.short}    阅读次数:{300 + len(agency.name) * 37}")
    out.append("")
    out.append(f"本报告根据《中华人民共和国政府信息公开条例》要求编制,所列数据统计期限自{year}年1月1日起至"
               f"{year}年12月31日止。")
    out.append("")
    out.append("一、总体情况")
    out += parts["narrative"]
    out.append("")
    out.append("二、主动公开政府信息情况")
    for row in parts["table2"]:
        if style == "aligned":
            out.append("  ".join(row))
        else:
            out += [c for cell in row for c in (cell, "")]
    out.append("三、收到和处理政府信息公开申请情况")
    out.append("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)")
    t3 = parts["table3"]
    if style == "aligned":
        out.append("申请人情况  " + "  ".join(COLS7))
        shown = set()
        for rid, label in t3_rows(parts["fmt"]):
            grp = rid[:3]
            if rid == "3.1":
                out.append("三、本年度办理结果")
            if grp in GROUPS and grp not in shown and rid != grp:
                out.append(GROUPS[grp])
                shown.add(grp)
            out.append(label + "  " + "  ".join(t3[rid]))
    else:
        out += ["申请人情况", "", "自然人", "", "法人或其他组织", "", "总计", "", "商业", "企业", "", "科研",
                "机构", "", "社会公益组织", "", "法律服务机构", "", "其他", ""]
        shown = set()
        for rid, label in t3_rows(parts["fmt"]):
            grp = rid[:3]
            if rid == "3.1":
                out += ["三、本年度办理结果", ""]
            if grp in GROUPS and grp not in shown and rid != grp:
                out += [GROUPS[grp], ""]
                shown.add(grp)
            out += [label, ""]
            for v in t3[rid]:
                out += [v, ""]
    out.append("四、政府信息公开行政复议、行政诉讼情况")
    t4 = parts["table4"]
    if style == "aligned":
        results = "  ".join(("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
        out.append("行政复议  行政诉讼")
        out.append(f"{results}  未经复议直接起诉  复议后起诉")
        out.append(f"{results}  {results}")
        out.append("  ".join(map(str, t4)))
    else:
        out += ["行政复议", "", "行政诉讼", ""]
        for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"):
            out += [h, ""]
        out += ["未经复议直接起诉", "", "复议后起诉", ""]
        for _ in range(2):
            for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"):
                out += [h, ""]
        for v in t4:
            out += [str(v), ""]
    title5 = "五、政府信息公开工作存在的主要问题及改进情况" if parts["fmt"] == "2019" else "五、存在的主要问题及改进情况"
    out.append(title5)
    out += parts["section5"]
    out.append("")
    out.append("六、其他需要报告的事项")
    out += parts["section6"]
    out.append("")
    out.append(agency.name)
    out.append(f"{year + 1}年1月{10 + (zlib.crc32(agency.name.encode()) % 18)}日")
    return "\n".join(out) + "\n"


def render_html(agency: Agency, year: int, parts: dict) -> str:
    e = escape
    body = [f'<h1 class="title">{e(agency.name)}{year}年政府信息公开工作年度报告</h1>',
            f'<div class="info">发布日期:{year + 1}-01-20 &nbsp; 来源:{e(agency.short)}</div>',
            '<div id="zoom" class="article-content">',
            f"<p>本报告依据《中华人民共和国政府信息公开条例》编制,数据统计期限为{year}年1月1日至12月31日。</p>",
            "<p><strong>一、总体情况</strong></p>"]
    body += [f"<p>{e(p)}</p>" for p in parts["narrative"]]
    body.append("<p><strong>二、主动公开政府信息情况</strong></p><table border='1'>")
    for row in parts["table2"]:
        if len(row) == 1:
            body.append(f"<tr><td colspan='4'>{e(row[0])}</td></tr>")
        else:
            cells = "".join(f"<td>{e(c)}</td>" for c in row)
            body.append(f"<tr>{cells}</tr>")
    body.append("</table>")
    body.append("<p><strong>三、收到和处理政府信息公开申请情况</strong></p>")
    body.append("<table border='1' cellspacing='0'>")
    body.append("<tr><td colspan='3' rowspan='3'>(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)</td>"
                "<td colspan='7'>申请人情况</td></tr>")
    body.append("<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td><td rowspan='2'>总计</td></tr>")
    body.append("<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>")
    t3 = parts["table3"]
    rows = t3_rows(parts["fmt"])
    n_outcome = sum(1 for r, _ in rows if r.startswith("3."))
    group_sizes = {g: sum(1 for r, _ in rows if r.startswith(g + ".")) for g in GROUPS}
    for rid, label in rows:
        cells = "".join(f"<td>{e(v)}</td>" for v in t3[rid])
        if rid in ("1", "2", "4"):
            body.append(f"<tr><td colspan='3'>{e(label)}</td>{cells}</tr>")
            continue
        lead = ""
        if rid == "3.1":
            lead = f"<td rowspan='{n_outcome}'>三、本年度办理结果</td>"
        grp = rid[:3]
        if grp in GROUPS and rid != grp:
            if rid.endswith(".1"):
                lead += f"<td rowspan='{group_sizes[grp]}'>{e(GROUPS[grp])}</td>"
            body.append(f"<tr>{lead}<td>{e(label)}</td>{cells}</tr>")
        else:
            body.append(f"<tr>{lead}<td colspan='2'>{e(label)}</td>{cells}</tr>")
    body.append("</table>")
    body.append("<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p><table border='1'>")
    body.append("<tr><th colspan='5' rowspan='2'>行政复议</th><th colspan='10'>行政诉讼</th></tr>")
    body.append("<tr><th colspan='5'>未经复议直接起诉</th><th colspan='5'>复议后起诉</th></tr>")
    body.append("<tr>" + "".join(f"<th>{h}</th>" for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 3)
                + "</tr>")
    body.append("<tr>" + "".join(f"<td>{v}</td>" for v in parts["table4"]) + "</tr></table>")
    t5 = "五、政府信息公开工作存在的主要问题及改进情况" if parts["fmt"] == "2019" else "五、存在的主要问题及改进情况"
    body.append(f"<p><strong>{t5}</strong></p>")
    body += [f"<p>{e(p)}</p>" for p in parts["section5"]]
    body.append("<p><strong>六、其他需要报告的事项</strong></p>")
    body += [f"<p>{e(p)}</p>" for p in parts["section6"]]
    body.append(f"<p style='text-align:right'>{e(agency.name)}<br/>{year + 1}年1月20日</p></div>")
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        f"{e(agency.name)}{year}年政府信息公开工作年度报告</title>"
        "<script>var _hmt=_hmt||[];</script><style>body{font-size:14px}</style></head><body>"
        "<div class='header'><div class='nav'><a href='/'>首页</a> <a href='/zwgk/'>政务公开</a> "
        "<a href='/hdjl/'>互动交流</a></div></div>"
        "<div class='breadcrumb'>当前位置:首页 &gt; 政务公开 &gt; 政府信息公开年报</div>"
        + "\n".join(body)
        + "<div class='footer'>主办单位:" + e(agency.name) + " 网站标识码 0000000000 备案号:青ICP备00000000号</div>"
        "<script>window.print_page=function(){};</script></body></html>\n"
    )


def build() -> list[Path]:
    rng = random.Random(20240115)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    written = []
    for agency in AGENCIES:
        carried = [0] * 6
        in_force = [rng.randint(0, 3), rng.randint(2, 40)]
        prev5 = None
        scale = {"province": 40, "city": 25, "department": 12, "county": 10, "township": 2,
                 "street": 3}[agency.level]
        for year in agency.years:
            fmt = "2019" if year < 2021 else "2021"
            defect = DEFECTS.get((agency.name, year))
            if defect == "X1":
                carried = [c + 1 for c in carried]
            t3 = make_table3(rng, carried, fmt, scale)
            carried = t3["4"][:6]
            t3s = {k: [str(v) for v in vals] for k, vals in t3.items()}
            if defect == "I1":
                t3s["3.7"][6] = str(t3["3.7"][6] + 2)
                t3s["3.1"][6] = str(t3["3.1"][6] + 2)
            if defect == "I2":
                t3s["1"][0] = str(t3["1"][0] + 1)
            if defect == "blank_total":
                t3s["2"][6] = ""
            t4 = make_table4(rng, scale)
            issued = [rng.randint(0, 1), rng.randint(0, 6)]
            repealed = [0, rng.randint(0, 2)]
            in_force = [max(0, in_force[i] + issued[i] - repealed[i]) for i in range(2)]
            fees = "0" if agency.level in ("township", "street") or rng.random() < 0.6 else f"{rng.randint(1, 900) / 10:.1f}"
            if defect == "T2":
                fees = "12.6"
            t2 = {"regulations": [issued[0], repealed[0], in_force[0]],
                  "normative": [issued[1], repealed[1], in_force[1]],
                  "normative19": [issued[1], issued[1], in_force[1]],
                  "licensing": rng.randint(0, scale * 30), "punishment": rng.randint(0, scale * 8),
                  "coercion": rng.randint(0, scale), "fees": fees}
            s5, prev5 = section5(agency, rng, year, prev5)
            if fees != "0" and defect != "T2":
                s6 = ["(一)本年度按照《政府信息公开信息处理费管理办法》收取信息处理费0元。",
                      "(二)落实上级年度政务公开工作要点情况:已全部落实。"]
            elif rng.random() < 0.5 or defect == "T2":
                s6 = ["无。"]
            else:
                s6 = ["本年度未收取信息处理费。", "认真办理人大代表建议和政协提案,办理结果均已按要求公开。"]
            parts = {"fmt": fmt, "narrative": narrative(agency, rng, year, t3, t4, defect),
                     "table2": table2_lines(fmt, t2), "table3": t3s, "table4": t4,
                     "section5": s5, "section6": s6}
            stem = f"{agency.name}{year}年政府信息公开工作年度报告"
            if agency.style == "html":
                path = OUT / f"{stem}.html"
                path.write_text(render_html(agency, year, parts), encoding="utf-8")
            else:
                text = render_text(agency, year, parts, "aligned" if agency.style == "aligned" else "flat")
                path = OUT / f"{stem}.txt"
                enc = "gb18030" if agency.style == "gb18030" else "utf-8"
                path.write_bytes(text.encode(enc))
            written.append(path)
    return written


if __name__ == "__main__":
    files = build()
    print(f"wrote {len(files)} reports to {OUT}")
