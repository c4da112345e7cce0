"""The agency × year panel from the command line.

The store is newuser15's crawled pages (tests/fixtures/newuser15/: fictional bodies of
汶溪省, 楠州市 and 泓城市), parsed for real and tagged by the tests' keyword tagger.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from _corpus_helpers import parsed_store

from nlp_reports.cli import main
from nlp_reports.corpus.panel import panel

FIXTURES = Path(__file__).parent / "fixtures" / "newuser15"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    files = sorted(FIXTURES.rglob("*.html"))
    return parsed_store(tmp_path_factory.mktemp("panel15b") / "dump.sqlite", files)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_export_table_panel_csv_is_the_panel(db, tmp_path):
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "csv",
                 "--out", str(tmp_path / "out")]) == 0
    rows = _csv_rows(tmp_path / "out" / "panel.csv")
    want = panel(db)
    assert [(r["agency"], int(r["year"])) for r in rows] == list(
        zip(want["agency"], want["year"], strict=True))
    assert list(rows[0]) == list(want.columns)
    row = next(r for r in rows if r["agency"] == "汶溪省教育厅")
    assert row["n_texts"] == "2"  # the 更正版 and its first version: one row
    assert float(row["received"]) == want.set_index("agency").loc["汶溪省教育厅", "received"]


def test_export_panel_agency_map_and_no_dedupe(db, tmp_path):
    amap = tmp_path / "map.csv"
    amap.write_text("旧名称,新名称\n楠州市江北县人民政府,楠州市江北区人民政府\n",
                    encoding="utf-8")
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "jsonl",
                 "--agency-map", str(amap), "--out", str(tmp_path / "p") + "/"]) == 0
    rows = [json.loads(line) for line in
            (tmp_path / "p" / "panel.jsonl").read_text(encoding="utf-8").splitlines()]
    district = [r for r in rows if r["agency"] == "楠州市江北区人民政府"]
    assert sorted(r["year"] for r in district) == [2022, 2023]  # the county's 2022 linked
    assert {r["agency_as_written"] for r in district} == {"楠州市江北县人民政府",
                                                          "楠州市江北区人民政府"}
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "csv",
                 "--no-dedupe", "--out", str(tmp_path / "all")]) == 0
    every = _csv_rows(tmp_path / "all" / "panel.csv")
    assert len(every) == len(rows) + 1  # the first version of the 更正版 too


def test_export_panel_parquet(db, tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "parquet",
                 "--out", str(tmp_path)]) == 0
    got = pd.read_parquet(tmp_path / "panel.parquet")
    assert len(got) == len(panel(db)) and "share_copied" in got.columns


def test_panel_options_without_table_panel_are_a_usage_error(db, tmp_path, capsys):
    amap = tmp_path / "map.csv"
    amap.write_text("楠州市江北县人民政府,楠州市江北区人民政府\n", encoding="utf-8")
    assert main(["export", "--db", str(db), "--table", "reports", "--format", "csv",
                 "--agency-map", str(amap), "--out", str(tmp_path / "x")]) == 2
    assert "--table panel" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
    bad = tmp_path / "bad.csv"
    bad.write_text("楠州市江北县人民政府\n", encoding="utf-8")  # one name, no new one
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "csv",
                 "--agency-map", str(bad), "--out", str(tmp_path / "y")]) == 2
    assert not (tmp_path / "y").exists()


# --- agency_key: a government's office written short is the same agency ------------------

@pytest.mark.parametrize(("written", "key"), [
    ("峪阳市政府办", "峪阳市人民政府办公室"),
    ("峪阳市政府办公室", "峪阳市人民政府办公室"),
    ("峪阳市人民政府办公室", "峪阳市人民政府办公室"),
    ("峪阳市人民政府办", "峪阳市人民政府办公室"),  # review15c: 人民 written, 公室 not
    ("汶溪省霁北县 政府办", "汶溪省霁北县人民政府办公室"),
    ("楠州市江北区沙洲镇政府办公室", "楠州市江北区沙洲镇人民政府办公室"),
    ("兴安盟行署办公室", "兴安盟行政公署办公室"),
    ("霁川省政府办公厅", "霁川省人民政府办公厅"),  # a province's general office
    # not an office written short: kept as they are (but for the government itself)
    ("泓城市人民政府", "泓城市人民政府"),
    ("泓城市政府", "泓城市人民政府"),  # the government itself, written short at the end
    ("霁川省人民政府办公厅", "霁川省人民政府办公厅"),
    ("泓城市人民政府驻京办事处", "泓城市人民政府驻京办事处"),
    ("泓城市政府办公室综合科", "泓城市政府办公室综合科"),
])
def test_agency_key_writes_a_government_office_out(written, key):
    from nlp_reports.parse.metadata import agency_key

    assert agency_key(written) == key


def _office_store(tmp_path, reissue: bool = True):
    """峪阳市's general office signing in full in 2022, short in 2023 (its 五 copied), and a
    2023 text signed in full beside the short one (a re-issue)."""
    from _corpus_helpers import make_report, store_of

    problems = ["一是政府信息公开专栏栏目设置不够科学，部分栏目长期未更新。",
                "二是政策解读形式较为单一，图解、视频解读占比偏低。"]
    measures = ["一是对专栏栏目进行全面梳理，做好常态化更新维护。",
                "二是丰富政策解读形式，多用图表图解、音频视频等方式解读政策。"]
    old = make_report("峪阳市人民政府办公室", 2022, problems, measures, level="city",
                      region="峪阳市")
    short = make_report("峪阳市政府办", 2023, problems, measures, level="city",
                        region="峪阳市")
    full = make_report("峪阳市人民政府办公室", 2023, problems[:1], measures[:1],
                       level="city", region="峪阳市")
    files = {"2022/art_1.html": old, "2023/art_2.html": short, "2023/art_3.html": full}
    if not reissue:
        del files["2023/art_3.html"]
    return store_of(tmp_path / f"office{int(reissue)}.sqlite", files)


def test_panel_links_an_office_written_short(tmp_path):
    db = _office_store(tmp_path)
    p = panel(db)
    assert list(zip(p["agency"], p["year"], strict=True)) == [
        ("峪阳市人民政府办公室", 2022), ("峪阳市人民政府办公室", 2023)]
    row = p[p["year"] == 2023].iloc[0]
    assert row["n_texts"] == 2  # the short and the full signature: one pair
    assert row["left_out"].split(": ")[0] in {"峪阳市政府办", "峪阳市人民政府办公室"}
    assert row["path"] not in row["left_out"]
    every = panel(db, dedupe=False)
    short = every[every["agency_as_written"] == "峪阳市政府办"].iloc[0]
    assert short["agency"] == "峪阳市人民政府办公室"
    assert short["share_copied_statements"] == 1.0  # 2022's 五 word for word, linked


def test_audit_and_summary_link_an_office_written_short(tmp_path):
    from nlp_reports.corpus.audit import audit
    from nlp_reports.corpus.summarize import summarize

    db = _office_store(tmp_path)
    res = audit(db, years=[2023])
    assert list(res.table["texts_for_agency_year"]) == [2, 2]  # 2023's two signatures
    alone = audit(_office_store(tmp_path, reissue=False), years=[2023])
    assert alone.missing is None or alone.missing.empty  # it did report for 2023
    notes = summarize(db, dedupe=True).notes
    assert any(n.startswith("dedupe: 1 (agency, year) pair") for n in notes), notes
    assert not any("possibly renamed" in n and "峪阳" in n for n in notes)


# --- a page that only links its report file, when the crawl saved that file --------------

_STUB = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title}_通知公告_{site}</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/col/col1233/">政府信息公开年报</a></div>
<div class="article"><h1>{title}</h1>
<div class="info">发布日期：2024-01-17　来源：{body}　浏览次数：<span>37</span></div>
<div class="content"><p>{body}{year}年政府信息公开工作年度报告详见附件。</p>
<p>附件：<a href="{href}">{label}</a></p></div></div>
<div class="foot">主办单位：{site}　网站标识码：3301000041</div></body></html>
"""


def _stub(folder: Path, body: str, year: int, href: str, label: str) -> Path:
    title = f"{body}{year}年政府信息公开工作年度报告"
    page = folder / "art_1235_5807469.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(_STUB.format(title=title, site="楠州市人民政府", body=body, year=year,
                                 href=href, label=label), encoding="utf-8")
    return page


def _refusal(page: Path) -> str:
    from nlp_reports import load_report
    from nlp_reports.errors import NotAReportError

    with pytest.raises(NotAReportError) as err:
        load_report(page)
    return str(err.value)


def test_a_stub_page_names_the_linked_file_the_crawl_saved(tmp_path):
    site = tmp_path / "www.nanzhou.gov.cn"
    page = _stub(site / "art" / "2024" / "1" / "17", "楠州市交通运输局", 2023,
                 "/module/download/P020240117625245374.pdf",
                 "楠州市交通运输局2023年政府信息公开工作年度报告.pdf")
    assert "download that file and parse it" in _refusal(page)  # not saved: fetch it
    pdf = site / "module" / "download" / "P020240117625245374.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.4\n")
    said = _refusal(page)
    assert "the linked file P020240117625245374.pdf is saved with the page" in said
    assert pdf.as_posix() in said and "download that file" not in said


def test_a_stub_page_names_an_attachment_saved_beside_it(tmp_path):
    from urllib.parse import quote

    name = "汶溪省霁北县沙洲镇人民政府2022年政府信息公开工作年度报告.docx"
    page = _stub(tmp_path / "xxgk", "汶溪省霁北县沙洲镇人民政府", 2022, quote(name), name)
    (tmp_path / "xxgk" / name).write_bytes(b"PK\x03\x04")
    said = _refusal(page)
    assert f"the linked file {name} is in this folder: it is read on its own" in said


_SAVED_TEXT_PAGE = """首页 > 信息公开 > 法定主动公开内容 > 年度报告
泓城市沙河区市场监督管理局2023年政府信息公开工作年度报告
发布时间：2024-01-29 09:12　来源：区市场监管局　【字体：大 中 小】

　　根据《中华人民共和国政府信息公开条例》要求，现将我局2023年度报告公布如下，详见附件。

附件下载：沙河区市场监管局2023年度政府信息公开年报.docx

【打印本页】【关闭窗口】
"""


def test_a_saved_text_page_names_the_attachment_beside_it(tmp_path):
    page = tmp_path / "art_1229_5890031.txt"
    page.write_text(_SAVED_TEXT_PAGE, "utf-8")
    assert "download that file and parse it" in _refusal(page)
    (tmp_path / "沙河区市场监管局2023年度政府信息公开年报.docx").write_bytes(b"PK\x03\x04")
    said = _refusal(page)
    assert ("the linked file 沙河区市场监管局2023年度政府信息公开年报.docx is in this folder"
            in said)


def test_a_stub_page_linking_a_name_too_long_for_the_disk_is_still_refused(tmp_path):
    from urllib.parse import quote

    name = "楠州市城东区望春街道办事处" * 30 + ".pdf"  # > 255 bytes: stat raises ENAMETOOLONG
    page = _stub(tmp_path / "art", "楠州市城东区望春街道办事处", 2021,
                 "/module/download/" + quote(name), "楠州市城东区望春街道办事处2021年年度报告.pdf")
    assert "download that file and parse it" in _refusal(page)
