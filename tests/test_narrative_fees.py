"""The disclosure fee an older report states in prose (收费及减免情况), in ``fee_narrative`` (万元):
read when the text is clear (元 converted, 万元 kept, "未收取任何费用" / a part saying "无。" 0),
never a fee of another matter (the agency's 行政事业性收费, a certificate's 工本费, a budget), a
waived or due amount, an estimate, another year's figure, or an amount in another unit."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, parsed_store

from nlp_reports import load_report
from nlp_reports.corpus import Store
from nlp_reports.corpus.panel import panel
from nlp_reports.corpus.summarize import load_frames, summarize
from nlp_reports.parse.fees import narrative_fee

_FEE_TITLE = "政府信息公开的收费及减免情况"

#: (title of the part, its text, report year, the fee in 万元 or None when not stated clearly)
PASSAGES = [
    (_FEE_TITLE, "本年度未收取任何费用。", 2010, 0.0),
    ("收费及减免情况", "全年共收取检索、复制、邮寄费用120元，未减免。", 2012, 0.012),
    ("收费及减免情况", "本年度依申请公开政府信息收费0元。", 2014, 0.0),
    (_FEE_TITLE, "全年收取信息公开费用合计0.03万元。", 2011, 0.03),
    (_FEE_TITLE, "全年共收取复制费、邮寄费等费用350元，对2名低保申请人减免费用40元。", 2013, 0.035),
    (_FEE_TITLE, "本馆依申请提供政府信息，均免收检索、复制、邮寄等费用。", 2009, 0.0),
    (_FEE_TITLE, "本年度我局未收取政府信息公开相关费用。本局全年收取行政事业性收费（居民身份证"
                 "工本费）86.5万元，均按标准收取并上缴财政。", 2015, 0.0),
    ("收费情况", "全年收取检索、复制等费用共计二百四十元。", 2016, 0.024),
    ("概述", "2012年，我局认真落实条例要求，依申请公开政府信息未收取任何费用。", 2012, 0.0),
    (_FEE_TITLE, "本年度我局行政许可收取行政事业性收费12.6万元。", 2017, None),
    (_FEE_TITLE, "为社会保障卡补办收取工本费2.3万元。", 2013, None),
    ("收费及减免情况", "无。", 2010, 0.0),
    (_FEE_TITLE, "按照规定标准收取检索、复制、邮寄费用，具体金额见附件。", 2018, None),
    (_FEE_TITLE, "本年度应收取检索复制费用300元，因申请人均为在校学生家长，全部予以减免，实际收取0元。",
     2014, 0.0),
    (_FEE_TITLE, "本年度共收取信息公开工作费用1,250元，比上年减少300元。", 2011, 0.125),
    (_FEE_TITLE, "本年度我乡政府信息公开工作经费3万元，列入财政预算，未向申请人收取任何费用。", 2015, 0.0),
    (_FEE_TITLE, "收取政府信息公开费用共计1.2千元。", 2009, None),
    (_FEE_TITLE, "全年收取复制费30元、邮寄费20元。", 2016, None),
    (_FEE_TITLE, "除按国家规定收取检索、复制、邮寄成本费外，未收取其他费用，共收取成本费二十元。", 2008,
     0.002),
    (_FEE_TITLE, "全年收取费用90。", 2010, None),
    (_FEE_TITLE, "我局严格执行收费标准，本年度共收费0.15万元，无减免。", 2011, 0.15),
    (_FEE_TITLE, "依申请公开未收费。全年办理不动产登记收取登记费及证书工本费共计326.4万元。", 2017, 0.0),
    (_FEE_TITLE, "全年收取信息公开费用40元，去年为65元。", 2012, 0.004),
    ("政府信息公开工作保障情况", "全年安排政府信息公开工作经费2.5万元。", 2013, None),
    ("收费及减免情况", "全年收取费用约200元。", 2017, None),
    ("收费及减免情况", "2011年度收取费用0.5万元，2012年度未收取费用。", 2012, 0.0),
    ("概述", "本年度共受理政府信息公开申请31件，收取检索复制费用45元。", 2015, 0.0045),
    ("政府信息公开的收费及减免", "本年度收取政府信息公开费用80元，其中检索费50元，复制费30元。", 2013, 0.008),
    ("收费及减免情况", "本年度收取检索复制费2笔，共计15元。", 2016, 0.0015),
    ("主动公开政府信息情况", "主动公开招生入学、教育收费等信息95条。", 2016, None),
    # the fee part stored inside section 3, its heading a line of the text (or run in)
    ("依申请公开政府信息情况", "全年受理申请2件，均已答复。\n\n第四部分  政府信息公开的收费及减免情况\n"
     "按规定收取检索费、复制费共计420元。", 2009, 0.042),
    ("依申请公开政府信息情况", "本年度未收到申请。\n政府信息公开的收费及减免情况\n无。", 2008, 0.0),
    ("依申请公开政府信息情况", "均已按时答复。\n四、收费及减免情况。无。", 2011, 0.0),
    # items of the same amount are no figure: their sum is not stated, one of them is not it
    (_FEE_TITLE, "本年度向申请人收取复制费30元、邮寄费30元。", 2014, None),
    ("收费及减免情况", "收费情况：检索费20元；复制费20元；邮寄费20元。", 2010, None),
    # a rate is not the amount charged
    (_FEE_TITLE, "依申请提供的纸质材料按0.5元/页收取复制费。", 2012, None),
    ("收费及减免情况", "按照每张0.2元的标准收取复印费，共收取费用36元。", 2013, 0.0036),
    # a fee without its unit leaves the report's fee unread, a zero said elsewhere too
    (_FEE_TITLE, "全年收取检索复制费用120，其余申请均未收取任何费用。", 2011, None),
    ("收费及减免情况", "依据国办发〔2008〕36号文件收取费用，全年共收取45元。", 2009, 0.0045),
]


@pytest.mark.parametrize("title, text, year, fee", PASSAGES)
def test_fee_passages(title, text, year, fee):
    assert narrative_fee([(title, text)], year) == fee


def test_two_parts_disagreeing_give_no_fee():
    assert narrative_fee([("概述", "依申请公开政府信息未收取任何费用。"),
                          (_FEE_TITLE, "全年收取复制费用共计60元。")], 2012) is None
    assert narrative_fee([("概述", "依申请公开政府信息未收取任何费用。"),
                          (_FEE_TITLE, "无。")], 2012) == 0.0


def _report(path, agency, year, parts):
    lines = [f"{agency}{year}年政府信息公开工作年度报告", ""]
    for numeral, (title, body) in zip("一二三四五六七", parts, strict=False):
        lines += [f"{numeral}、{title}", body, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_fee_through_store_panel_and_table_stats(tmp_path):
    applied = ("依申请公开政府信息情况", "全年受理政府信息公开申请6件，均已按期答复。")
    cases = ("因政府信息公开申请提起行政复议、行政诉讼的情况", "本年度未发生。")
    problems = ("存在的主要问题和改进措施", "公开栏更新不够及时。下一步将建立定期更新制度。")
    files = [
        _report(tmp_path / "a.txt", "松阳县民政局", 2012, [
            ("概述", "我局认真落实条例。"), applied,
            (_FEE_TITLE, "全年收取检索、复制费用共计360元。"), cases, problems]),
        _report(tmp_path / "b.txt", "松阳县民政局", 2013, [
            ("概述", "本局全年收取行政事业性收费48.2万元，均已上缴国库。"), applied,
            (_FEE_TITLE, "无。"), cases, problems]),
        _report(tmp_path / "c.txt", "松阳县民政局", 2014, [
            ("概述", "我局认真落实条例。"), applied, cases, problems]),
    ]
    with Store(parsed_store(tmp_path / "c.db", files), readonly=True) as store:
        reports = load_frames(store).reports.set_index("year")
    assert reports.loc[2012, "fee_narrative"] == 0.036
    assert reports.loc[2013, "fee_narrative"] == 0.0
    assert math.isnan(reports.loc[2014, "fee_narrative"])
    assert reports["fees"].isna().all()  # (表二 (八)'s column stays the table's)
    p = panel(tmp_path / "c.db").set_index("year")
    assert p.loc[2012, "fee_source"] == "text:3" and p.loc[2013, "fee_source"] == "text:3"
    assert p.loc[2014, "fee_source"] == "none:not_stated"
    ts = summarize(tmp_path / "c.db").table_stats
    assert ts.loc[0, "with_fee_narrative"] == 2
    assert ts.loc[0, "fee_narrative"] == pytest.approx(0.036)


_RT20 = Path(__file__).parent / "fixtures" / "redteam20"
_TRUTH = json.loads((_RT20 / "truth.json").read_text(encoding="utf-8"))
_LEGACY = sorted(n for n, t in _TRUTH.items() if t["meta"]["format"] == "legacy")
#: Stated but not read: "免收申请人检索、复制等费用" may waive some applicants' fees only.
_MISSED = {"a06_2008_sheng_ting_cn_year.txt"}


@pytest.fixture(scope="module")
def rt20(tmp_path_factory):
    path = tmp_path_factory.mktemp("fees") / "rt20.db"
    with Store(path) as s:
        for name in _LEGACY:
            r = load_report(_RT20 / name)
            s.write_report(str(_RT20 / name), r, FakeTagger().tag_many([r])[0], model_id="m")
    with Store(path) as s:
        reports = load_frames(s).reports
    return dict(zip((Path(p).name for p in reports["path"]), reports["fee_narrative"],
                    strict=True))


@pytest.mark.parametrize("name", _LEGACY)
def test_redteam_fixtures_fee(rt20, name):
    """The fixtures' own truth (fees in 元, None where the text states none)."""
    want = _TRUTH[name]["fees"]
    got = rt20[name]
    if want is None or name in _MISSED:
        assert math.isnan(got)
    else:
        assert got == pytest.approx(want / 10000, abs=1e-9)
