"""A chain of places the text gives for another place of the same name is not the agency's.

The region is extended by a province-led chain the text writes right before the agency's
first place ("本局是云南省文山州砚山县的组成部门" for 砚山县住房和城乡建设局). Township, street
and district names repeat across the country (城关镇, 江苏路街道, 鼓楼区), and a report names
the namesakes it visits or twins with: "赴浙江省安吉县城关镇学习" in 城关镇人民政府's report
put it in 浙江 (2 of 30 trap heads of an outside check; a summary by province silently
wrong). Now a chain right after a word of going, partnering or learning from (赴, 到, 与, 同,
向, 学习, 借鉴, 考察, 对口, 帮扶, 支援 …) is another place's, and a township's or street's
chain counts only when the text writes the body's whole name after it ("…砚山县城关镇人民政府");
nothing is guessed instead.
"""

from __future__ import annotations

import pytest

from nlp_reports.parse.metadata import region_of


@pytest.mark.parametrize("agency, text, region", [
    # the text names the body itself: kept
    ("城关镇人民政府", "2023年，云南省文山州砚山县城关镇人民政府依法做好公开工作。", "云南省文山州砚山县城关镇"),
    ("砚山县住房和城乡建设局", "本局是云南省文山州砚山县的组成部门", "云南省文山州砚山县"),
    ("红旗区人民政府", "河南省新乡市红旗区位于", "河南省新乡市红旗区"),
    # a namesake visited, twinned with, learnt from
    ("城关镇人民政府", "2023年，我镇组织干部赴浙江省安吉县城关镇学习政务公开经验。", "城关镇"),
    ("江苏路街道办事处", "江苏路街道与江苏省南京市鼓楼区江苏路街道开展交流。", "江苏路街道"),
    ("鼓楼区人民政府", "我区学习借鉴江苏省南京市鼓楼区的做法，推进基层公开。", "鼓楼区"),
    ("新城区人民政府", "我区与内蒙古自治区呼和浩特市新城区结为友好城区。", "新城区"),
    ("城关镇人民政府", "对口帮扶甘肃省会宁县城关镇，援建村务公开栏。", "城关镇"),
    # a township's chain with only the place after it says nothing of the body
    ("城关镇人民政府", "全县召开会议，表扬了甘肃省会宁县城关镇等单位。", "城关镇"),
])
def test_chain(agency, text, region):
    assert region_of(agency, text) == region
