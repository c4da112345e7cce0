"""Copying figures as a journalist reads them in the Chinese HTML report:
the summary page names and explains its tables in Chinese and states the copying figures
she quotes; its per-group heat tables stay legible at a phone's width; representative
statements are not one sentence three times; the audit says in Chinese that a page which
only links to its report had that report read from the attachment beside it."""

from __future__ import annotations

import docx
import pytest
from _browser import measure_at_phone_width, needs_chromium
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, audit, summarize, tag_paths
from nlp_reports.corpus.audit import failure_zh

# A county template the townships fill in (the township's name changed), a bureau that
# keeps half of last year's section 五, a ministry that writes anew every year.
TPL_P = ["{t}政务公开工作人员均为兼职，身兼数职，人员调整后工作交接不够顺畅。",
         "部分村（社区）信息员没有参加过系统培训，报送的信息格式不规范。"]
TPL_M = ["明确一名专职联络员，人员变动时做好工作交接，保持队伍相对稳定。",
         "每季度组织一次业务培训，请县政务公开办的同志到镇里现场授课。"]


def _reports():
    out = []
    for t in ("青石镇", "龙潭镇", "竹园乡"):
        agency = f"鹤州市梅岭县{t}人民政府"
        for y in (2023, 2024):  # the county sent the same template both years
            out.append(make_report(agency, y, [p.format(t=t) for p in TPL_P], TPL_M,
                                   level="township", region="岑川"))
    out += [
        make_report("鹤州市医疗保障局", 2023,
                    ["医保基金使用情况的公开不够及时，部分结算数据到季度末才发布。",
                     "政策解读形式单一，图解和短视频解读产品数量偏少。"],
                    ["建立医保信息发布台账，数据形成后按月及时公开。",
                     "围绕门诊共济改革推出图解和短视频，丰富政策解读。"],
                    level="department", region="岑川"),
        make_report("鹤州市医疗保障局", 2024,
                    ["医保基金使用情况的公开不够及时，部分结算数据到季度末才发布。",
                     "定点医药机构名单调整后，网站专栏更新滞后于系统变更。"],
                    ["建立医保信息发布台账，数据形成后按月及时公开。",
                     "定点机构名单调整当日同步更新网站专栏，专人负责核对。"],
                    level="department", region="岑川"),
        make_report("中华人民共和国水利部", 2023,
                    ["重大水利政策出台后的解读深度不够，解读材料与文件同步发布率不高。"],
                    ["坚持政策文件与解读材料同步组织、同步审签、同步发布。"],
                    level="national", region=None),
        make_report("中华人民共和国水利部", 2024,
                    ["依申请公开答复文书说理不够充分，涉及历史档案的申请按期答复压力大。"],
                    ["修订依申请公开办理规程，重大、复杂申请实行法律顾问审核。"],
                    level="national", region=None),
    ]
    return out


@pytest.fixture()
def db(tmp_path):
    tagger = FakeTagger()
    path = tmp_path / "j.sqlite"
    with Store(path) as s:
        for i, r in enumerate(_reports()):
            s.write_report(f"r{i}.html", r, tagger.tag_many([r])[0], model_id="m")
    return path


def test_copying_headline_counts_what_the_table_holds(db, tmp_path):
    summary = summarize(db, by=["level"])
    html = summary.to_html(tmp_path / "s.html")
    share = summary.copying["share_copied_statements"]
    assert len(share) == 5  # 3 townships + the bureau + the ministry have a year before
    # planted: the 3 townships copy all (template sent again), the bureau half, the ministry none
    assert sorted(share.round(3)) == [0.0, 0.5, 1.0, 1.0, 1.0]
    assert ("有本机关上年报告可比的5份报告中：第五部分全部沿用上年表述的3份，一半以上（不到全部）"
            "沿用的0份，一半及以下沿用的1份，没有沿用的1份。") in html
    # what a share is a share of, in Chinese, above the table
    assert "沿用本机关上年表述 Year-over-year copying within an agency" in html
    assert "share_copied_statements = n_copied ÷ n_statements" in html
    # which year a report is compared with: not only the year before (a silent or missing
    # year is passed over), and no table is empty for want of adjacent years
    assert "与此前最近一个第五部分有内容的年度" in html and "prev_year" in html
    from nlp_reports.corpus.html_report import copying_headline_zh

    assert "相邻" not in copying_headline_zh(summary.copying.iloc[:0])
    assert "不同机关之间雷同的表述（套话） Boilerplate shared across different agencies" in html


@needs_chromium
def test_heat_table_legible_at_phone_width(db, tmp_path):
    html = summarize(db, by=["level"]).to_html(tmp_path / "s.html")
    # (at a real 390 px: a headless window is never under 500 px, the helper uses an iframe)
    got = measure_at_phone_width(html, """{
        th: (function () { var r = document.querySelector('table.heat tbody th')
                 .getBoundingClientRect(); return [r.width, r.height]; })(),
        page: document.documentElement.scrollWidth - window.innerWidth,
        chart: document.querySelector('.chart-narrow svg.chart').getBoundingClientRect()
               .right - window.innerWidth,
        scrolls: document.querySelector('div.heat-scroll').scrollWidth >
                 document.querySelector('div.heat-scroll').clientWidth }""",
        tmp_path)
    width, height = got["th"]
    # "国家级 national n=2" stood one character a line (15 px wide, 300 px tall)
    assert width >= 100 and height <= 80, got
    # the table scrolls, not the page; the chart shown (its narrow form) fits the window
    assert got["page"] <= 0 and got["chart"] <= 0 and got["scrolls"], got


def test_representatives_are_not_one_sentence_three_times(tmp_path):
    core = "政务公开工作人员均为兼职，身兼数职，人员调整后工作交接不够顺畅"
    tails = ["。", "，在乡村振兴项目信息发布中尤为明显。", "，涉及惠民资金的信息反映较多。"]
    others = ["信息员队伍人员流动频繁，新接手的同志对公开流程不熟悉。",
              "负责发布信息的人员同时承担党政办多项事务，专职力量不足。"]
    tagger = FakeTagger()
    path = tmp_path / "r.sqlite"
    towns = ["青石镇", "龙潭镇", "桂花镇", "上坪乡", "下坪乡", "竹园乡"]
    with Store(path) as s:
        for i, t in enumerate(towns):
            probs = [core + tails[i % 3]] + ([others[i % 2]] if i < 4 else [])
            r = make_report(f"鹤州市白沙县{t}人民政府", 2024, probs, ["配齐专职人员。"],
                            level="township")
            s.write_report(f"t{i}.html", r, tagger.tag_many([r])[0], model_id="m")
    rep = summarize(path).representatives
    staffing = rep[(rep["theme"] == "staffing") & (rep["kind"] == "problem")]
    texts = list(staffing["text"])
    assert len(texts) == 3
    assert sum(core in t for t in texts) == 1, texts  # one variant of the template line
    assert set(others) <= set(texts)


def test_a_page_that_links_its_saved_report_says_so_in_chinese(tmp_path):
    folder = tmp_path / "梅岭县"
    folder.mkdir()
    name = "鹤州市梅岭县桂花镇人民政府2023年政府信息公开工作年度报告"
    (folder / f"{name}_页面.html").write_text(
        f'<html><head><meta charset="utf-8"><title>{name}</title></head><body><h1>{name}</h1>'
        f'<p>发布时间：2024-01-19</p><p>详见附件。</p><p>附件：<a href="{name}.docx">{name}.docx</a>'
        "</p></body></html>", encoding="utf-8")
    d = docx.Document()
    d.add_paragraph(f"{name}")
    d.add_paragraph("一、总体情况")
    d.add_paragraph("2023年，桂花镇认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息"
                    "126条，全年未收到政府信息公开申请。")
    d.add_paragraph("五、存在的主要问题及改进情况")
    d.add_paragraph("一是政务公开工作人员均为兼职，业务能力有待提升。二是将定期组织业务培训。")
    d.save(folder / f"{name}.docx")
    db = tmp_path / "a.sqlite"
    # its report read from the file, the page is no failed file (stub15: status linked)
    assert tag_paths(folder, db, model=FakeTagger()).linked == 1
    assert "附件已保存在同一文件夹中" not in audit(db).to_html(tmp_path / "a.html")
    # the saved file cut short: the page is a failed file again, and the audit says why
    (folder / f"{name}.docx").write_bytes(b"PK\x03\x04 cut short")
    tag_paths(folder, db, model=FakeTagger())
    result = audit(db)
    page = result.to_html(tmp_path / "a.html")
    assert "附件已保存在同一文件夹中，作为单独的文件读取" in page
    assert "可能是登录页、错误页" not in page  # the generic reading of not_a_report
    # the message of a page whose attachment was not saved, and of a scan
    far = ("not_a_report: the page holds no report text, only a link to or viewer of a "
           f"file: {name}.pdf; download that file and parse it")
    assert "请下载附件" in failure_zh(far)
    scan = ("not_a_report: no report text: the report is shown as 6 images (scanned pages) "
            "without a text layer; find a text copy (or OCR the images) and parse that")
    assert "扫描件" in failure_zh(scan) and "OCR" in failure_zh(scan)
    generic = "not_a_report: no annual-report content: no section heading, no table"
    assert "登录页、错误页" in failure_zh(generic)
