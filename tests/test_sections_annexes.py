"""The annexes under a signed report (附件 after the closing date) are named in the JSON
(schema 1.5, ``annexes``): each one's title as written and its span in ``Report.text``.
The annex is still no section's text and gives no statement; its tables are read as
before. A report without an annex has ``[]``; JSON of schema 1.4 and older reads back None."""

import json

import pytest

from nlp_reports import Report, load_report
from nlp_reports.corpus import tag_paths
from nlp_reports.corpus.store import Store

DISTRICT = """北湖区教育局2024年政府信息公开工作年度报告

一、总体情况
2024年，我局通过区政府门户网站教育专栏主动公开招生入学、学校收费、教育经费等信息263条。

五、存在的主要问题及改进情况
（一）存在的主要问题
一是招生入学政策解读不够通俗。二是部分学校信息公开栏目更新不及时。
（二）改进措施
一是制作招生政策图解。二是每季度通报各校栏目更新情况。

六、其他需要报告的事项
本年度未收取信息处理费。

北湖区教育局
2025年1月22日
附件1：北湖区教育系统2024年政府信息公开工作统计表
项目\t数量
主动公开信息\t263
附件2：北湖区中小学校信息公开目录
一、学校概况
二、招生入学
"""

BARE_LABEL = """梧桐街道办事处2021年政府信息公开工作年度报告

一、总体情况
2021年，街道通过区政府网站街道专栏公开信息78条，收到政府信息公开申请2件。

五、存在的主要问题及改进情况
街道政务公开专职人员较少，信息发布审核流程有待规范。下一步，街道将明确专人负责。

梧桐街道办事处
2022年1月18日
附件1

梧桐街道2021年依申请公开办理情况说明
全年收到申请2件，均按期答复。
"""

NONE = """某省统计局2020年政府信息公开工作年度报告

一、总体情况
2020年，我局主动公开统计公报、统计数据解读等信息412条。

五、存在的主要问题及改进情况
统计数据解读的通俗化程度还不够高。下一步将增加图表解读。

某省统计局
2021年1月29日
"""


def test_each_annex_by_its_title_and_span():
    r = load_report(DISTRICT)
    assert [a.title for a in r.annexes] == ["附件1：北湖区教育系统2024年政府信息公开工作统计表",
                                            "附件2：北湖区中小学校信息公开目录"]
    first, second = r.annexes
    assert r.text[first.start:first.end].startswith(first.title)
    assert r.text[first.start:first.end].endswith("主动公开信息\t263")
    assert r.text[second.start:second.end].endswith("二、招生入学")
    assert first.end < second.start
    assert not any("附件" in s.text or "学校概况" in s.text for s in r.statements)
    assert r.metadata.published == "2025-01-22"


def test_a_bare_label_takes_the_line_below_as_its_name():
    """("附件" alone or "附件：" at a line's end is a page's attachment box, chrome, not an
    annex: the layout drops it, as before.)"""
    r = load_report(BARE_LABEL)
    assert [a.title for a in r.annexes] == ["附件1 梧桐街道2021年依申请公开办理情况说明"]
    a = r.annexes[0]
    assert r.text[a.start:a.end].endswith("均按期答复。")


def test_json_carries_annexes_and_reads_them_back():
    d = load_report(DISTRICT).to_dict()
    assert d["schema_version"] == "1.6"
    assert [a["title"] for a in d["annexes"]][0].startswith("附件1：")
    back = Report.from_dict(json.loads(json.dumps(d, ensure_ascii=False)))
    assert back.annexes == load_report(DISTRICT).annexes
    assert load_report(NONE).to_dict()["annexes"] == []


@pytest.mark.parametrize("version", ["1.4", "1.0"])
def test_older_json_has_annexes_null(version):
    d = load_report(NONE).to_dict()
    d["schema_version"] = version
    del d["annexes"]
    assert Report.from_dict(d).annexes is None
    assert Report.from_dict(d).to_dict()["annexes"] is None


def test_the_store_keeps_the_annexes(tmp_path):
    f = tmp_path / "beihu_2024.txt"
    f.write_text(DISTRICT, "utf-8")
    db = tmp_path / "s.sqlite"
    from _corpus_helpers import FakeTagger

    assert tag_paths([str(f)], db, model=FakeTagger()).ok == 1
    with Store(db, readonly=True) as store:
        (d,) = list(store.iter_report_dicts())
    assert [a["title"] for a in d["annexes"]] == [a.title for a in load_report(DISTRICT).annexes]
