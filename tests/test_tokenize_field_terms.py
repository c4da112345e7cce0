"""The genre dictionary keeps the field's terms whole, and the writing agency's names for
itself go as a whole stopword instead of leaving 局, 机关 or 一步 behind."""

from __future__ import annotations

import pytest

from nlp_reports.tokenize import Tokenizer, available_engines


@pytest.fixture(scope="module", params=available_engines())
def tok(request):
    return Tokenizer(engine=request.param)


@pytest.mark.parametrize("text, term", [
    ("群众诉求统一通过12345政务服务便民热线转办", "12345政务服务便民热线"),
    ("网上办事大厅栏目长期无人维护", "网上办事大厅"),
    ("借助县融媒体中心推送政策解读", "融媒体中心"),
    ("依托融媒体平台扩大传播面", "融媒体"),
    ("不动产登记信息查询渠道不畅", "不动产登记"),
    ("两微一端更新频率不高", "两微一端"),
    ("践行全过程人民民主，扩大公众参与", "全过程人民民主"),
    ("落实政务服务“好差评”制度", "好差评"),
    ("企业年报信息在国家企业信用信息公示系统公示", "国家企业信用信息公示系统"),
    ("规范性文件全部经过合法性审核", "合法性审核"),
    ("政府采购意向公开不及时", "政府采购"),
    ("清理僵尸号、空壳号12个", "僵尸号"),
    ("清理僵尸号、空壳号12个", "空壳号"),
    ("利用村村响广播宣传惠农政策", "村村响"),
    ("社会救助和养老服务信息公开不够细", "社会救助"),
    ("社会救助和养老服务信息公开不够细", "养老服务"),
    ("土地征收、矿业权出让结果及时公开", "土地征收"),
    ("土地征收、矿业权出让结果及时公开", "矿业权出让"),
    ("认真贯彻《中华人民共和国政府信息公开条例》", "中华人民共和国政府信息公开条例"),
    ("下一步，将进一步加强培训", "下一步"),
])
def test_field_terms_stay_whole(tok, text, term):
    assert term in tok(text)


def test_a_long_term_does_not_swallow_the_shorter_ones():
    tokens = Tokenizer()("严格执行重大行政决策预公开制度")
    assert "重大行政决策" in tokens and "预公开" in tokens


@pytest.mark.parametrize("text, left", [
    ("我局网站栏目设置不合理", "局"),
    ("我委信息员变动频繁", "委"),
    ("我县部分乡镇公开不及时", "县"),
    ("我街道公开栏更新慢", "街道"),
    ("本机关全年未收到申请", "机关"),
    ("本单位保密审查制度不健全", "单位"),
    ("我部门户网站改版", "部"),
])
def test_self_names_go_whole(tok, text, left):
    tokens = tok(text)
    assert left not in tokens, tokens
    assert not any(t.startswith(("我", "本")) for t in tokens), tokens


def test_next_step_leaves_no_half_word(tok):
    tokens = tok("下一步，我局将加强政务新媒体管理")
    assert "一步" not in tokens and "局" not in tokens
