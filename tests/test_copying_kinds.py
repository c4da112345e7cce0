"""Year-over-year copying by kind: a lead-in every agency repeats is no copied problem.

Sixth new-user trial (F5): in a 2009–2025 panel, 60 of 63 reports flagged as copying last
year's text had copied only the opening sentence of section 五 (kind ``other``).
"""

from __future__ import annotations

from dataclasses import replace

from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, audit, summarize
from nlp_reports.report import Statement

LEAD = "在总结成绩的同时，我们也清醒地认识到工作中还存在一些差距。"


def _with_lead(report):
    """The report with a lead-in sentence (block ``other``) opening section 五."""
    lead = Statement(0, LEAD, "other")
    rest = tuple(replace(s, index=s.index + 1) for s in report.statements)
    return replace(report, statements=(lead, *rest))


def _store(tmp_path):
    reports = {
        # 甲: only the lead-in comes back the next year
        "a22.txt": _with_lead(make_report("甲县人民政府", 2022, ["人员力量不足。"], ["加强人员培训。"])),
        "a23.txt": _with_lead(make_report("甲县人民政府", 2023, ["公开内容不够丰富。"],
                                          ["完善保密审查制度。"])),
        # 乙: the lead-in and a problem come back
        "b22.txt": _with_lead(make_report("乙县人民政府", 2022, ["网站栏目更新不及时。"], ["推进平台升级。"])),
        "b23.txt": _with_lead(make_report("乙县人民政府", 2023, ["网站栏目更新不及时。"], ["加强考核。"])),
    }
    tagger = FakeTagger()
    path = tmp_path / "c.db"
    with Store(path) as s:
        for name, r in reports.items():
            s.write_report(name, r, tagger.tag_many([r])[0], model_id="m")
    return path


def test_copying_counts_problems_and_measures_apart_from_lead_ins(tmp_path):
    s = summarize(_store(tmp_path))
    cp = s.copying.set_index("agency")
    assert cp.loc["甲县人民政府", "n_copied"] == 1  # the lead-in: still text copied
    assert (cp.loc["甲县人民政府", "n_copied_problems"],
            cp.loc["甲县人民政府", "n_copied_measures"]) == (0, 0)
    assert cp.loc["乙县人民政府", "n_copied"] == 2
    assert (cp.loc["乙县人民政府", "n_copied_problems"],
            cp.loc["乙县人民政府", "n_copied_measures"]) == (1, 0)
    kinds = dict(zip(s.copied_statements["text"], s.copied_statements["kind"], strict=False))
    assert kinds == {LEAD: "other", "网站栏目更新不及时。": "problem"}


def test_the_audit_signal_leaves_copied_lead_ins_out(tmp_path):
    result = audit(_store(tmp_path))
    t = result.table.set_index("path")
    got = {p.split("/")[-1]: n for p, n in t["copied_from_last_year"].items()}
    assert got == {"a22.txt": 0, "a23.txt": 0, "b22.txt": 0, "b23.txt": 1}
    b23 = [p for p in t.index if p.endswith("b23.txt")][0]
    assert result.zh.loc[b23, "copied_from_last_year"] == [
        "第五部分有1条问题或改进措施表述与本机关2022年度报告相同或近似"
        "（第五部分共2条问题和改进措施，占50%，沿用上年表述）"]
