"""A dash an OCR engine read for 一 at item 1 of a section 五 list ("—是加强…；二是…", "－要…",
"（—）…（二）…"): repaired only where it is the list's first marker beyond doubt — item 2 of the
same style follows with no item 1 between — so the OCR'd report reads as the clean one does.
A dash anywhere else (a range "2—3个", "——" as an em dash, a dash in prose, a "—是" with no
二是 after it) is left as read."""

import pytest

from nlp_reports import load_report

TAIL = "\n\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"

BUREAU = ("临川县农业农村局2021年政府信息公开工作年度报告\n\n一、总体情况\n"
          "2021年，我局在县政府门户网站部门专栏主动公开涉农补贴、项目资金等信息213条。\n\n")
TOWNSHIP = ("白沙镇人民政府2017年政府信息公开工作年度报告\n\n一、总体情况\n"
            "2017年，我镇通过政务公开栏和县政府网站公开信息64条，收到依申请公开1件。\n\n")
SCHOOL = ("青湖市第二中学2023年信息公开工作年度报告\n\n一、总体情况\n"
          "2023年，我校通过校园网和家校群公开招生、收费、食堂管理等信息92条。\n\n")
PROVINCE = ("某省水利厅2015年政府信息公开工作年度报告\n\n一、总体情况\n"
            "2015年，我厅主动公开政府信息1,026条，受理依申请公开23件，均按期答复。\n\n")
HOSPITAL = ("东坡区妇幼保健院2020年政府信息公开工作年度报告\n\n一、总体情况\n"
            "2020年，我院在院务公开栏公开医疗服务价格和收费标准，更新院务信息48条。\n\n")


def _report(tmp_path, head: str, five: str, name: str = "r.txt"):
    f = tmp_path / name
    f.write_text(head + "五、存在的主要问题及改进情况\n" + five + TAIL, "utf-8")
    return load_report(f)


def _got(r):
    return [(s.block, s.marker, s.text) for s in r.statements]


# Each OCR'd block, with the dash the engine wrote for 一 where the clean text has it.
OCR_LISTS = [
    (BUREAU, "（一）存在的主要问题\n"
     "{d}是涉农政策解读偏少，图文解读多、音视频解读少；二是部分村级公开栏更新不及时，"
     "惠农补贴名单张贴后未及时撤换。\n"
     "（二）改进措施\n{d}要加强政策解读，对重要涉农政策同步制作图解；二要督促各村按季度更新公开栏。\n"),
    (TOWNSHIP, "对照上级要求，我镇政务公开工作仍存在差距：{d}是专职人员少，信息员由党政办干部兼任；"
     "二是公开内容以工作动态为主，群众关心的低保、危改信息公开不够。"
     "下一步，我镇将{d}要配齐信息员；二要每月公开低保和危房改造名单。\n"),
    (SCHOOL, "存在的问题主要有：（{d}）收费公示不够细，代收费项目未逐项列明。"
     "（二）家长意见反馈渠道单一。改进措施：（{d}）按学期逐项公示代收费；（二）在校园网开设留言栏。\n"),
    (PROVINCE, "一是 ...".replace("一是 ...", "{d}是政策文件解读发布滞后于文件公开，个别解读晚于原文一周以上；"
     "二是依申请公开答复文书格式不够统一。\n针对上述问题，我厅将{d}是严格执行解读与文件同步"
     "审签、同步发布；二是制定答复文书范本。\n")),
    (HOSPITAL, "（一）存在的主要问题\n{d}是 院务公开栏位置偏僻，患者不易看到；\n二是 网上公开内容少。\n"
     "（二）改进措施\n{d}是 将公开栏移至门诊大厅；\n二是 在医院公众号增设院务公开专栏。\n"),
]
DASHES = ["—", "－", "-", "–"]


@pytest.mark.parametrize("dash", DASHES)
@pytest.mark.parametrize("case", range(len(OCR_LISTS)))
def test_a_dash_for_one_opening_a_list_reads_as_the_clean_list(tmp_path, case, dash):
    head, five = OCR_LISTS[case]
    clean = _got(_report(tmp_path, head, five.replace("{d}", "一"), "clean.txt"))
    ocr = _got(_report(tmp_path, head, five.replace("{d}", dash), "ocr.txt"))
    assert ocr == clean
    # the clean text is a list: item 1 is split off with its marker, the dash out of its text
    assert any(m is not None and m.startswith(("一", "(一", "（一")) for _, m, _ in ocr)
    assert not any(t.startswith(dash) for _, _, t in ocr)


@pytest.mark.parametrize(("five", "kept"), [
    # a range: the dash between two figures
    ("（一）存在的主要问题\n依申请公开答复平均用时2—3个工作日，个别件超过10个工作日。\n"
     "（二）改进措施\n一是压缩答复时限；二是建立催办提醒。\n",
     "依申请公开答复平均用时2—3个工作日，个别件超过10个工作日。"),
    # an em dash "——" before 是, with a 二是 later
    ("（一）存在的主要问题\n公开栏更新——是群众最常反映的问题，也是我局的短板。\n"
     "一是人员不足；二是经费紧张。\n",
     "公开栏更新——是群众最常反映的问题，也是我局的短板。"),
    # "—是" alone: no 二是 after it, nothing says it is item 1
    ("（一）存在的主要问题\n—是基层公开工作力量薄弱。\n（二）改进措施\n下一步将充实基层力量。\n",
     "—是基层公开工作力量薄弱。"),
    # "—是" then 二要: another style, not its sibling
    ("本年度存在不足：—是公开栏内容陈旧。二要加强督查。\n", "—是公开栏内容陈旧。"),
    # a dash inside brackets in prose: no (二) follows at a marker position
    ("（一）存在的主要问题\n政策咨询热线（—）暂停使用期间，群众咨询转至办公室座机。\n",
     "政策咨询热线（—）暂停使用期间，群众咨询转至办公室座机。"),
])
def test_a_dash_elsewhere_is_left_as_read(tmp_path, five, kept):
    got = _got(_report(tmp_path, BUREAU, five))
    kept = kept.replace("（", "(").replace("）", ")")  # (the loader writes brackets half-width)
    assert any(kept in t for _, _, t in got), got


def test_a_dash_after_a_real_item_one_is_no_second_item_one(tmp_path):
    """一是…；—是…；二是…: the list already has its item 1, so the dash stays prose inside it."""
    five = "（一）存在的主要问题\n一是人员兼职；—是经费紧张；二是培训偏少。\n"
    got = _got(_report(tmp_path, TOWNSHIP, five))
    assert [m for _, m, _ in got] == ["一是", "二是"]
    assert "—是经费紧张" in got[0][2]


def test_the_repaired_marker_reads_one_and_the_text_keeps_no_dash(tmp_path):
    """The marker is the list's (一是, as the clean report's), the statement text as written."""
    five = "（一）存在的主要问题\n—是解读形式单一；二是更新不及时。\n"
    r = _report(tmp_path, HOSPITAL, five)
    assert [(s.marker, s.text) for s in r.statements] == [("一是", "解读形式单一；"),
                                                          ("二是", "更新不及时。")]
