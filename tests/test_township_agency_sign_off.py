"""A township titled by its bare name (城关镇) takes the county its sign-off names.

Many counties have a 城关镇 (and a 新城街道): two towns of two counties whose titles give only
"城关镇…" and whose sign-offs say 清河县城关镇人民政府 and 柳溪县城关镇人民政府 were one agency,
so the corpus compared one town's carry-over with the other's and deduplicated one away.
"""
from __future__ import annotations

import pytest

from nlp_reports.parse import load_report
from nlp_reports.parse.metadata import agency_key


def _report(title: str, signature: str, received: int) -> bytes:
    return (f"{title}\n\n一、总体情况\n\n　　2023年，本镇坚持以公开为常态，全年主动公开信息"
            f"{received + 40}条。\n\n二、主动公开政府信息情况\n\n（略）\n\n三、收到和处理政府信息公开"
            f"申请情况\n\n本年新收政府信息公开申请{received}件。\n\n四、政府信息公开行政复议、"
            "行政诉讼情况\n\n无。\n\n五、存在的主要问题及改进情况\n\n　　（一）存在的问题：一是公开"
            "栏目更新不够及时；二是工作人员多为兼职。\n　　（二）改进措施：一是落实专人维护；二是加强"
            f"业务培训。\n\n六、其他需要报告的事项\n\n无。\n\n{signature}\n2024年1月18日\n").encode()


@pytest.mark.parametrize("title, signature, agency", [
    ("城关镇2023年政府信息公开工作年度报告", "柳溪县城关镇人民政府", "柳溪县城关镇人民政府"),
    ("城关镇人民政府2023年政府信息公开工作年度报告", "清河县城关镇人民政府", "清河县城关镇人民政府"),
    ("新城街道2023年政府信息公开工作年度报告", "东湖区新城街道办事处", "东湖区新城街道办事处"),
    ("桃源乡2023年政府信息公开工作年度报告", "清河县桃源乡人民政府", "清河县桃源乡人民政府"),
    # a sign-off writing the government short (…镇政府) names the county as well
    ("城关镇2023年政府信息公开工作年度报告", "柳溪县城关镇政府", "柳溪县城关镇人民政府"),
    # a sign-off that names the town alone, or one of its offices, adds nothing
    ("城关镇2023年政府信息公开工作年度报告", "城关镇人民政府", "城关镇人民政府"),
    ("白石镇2023年政府信息公开工作年度报告", "白石镇党政办公室", "白石镇人民政府"),
    # a sign-off naming another town is not this one's county
    ("城关镇2023年政府信息公开工作年度报告", "柳溪县河口镇人民政府", "城关镇人民政府"),
    # a place name with 市 or 区 inside it is still a bare name
    ("新市镇2023年度政府信息公开工作年度报告", "枫江县新市镇人民政府", "枫江县新市镇人民政府"),
    ("白市驿镇政府信息公开工作2022年年度报告", "九龙坡区白市驿镇人民政府", "九龙坡区白市驿镇人民政府"),
    # a title that names the county already keeps its name, whatever chain the sign-off adds
    ("柳溪县城关镇人民政府2023年政府信息公开工作年度报告", "青禾市柳溪县城关镇人民政府",
     "柳溪县城关镇人民政府"),
    ("东湖区新城街道2023年政府信息公开工作年度报告", "云岭市东湖区新城街道办事处",
     "东湖区新城街道办事处"),
    # a party committee signing beside the government names no county
    ("新城街道2023年政府信息公开工作年度报告", "中共东湖区新城街道工作委员会东湖区新城街道办事处",
     "新城街道办事处"),
])
def test_township_title_takes_the_county_from_the_sign_off(title, signature, agency):
    meta = load_report(_report(title, signature, 3), filename="r.txt").metadata
    assert (meta.agency, meta.level) == (agency, "street" if "街道" in agency else "township")


def test_two_counties_towns_of_one_name_are_two_agencies():
    one = load_report(_report("城关镇2023年政府信息公开工作年度报告", "清河县城关镇人民政府", 3),
                      filename="a.txt").metadata
    two = load_report(_report("城关镇2023年政府信息公开工作年度报告", "柳溪县城关镇人民政府", 5),
                      filename="b.txt").metadata
    assert agency_key(one.agency) != agency_key(two.agency)
