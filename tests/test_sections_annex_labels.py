"""Annex layouts a signed document uses:
"附件：" or "附件" alone on its line under the closing date with the annex's name on the next
line (a signed document's layout), an annex numbered with three digits ("附件100"), and an
annex with its own 一、二、三 headings under the signature. A web page's
attachment box ("附件：" over a linked file's name, or with no date above it) is still chrome."""

from pathlib import Path

import pytest

from nlp_reports import load_report

_DATA = Path(__file__).parent / "fixtures" / "redteam22"


def _report(agency: str, year: int, five: str, sign: str, tail: str) -> str:
    return (f"{agency}{year}年政府信息公开工作年度报告\n\n一、总体情况\n"
            f"{year}年，{agency}按照年度政务公开工作要点，主动公开各类信息{year % 97 + 40}条。\n\n"
            f"五、存在的主要问题及改进情况\n{five}\n\n六、其他需要报告的事项\n本年度未收取信息处理费。\n\n"
            f"{sign}\n{tail}")


#: (report text, the annexes' titles, the last words of the last annex)
_LABEL_CASES = [
    (_report("清河市财政局", 2024, "预决算公开的解读材料不够通俗。下一步将制作图解。",
             "清河市财政局\n2025年1月20日", "附件：\n2024年政府信息公开情况统计表\n项目\t数量\n主动公开\t137\n"),
     ["附件 2024年政府信息公开情况统计表"], "主动公开\t137"),
    (_report("桐乡镇人民政府", 2022, "一是村务公开栏内容陈旧。二是将每月检查一次。",
             "桐乡镇人民政府\n二〇二三年一月十三日", "附件\n\n桐乡镇2022年依申请公开答复情况\n全年受理申请1件，已按期答复。\n"),
     ["附件 桐乡镇2022年依申请公开答复情况"], "已按期答复。"),
    (_report("云岭县人民医院", 2021, "院务公开栏目更新不及时，下一步将明确专人维护。",
             "云岭县人民医院　　2022年1月28日",
             "附件：\n附件1：医疗服务价格公开目录\n附件2：院务公开工作制度\n"),
     ["附件1：医疗服务价格公开目录", "附件2：院务公开工作制度"], "院务公开工作制度"),
]


@pytest.mark.parametrize(("text", "titles", "last"), _LABEL_CASES)
def test_a_lone_label_under_the_date_opens_the_annexes(text, titles, last):
    r = load_report(text)
    assert [a.title for a in r.annexes] == titles
    a = r.annexes[-1]
    assert r.text[a.start:a.end].endswith(last)
    assert r.metadata.published is not None
    assert r.section(6).text.strip() == "本年度未收取信息处理费。"
    assert not any("附件" in s.text for s in r.statements)


@pytest.mark.parametrize("tail", [
    "附件：\n清河市财政局2024年政府信息公开工作年度报告.pdf\n",  # a page's box: a linked file
    "附件：\n相关链接\n清河市人民政府\n",                         # chrome follows
    "附件：\n",                                                    # nothing follows
])
def test_a_pages_attachment_box_under_the_date_is_still_chrome(tail):
    r = load_report(_report("清河市财政局", 2024, "预决算公开的解读材料不够通俗。下一步将制作图解。",
                            "清河市财政局\n2025年1月20日", tail))
    assert r.annexes == ()
    assert r.metadata.published == "2025-01-20"
    assert r.section(6).text.strip() == "本年度未收取信息处理费。"


def test_a_lone_label_with_no_date_above_is_still_chrome():
    text = _report("清河市财政局", 2024, "预决算公开的解读材料不够通俗。下一步将制作图解。", "",
                   "附件：\n2024年政府信息公开情况统计表\n")
    r = load_report(text)
    assert r.annexes == ()
    assert "统计表" not in r.section(6).text


@pytest.mark.parametrize("number", ["100", "12", "九十九"])
def test_an_annex_numbered_with_more_digits_is_its_own(number):
    text = _report("洛水区市场监督管理局", 2023, "一是执法信息公开不够及时。二是将实行周报制度。",
                   "洛水区市场监督管理局\n2024年1月26日",
                   f"附件9：行政处罚信息公开目录\n案件\t数量\n罚款\t41\n附件{number}：抽查结果公开清单\n抽查\t6\n")
    r = load_report(text)
    assert [a.title for a in r.annexes] == ["附件9：行政处罚信息公开目录", f"附件{number}：抽查结果公开清单"]
    assert r.text[r.annexes[0].start:r.annexes[0].end].endswith("罚款\t41")


def test_an_annex_with_its_own_headings_under_the_signature():
    """redteam22/d02: "附件" alone, then the township summary with 一、二、三 of its own."""
    r = load_report(_DATA / "d02_annex_after_sig_sections.txt")
    assert [a.title for a in r.annexes] == ["附件 石林县各乡镇政府信息公开工作情况"]
    a = r.annexes[0]
    assert r.text[a.start:a.end].endswith("对超期答复的乡镇进行约谈。")
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert r.section(6).text.strip() == "本年度未收取信息处理费。"
    assert r.metadata.published == "2025-01-28"
    assert not any("乡镇进行约谈" in s.text or "答复超期" in s.text for s in r.statements)
