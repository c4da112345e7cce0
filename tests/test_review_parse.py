"""s7 parser fixes from the fifth new-user trial (a provincial 政务公开办 reviewer).

Titles that drop 人民政府/办事处 (F6), a 表三 row left entirely blank (F3), 关于…的报告 titles
(F20), password-protected PDFs (F12c), 苏木/嘎查 places (F10). Inputs are written by hand here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report

# --- F6: a title naming only an administrative division is its government's report ------------

#: The body names another agency, as the trial's retitled reports did: the title alone decides.
_BODY = ("\n一、总体情况\n本年度，白石镇人民政府坚持以公开为常态，主动公开政府信息一百余条。\n"
         "五、存在的主要问题及改进情况\n一是人员不足。二是培训不够。\n六、其他需要报告的事项\n无。\n")


def _meta(title: str, body: str = _BODY):
    return load_report((title + body).encode(), filename="r.txt").metadata


@pytest.mark.parametrize(("place", "agency", "level"), [
    ("云岭市", "云岭市人民政府", "city"),
    ("云岭市东城区", "云岭市东城区人民政府", "county"),
    ("东城区", "东城区人民政府", "county"),
    ("青禾省", "青禾省人民政府", "province"),
    ("广西壮族自治区", "广西壮族自治区人民政府", "province"),
    ("红河州", "红河州人民政府", "city"),
    ("红河哈尼族彝族自治州", "红河哈尼族彝族自治州人民政府", "city"),
    ("南湖街道", "南湖街道办事处", "street"),
    ("云岭市东城区南湖街道", "云岭市东城区南湖街道办事处", "street"),
    ("兴安盟", "兴安盟行政公署", "city"),
    ("阿克苏地区", "阿克苏地区行政公署", "city"),
    ("红旗苏木", "红旗苏木人民政府", "township"),
    ("达茂旗", "达茂旗人民政府", "county"),
    ("青石镇", "青石镇人民政府", "township"),
])
def test_a_bare_division_title_is_its_government(place, agency, level):
    m = _meta(f"{place}2024年政府信息公开工作年度报告")
    assert (m.agency, m.level) == (agency, level)


@pytest.mark.parametrize("agency", [
    "云岭市教育局",              # a department
    "青禾省教育厅",
    "云岭经济技术开发区",         # a zone: its 管委会 reports
    "云岭高新区",
    "柳岸工业园区",
    "青山新区",                  # a 新区 is run by a 管委会
    "云岭市人民政府",             # already complete
    "云岭市东城区南湖街道办事处",
    "兴安盟行署",
])
def test_names_that_are_no_bare_division_stay_as_written(agency):
    assert _meta(f"{agency}2024年政府信息公开工作年度报告").agency == agency


def test_a_盟_takes_行署_when_the_report_writes_it_so():
    body = _BODY.replace("白石镇人民政府", "兴安盟行署")
    assert _meta("兴安盟2024年政府信息公开工作年度报告", body).agency == "兴安盟行署"


@pytest.mark.parametrize(("bare", "full"), [
    ("云岭市", "云岭市人民政府"), ("东城区", "东城区人民政府"), ("青禾省", "青禾省人民政府"),
    ("红河州", "红河州人民政府"), ("南湖街道", "南湖街道办事处"),
])
def test_one_agency_whether_or_not_the_title_names_the_government(bare, full):
    a = _meta(f"{bare}2023年政府信息公开工作年度报告")
    b = _meta(f"{full}2024年政府信息公开工作年度报告")
    assert (a.agency, a.level, a.region) == (b.agency, b.level, b.region)


# --- F3: a 表三 row left entirely blank in a one-cell-per-line table ------------------------------

_FLAT = Path(__file__).parent / "fixtures" / "tables" / "flat_2021.txt"


def _blank_rows(text: str, labels: dict[str, int]) -> str:
    """Empty the value lines of each row ``label`` (how many: the value) as " " lines, the
    way a scraped page leaves a row blank (a line per cell, nothing in it)."""
    lines = text.split("\n")
    for label, keep in labels.items():
        i = lines.index(label)
        seen = 0
        for j in range(i + 1, len(lines)):
            if lines[j].strip():
                seen += 1
                if seen > 7:
                    break
                if seen > keep:
                    lines[j] = " "
    return "\n".join(lines)


_THREE_3 = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
            "4.保护第三方合法权益", "5.属于三类内部事务信息"]


def _flat_report(text: str):
    return load_report(("溪山县人民政府2024年政府信息公开工作年度报告\n\n一、总体情况\n\n"
                        "本年度公开工作平稳推进。\n\n" + text).encode(), filename="r.txt")


def test_a_row_with_no_value_is_a_row_of_blanks_and_the_rest_is_checked():
    text = _FLAT.read_text(encoding="utf-8")
    assert all(label in text.split("\n") for label in _THREE_3)
    whole = _flat_report(text)
    report = _flat_report(_blank_rows(text, dict.fromkeys(_THREE_3, 0)))
    t3 = report.table("table3")
    assert t3.status == "ok", t3.problem
    assert "table_unreadable" not in [p.code for p in report.errors]
    for rid in ("3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5"):
        i = t3.rows.index(rid)
        assert t3.values[i] == (None,) * 7 and t3.raw[i] == ("",) * 7
    # every other row keeps its own numbers, and the identities over them are still checked
    full = whole.table("table3")
    for i, rid in enumerate(t3.rows):
        if not rid.startswith("3.3."):
            assert t3.values[i] == full.values[i], rid
    i1 = [c for c in report.checks if c.id == "I1"]
    assert i1 and all(c.outcome == "pass" for c in i1)
    assert [c.outcome for c in i1] == [c.outcome for c in whole.checks if c.id == "I1"]


def test_a_row_with_some_values_in_one_per_line_cells_stays_unreadable():
    text = _blank_rows(_FLAT.read_text(encoding="utf-8"), {"1.属于国家秘密": 3})
    t3 = _flat_report(text).table("table3")
    assert t3.status == "unreadable"
    assert "row 3.3.1 has 3 values, expected 7" in t3.problem


def test_a_table_with_no_value_at_all_stays_unreadable():
    lines = _FLAT.read_text(encoding="utf-8").split("\n")
    start, end = lines.index("申请人情况"), lines.index("四、政府信息公开行政复议、行政诉讼情况")
    text = "\n".join(" " if start <= i < end and ln.strip().isdigit() else ln
                     for i, ln in enumerate(lines))
    t3 = _flat_report(text).table("table3")  # (its figures lost: not a table of blanks)
    assert t3.status == "unreadable"
    assert all(v is None for row in t3.values for v in row)


# --- F20: titles worded "关于…年度…工作的报告", "…情况报告", "…的公告" ---------------------------

@pytest.mark.parametrize(("title", "agency"), [
    ("白石镇人民政府关于2024年度政府信息公开工作的报告", "白石镇人民政府"),
    ("溪山县人民政府2024年度政府信息公开工作情况报告", "溪山县人民政府"),
    ("青禾省教育厅2024年度政务公开工作情况报告", "青禾省教育厅"),
    ("关于溪山县人民政府2024年度政府信息公开工作情况的公告", "溪山县人民政府"),
])
def test_a_title_worded_as_a_report_on_the_year_is_the_title(title, agency):
    # the sign-off names nobody, so the agency can come from the title only
    report = load_report((title + _BODY + "\n2025年1月20日\n").encode(), filename="r.txt")
    assert report.metadata.title == title
    assert (report.metadata.agency, report.metadata.year) == (agency, 2024)
    assert "no_title" not in [p.code for p in report.errors]


def test_a_sentence_naming_the_years_report_is_no_title():
    text = ("根据要求，现将本县2024年度政府信息公开工作情况报告如下。" + _BODY).encode()
    report = load_report(text, filename="r.txt")
    assert report.metadata.title is None
    assert "no_title" in [p.code for p in report.errors]


# --- F12c: a password-protected PDF says so, and what to do ------------------------------------

def _pdf(**encrypt) -> bytes:
    pytest.importorskip("reportlab")
    import io

    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption(**encrypt) if encrypt else None)
    c.drawString(72, 720, "2024 report")
    c.save()
    return buf.getvalue()


def test_a_pdf_with_a_user_password_is_reported_as_encrypted():
    pytest.importorskip("pdfplumber")
    from nlp_reports.errors import ParseError

    with pytest.raises(ParseError) as err:
        load_report(_pdf(userPassword="secret", ownerPassword="owner"), filename="r.pdf")
    message = str(err.value)
    assert "password" in message and "encrypted" in message
    assert "qpdf" in message and "re-download" not in message


def test_a_pdf_with_an_owner_password_only_is_read():
    pytest.importorskip("pdfplumber")
    from nlp_reports.errors import NotAReportError
    from nlp_reports.ingest.pdf import pdf_to_text

    data = _pdf(userPassword="", ownerPassword="owner", canPrint=0)
    assert "2024 report" in pdf_to_text(data)
    with pytest.raises(NotAReportError):  # read, and found to be no report: not "encrypted"
        load_report(data, filename="r.pdf")


# --- F10: 苏木 (a township of Inner Mongolia) is a place of its own, not "红旗" + 苏木 -----------

@pytest.mark.parametrize(("title_agency", "agency", "region"), [
    ("红旗苏木", "红旗苏木人民政府", "红旗苏木"),
    ("红旗苏木人民政府", "红旗苏木人民政府", "红旗苏木"),
    ("达茂旗红旗苏木人民政府", "达茂旗红旗苏木人民政府", "达茂旗红旗苏木"),
    ("红旗苏木便民服务中心", "红旗苏木便民服务中心", "红旗苏木"),
    ("大河回族乡人民政府", "大河回族乡人民政府", "大河回族乡"),
    ("柳岸县红旗民族乡人民政府", "柳岸县红旗民族乡人民政府", "柳岸县红旗民族乡"),
    # a 旗 or 区 named 红旗 stays one
    ("达茂旗人民政府", "达茂旗人民政府", "达茂旗"),
    ("新乡市红旗区人民政府", "新乡市红旗区人民政府", "新乡市红旗区"),
])
def test_苏木_and_民族乡_places_keep_their_whole_name(title_agency, agency, region):
    m = _meta(f"{title_agency}2024年政府信息公开工作年度报告")
    assert (m.agency, m.region) == (agency, region)


def test_a_嘎查_is_no_旗_of_its_own():
    from nlp_reports.parse.metadata import region_of

    assert region_of("红旗嘎查村民委员会") != "红旗"


def test_the_long_form_of_a_county_gives_its_province_and_prefecture():
    from nlp_reports.corpus.summarize import place_levels

    long = _meta("青禾省云岭市柳岸县人民政府2024年政府信息公开工作年度报告")
    short = _meta("柳岸县人民政府2024年政府信息公开工作年度报告")
    assert (long.agency, short.agency) == ("青禾省云岭市柳岸县人民政府", "柳岸县人民政府")  # as written
    assert (long.region, short.region) == ("青禾省云岭市柳岸县", "柳岸县")
    assert place_levels(long.region) == ("青禾省", "云岭市")
    assert long.level == short.level == "county"
