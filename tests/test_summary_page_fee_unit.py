"""The summary page's note over ``table_stats`` says that ``fee_narrative`` is in 万元, in
Chinese and English (corpus/html_report.py): it said what the *_narrative columns are and
not the unit of the one of them that is no count, so 0.12 read as 0.12 元 or 12 %."""

from __future__ import annotations

import html as html_text
import re

import pytest
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, summarize


@pytest.fixture
def page(tmp_path) -> str:
    db = tmp_path / "c.sqlite"
    tagger = FakeTagger()
    with Store(db) as s:
        for agency, year in (("柳江县市场监督管理局", 2022), ("柳江县市场监督管理局", 2023)):
            r = make_report(agency, year, ["依申请公开答复文书格式不够规范。"],
                            ["统一答复文书模板，由法制股审核后发出。"])
            s.write_report(f"{agency}{year}.txt", r, tagger.tag_many([r])[0], model_id="m")
    return summarize(db).to_html(tmp_path / "汇总.html")


def _table_stats_note(html: str) -> str:
    start = html.index("Statistics of the tables")
    return html_text.unescape(" ".join(re.findall(r'<p class="table-note">(.*?)</p>',
                               html[start:html.index("<table", start)], flags=re.S)))


def test_the_note_gives_the_fee_unit_in_both_languages(page: str) -> None:
    note = _table_stats_note(page)
    assert "fee_narrative 为报告正文写明的政府信息公开收费之和，单位为万元" in note
    assert "fee_narrative: the disclosure fee the reports' text states, in 万元 (10,000 yuan)" in note
    assert "表二（八）的行政事业性收费 fees" in note and "not 表二 (八)'s fees" in note
