"""An older (pre-2021) section title on one line with the section's first sentence, no stop
between ("六、政府信息公开工作存在的主要问题及改进措施存在的问题是…"): the title is the known
one and the sentence is the section's text, so its statements keep it. A remainder that goes on
as a title ("…及今后工作打算", "…情况统计表") or that has the title as its subject
("存在的问题是…") is left as written.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

_OLD = """{agency}{year}年政府信息公开工作年度报告
一、概述
{year}年，{short}按照《中华人民共和国政府信息公开条例》要求，做好政府信息公开工作。
二、主动公开政府信息情况
全年主动公开政府信息{n}条，其中通过门户网站公开{m}条。
三、依申请公开政府信息情况
全年共受理政府信息公开申请2件，均按期答复。
四、政府信息公开的收费及减免情况
未收取任何费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
无。
{six}
七、其他需要报告的事项
无。
"""


def _load(agency: str, short: str, six: str, year: int = 2016):
    return load_report(_OLD.format(agency=agency, short=short, six=six, year=year, n=73, m=61))


# (agency, short name, section 六 as written, the title, what its text starts with, a statement)
_GLUED = [
    ("青峰县林业局", "我局",
     "六、政府信息公开工作存在的主要问题及改进措施存在的问题是：个别股室公开意识不强，"
     "信息报送不及时。下一步，我局将加强业务培训。",
     "政府信息公开工作存在的主要问题及改进措施", "存在的问题是：", "个别股室公开意识不强"),
    ("石河乡人民政府", "我乡",
     "六、政府信息公开工作存在的主要问题及改进措施主要问题是公开栏更新慢。明年将安排专人负责。",
     "政府信息公开工作存在的主要问题及改进措施", "主要问题是公开栏更新慢。", "公开栏更新慢"),
    ("南溪市卫生和计划生育委员会", "我委",
     "六、存在的主要问题及改进措施工作中还存在一些不足，主要表现在：信息公开的深度不够；"
     "政策解读偏少。",
     "存在的主要问题及改进措施", "工作中还存在一些不足，", "工作中还存在一些不足"),
    ("东岭区人力资源和社会保障局", "我局",
     "六、存在的问题和改进措施个别信息公开不够及时。今后将进一步规范发布流程。",
     "存在的问题和改进措施", "个别信息公开不够及时。", "个别信息公开不够及时"),
    ("白沙镇人民政府", "本镇",
     "六、存在的不足及下一步工作打算具体如下：一是人员兼职较多；二是培训不足。",
     "存在的不足及下一步工作打算", "具体如下：", "人员兼职较多"),
    ("河口县审计局", "本局",
     "六、存在的问题及改进措施目前，我局信息公开工作仍有差距，表现在公开内容不够全面。",
     "存在的问题及改进措施", "目前，", "目前，我局信息公开工作仍有差距"),
]


@pytest.mark.parametrize("agency, short, six, title, opens, said", _GLUED,
                         ids=["forestry-lead-colon", "township-short", "health-biao-xian",
                              "hr-stop", "town-ru-xia", "audit-comma"])
def test_older_title_with_its_first_sentence_keeps_the_sentence(agency, short, six, title, opens,
                                                                said):
    report = _load(agency, short, six)
    five = next(s for s in report.sections if s.number == 5)
    assert five.title == title
    assert five.text.startswith(opens)
    # the first sentence is a statement of its own, not lost in the heading
    assert any(said in st.text for st in report.statements)


@pytest.mark.parametrize("six, title", [
    ("六、存在的问题及今后工作打算", "存在的问题及今后工作打算"),
    ("六、存在的主要问题及今后的工作打算。", "存在的主要问题及今后的工作打算"),
    ("六、政府信息公开工作存在的主要问题及改进措施（2016年度）", "政府信息公开工作存在的主要问题及改进措施(2016年度)"),
    ("六、存在的问题是人手少。", "存在的问题是人手少"),
    ("六、存在的主要问题及改进措施等。", "存在的主要问题及改进措施等"),
    ("六、存在的主要问题及改进建议。", "存在的主要问题及改进建议"),
    ("六、存在的问题和改进措施方面。", "存在的问题和改进措施方面"),
], ids=["goes-on-ji", "goes-on-stop", "bracketed-year", "subject-copula", "tail-deng",
        "tail-jian-yi", "tail-fang-mian"])
def test_older_title_that_goes_on_stays_as_written(six, title):
    report = _load("北山县水利局", "我局", six + "\n全年无重大问题。")
    five = next(s for s in report.sections if s.number == 5)
    assert five.title == title


@pytest.mark.parametrize("heading, title, text", [
    ("四、因政府信息公开申请行政复议、提起行政诉讼的情况均无。",
     "因政府信息公开申请行政复议、提起行政诉讼的情况", "均无。"),
    ("六、存在的主要问题及改进措施略。", "存在的主要问题及改进措施", "略。"),
    ("三、政府信息公开的收费及减免情况未收费。", "政府信息公开的收费及减免情况", "未收费。"),
], ids=["cases-jun-wu", "problems-lue", "fees-wei-shoufei"])
def test_a_short_statement_run_in_after_an_older_title_is_its_text(heading, title, text):
    # (a tail of the title is short too, "…改进措施等。", but never says there was none)
    report = load_report(f"南坪镇人民政府2014年政府信息公开工作年度报告\n一、概述\n"
                         f"本年度我镇主动公开政府信息86条。\n{heading}".encode())
    last = report.sections[-1]
    assert (last.title, last.text) == (title, text)
