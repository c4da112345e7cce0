"""A suggest row drawn from report files says whose statement it is and of which year.

``suggest --db`` filled ``agency`` and ``year`` from the store, but ``suggest FOLDER`` left
them empty although it parses every report (``Report.metadata`` has both): a labeller in
Excel saw a sentence without knowing whether a township or a bureau wrote it. A statement
list (.txt one per line, .jsonl) has no report, and its rows keep them empty. A statement
found twice keeps the first occurrence's file, agency and year.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.filterwarnings(
    "ignore::nlp_reports.classify.dataset.DataWarning")  # (fewer rows than n: a small corpus)

BUREAU = """临溪县自然资源局2022年政府信息公开工作年度报告

根据《中华人民共和国政府信息公开条例》规定，现公布本局2022年度政府信息公开工作情况。报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。

一、总体情况
2022年，我局围绕耕地保护、不动产登记和地质灾害防治等群众关切事项，主动公开各类信息412条，受理依申请公开7件，均按期答复。

五、存在的主要问题及改进情况
存在的问题：一是征地信息公开不够及时，部分征地补偿安置方案公告滞后于实际工作进度；二是基层国土所没有专人负责信息发布，业务科室之间衔接不顺。
改进措施：一是建立征地信息公开台账，按批次跟踪公告发布时间；二是明确各国土所一名信息员，年内组织两次业务培训。

六、其他需要报告的事项
本年度未收取信息处理费。
"""

STREET_2023 = """青柳街道办事处2023年度政府信息公开工作报告

　　本报告由青柳街道办事处依据《条例》编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。

一、总体情况
　　今年街道依托社区公开栏和微信公众号，把老旧小区改造、低保评议等事项摆到居民眼前。

五、存在的主要问题及改进情况
　　（一）存在问题
　　1.社区公开栏内容更新慢，个别社区仍张贴去年的通知。
　　2.低保评议结果公示的格式不统一，居民反映看不明白。
　　（二）改进举措
　　1.每月由党政办对各社区公开栏逐一检查并拍照留档。
　　2.统一低保、临时救助公示模板，注明评议依据和监督电话。

六、其他需要报告的事项
　　无。
"""

# the next year's report copies a measure of the year before word for word, as many do
STREET_2024 = """青柳街道办事处2024年政府信息公开工作年度报告

一、总体情况
2024年街道共主动公开信息286条，未收到政府信息公开申请。

五、存在的主要问题及改进情况
（一）存在的问题
部分社区网格员对公开要求理解不到位，公开内容口径不一。
（二）改进措施
统一低保、临时救助公示模板，注明评议依据和监督电话。
把网格员纳入政务公开培训范围，每季度通报一次各社区公开情况。

六、其他需要报告的事项
无。
"""

STREET_2023_ONLY = ("社区公开栏内容更新慢，个别社区仍张贴去年的通知。",
                    "每月由党政办对各社区公开栏逐一检查并拍照留档。")
COPIED = "统一低保、临时救助公示模板，注明评议依据和监督电话。"


@pytest.fixture(scope="module")
def tagger():
    from nlp_reports.classify import Tagger

    return Tagger.load()


def _folder(root: Path) -> Path:
    root.mkdir()
    (root / "临溪县自然资源局2022年报.txt").write_text(BUREAU, encoding="utf-8")
    (root / "青柳街道2023.txt").write_text(STREET_2023, encoding="utf-8")
    (root / "青柳街道2024.txt").write_text(STREET_2024, encoding="gb18030")
    return root


def test_rows_from_report_files_name_each_report_agency_and_year(tmp_path, tagger):
    from nlp_reports.classify import suggest

    rows = suggest([_folder(tmp_path / "reports")], n=50, tagger=tagger)
    whose = {r["text"]: (r["agency"], r["year"]) for r in rows}
    assert whose["基层国土所没有专人负责信息发布，业务科室之间衔接不顺。"] == ("临溪县自然资源局", 2022)
    for text in STREET_2023_ONLY:
        assert whose[text] == ("青柳街道办事处", 2023)
    assert whose["把网格员纳入政务公开培训范围，每季度通报一次各社区公开情况。"] == ("青柳街道办事处", 2024)
    assert all(isinstance(r["year"], int) for r in rows)
    assert {Path(r["source"]).name for r in rows} == {
        "临溪县自然资源局2022年报.txt", "青柳街道2023.txt", "青柳街道2024.txt"}
    # the copied measure is offered once, as the first file (sorted paths) has it
    copied = [r for r in rows if r["text"] == COPIED]
    assert len(copied) == 1
    assert (copied[0]["agency"], copied[0]["year"]) == ("青柳街道办事处", 2023)
    assert Path(copied[0]["source"]).name == "青柳街道2023.txt"


def test_the_first_file_given_keeps_a_repeated_statement(tmp_path, tagger):
    """Files given one by one: the order given, not the names, decides which is first."""
    from nlp_reports.classify import suggest

    folder = _folder(tmp_path / "reports")
    later, earlier = folder / "青柳街道2024.txt", folder / "青柳街道2023.txt"
    rows = suggest([later, earlier], n=50, tagger=tagger)
    copied = [r for r in rows if r["text"] == COPIED]
    assert [(r["year"], Path(r["source"]).name) for r in copied] == [(2024, "青柳街道2024.txt")]
    again = suggest([later, earlier], n=50, tagger=tagger)
    assert [(r["text"], r["year"]) for r in again] == [(r["text"], r["year"]) for r in rows]


def test_rows_from_statement_lists_have_no_agency_or_year(tmp_path, tagger):
    from nlp_reports.classify import suggest

    listed = tmp_path / "我的表述.txt"
    listed.write_text("政务新媒体账号多头管理，部分账号长期不更新。\n"
                      "依申请公开答复期限临近时缺少提醒机制。\n", encoding="utf-8")
    records = tmp_path / "pool.jsonl"
    records.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in (
        "重大行政决策预公开的征求意见期偏短。",
        "Formal replies cite the wrong article of the Regulations now and then.")) + "\n",
        encoding="utf-8")
    rows = suggest([listed, records], n=50, tagger=tagger)
    assert len(rows) == 4
    assert all(r["agency"] is None and r["year"] is None for r in rows)


def test_the_csv_carries_agency_and_year_for_reports_only(tmp_path):
    """On the command line: one folder of two reports and a statement list; the report rows
    name agency and year, the list's are blank, the columns those of ``suggest --db``."""
    from nlp_reports.classify.suggest import SUGGESTION_COLUMNS
    from nlp_reports.cli import main

    folder = _folder(tmp_path / "reports")
    (folder / "青柳街道2024.txt").unlink()
    (folder / "待标注.txt").write_text("信息公开指南多年未修订，受理渠道写的是已撤销的窗口。\n",
                                      encoding="utf-8")
    out = tmp_path / "to_label.csv"
    assert main(["suggest", str(folder), "-n", "30", "--out", str(out)]) == 0
    table = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert tuple(table[0]) == SUGGESTION_COLUMNS
    assert SUGGESTION_COLUMNS[-3:] == ("agency", "year", "report_id")
    cells = {(Path(r["source"]).name, r["agency"], r["year"], r["report_id"]) for r in table}
    assert cells == {("临溪县自然资源局2022年报.txt", "临溪县自然资源局", "2022", ""),
                     ("青柳街道2023.txt", "青柳街道办事处", "2023", ""),
                     ("待标注.txt", "", "", "")}
