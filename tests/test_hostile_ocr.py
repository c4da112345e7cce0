"""OCR'd text against the repairs of ocr26 and the scans perf26 rewrote (ingest/normalize.py,
parse/headings, sections, statements): hostile input, never a crash and never a slow parse.

Why it matters: every report goes through these patterns, and an OCR engine's output is
what no one wrote by hand — runs of spaced characters, dashes of every kind read for 一,
"其—是", page numbers on every line, a page that came out as one line. The contract: a
Report or the project's own error, in time linear in the text (time.process_time, generous
bounds: a shared two-core machine).
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp_reports import load_report
from nlp_reports.errors import NlpReportsError

#: A county bureau's report as an OCR engine returns a scan of it (a dash read for 一, a spaced
#: heading, a page number and the site's foot between pages); section 五 is where the tests
#: put their text.
HEAD = """青禾县市场监督管理局2022年政府信息公开
工作年度报告
—、总体情况
2022年，我局围绕食品安全抽检、特种设备检验等群众关注事项，在县政府门户网站“法定主动
公开内容”栏目发布信息217条，办理依申请公开5件，均按期答复。
二 、主动公开政府信息情况
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 1386
青禾县人民政府门户网站
第 2 页
三、收到和处理政府信息公开申请情况
本年度收到政府信息公开申请5件，其中自然人4件、法人或其他组织1件，予以公开3件，
部分公开1件，本机关不掌握相关政府信息1件。
四、政府信息公开行政复议、行政诉讼情况
本年度未发生因政府信息公开引起的行政复议、行政诉讼。
五 、存 在 的 主 要 问 题 及 改 进 情 况
（一）存在的主要问题
"""
TAIL = """
（二）改进措施
其—是，抽检结果在出具报告后五个工作日内上网；其二是，每季度核对一次栏目内容。
青禾县人民政府门户网站
第 3 页
六、其他需要报告的事项
本年度未收取信息处理费。
"""

#: Pieces an OCR engine's output is made of, in the register of these reports.
PIECES = ("—", "―", "‐", "–", "-", "－", "ー", "、", ")", "(", "（", "）", "是", "其", "一", "二",
          "三", "十", " ", "\u3000", "\u00a0", "\t", "\n", "。", "；", "第", "页", "1", "2", " . ",
          "年度", "报告", "抽检信息公开不及时", "加强", "其—是", "—、", "；二\n是", "第 4 页\n",
          "- 5 -\n", "青禾县市场监督管理局", "二〇二二年", "五、存在的主要问题及改进情况\n",
          "（一）", "1 、", "三 、总 体 情 况\n", "2022年政府信息公开工作年度\n报告\n")


def _parse(block: str):
    """The report with ``block`` in its problem part: a Report or the project's error."""
    text = HEAD + block + TAIL
    try:
        return load_report(text.encode("utf-8"), filename="青禾县市场监督管理局2022.txt")
    except NlpReportsError as exc:
        return exc


def test_the_clean_scan_reads():
    report = _parse("—、部分抽检不合格信息未在规定时限内公开。二、政策解读材料形式单一。")
    assert not isinstance(report, NlpReportsError)
    texts = [s.text for s in report.statements]
    assert any("抽检不合格信息" in t for t in texts)
    assert any("五个工作日内上网" in t for t in texts)


@settings(derandomize=True, max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=300))
def test_any_ocr_soup_gives_a_report_or_our_error(pieces):
    _parse("".join(pieces))  # (any other exception fails the test)


def _cpu(block: str) -> float:
    start = time.process_time()
    result = _parse(block)
    spent = time.process_time() - start
    assert not isinstance(result, Exception) or isinstance(result, NlpReportsError)
    return spent


#: Shapes of pathological OCR output, each a function of a repeat count.
SHAPES = {
    "spaced characters": lambda n: " ".join("抽检信息公开不及时" * (n // 9)),
    "a heading spaced with tabs, NBSP, ideographic spaces": lambda n: "\n".join(
        "五\t、\u00a0存\u3000在\t的 主 要 问 题" for _ in range(n // 15)),
    "其—是 run on": lambda n: "其—是" * (n // 3),
    "dashes of every kind": lambda n: "—、（―）‐、–)-、－ ー、。—是" * (n // 20),
    "a page number on every line": lambda n: "\n".join(
        f"第{i % 900}批抽检信息未公开。\n- {i % 900} -" for i in range(n // 20)),
    "one line of markers cut and spaced": lambda n: "；二 、是 1 . 加强。三 、总 体 情 况。" * (n // 24),
}


def test_pathological_ocr_text_is_parsed_in_linear_time():
    for name, shape in SHAPES.items():
        small, large = _cpu(shape(25_000)), _cpu(shape(100_000))
        # 100,000 characters under 2 s; four times the text, under ~8 times the CPU
        assert large < 2.0, (name, large)
        assert large < 8 * small + 0.3, (name, small, large)


def test_a_500_kb_line_and_100000_spaced_characters():
    assert _cpu("部分抽检信息公开滞后，" * 46_000) < 3.0
    assert _cpu(" ".join("信息公开" * 25_000)) < 3.0
