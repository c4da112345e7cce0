"""Section 五's shapes and metadata:
"一要…二要…" enumerations, "不足2、" items, "本年度无。" before a measure, closings (特此报告。)
inside 五, years and dates read from other evidence than the title, and an institution's name
taken for a region. Inputs are short fictional reports in tests/fixtures/parse14b/ or inline."""

from __future__ import annotations

from pathlib import Path

from nlp_reports import load_report
from nlp_reports.parse.metadata import region_of
from nlp_reports.parse.statements import split_section5

DATA = Path(__file__).parent / "fixtures" / "parse14b"
TITLE = "存在的主要问题及改进情况"


def _split(text: str, title: str = TITLE) -> list[tuple[str, str | None, str]]:
    res = split_section5(text, 0, len(text), title=title)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


# --- "一要…二要…三要…" -----------------------------------------------------------------------


def test_yi_yao_enumeration_is_a_marker_run():
    """"一要…；二要…；三要…" (must first …, second …) numbers measures as 一是…二是… does: it
    was split into sentences with "一要" kept in the text and statements_unsplit."""
    got = _split("（一）存在的主要问题\n一是部分村（社区）公开栏更新不及时；二是依申请公开答复格式不够规范。\n"
                 "（二）改进措施\n下一步，我镇将重点抓好以下工作：一要压实包村干部公开责任，每月检查一次"
                 "公开栏；二要按照县里统一要求修订答复文书模板；三要进一步加强业务培训。\n")
    assert got == [
        ("problem", "一是", "部分村（社区）公开栏更新不及时；"),
        ("problem", "二是", "依申请公开答复格式不够规范。"),
        ("measure", None, "下一步，我镇将重点抓好以下工作："),
        ("measure", "一要", "压实包村干部公开责任，每月检查一次公开栏；"),
        ("measure", "二要", "按照县里统一要求修订答复文书模板；"),
        ("measure", "三要", "进一步加强业务培训。"),
    ]
    lines = "（二）改进措施\n一要完善制度。\n二要强化督查。\n"
    assert not split_section5(lines, 0, len(lines), title=TITLE).unsplit


def test_yao_inside_words_is_no_marker():
    """统一要求, 唯一要素, 第一要务, 进一步要 …: 要 after a numeral inside a word starts no item,
    and a lone "一要" with no 二要 is no enumeration."""
    text = ("（二）改进措施\n严格执行全省统一要求，把公开作为第一要务。今年唯一要补的短板是解读质量。"
            "我们一要抓落实。\n")
    got = _split(text)
    assert all(m is None for _, m, _ in got)
    assert [t for _, _, t in got] == ["严格执行全省统一要求，把公开作为第一要务。",
                                      "今年唯一要补的短板是解读质量。", "我们一要抓落实。"]


# --- "不足1、…⏎不足2、…" -----------------------------------------------------------------------


def test_labelled_items_in_digits_before_dun():
    """"不足1、…⏎不足2、…" (and 问题N、 / 措施N、) are labelled items: "不足" was read as a run-in
    sub-heading over an item "1、", so item 2 began a block of its own and kept "2、" in its
    text. "问题1、…。2、…" on one line is still the heading 问题 over items 1、 2、."""
    got = _split("不足1、门诊楼电子屏院务公开内容更新滞后，部分收费标准仍为旧版。\n"
                 "不足2、依申请公开登记台账填写不完整。\n改进措施：\n"
                 "1、由院办牵头每月核对电子屏内容。\n2、统一台账格式并纳入科室考核。\n",
                 title="存在的主要问题和改进情况")
    assert got == [
        ("problem", "不足1、", "门诊楼电子屏院务公开内容更新滞后，部分收费标准仍为旧版。"),
        ("problem", "不足2、", "依申请公开登记台账填写不完整。"),
        ("measure", "1、", "由院办牵头每月核对电子屏内容。"),
        ("measure", "2、", "统一台账格式并纳入科室考核。"),
    ]
    got = _split("问题1、乡镇公开专栏栏目设置不统一。\n问题2、政策解读形式单一。\n"
                 "措施1、对照县级标准目录统一栏目。\n措施2、增加图解和短视频解读。\n")
    assert [(b, m) for b, m, _ in got] == [("problem", "问题1、"), ("problem", "问题2、"),
                                           ("measure", "措施1、"), ("measure", "措施2、")]
    assert "2、" not in "".join(t for _, _, t in got)
    got = _split("问题1、栏目设置不统一。2、解读形式单一。\n措施：1、统一栏目。2、增加图解。\n")
    assert [(b, m, t) for b, m, t in got][:2] == [("problem", "1、", "栏目设置不统一。"),
                                                 ("problem", "2、", "解读形式单一。")]


# --- "本年度无。" before a measure ------------------------------------------------------------


def test_no_problems_then_a_measure():
    """"本年度无。下一步，我办将继续…" under the heading naming both blocks is the problem block
    saying there is none, as "（一）存在的主要问题⏎无。" is, then a measure: it was two
    ``unknown`` sentences. A sentence after it that states a lack stays a problem."""
    got = _split("本年度无。下一步，我办将继续对照标准目录更新公开内容，按季度检查栏目链接。\n")
    assert got == [("problem", None, "本年度无。"),
                   ("measure", None, "下一步，我办将继续对照标准目录更新公开内容，按季度检查栏目链接。")]
    got = _split("暂无突出问题。\n但村级公开栏图片资料较少。\n2025年，我镇将增加公开栏图片解读。\n")
    assert [b for b, _, _ in got] == ["problem", "problem", "measure"]
    assert split_section5("本年度无。", 0, 5, title=TITLE).empty  # a bare 无 stays empty


# --- closings (特此报告。) -----------------------------------------------------------------------


def test_closing_formula_is_no_part_of_the_last_section():
    """"特此报告。" run in after section 五's last sentence when 六 is missing was read as the
    last measure; "以上报告，请审阅。" below a 六 of "无" made 六 say more than "无"."""
    r = load_report(DATA / "zhen_closing_no_six.txt")
    texts = [s.text for s in r.statements]
    assert texts[-1] == "下一步，我镇将建立村务公开栏月检查制度，并组织一次专题培训。"
    assert not any("特此" in t for t in texts)
    five = next(s for s in r.sections if s.number == 5)
    assert five.text.endswith("专题培训。")
    r = load_report(DATA / "yiyuan_closing_after_six.txt")
    assert next(s for s in r.sections if s.number == 6).text == "无。"
    assert r.statements[-1].text == "院办制定科室信息报送清单，每季度通报报送质量。"
    # a sentence that merely opens with the words stays in the text
    page = (DATA / "zhen_closing_no_six.txt").read_text(encoding="utf-8").replace(
        "特此报告。", "以上报告数据统计截至2024年12月31日。")
    r = load_report(page.encode("utf-8"), filename="zhen.txt")
    assert r.statements[-1].text == "以上报告数据统计截至2024年12月31日。"


# --- a closing date with no day -----------------------------------------------------------------


def test_signature_month_without_day():
    """"2025年1月" under the signature (no day) is the month's last day, marked
    signature_month, as a month under the title is (title_month): published was None, and the
    signature and the date were read as the last statement of 五."""
    text = (DATA / "zhen_closing_no_six.txt").read_text(encoding="utf-8")
    for date_line in ("2025年1月", "二〇二五年一月"):
        r = load_report(text.replace("2025年1月20日", date_line).encode("utf-8"), filename="z.txt")
        assert (r.metadata.published, r.metadata.published_from) == ("2025-01-31", "signature_month")
        assert r.statements[-1].text.endswith("专题培训。")
    r = load_report(text.replace("2025年1月20日", "2025年13月").encode("utf-8"), filename="z.txt")
    assert r.metadata.published is None
    r = load_report(DATA / "zhen_closing_no_six.txt")
    assert (r.metadata.published, r.metadata.published_from) == ("2025-01-20", "signature")


# --- a university named for a city ---------------------------------------------------------------


def test_university_named_for_a_city_has_no_region():
    """"青州大学附属医院" had region "青州": a university named for a city (苏州大学, 温州医科大学)
    carries the city's old name, not an administrative prefix, as 青岛大学 carries none. A
    prefix written as one (青州市人民医院) or a prefecture (红河州中医医院) still is a region."""
    r = load_report(DATA / "qingzhou_daxue_fuyuan.txt")
    assert (r.metadata.agency, r.metadata.region) == ("青州大学附属医院", None)
    assert r.metadata.published == "2025-03-28"
    assert [region_of(a) for a in ("温州医科大学附属第一医院", "福州外语外贸学院", "青州市人民医院",
                                   "红河州中医医院", "红河州职业技术学院", "柳州市第二中学")] == [
        None, None, "青州市", "红河州", "红河州", "柳州市"]


# --- the year from the report's dates -------------------------------------------------------------


def test_year_from_dates_when_nothing_names_it():
    """A title without a year and a text that names none (no 统计期限, no opening "2024年，")
    had year None. Published in January–March of 2025 (page and signature agree) and speaking
    of 本年度, it reports on 2024: read so and marked year_from "dates". Not when the dates
    disagree, fall from April on, or the text never speaks of its year."""
    r = load_report(DATA / "xian_no_year_in_title.txt")
    assert (r.metadata.year, r.metadata.year_from) == (2024, "dates")
    assert r.metadata.published == "2025-01-20"
    text = (DATA / "xian_no_year_in_title.txt").read_text(encoding="utf-8")
    for old, new in (("2025年1月18日", "2025年6月18日"),   # the page's date stands; June signed
                     ("发布时间：2025-01-20", "发布时间：2025-06-20"),
                     ("2025年1月18日", "2024年12月28日")):
        r = load_report(text.replace(old, new).encode("utf-8"), filename="x.txt")
        assert (r.metadata.year, r.metadata.year_from) == (None, None), new
    r = load_report(text.replace("本年度", "全年").replace("本年新收", "新收").encode("utf-8"),
                    filename="x.txt")
    assert r.metadata.year is None
    # the other sources say so too
    r = load_report(DATA / "zhen_closing_no_six.txt")
    assert (r.metadata.year, r.metadata.year_from) == (2024, "title")
    r = load_report(text.replace("全县各级行政机关", "2024年，全县各级行政机关").encode("utf-8"),
                    filename="x.txt")
    assert (r.metadata.year, r.metadata.year_from) == (2024, "text")
