"""The disclosure fee of a later-form report: the 信息处理费 (国办函〔2020〕109号) its section 六
(其他需要报告的事项) states, in ``fee_narrative`` (万元) beside the older reports' fee — one
series — with ``fee_source`` section6, never 表二 (八)'s 行政事业性收费. Read with the older
reader's precautions (rates, items without a total, units, no unit ⇒ unread); a 六 saying
only 无 says nothing of fees. T2 sets 表二's fee against a 六 that is only 无 under a
sign-off or 附件."""

from __future__ import annotations

import math

import pytest
from _corpus_helpers import make_report, store_of, table2_8, table3, table4

from nlp_reports.corpus import Store
from nlp_reports.corpus.panel import panel
from nlp_reports.corpus.summarize import load_frames, summarize
from nlp_reports.parse import load_report
from nlp_reports.parse.fees import narrative_fee, section6_fee

_SIX = "其他需要报告的事项"

#: (text of section 六, report year, the fee in 万元 or None when not stated clearly)
PASSAGES = [
    ("本年度未收取信息处理费。", 2022, 0.0),
    ("依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本机关2023年共收取信息处理费0元。",
     2023, 0.0),
    ("（一）依据《政府信息公开信息处理费管理办法》收取信息处理费情况：本年度共发出收费通知1件，"
     "收取信息处理费200元。\n（二）落实上级年度政务公开工作要点情况：按要求全部落实。", 2022, 0.02),
    ("（一）收取信息处理费情况\n无。\n（二）人大代表建议和政协提案办理结果公开情况\n"
     "全年办理人大代表建议7件、政协提案4件，办理结果全部公开。", 2023, 0.0),
    ("2022年度，本单位发出收费通知书2份，实际收取信息处理费合计0.06万元。", 2022, 0.06),
    ("本年度没有发生信息处理费收取情况。深入推进基层政务公开标准化规范化。", 2024, 0.0),
    ("一是持续推进政务公开专区建设；二是无信息处理费收取情况；三是按要求公开建议提案办理结果。", 2025, 0.0),
    ("本年度收取信息处理费一笔，金额为150元。", 2024, 0.015),
    ("本单位2023年度行政事业性收费共计32.5万元，均按规定上缴国库。未收取政府信息公开信息处理费。",
     2023, 0.0),
    ("2022年共收取信息处理费500元，2023年未收取信息处理费。", 2023, 0.0),
    ("收取信息处理费情况。本年度本机关共收取信息处理费0.08万元，比上年增加0.05万元。", 2024, 0.08),
    ("本年度按照“按件计收”标准向1名申请人收取信息处理费，共计收费1,100元。", 2023, 0.11),
    ("本年度收取信息处理费共计60元（其中检索费0元、复制费60元）。", 2023, 0.006),
    ("信息处理费：0元。", 2024, 0.0),
    ("本单位不涉及信息处理费收取。", 2022, 0.0),
    # a 六 saying only 无 says there is no other matter, not that no fee was charged
    ("无。", 2023, None),
    ("本年度无。", 2022, None),
    ("本机关无其他需要报告的事项。", 2024, None),
    # no fee in it, or another fee: nothing
    ("全面落实上级政务公开工作要点，年度政务公开工作经费15万元纳入财政预算。", 2022, None),
    ("全年办理人大代表建议12件、政协提案9件，均已按期办结并公开答复。", 2023, None),
    # the older reader's precautions
    ("根据国办函〔2020〕109号文件精神，我委全年收取信息处理费约300元。", 2022, None),
    ("本年度收取信息处理费1200，已全额上缴。", 2024, None),
    ("（一）信息处理费收取情况：收取信息处理费80元、120元各一笔。", 2023, None),
    ("（一）关于信息处理费：本年度依法收取信息处理费2件，分别为100元、100元。", 2022, None),
    ("按照超额累进方式计收信息处理费：30件以下（含30件）的部分不收费；"
     "31—100件（含100件）的部分每件10元。本年度共收取0.2千元。", 2022, None),
    ("按每页0.5元标准收取信息处理费。", 2022, None),
    ("依申请提供政府信息，30件以下的部分不收费。", 2023, None),
]


@pytest.mark.parametrize("text, year, fee", PASSAGES)
def test_section_six_passages(text, year, fee):
    assert section6_fee([(_SIX, text)], year) == fee


def test_six_saying_none_differs_from_a_fee_part_saying_none():
    assert section6_fee([(_SIX, "无。")], 2023) is None
    assert narrative_fee([("政府信息公开的收费及减免情况", "无。")], 2012) == 0.0


def _later(year, six, fees):
    return make_report("宁川县自然资源局", year, ["公开意识不强。"], ["加强培训。"],
                       section6=six, tables=(table2_8(fees), table3(), table4()))


def test_section_six_fee_through_store_panel_and_table_stats(tmp_path):
    db = store_of(tmp_path / "c.db", {
        "a.txt": _later(2022, "本年度共收取信息处理费300元。", 56.4),
        "b.txt": _later(2023, "无。", 12.0),
        "c.txt": _later(2024, "（一）信息处理费收取情况：本年度未收取信息处理费。\n"
                              "（二）创新情况：开设政务公开体验区。", None),
    })
    with Store(db, readonly=True) as store:
        reports = load_frames(store).reports.set_index("year")
    assert reports.loc[2022, "fee_narrative"] == 0.03
    assert math.isnan(reports.loc[2023, "fee_narrative"])  # (never 表二 (八)'s 12.0)
    assert reports.loc[2024, "fee_narrative"] == 0.0
    assert reports.loc[2022, "fees"] == 56.4  # (表二 (八)'s column stays the table's)
    p = panel(db).set_index("year")
    assert p.loc[2022, "fee_source"] == "section6" and p.loc[2024, "fee_source"] == "section6"
    assert p.loc[2023, "fee_source"] == "none:later_layout"
    ts = summarize(db).table_stats
    assert ts.loc[0, "with_fee_narrative"] == 2
    assert ts.loc[0, "fee_narrative"] == pytest.approx(0.03)


# --- T2: 表二's fee against a 六 that is nothing but 无 and a sign-off or 附件 ---------------

def _fee_report(six: str) -> str:
    return ("柳岸县水务局2023年政府信息公开工作年度报告\n"
            "一、总体情况\n本局依法做好政府信息公开工作。\n"
            "二、主动公开政府信息情况\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n"
            "行政事业性收费\t3.6\n"
            "三、收到和处理政府信息公开申请情况\n本年未收到申请。\n"
            "四、政府信息公开行政复议、行政诉讼情况\n无。\n"
            "五、存在的主要问题及改进情况\n一是公开不够及时。二是解读不够深入。\n"
            f"六、其他需要报告的事项\n{six}")


def _t2(text: str):
    return next(c for c in load_report(text).checks if c.id == "T2")


@pytest.mark.parametrize("tail", [
    "",
    "\n\n柳岸县水务局\n2024年1月18日",
    "\n\n柳岸县水务局\n2024年1月18日\n附件：1.政府信息公开申请表",
    "\n\n附件：政府信息公开工作情况统计表",
    "\n\n附件：\n1.统计表\n2.申请表",
    "\n柳岸县水务局\n2024年1月18日\n（此件公开发布）",
    "\n柳岸县水务局\n2024年1月18日\n\n附件下载：统计表.xls",
    "\n柳岸县水务局\n2024年1月18日星期四",
    "\n柳岸县水务局　2024年1月18日",
    "\n柳岸县水务局\n2024-01-18",
    "\n柳岸县水务局\n二〇二四年一月十八日\n附表1：收费明细",
])
def test_t2_fails_when_six_is_nothing_but_a_sign_off(tail: str) -> None:
    c = _t2(_fee_report("无。" + tail))
    assert c.outcome == "fail" and c.found == 3.6


@pytest.mark.parametrize("six", [
    "本年度收取信息处理费3.6万元，已全部上缴财政。\n柳岸县水务局\n2024年1月18日",
    "无其他需要报告的事项。\n本年度收费系行政事业性收费，与政府信息公开无关。\n附件：收费明细",
])
def test_t2_passes_when_six_has_content_above_the_sign_off(six: str) -> None:
    assert _t2(_fee_report(six)).outcome == "pass"
