"""Defects the s9 red-team pass found on reports of kinds and forms not tried before
(national and provincial reports, 2019/2020 layouts, Markdown / Excel / Word-table forms,
section 五 laid out as a table or by 方面). Each input in tests/data/redteam9/ is a short
fictional report written for these tests; the test names the defect (R1–R6) it reproduces."""

from __future__ import annotations

from pathlib import Path

from nlp_reports import load_report

DATA = Path(__file__).parent / "data" / "redteam9"


def _table(report, table_id):
    return next(t for t in report.tables if t.id == table_id)


def test_r1_pipe_rows_padded_to_the_widest_row_make_no_subtotal_column():
    """R1: an HTML→Markdown converter drops the rowspan cells of 表三's group labels, so some
    rows carry a group label cell and others end in an empty padding cell. The padding was
    taken for an 8th column (法人或其他组织小计): the 总计 landed in legal_subtotal and the
    rows with a group label cell could not be placed."""
    r = load_report(DATA / "md_rowspan_dropped.md")
    t3 = _table(r, "table3")
    assert t3.status == "ok", t3.problem
    assert "legal_subtotal" not in t3.columns
    total = t3.columns.index("total")
    assert t3.values[t3.rows.index("1")][total] == 13
    assert t3.values[t3.rows.index("3.1")][total] == 8  # a row led by its group label cell
    assert t3.values[t3.rows.index("3.7")][t3.columns.index("natural_person")] == 9
    assert {c.outcome for c in r.checks if c.id in ("I1", "I2", "I3")} == {"pass"}


def test_r1_a_printed_subtotal_column_still_makes_eight():
    # the same padded rows under a header that prints 法人或其他组织小计 keep 8 columns
    text = (DATA / "md_rowspan_dropped.md").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        nums = [c for c in cells if c.isdigit()]
        if len(nums) == 7:  # insert the subtotal (the five organisation columns) before 总计
            sub = str(sum(int(x) for x in nums[1:6]))
            labels = [c for c in cells if c and not c.isdigit()]
            line = "| " + " | ".join([*labels, *nums[:6], sub, nums[6], " "]) + " |"
        elif "申请人情况" in line:
            line = "| 申请人情况 | 自然人 | 法人或其他组织 | 总计 | | | | | | |"
        elif "商业企业" in line:
            line = "| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 小计 | | | | |"
        rows.append(line)
    t3 = _table(load_report("\n".join(rows) + "\n", filename="sub.md"), "table3")
    assert t3.status == "ok", t3.problem
    assert t3.columns.index("legal_subtotal") == 6
    assert t3.values[t3.rows.index("1")][6:] == (4, 13)
