"""no_concrete_problem is the model's reading: a problem the model gave no theme is quoted.

A section 五 naming a real problem the classifier placed on none of the 13 themes ("对下属
院校…指导不够，部分院校年度报告报送滞后") fired the defect as if the agency had written only
boilerplate. No cut on the top theme score tells such problems from vague ones on the labelled
sets (docs/audit.md), so the finding says what the model read and quotes the problems it read
with no theme, for the reviewer to judge.
"""

from __future__ import annotations

from pathlib import Path

from _corpus_helpers import FakeTagger, make_report, table3, table4

from nlp_reports.corpus import Store, audit

#: a concrete problem the keyword tagger of the tests gives no theme (like the real model)
UNTAGGED = "对下属院校信息公开工作指导不够，部分院校年度报告报送滞后，个别院校至次年五月仍未报送。"
VAGUE = "工作中仍存在一些不足，与群众期盼相比仍有差距。"


def _audit(tmp_path: Path, problems: list[str]) -> dict:
    report = make_report("澄江市教育局", 2024, problems, ["下一步将加强对院校的督促指导。"],
                         level="department", tables=(table3(), table4()))
    tagger = FakeTagger()
    tmp_path.mkdir(parents=True, exist_ok=True)
    db = tmp_path / "s.sqlite"
    with Store(db) as s:
        s.write_report("五.txt", report, tagger.tag_many([report])[0], model_id="m")
    return audit(db).to_dict()[0]


def test_a_problem_without_a_theme_is_quoted_and_said_as_the_models_reading(tmp_path):
    row = _audit(tmp_path, [UNTAGGED])
    assert row["no_concrete_problem"] is True  # still a finding: the model found no theme
    said = row["findings_zh"]
    assert "未识别出具体问题的主题" in said
    assert "未指出具体问题" not in said  # not told the agency failed
    assert f"“{UNTAGGED[:40]}…”" in said  # quoted, cut at 40 characters
    assert "请人工核对" in said


def test_boilerplate_alone_is_quoted_too_and_a_themed_problem_clears_it(tmp_path):
    row = _audit(tmp_path, [VAGUE])
    assert row["no_concrete_problem"] is True
    assert f"“{VAGUE}”" in row["findings_zh"]
    themed = _audit(tmp_path / "b", ["信息公开工作人员力量不足，兼职人员多。"])
    assert themed["no_concrete_problem"] is False
    assert "未识别出具体问题的主题" not in themed["findings_zh"]
