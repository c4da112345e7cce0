"""A section 五 copied (90 % or more of 3+ problems and measures) from the agency's
report of the year before is a defect (section5_copied, 问题与改进照搬上年), not only the
signal copied_from_last_year; partial copying stays a signal."""

from __future__ import annotations

import csv

from _corpus_helpers import make_report, store_of

from nlp_reports.corpus import audit
from nlp_reports.corpus.audit import COLUMN_NAMES_ZH, COLUMNS, DEFECT_COLUMNS, SIGNAL_COLUMNS

# a county hospital's section 五, 2023
HOSP = "临川县中医院"
HOSP_PROBLEMS = [
    "院务公开栏设置在门诊楼三层，患者及家属知晓率不高，部分收费项目调整后未及时张贴。",
    "医疗服务价格和药品价格查询终端长期故障，群众只能到收费窗口询问。",
    "依申请公开的登记台账由办公室和医务科分别保管，答复期限统计不够准确。",
]
HOSP_MEASURES = [
    "将院务公开栏移至门诊大厅，收费项目调整后三个工作日内更新公示内容。",
    "年内更换价格查询终端并在医院微信公众号同步开通价格查询功能。",
]
# the same hospital's 2024 五, new problems and measures
HOSP_2024_NEW = [
    "预约挂号规则变更只在院内电子屏通知，外地患者多次白跑。",
    "第三方满意度调查结果未向社会公开，整改情况也没有说明。",
    "安排专人每周核对院务公开事项清单，变更内容同步推送至县卫健局网站。",
]

# a township's 五 of ten items, 2023, and the same list in 2024 with one item rewritten
TOWN = "石门县龙潭镇人民政府"
TOWN_2023 = [
    "村务公开栏内容长期不更新，有的村还贴着前年的低保名单。",
    "镇政府网站信息公开专栏栏目设置与县里统一目录不一致。",
    "高标准农田建设项目资金使用情况公开不够细，只公布了总投资额。",
    "镇干部对依申请公开的受理流程不熟悉，群众来电时常被转来转去。",
    "征地补偿安置方案公示期偏短，部分外出务工村民不知情。",
    "统一按县政务公开目录调整镇网站栏目，年底前完成。",
    "各村每季度更新一次村务公开栏，由包村干部拍照存档备查。",
    "项目资金按村、按标段分项公开，接受群众监督。",
    "举办一期依申请公开业务培训，覆盖镇村两级经办人员。",
    "征地补偿方案公示期延长至三十日，并通过村民微信群同步推送。",
]
TOWN_2024_REWRITTEN = "今年新设便民服务中心公开查阅点，群众可现场查询惠农补贴发放明细。"


def _audit(tmp_path, reports):
    result = audit(store_of(tmp_path / "c.db", reports))
    t = result.table.assign(name=[p.split("/")[-1] for p in result.table["path"]])
    return result, t.set_index("name")


def test_the_column_is_a_defect_and_named_in_chinese():
    assert "section5_copied" in DEFECT_COLUMNS and "section5_copied" in COLUMNS
    assert "section5_copied" not in SIGNAL_COLUMNS
    assert "copied_from_last_year" in SIGNAL_COLUMNS
    assert COLUMN_NAMES_ZH["section5_copied"] == "问题与改进照搬上年"


def test_section5_copied_whole_is_a_defect(tmp_path):
    result, t = _audit(tmp_path, {
        "hosp23.txt": make_report(HOSP, 2023, HOSP_PROBLEMS, HOSP_MEASURES),
        "hosp24.txt": make_report(HOSP, 2024, HOSP_PROBLEMS, HOSP_MEASURES),
    })
    row = t.loc["hosp24.txt"]
    assert bool(row["section5_copied"]) is True
    assert row["copied_from_last_year"] == 5  # the signal still counts the statements
    last = t.loc["hosp23.txt"]
    assert bool(last["section5_copied"]) is False
    # the defect is counted: one more than the same report's defects without it
    assert row["defects"] == last["defects"] + 1
    sentence = ("第五部分“存在的主要问题及改进情况”共5条问题和改进措施，全部照搬本机关2023年度报告"
                "（内容雷同），未写明本年度存在的问题和改进情况")
    assert sentence in row["findings_zh"]
    assert sentence not in last["findings_zh"]
    path24 = t.index.get_loc("hosp24.txt")
    assert result.counted.iloc[path24]["section5_copied"] == 1


def test_nine_in_ten_copied_is_a_defect_with_its_share(tmp_path):
    copied = TOWN_2023[:4] + [TOWN_2024_REWRITTEN] + TOWN_2023[5:]
    result, t = _audit(tmp_path, {
        "town23.txt": make_report(TOWN, 2023, TOWN_2023[:5], TOWN_2023[5:], level="township"),
        "town24.txt": make_report(TOWN, 2024, copied[:5], copied[5:], level="township"),
    })
    row = t.loc["town24.txt"]
    assert row["copied_from_last_year"] == 9
    assert bool(row["section5_copied"]) is True
    assert "共10条问题和改进措施，9条（占90%）照搬本机关2023年度报告" in row["findings_zh"]


def test_two_of_five_copied_is_a_signal_only(tmp_path):
    result, t = _audit(tmp_path, {
        "hosp23.txt": make_report(HOSP, 2023, HOSP_PROBLEMS, HOSP_MEASURES),
        "hosp24.txt": make_report(HOSP, 2024, [HOSP_PROBLEMS[0], *HOSP_2024_NEW[:2]],
                                  [HOSP_MEASURES[1], HOSP_2024_NEW[2]]),
    })
    row = t.loc["hosp24.txt"]
    assert row["copied_from_last_year"] == 2
    assert bool(row["section5_copied"]) is False
    assert "照搬" not in row["findings_zh"]
    assert "占40%，沿用上年表述" in row["signals_zh"]
    assert row["defects"] == t.loc["hosp23.txt", "defects"]


def test_fewer_than_three_statements_copied_whole_is_no_defect(tmp_path):
    p, m = [HOSP_PROBLEMS[1]], [HOSP_MEASURES[1]]
    _, t = _audit(tmp_path, {
        "hosp23.txt": make_report(HOSP, 2023, p, m),
        "hosp24.txt": make_report(HOSP, 2024, p, m),
    })
    row = t.loc["hosp24.txt"]
    assert row["copied_from_last_year"] == 2
    assert bool(row["section5_copied"]) is False
    assert "照搬" not in row["findings_zh"]


def test_headers_zh_and_html_name_the_defect(tmp_path):
    result, _ = _audit(tmp_path, {
        "hosp23.txt": make_report(HOSP, 2023, HOSP_PROBLEMS, HOSP_MEASURES),
        "hosp24.txt": make_report(HOSP, 2024, HOSP_PROBLEMS, HOSP_MEASURES),
    })
    out = result.to_csv(tmp_path / "a.csv", headers="zh")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    flags = {r["文件"].split("/")[-1]: r["问题与改进照搬上年"] for r in rows}
    assert flags == {"hosp23.txt": "0", "hosp24.txt": "1"}  # 0/1 as the codebook says
    html = result.to_html()
    assert "问题与改进照搬上年" in html and "照搬本机关2023年度报告" in html
    by = result.by("folder")
    assert int(by["section5_copied"].sum()) == 1
