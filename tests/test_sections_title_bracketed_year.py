"""A section title followed by the report's year in brackets ("…改进措施（2016）", "(2023)").

Why it matters: a number of two or more digits in a heading line marks an aligned table row,
so such a line was no heading at all: its section vanished into the one above and every
statement under it was lost (0 of 2). "（2016年度）" was read; a bare year was not.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

_OLD = """{agency}{year}年政府信息公开工作年度报告
一、概述
{year}年，本局认真落实政府信息公开条例，公开工作平稳有序。
二、主动公开政府信息情况
全年主动公开政府信息58条。
三、依申请公开政府信息情况
受理申请1件，已按期答复。
四、政府信息公开的收费及减免情况
未收费。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
无。
{six}
一是公开目录更新滞后。二是解读材料偏少。今后将每月核查目录，并配发图解。
七、其他需要报告的事项
无。
"""

_NEW = """{agency}{year}年政府信息公开工作年度报告
一、总体情况
{year}年，我区坚持以公开为常态，持续优化政务服务。
二、主动公开政府信息情况
全年新制发规范性文件2件。
三、收到和处理政府信息公开申请情况
收到申请5件，均按时办结。
四、政府信息公开行政复议、行政诉讼情况
无。
{five}
一是公开目录更新滞后。二是解读材料偏少。今后将每月核查目录，并配发图解。
六、其他需要报告的事项
无。
"""


@pytest.mark.parametrize("form, line, year", [
    (_OLD, "六、存在的主要问题及改进措施（2016）", 2016),
    (_OLD, "六、政府信息公开工作存在的主要问题及改进措施 (2017)", 2017),
    (_NEW, "五、存在的主要问题及改进情况（2023）", 2023),
    (_NEW, "五、存在的主要问题及改进情况（ 2024 ）", 2024),
], ids=["old-fullwidth", "old-halfwidth", "new-fullwidth", "new-spaced"])
def test_a_title_with_its_year_in_brackets_keeps_its_section(form, line, year):
    report = load_report(form.format(agency="松溪县住房和城乡建设局", year=year, six=line,
                                     five=line))
    five = [s for s in report.sections if s.number == 5]
    assert len(five) == 1 and str(year) in five[0].title
    said = [st.text for st in report.statements]
    assert any("公开目录更新滞后" in t for t in said)
    assert any("每月核查目录" in t for t in said)
