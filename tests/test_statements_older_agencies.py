"""Defects found on older layouts (2008–2020), agencies not tried
before (街道办事处, minority-region townships with bilingual titles, 税务局, 海关, 气象局,
公安分局, 公积金中心, 医保中心, a ministry's 直属机构, provincial departments) and messy
carriers (PDF pastes with page furniture, full-width digits, <div> tables, a .mht, 表三 in
tabs with later wordings). Each input in tests/fixtures/redteam12/ is a short fictional
report written for these tests; truth.json records by hand what each one says: its
sections, the statements of 五 with their block, metadata, table cells and identities."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.parse.metadata import level_of
from nlp_reports.parse.statements import split_section5

DATA = Path(__file__).parent / "fixtures" / "redteam12"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))
TITLE = "存在的主要问题及改进情况"
#: the parser's working text reads full-width brackets and digits as ASCII (ingest.normalize)
_ASCII = str.maketrans("（）０１２３４５６７８９", "()0123456789")


def _split(text: str, title: str = TITLE) -> list[tuple[str, str | None, str]]:
    res = split_section5(text, 0, len(text), title=title)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_input_reads_as_written(name):
    """The whole pass's truth: 41 reports, 2008–2025, every statement with its block, the
    sections, metadata, the table cells checked by hand and the identities' outcomes."""
    truth = TRUTH[name]
    r = load_report(DATA / name)
    assert [(s.block, s.text.translate(_ASCII)) for s in r.statements] == \
        [(b, t.translate(_ASCII)) for b, t in truth["statements"]]
    assert sorted(s.number for s in r.sections) == truth["sections"]
    for key, want in truth["meta"].items():
        got = getattr(r.metadata, key)
        assert got in want if isinstance(want, list) else got == want, (key, got)
    for table_id, cells in truth.get("cells", {}).items():
        table = r.table(table_id)
        for cell, want in cells.items():
            row, col = cell.split("/")
            assert table.get(row, col) == want, (table_id, cell)
    for check_id, want in truth.get("checks", {}).items():
        outcomes = {c.outcome for c in r.checks if c.id == check_id}
        assert outcomes == ({"pass"} if want == "pass" else outcomes | {"fail"}), check_id
        assert want == "pass" or "fail" in outcomes


# --- ⑴ ⑵ and ⒈ ⒉ items ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["o2018_gongjijin.txt", "b2022_sumu_mongol.txt"])
def test_parenthesized_number_characters_are_items(name):
    """⑴⑵ (one character each, as old typesetting and Word's numbering write "(1)") were no
    marker: the items were split as sentences, "⑴" left in their text, statements_unsplit."""
    r = load_report(DATA / name)
    assert [s.marker for s in r.statements] == ["⑴", "⑵", "⑴", "⑵"]
    assert [s.block for s in r.statements] == ["problem"] * 2 + ["measure"] * 2
    assert not any(s.text.startswith(("⑴", "⑵")) for s in r.statements)
    assert "statements_unsplit" not in [e.code for e in r.errors]


def test_full_stop_number_characters_run_in():
    got = _split("存在问题：⒈人员不足；⒉培训偏少。下一步：⒈增配人员；⒉每季度培训一次。")
    # ("存在问题：" and "下一步：" run in are labels, no statements: parse18)
    assert [(b, m) for b, m, _ in got] == [("problem", "⒈"), ("problem", "⒉"),
                                          ("measure", "⒈"), ("measure", "⒉")]
    assert got[1][2] == "培训偏少。"


# --- a label line of its own: 下一步： / 改进措施： / 整改情况： --------------------------------------


def test_a_bare_next_step_line_heads_the_measures():
    """"下一步：" alone on its line over ⑴⑵ was a statement of its own, and every item
    after it a problem (the measures typed as problems)."""
    r = load_report(DATA / "b2024_shebao_labels.txt")
    assert [(s.block, s.marker) for s in r.statements] == [
        ("problem", "⑴"), ("problem", "⑵"), ("measure", "⑴"), ("measure", "⑵")]
    # run in before the items it is a label too, no statement (parse18: a label is none)
    got = _split("下一步：首先，加强培训。其次，完善制度。")
    assert [(b, m) for b, m, _ in got] == [("measure", "首先，"), ("measure", "其次，")]


@pytest.mark.parametrize(("text", "marker"), [
    ("（一）目录更新不及时。\n改进措施：\n1.建立巡查制度。\n（二）解读形式单一。\n改进措施：\n"
     "1.制作图解。\n", "1."),
    ("1.目录更新不及时。\n整改情况：\n已建立巡查制度。\n2.解读形式单一。\n整改情况：\n已制作图解。\n",
     None),
    ("（一）目录更新不及时。\n整改情况：\n(1)建立巡查制度。\n（二）解读形式单一。\n整改情况：\n"
     "(1)制作图解。\n", "(1)"),
])
def test_a_measure_label_alone_on_its_line_between_paired_items(text, marker):
    """Leftover (a) of redteam11: "（一）问题⏎改进措施：⏎1.措施⏎（二）问题…" — the first label,
    alone on its line, was read as the measures' sub-heading: the second problem became a
    measure with "（二）" left in its text. The label is an item's measure half when the
    problems' numbering goes on below it."""
    got = _split(text)
    assert [b for b, _, _ in got] == ["problem", "measure"] * 2
    assert [t.rstrip("。") for _, _, t in got] == ["目录更新不及时", got[1][2].rstrip("。"),
                                                  "解读形式单一", got[3][2].rstrip("。")]
    assert not any(t.startswith(("（", "(", "1", "2", "改进", "整改")) for _, _, t in got), got
    assert got[1][1] == marker


def test_a_measure_label_alone_after_the_whole_list_still_heads_the_measures():
    text = "（一）存在的主要问题\n(1)目录更新不及时。\n(2)解读形式单一。\n整改措施：\n(1)建立巡查制度。\n(2)制作图解。\n"
    assert [b for b, _, _ in _split(text)] == ["problem"] * 2 + ["measure"] * 2


def test_label_lines_stay_linear_on_a_megabyte():
    """Issue 5: the look below a label line for the problems' next number ends at the next
    line of their style or the next sub-heading."""
    for unit in ("（一）人员不足。\n整改情况：\n加强培训。\n", "1.人员不足。\n改进措施：\n" + "加强培训。\n" * 40):
        text = (unit * (1_000_000 // len(unit)))[:1_000_000]
        t0 = time.process_time()
        split_section5(text, 0, len(text), title=TITLE)
        assert time.process_time() - t0 < 20


# --- problems before the turn to measures ----------------------------------------------------


def test_items_before_a_measure_lead_in_are_problems():
    """"一是…不健全；二是…滞后。2020年，我局将：一是…" under "存在的主要问题及改进情况":
    the first run was unknown although the lead-in of the second turns to measures (the
    same run with the turn after its last item was already read as problems)."""
    r = load_report(DATA / "o2019_yibao_trial.txt")
    assert [s.block for s in r.statements] == ["problem"] * 2 + ["measure"] * 3


def test_items_before_the_only_sub_heading_naming_measures_are_problems():
    got = _split("1.栏目更新不及时。\n2.解读形式单一。\n改进措施：\n1.建立巡查制度。\n2.制作图解。\n")
    assert [b for b, _, _ in got] == ["problem"] * 2 + ["measure"] * 2
    # nothing read as lacking: left unknown
    got = _split("1.梳理了公开目录。\n2.开展了业务培训。\n改进措施：\n1.建立巡查制度。\n")
    assert [b for b, _, _ in got][:2] == ["unknown"] * 2


# --- 县级市 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "level"), [
    ("b2023_xianjishi_says.txt", "county"),  # "安平市是河阳市代管的县级市"
    ("o2012_xianjishi.txt", "county"),  # "我市（县级市）", 副标题 "——云岭州宁川市人民政府办公室"
    ("b2022_xianjishi_parent.txt", "county"),  # "河阳市滨湖市人民政府" (as before)
    ("b2023_city_control.txt", "city"),  # nothing says so: no guess
])
def test_a_county_level_city_is_county_when_the_report_says_so(name, level):
    assert load_report(DATA / name).metadata.level == level


@pytest.mark.parametrize(("text", "level"), [
    ("安平市是河阳市代管的县级市。", "county"),
    ("安平市系云岭州代管县级市，", "county"),
    ("我市（县级市）下辖6镇3街道。", "county"),
    ("——云岭州安平市人民政府办公室\n", "county"),
    ("枫林市下辖4个区、2个县级市。", "city"),
    ("安平市下辖2个县级市。", "city"),
    ("青禾省安平市人民政府\n", "city"),
    ("全国文明城市安平市人民政府\n", "city"),
    ("", "city"),
])
def test_county_level_wordings(text, level):
    assert level_of("安平市人民政府", text) == level
    assert level_of("安平市教育局", text) == "department"


# --- 表三: a group's label and its first row in one cell --------------------------------------


@pytest.mark.parametrize("name", ["c2024_tabs_wording.txt", "c2023_zhen.mht"])
def test_other_handling_group_and_its_first_row_in_one_cell(name):
    """"（六）其他处理 1.申请人无正当理由逾期不补正…" in one tab-separated or HTML cell was
    read as the 2019 single row 其他处理: row 3.6.1 not found, 表三 unreadable, I1–I3 not
    assessable."""
    r = load_report(DATA / name)
    t3 = r.table("table3")
    assert t3.status == "ok"
    assert t3.get("3.6.1", "total") == 0
    assert {c.outcome for c in r.checks if c.id in ("I1", "I2", "I3")} == {"pass"}


def test_other_handling_alone_is_still_the_2019_row():
    r = load_report(DATA / "o2019_yibao_trial.txt")
    assert r.table("table3").get("3.6", "natural_person") == 1


# --- a signature with no date under it --------------------------------------------------------


def test_a_customs_signature_without_a_date_is_no_statement():
    """A 2013 海关 report dated under its title and signed "石湾海关" at the end, no date
    below: the signature was the last measure, and 海关 was no agency ending."""
    r = load_report(DATA / "o2013_haiguan.txt")
    assert r.statements[-1].text == "制作依申请公开办理流程图，明确各环节时限。"
    assert not r.section(5).text.endswith("石湾海关")
    dated = load_report(DATA / "b2024_haiguan_t3wording.txt")
    assert dated.section(6).text == "本年度未收取信息处理费。"
