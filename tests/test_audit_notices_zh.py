"""Two parser notices — an older report's own statistics table not read
(``older_table_not_read``) and PDF pages with no text layer (``scanned_pages``) — were only
codes in the audit's ``parse_problems``: a reviewer reading ``signals_zh``, the Markdown's
审查意见 or the page's cards met no Chinese sentence for them. They are now said there, after
the signals and numbered with them, in the parser's own Chinese wording (``problem_zh``);
they count toward no defect and no signal.

The report texts are fictional, written for these tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger
from _pdf_drawing import report_pdf

from nlp_reports import load_report
from nlp_reports.corpus import Store, audit
from nlp_reports.corpus.audit import NOTICES_ZH, problem_zh

# A county bureau's 2014 report in the free layout of the 2007 条例, with its province's
# statistics sheet typed below the signature (tab-separated), which the tool does not read.
_OLD_2014 = """石门县林业局2014年政府信息公开工作年度报告

一、概述
　　2014年，我局围绕林权制度改革和森林防火，把政府信息公开作为便民服务的一项日常工作来抓。
二、主动公开政府信息情况
　　全年通过县政府网站、林业站公示栏公开信息188条，其中林木采伐审批结果64条。
三、依申请公开政府信息情况
　　全年收到公开申请3件，均在规定期限内答复，其中同意公开2件，信息不存在1件。
四、政府信息公开的收费及减免情况
　　未收取任何费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
　　未发生。
六、存在的主要问题及改进情况
　　乡镇林业站公示栏更新慢。下一步我们将按月检查各站公示内容。

石门县林业局
2015年3月9日

附件：石门县林业局2014年政府信息公开情况统计表
指标名称\t单位\t数量
主动公开信息数\t条\t188
收到申请数\t件\t3
申请答复数\t件\t3
行政复议数\t件\t0
行政诉讼数\t件\t0
收取费用\t元\t0
"""

_PDF_LINES = (
    (15, "柘溪乡人民政府2023年政府信息公开工作年度报告"),
    (11, "一、总体情况"),
    (10, "2023年，柘溪乡坚持以公开促落实，在乡政务公开栏和县政府网站公开涉农补贴发放情况。"),
    (11, "二、主动公开政府信息情况"),
    (10, "本年制发规范性文件0件，主动公开各类信息57条，统计表见后页。"),
)


def _scanned_pdf(path: Path) -> Path:
    """A township's report: page 1 typed (title, 一 and 二), page 2 a photographed sheet
    (an image over the whole page, no text layer)."""
    pytest.importorskip("reportlab")
    pytest.importorskip("pdfplumber")
    pytest.importorskip("PIL.Image")
    return report_pdf(path, [_PDF_LINES, None], left=56, top=70, leading=16,
                      sheet=(230, 26, 25))


def _said(problems, code: str) -> str:
    (message,) = [p.message for p in problems if p.code == code]
    return problem_zh(code, message)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("notices")
    old = load_report(_OLD_2014)
    plain = load_report(_OLD_2014.split("\n\n附件：")[0] + "\n")
    scanned = load_report(_scanned_pdf(tmp / "柘溪乡2023年报.pdf"))
    db = tmp / "audit.sqlite"
    with Store(db) as s:
        for name, r in (("林业局2014.txt", old), ("林业局2014无附表.txt", plain),
                        ("柘溪乡2023年报.pdf", scanned)):
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    return db, {"older": _said(old.errors, "older_table_not_read"),
                "scanned": _said(scanned.errors, "scanned_pages")}


def _rows(db: Path):
    return audit(db).table.set_index("path")


def test_each_notice_ends_signals_zh_numbered_after_the_signals(store):
    db, said = store
    t = _rows(db)
    for path, key in (("林业局2014.txt", "older"), ("柘溪乡2023年报.pdf", "scanned")):
        text = t.loc[path, "signals_zh"]
        items = re.split(r"（\d+）", text)[1:]
        assert items[-1] == said[key] + "。", text
        assert [int(n) for n in re.findall(r"（(\d+)）", text)] == list(
            range(1, len(items) + 1))
    assert "统计表" in said["older"] and "扫描图片" in said["scanned"]
    assert "扫描" not in t.loc["林业局2014.txt", "signals_zh"]


def test_notices_count_toward_no_defect_and_no_signal(store):
    db, _ = store
    t = _rows(db)
    with_table, plain = t.loc["林业局2014.txt"], t.loc["林业局2014无附表.txt"]
    assert "older_table_not_read" in with_table["parse_problems"]
    assert (with_table["defects"], with_table["signals"]) == (plain["defects"], plain["signals"])
    assert "统计表" not in with_table["findings_zh"]
    pdf = t.loc["柘溪乡2023年报.pdf"]
    assert "scanned_pages" in pdf["parse_problems"] and "扫描" not in pdf["findings_zh"]
    a = audit(db)
    assert a.counted.loc["柘溪乡2023年报.pdf"].sum() == pdf["defects"]


def test_markdown_and_cards_say_them_in_chinese(store, tmp_path):
    db, said = store
    a = audit(db)
    md = a.to_markdown()
    findings = md[md.index("## 审查意见"):]
    for text in said.values():
        assert re.search(rf"\n- （\d+）{re.escape(text)}。\n", findings), findings
    assert a.zh.loc["柘溪乡2023年报.pdf", NOTICES_ZH] == [said["scanned"]]
    page = a.to_html(tmp_path / "audit.html")
    cards = page[page.index('<section class="cards">'):page.index("</section>")]
    for text in said.values():
        assert f"<li>{text}</li>" in cards
    # the tally counts them apart: a notice is no signal (the row's signals do not count it)
    t = a.table.set_index("path")
    for path in ("林业局2014.txt", "柘溪乡2023年报.pdf"):
        block = cards[cards.index(f'data-path="{path}"'):]
        block = block[:block.index("</div>")]
        d, n = t.loc[path, "defects"], t.loc[path, "signals"]
        assert (f"提示意见{n}条，说明1条（不计数） · {d} findings, {n} signals, 1 note</p>"
                in block), block
