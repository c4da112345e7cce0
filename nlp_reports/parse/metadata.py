"""What a report says about itself (元数据): title, agency, year, level, region, date, format.

Everything is read from the text by small anchored patterns; a field that cannot be read
honestly is None rather than a guess. ``year`` is the year reported on (报告年度), never the
year of publication.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import date

from nlp_reports.ingest.normalize import PAGE_DATE_KEY, PAGE_STAMP
from nlp_reports.parse import places

#: What a title names the work reported on: 政府信息公开 …, and a hospital's or a school's
#: own disclosure (院务公开, 校务公开), also "院务（政府）信息公开".
_DISCLOSURE = (r"(?:(?:院务|校务)(?:[（(]政府[)）])?)?(?:政府信息公开|政务公开|信息公开|政府信息)"
               r"|(?:院务|校务)公开")
#: The months a first report covered after its year ("2008年5月至12月", "2008年5月1日-12月31日",
#: "2008年5—12月份"):
#: the 2007 条例 took effect on 1 May 2008, so many 2008 reports name that span in their title.
_MONTH_SPAN = (r"(?:[ \t\u3000]{0,2}(?:\d{1,2}|[一二三四五六七八九十]{1,2})(?:月(?:\d{1,2}日)?)?[ \t\u3000]{0,2}"
               r"(?:至|到|-|—|–|－|~)[ \t\u3000]{0,2}(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}日)?(?:份)?)?")
# "<agency>2023年(度)政府信息公开工作年度报告", optionally "关于…的"
_TITLE_AGENCY = re.compile(
    r"^(?:关于)?(?P<agency>[^\n]{0,60}?)[ \t\u3000]{0,4}(?:的)?[ \t\u3000]{0,2}(?P<year>(?:19|20)\d{2})"
    rf"[ \t\u3000]{{0,2}}年(?:度)?{_MONTH_SPAN}(?:的)?[ \t\u3000]{{0,2}}(?:(?:本?(?:部门|单位)|本级|机关)(?:的)?[ \t\u3000]{{0,2}})?"
    rf"(?:{_DISCLOSURE})"
)
# "2023年<agency>政府信息公开工作年度报告"
_TITLE_YEAR_FIRST = re.compile(
    r"^(?:关于)?(?P<year>(?:19|20)\d{2})[ \t\u3000]{0,2}年(?:度)?(?P<agency>[^\n]{2,60}?)"
    rf"(?:{_DISCLOSURE})"
)
#: Universities and schools report by academic year ("某大学2021-2022学年信息公开工作年度报告"):
#: the report year is the year the academic year ends in.
_TITLE_ACADEMIC = re.compile(
    r"^(?:关于)?(?P<agency>[^\n]{0,60}?)[ \t\u3000]{0,4}(?:19|20)\d{2}[ \t\u3000]{0,2}[-—–－至~/／][ \t\u3000]{0,2}"
    r"(?P<year>(?:19|20)\d{2})[ \t\u3000]{0,2}学年(?:度)?(?:的)?[ \t\u3000]{0,2}"
    rf"(?:{_DISCLOSURE})"
)
_YEAR_ANY = re.compile(r"((?:19|20)\d{2})[ \t\u3000]{0,2}年度?")
#: A year alone in brackets after the title ("…年度报告(2023)")
_YEAR_BRACKETED = re.compile(r"[（(][ \t\u3000]{0,2}((?:19|20)\d{2})[ \t\u3000]{0,2}[)）]")
_YEAR_PERIOD = re.compile(
    r"(?:统计时限|统计期限|统计时间|统计区间|时间范围|统计范围)[^\n]{0,6}?((?:19|20)\d{2})[ \t\u3000]{0,2}年"
    r"[ \t\u3000]{0,2}[1一][ \t\u3000]{0,2}月"
)
_YEAR_OPENING = re.compile(r"(?:^|\n)[ \t\u3000]{0,8}((?:19|20)\d{2})[ \t\u3000]{0,2}年(?:度)?[，,]")
_YEAR_REPORTING = re.compile(r"本(?:年度|年)报告[^\n。]{0,40}?((?:19|20)\d{2})[ \t\u3000]{0,2}年")

#: A page's date line ("发布时间：2024-01-15", "[发布时间]2024-01-15", "更新时间：…"), its key
#: as the HTML reader keeps the line (:data:`PAGE_DATE_KEY`)
_PUBLISHED = re.compile(
    rf"{PAGE_DATE_KEY}"
    # a key ending its line with its colon, its date on the next ("发布时间：⏎2024-01-15"), as a
    # scraper writes each element of the page's chrome on a line of its own
    r"(?:(?:(?<=[:：])|(?<=[:：][ \t\u3000])|(?<=[:：][ \t\u3000]{2})|(?<=[:：][ \t\u3000]{3}))"
    r"\r?\n[ \t\u3000]{0,3})?"
    r"((?:19|20)\d{2})[ \t\u3000]{0,2}(?:[-/.年])[ \t\u3000]{0,2}(\d{1,2})[ \t\u3000]{0,2}(?:[-/.月])"
    r"[ \t\u3000]{0,2}(\d{1,2})"
)
_DATE_CN = re.compile(r"((?:19|20)\d{2})[ \t\u3000]{0,2}年[ \t\u3000]{0,2}(\d{1,2})[ \t\u3000]{0,2}月"
                      r"[ \t\u3000]{0,2}(\d{1,2})[ \t\u3000]{0,2}日")

#: What older documents write for the zero of a year in Chinese numerals: 〇, 零, and the
#: look-alikes typed for it — the circle ○ (U+25CB) or ◯, a letter O/Ｏ, a digit 0/０
#: ("二○一二年", "二O一五年", "二0一六年三月十日").
HANZI_ZEROS = "〇零○◯ＯO0０"
_HANZI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | dict.fromkeys(HANZI_ZEROS, 0)
_DATE_HANZI = re.compile(rf"([{HANZI_ZEROS}一二][{HANZI_ZEROS}一二三四五六七八九]{{3}})年"
                         r"([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")

#: A ministry (…部, 城乡 allowed: 住房和城乡建设部) or a bureau or department it runs
#: (交通运输部海事局, 水利部水文司), no place in it
_LEVEL_NATIONAL = re.compile(r"^(?:国务院|国家|中华人民共和国)"
                             r"|^(?:城乡|[^省市县区州旗乡镇]){1,10}部(?:[^省市县区州旗乡镇部]{1,8}[局司])?$")
_GOVERNMENT = re.compile(r"(?:人民政府|政府)$")
#: A central agency's name at the head of a name: alone it is national; followed by a
#: place or a branch unit ("国家税务总局巨野县税务局", "国家统计局东莞调查队") it is one of
#: the vertically managed local branches (垂直管理), a department of its place.
_CENTRAL = re.compile(r"^(?:中华人民共和国)?(?:国家\S{1,12}?(?:总局|局|署|委员会)|中国人民银行|海关总署"
                      r"|审计署|中国(?!共产党)[^省市县区州旗乡镇\s]{1,10}?(?:总局|局|委员会))")
_BRANCH = re.compile(r"省|自治区|市|州|盟|地区|县|区|旗|分局|分行|支行|调查队|监管局|海关|办事处")
#: Public institutions and enterprises outside the government's hierarchy (公共企事业单位):
#: universities and schools, hospitals, companies; and the self-governing 村民委员会 and
#: 居民委员会 (基层群众性自治组织: a village's or a 社区's committee is no government and no
#: department of one, though its name ends in 委员会).
#: A 社区卫生服务中心 (or 站) is a clinic as a 卫生院 is, whatever body it reports as; a
#: 疾病预防控制中心 or a 档案馆 serves a government's own work and stays a department.
_NO_LEVEL = re.compile(r"(?:大学|学院|学校|中学|小学|幼儿园|医院|卫生院|保健院|卫生服务中心|卫生服务站"
                       r"|公司|集团|村民委员会|居民委员会|村委会|居委会)$")
#: Local units of central agencies named without their agency: 某海关 (under 海关总署),
#: 某海事局 (under 交通运输部), 某出入境边防检查站.
_LOCAL_BRANCH_END = re.compile(r"(?:(?<!总)海关|(?<!共和国)(?<!部)海事局|出入境边防检查站)$")
_STREET = re.compile(r"街道(?:办事处|办)?$|街道$")
#: A development zone (开发区, 高新区, 工业园区, 保税区 …) is run by a 管委会, a body its city or
#: county government sends out, not a government of its own: named bare, it is a department as
#: its 管委会 is. A 新区 is not listed: 浦东新区 and 滨海新区 are districts (county level).
_ZONE = re.compile(r"(?:开发区|高新区|园区|保税区|试验区|示范区|合作区)$")
_DEPARTMENT = re.compile(
    r"(?:局|委员会|委|办公室|办|厅|中心|院|所|署|部|队|站|馆|处|管委会|管理委员会|公司|集团|协会|会|社|室|海关|库)$"
)
_BARE_PLACE = re.compile(r"[\u4e00-\u9fff]{1,20}?(?:省|自治区|市|州|地区|盟|县|区|旗|乡|镇|苏木)")
_CITY_IN_CITY = re.compile(r"(?:州|地区|盟|市).{1,6}市$")
#: A province heading a place name, set aside before ``_CITY_IN_CITY``: the 州 of 贵州省 is no
#: prefecture ("贵州省黔中市" is a city named under its province, "贵州省黔南州都匀市" a 县级市).
_PROVINCE_HEAD = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:省|自治区)")
_PROVINCE_CITIES = ("北京市", "上海市", "天津市", "重庆市")

#: Administrative place names, longest units first (used to find the region in a name).
_PLACE = re.compile(
    r"[\u4e00-\u9fff]{1,12}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|新区|开发区|省|市|州|盟|县|区|旗|乡|镇|街道)"
)
# a unit character that starts a word instead: 市场监督管理局, 市政, 区域, 县级 … (not before
# 政府, 政务, 政协 and 政法委: 青岚县政协办公室 is 青岚县's)
_NOT_UNIT = r"(?!场|政(?!府|务|协|法委)|容|级|直|域|划)"
#: "城市" is no place of its own (青禾市城市管理局, 云岭县城市管理局), though 晋城市 is one;
#: a city's name never runs across 县/区/旗 (云岭县城市…), but may hold 乡/镇 (新乡市, 镇江市)
#: Another unit right after a unit makes one longer name ("红旗" + "区", "苏州" + "市", "梅县" +
#: "区", "红旗" + "乡"); the same character twice does not ("济南市" + "市中区", "某区" + "区政府").
_NEXT_UNIT = (r"(?:(?<!市)市|(?<!区)区|(?<!县)县|(?<!旗)旗|(?<!州)州|(?<!盟)盟|(?<!乡)乡|(?<!镇)镇|街道|苏木|嘎查)"
              rf"{_NOT_UNIT}")


def _place_prefix(longest: bool) -> re.Pattern[str]:
    """The places heading a name; ``longest``: a unit never ends a place right before another
    unit (the shortest reading is tried on its own, see ``_region_prefix``)."""
    end = rf"{_NOT_UNIT}(?!{_NEXT_UNIT})" if longest else _NOT_UNIT
    return re.compile(
        rf"^(?:[\u4e00-\u9fff]{{2,10}}?(?:省|自治区))?(?:(?!城市)(?:(?![县区旗])[\u4e00-\u9fff]){{1,8}}?(?:自治州|地区|盟|州|市){end})?"
        # (never across a bureau's name: 广州市公安局天河区分局 is 广州市's)
        rf"(?:(?!城市)(?:(?![局委厅])[\u4e00-\u9fff]){{1,8}}?(?:自治县|自治旗|县|区|旗|市){end}"
        # (an 自治县 naming three or four peoples is longer: 孟连傣族拉祜族佤族自治县,
        # 积石山保安族东乡族撒拉族自治县)
        rf"|(?:(?![局委厅县区旗市])[\u4e00-\u9fff]){{9,12}}?(?:自治县|自治旗){end})?"
        r"(?:[\u4e00-\u9fff]{1,8}?(?:民族乡|乡|镇|苏木|街道)(?=人民政府|政府|办事处|$))?"
    )


_PLACE_PREFIX = _place_prefix(longest=False)
_PLACE_PREFIX_LONGEST = _place_prefix(longest=True)


@functools.lru_cache(maxsize=64)
def agency_and_year(title: str | None) -> tuple[str | None, int | None]:
    """(agency, year) read from a report title such as "蚌峨乡人民政府2023年政府信息公开工作年度报告".

    Also "关于印发《某县2023年…年度报告》的通知", "2023年某局政府信息公开…",
    "某局政府信息公开工作年度报告（2023年）" and a school's "某大学2021-2022学年…" (2022).
    Memoised: the section reader (a title wrapped over lines) and load_report read the same
    title of each report (~11 µs a read).
    """
    if not title:
        return None, None
    t = _WRAPPER.sub("", _COLUMN_TAG.sub("", title_text(title).strip()))
    t = _QUOTES.sub("", t)
    if "年" in t:  # "二〇一三年" as older titles write it → "2013年"
        t = _arabic_years(t)
    year = _YEAR_ANY.search(t) or _YEAR_BRACKETED.search(t)
    for rx in (_TITLE_AGENCY, _TITLE_ACADEMIC, _TITLE_YEAR_FIRST, _TITLE_NO_YEAR):
        m = rx.match(t)
        if m:
            agency = _clean_agency(m.group("agency"))
            if agency:
                y = m.groupdict().get("year")
                return agency, int(y) if y else (int(year.group(1)) if year else None)
    return None, int(year.group(1)) if year else None


#: The label of a 政府信息公开目录 page's field naming the document ("名　　称：…", "标题：…",
#: "文件名称：…"), printed above the report among 索引号, 发布机构 and 发布日期: no part of the name
#: (the title keeps its characters: 名稱, 標題 too)
_FIELD_LABEL = re.compile(r"^[ \t\u3000]*(?:(?:文件|信息)?名[ \t\u3000]*[称稱]|(?:文章)?[标標][ \t\u3000]*[题題]"
                          r"|[题題][ \t\u3000]*名)[ \t\u3000]*[:：][ \t\u3000]*")


def title_text(title: str) -> str:
    """The title line without a catalogue field's label: "名　　称：某县2023年…年度报告" →
    "某县2023年…年度报告" (with the label, the agency was the page's 发布机构 or signature)."""
    return _FIELD_LABEL.sub("", title, count=1)


_YEAR_HANZI = re.compile(rf"([一二][{HANZI_ZEROS}一二三四五六七八九]{{3}})(?=年)")


def _arabic_years(text: str) -> str:
    """``text`` with its years in Chinese numerals written in digits (二〇一三年 → 2013年)."""
    return _YEAR_HANZI.sub(lambda m: str(_hanzi_number(m.group(1))), text)

_QUOTES = re.compile(r"^[《“\"]|[》”\"]$")
#: A column's tag before a title as WeChat accounts and portals' 专栏 write it, no part of the
#: name: "【政务公开】某局2023年…", "[年报]…", "政务公开｜某县…", "权威发布 | …" — when a name
#: follows it; a bracketed name before the year ("【柳岸县人民政府】2023年…") is the agency.
_COLUMN_TAG = re.compile(r"^(?:[【\[［〔][^】\]］〕\n]{1,12}[】\]］〕]|[^\n|｜丨]{1,12}[ \t\u3000]*[|｜丨])"
                         r"[ \t\u3000]*(?=[\u4e00-\u9fff])(?![一二][〇零○一二三四五六七八九]{3}年)")
#: The first year of a span the title reports on ("某县人民政府2022-2023年…")
_TRAILING_RANGE = re.compile(r"[ \t\u3000]*(?:19|20)\d{2}[ \t\u3000]{0,2}[-—–－至~/／]$")
_TRAILING_OF = re.compile(r"(?:的|关于)$")
#: Words a title puts between the agency and 政府信息公开 that are no part of its name:
#: "某局部门2023年…", "某局本级…", "某局年度政府信息公开工作报告（2023年）".
_TRAILING_QUALIFIER = re.compile(r"(?:(?:19|20)\d{2}[ \t\u3000]{0,2}年度?|年度|本级|本?部门|本单位)$")
#: "关于印发《…》的通知", also with the issuing office before it ("某县人民政府办公室关于印发…")
_WRAPPER = re.compile(r"^(?:[^\n《“]{0,30}?关于)?(?:印发|转发|公布|发布)[《“]?|[》”]?的通知$"
                      # "某市人民政府办公厅关于某市2012年政府信息公开工作年度报告的通知": the
                      # office's notice on the report, without 印发 (the report is the one named;
                      # a name follows 关于; "某县政府办公室关于2013年度…的通知" keeps the office's name)
                      r"|^[^\n《“]{2,30}?关于[《“]?(?=[^\d一二\n][^\n]{3,59}?(?:年度报告|年报)[》”]?的通知$)")
_TITLE_NO_YEAR = re.compile(r"^(?:关于)?(?P<agency>[^\n]{2,40}?)(?:的)?(?:政府信息公开|政务公开)")
_NOT_AGENCY = re.compile(r"^(?:政府|本|我|年度|关于|\d)")
#: How the name of a body that reports ends (政府, 局, 委员会, 办公室, 厅, 中心, 街道办事处, 乡, 镇,
#: 县, 市, 区 …, a school, a hospital, a company, a bank's 支行), maybe with a second name in
#: brackets ("某县卫生健康局（县中医药管理局）"). Anything else before "2023年…政府信息公开" is
#: no name: "某县人民政府门户网站", "…深入推进".
_AGENCY_NAME_END = re.compile(
    r"(?:政府|局|委员会|委|办公室|办|厅|部|中心|办事处|街道|管委会|行署|院|所|署|队|(?<!网)站|馆|处|会|社|室"
    r"|关|行|(?<!平)台|场|团|师|校|[大中小]学|联|协|公司|集团|幼儿园|省|自治区|市|州|地区|盟|县|区|旗|乡|镇|苏木"
    # also a prison, a works (自来水厂), a road section (公路段), a village (村, 嘎查), a
    # ministry's department (水利部水文司) and a depot (某粮食和物资储备局直属库)
    r"|监狱|厂|(?<![阶手])段|(?<![乡农])村|嘎查|司|库)"
    r"(?:[ \t\u3000]{0,2}[（(][^（()）\n]{1,30}[)）])?$"
)
#: A clause of prose, not a name: sentence punctuation, the opening of a sentence
#: ("在县委县政府的坚强领导下，…", "根据《条例》要求，现公布…"), or a whole place ("全县").
_PROSE = re.compile(r"[，,。；;！!？?：:]|^(?:在|根据|按照|依据|依照|遵照|围绕|通过|经过|为了|现将|现公布)"
                    r"|^全[省市县区乡镇旗]$")


def _clean_agency(name: str) -> str | None:
    name = name.strip(" \t\u3000《》“”\"'，,、：:【】[]〔〕")
    name = _TRAILING_OF.sub("", _TRAILING_RANGE.sub("", name)).strip()
    for _ in range(2):  # "某局2023年度" + "年度" (a title's typo), "某局2023年" + "部门"
        name = _TRAILING_QUALIFIER.sub("", name).strip()
    if (not name or _NOT_AGENCY.match(name) or len(name) < 2 or _PROSE.search(name)
            or not _AGENCY_NAME_END.search(name) and not name.endswith("人民")):
        return None
    if name.endswith("人民"):  # "2023年某镇人民政府信息公开…": 政府 went to 政府信息公开
        name += "政府"
    return name


def report_year(title_year: int | None, text: str) -> int | None:
    """The year reported on: the title's, else "统计时限自2023年1月1日", else an opening "2023年，"
    (also written in Chinese numerals, "统计期限自二〇一二年一月一日", "二〇一二年，…")."""
    if title_year:
        return title_year
    for rx in (_YEAR_PERIOD, _YEAR_REPORTING, _YEAR_OPENING):
        m = rx.search(text)
        if m:
            return int(m.group(1))
    if _YEAR_HANZI.search(text):
        return report_year(None, _arabic_years(text))
    return None


#: The text speaking of the year it reports on without naming it ("本年度", "本年新收", "今年").
_THIS_YEAR = re.compile(r"本年|今年")


def year_from_dates(dates: tuple[str, ...], text: str) -> int | None:
    """The year reported on read from the report's own dates (ISO: the signature's, the
    page's unless a re-post, the line under the title) when neither the title nor the text
    names it: Y when every date falls in January–March of Y+1 — the months reports on Y
    come out in (deadlines 31 January and 31 March) — and the ``text`` speaks of "本年度" /
    "本年" / "今年", so the year it reports on is the one before publication. None when
    there is no date, when the dates disagree on the year, or when one falls from April on
    (a late report on Y, or an early one on Y+1: which cannot be told); "本年" in the
    national tables' headings (本年新收, 本年制发件数) names no year either."""
    if not dates or not _THIS_YEAR.search(text):
        return None
    years = {d[:4] for d in dates}
    if len(years) != 1 or not all("01" <= d[5:7] <= "03" for d in dates):
        return None
    return int(years.pop()) - 1


#: The data-period sentence (统计期限), the strongest evidence of the year reported on, read
#: where a key word starts: "所列数据统计期限自2021年1月1日起至2021年12月31日止", "统计时限为
#: 2021年1月1日至12月31日", "数据统计期限为2021年度", "统计时间截至2021年12月31日", "本报告的
#: 报告期为2023年1月1日至2023年12月31日" (also with the
#: year in Chinese numerals). A span over several years, or one not starting in January (a
#: school's 学年), says no single year.
_PERIOD_KEYS = ("统计", "时间范围", "报告期")
_PERIOD = re.compile(
    r"(?:统计(?:时限|期限|时间|区间|范围|周期)|时间范围|报告期)[^\n。；;\d]{0,8}?"
    r"(?:(?P<y>(?:19|20)\d{2})[ \t\u3000]{0,2}年[ \t\u3000]{0,2}"
    r"(?:(?:1|01|一)[ \t\u3000]{0,2}月[^\n。；;]{0,12}?(?:至|到|—|-|～|~)[ \t\u3000]{0,2}"
    r"(?:(?P<end>(?:19|20)\d{2})[ \t\u3000]{0,2}年[ \t\u3000]{0,2})?(?:12|十二)[ \t\u3000]{0,2}月"
    r"|度(?![^\n。；;]{0,4}(?:至|到))|全年)"
    r"|截(?:至|止)(?:到)?[ \t\u3000]{0,2}(?P<upto>(?:19|20)\d{2})[ \t\u3000]{0,2}年[ \t\u3000]{0,2}"
    r"(?:12|十二)[ \t\u3000]{0,2}月[ \t\u3000]{0,2}(?:31|三十一)[ \t\u3000]{0,2}日)"
)
#: How far after its key word a data-period sentence is read (its years in Chinese numerals
#: are turned into digits within it).
_PERIOD_WINDOW = 80
#: A line of 一、总体情况 opening with its year: "2021年，我乡…", "2021年度，…"
_OPENS_WITH_YEAR = re.compile(r"[ \t\u3000\n]{0,8}((?:19|20)\d{2})[ \t\u3000]{0,2}年度?[，,]")


def period_year(text: str, start: int = 0) -> int | None:
    """The year of the report's data period (统计期限, see ``_PERIOD``): the first such
    sentence in ``text`` from ``start``, else None (also for a span of several years).

    The pattern is tried only where a key word starts (found by plain substring search)."""
    for key in _PERIOD_KEYS:
        i = _find(text, key, start)
        while i >= 0:
            window = text[i:i + _PERIOD_WINDOW]
            m = _PERIOD.match(window)
            if m is None and "年" in window and _YEAR_HANZI.search(window):
                m = _PERIOD.match(_arabic_years(window))
            if m is not None and not _QUOTES_OTHER.search(text, max(start, i - 30), i):
                y = int(m.group("y") or m.group("upto"))
                end = m.group("end")
                return y if end is None or int(end) == y else None
            i = _find(text, key, i + 1)
    return None


#: Words before a data-period sentence, in its own clause (since the last 。；; or line
#: break), that make it another report's: "与上年度报告（统计期限为2022年度）相比",
#: "本报告与2022年度报告（统计时间范围为2022年全年）相比".
_QUOTES_OTHER = re.compile(
    r"(?:上一?年|去年|前一?年|上一?期|往年|与(?:19|20)\d{2}年度?报告)[^。；;\n]*$")


def _find(text: str, key: str, start: int) -> int:
    """``text.find(key, start)`` by its first character (a one-character search is a fast
    C scan; a longer key is searched far more slowly in a text of Chinese characters)."""
    i = text.find(key[0], start)
    while i >= 0 and not text.startswith(key, i):
        i = text.find(key[0], i + 1)
    return i


def opening_year(section1: str | None) -> int | None:
    """The year 一、总体情况 opens with ("2021年，我乡坚持…"), else None: weak evidence of the
    year reported on (a comparison may open it: "2020年，我局…；2021年，…")."""
    if not section1:
        return None
    m = _OPENS_WITH_YEAR.match(section1)
    return int(m.group(1)) if m else None


def _fits(year: int, day: str) -> bool:
    """A report on ``year`` dated ``day`` (ISO): published the next year, or rarely in the
    December of its own year."""
    return day[:4] == str(year + 1) or (day[:4] == str(year) and day[5:7] == "12")


def resolve_year(title_year: int | None, period: int | None, opening: int | None,
                 dates: tuple[str, ...], published: str | None = None
                 ) -> tuple[int | None, str | None]:
    """``(year, conflict)``: the year reported on (报告年度) from its evidence, and a message
    when the evidence disagrees (``year_conflict``), else None.

    Evidence: the title's year (``title_year``; an agency may reuse last year's title), the
    data-period sentence (``period``, :func:`period_year`: the strongest), the dates of the
    report (``dates``: the signature date and the page's 发布时间 unless a re-post; a report
    on year Y is published in Y+1, rarely in Y's December) and the year 一、总体情况 opens with
    (``opening``, weak). ``published`` names the date in the message.

    Rule: when the data period differs from the title, the data period wins unless the dates
    are against it — a date before its December, or none fitting it while one fits the title
    (then the data-period sentence is the one left over from last year) — or, with no date at
    all, unless 总体情况 opens with the title's year; either way it is a conflict. Without
    a data period the title's year stays; it is a conflict when 总体情况 opens with another
    year and a date fits that year and none the title's (the opening alone may be a
    comparison). A data period agreeing with the title settles the year: an odd date is then
    a wrong date, which the audit's date findings report, not a wrong year. With no title
    year, the data period's (:func:`report_year` reads more).
    """
    if title_year is None:
        return period, None
    when = f"published {published}" if published else "no date"
    if period is not None and period != title_year:
        against = (any(d < f"{period}-12-01" for d in dates)
                   or (not any(_fits(period, d) for d in dates)
                       and any(_fits(title_year, d) for d in dates))
                   or (not dates and opening == title_year))
        year = title_year if against else period
        return year, f"title says {title_year}, data period {period}, {when}: read as {year}"
    if (period is None and opening is not None and opening != title_year
            and any(_fits(opening, d) for d in dates)
            and not any(_fits(title_year, d) for d in dates)):
        return title_year, (f"title says {title_year}, 总体情况 opens with {opening}, {when}: "
                            f"read as {title_year} (no data-period sentence)")
    return title_year, None


#: A bare place name whose government is certain, named or not: every 省/自治区, 市, 州/自治州,
#: 区, 县/自治县, 旗/自治旗, 乡/民族乡, 镇 and 苏木 is run by its 人民政府, so a title naming only
#: the division ("云岭市2024年…") is that government's report. A 盟 or 地区 is run by its
#: 行政公署 (``_OFFICE_GOVERNED``). Never a zone or a 区 that is no 市辖区 (``_NOT_DISTRICT``):
#: 新区, 管理区, 景区 … are run by a 管委会, 社区/小区/片区 are no government at all.
_ALWAYS_GOVERNED = re.compile(r"(?:省|自治区|市|州|区|县|旗|乡|镇|苏木)$")
_OFFICE_GOVERNED = re.compile(r"(?:盟|(?<!管理)地区)$")
_NOT_DISTRICT = re.compile(
    r"(?:新区|管理区|景区|名胜区|保护区|度假区|旅游区|社区|小区|片区|街区|辖区|功能区|集聚区|工业区"
    r"|产业区|商务区|商贸区|自贸区|实验区|综合区|核心区|城市|超市|集市|门市"
    # a port zone (港区: 洋山港区, 青禾市前湾港区, any 保税港区), not a district named X港 standing
    # alone or right after its city (东港区, 日照市东港区, as 大港区 was)
    r"|保税港区|(?![省市州盟县旗区])[\u4e00-\u9fff][\u4e00-\u9fff]港区"
    # an irrigation, land-reclamation or reservoir area (灌区, 垦区, 库区): no place of government
    r"|灌区|垦区|库区"
    # short names of zones: 经开区 (经济技术开发区), 综保区, 工业集中区, 临空经济区
    r"|经开区|综保区|集中区|经济区)$")
#: The government's own office, which signs the government's report (not a department's):
#: 人民政府办公室/办公厅, 党政办公室, or the office in charge of disclosure (政务公开办,
#: 政府信息公开办公室)
_OWN_OFFICE = re.compile(r"^(?:人民)?政府(?:办公室|办公厅|办)?$|^党政|政务|信息公开")
#: A township's name from the title, bare or with its government (城关镇, 城关镇人民政府, 南湖街道);
#: and the county (or city, district, banner) a sign-off names before it.
_TOWNSHIP_NAME = re.compile(r"(?:乡|镇|苏木)(?:人民政府)?$|街道(?:办事处)?$")
_COUNTY_HEAD = re.compile(r"[\u4e00-\u9fff]{1,20}?(?:省|自治区|市|州|地区|盟|县|区|旗)")
#: A township the title already places in its county (柳溪县城关镇): its sign-off's longer
#: chain (青禾市柳溪县城关镇人民政府) must not make the years it signs so another agency.
#: Two characters at least between the county and the 乡/镇: 新市镇, 白市驿镇 are bare names.
_PLACED_TOWNSHIP = re.compile(_COUNTY_HEAD.pattern + r"[\u4e00-\u9fff]{2,}(?:乡|镇|苏木|街道)")
#: A party committee signing with the government (中共柳溪县城关镇委员会 柳溪县城关镇人民政府):
#: no county of the town.
_PARTY_BODY = re.compile(r"中共|党委|党工委|委员会")
#: Words that open no place name: "全县", "本镇", "我乡", "该区" … (nor an agency's: a page's
#: prompt "本网站2023年年报" names no report)
NOT_PLACE_START = "全本我该各此其"


@functools.lru_cache(maxsize=1)
def _hanzi() -> re.Pattern[str]:
    """A Chinese character (compiled on first use: each CJK range costs the regex compiler
    ~1 ms, and most reports never need this one)."""
    return re.compile(r"[\u4e00-\u9fff]")



def full_agency(agency: str | None, signature: str | None = None, text: str = "") -> str | None:
    """The agency named in full when the title gives only its place (a bare 地名).

    A title naming only an administrative division is the report of that division's
    government, so the years a title writes with and without 人民政府 stay one agency:
    "柳岸县"/"云岭市"/"东城区"/"青禾省"/"红河州" become "…人民政府", "南湖街道" becomes
    "南湖街道办事处", a 盟 or 地区 its "…行政公署" (or "…行署" when the sign-off or text writes
    that). A township or street office the title names alone (城关镇, 南湖街道) takes the name its
    sign-off gives with the county before it (柳溪县城关镇人民政府): many counties have a 城关镇,
    and two of them must not become one agency. Any other name (a government, a department, a
    zone, a 新区) is returned unchanged.
    """
    if not agency or len(agency) < 3 or agency[0] in NOT_PLACE_START:
        return agency
    sign = _BLANKS.sub("", signature or "")
    if (sign.startswith(agency) and _BARE_PLACE.fullmatch(agency)
            and not agency.endswith(("乡", "镇", "苏木"))  # (a township's offices sign for it)
            and not _OWN_OFFICE.search(sign[len(agency):]) and level_of(sign) == "department"):
        return sign  # "云岭市2023年…" signed 云岭市教育局: the department's report, not the city's
    if sign and _TOWNSHIP_NAME.search(agency):
        sign = _SHORT_GOVERNMENT.sub("人民政府", sign)  # (柳溪县城关镇政府 signs one year)
        named = agency + ("办事处" if agency.endswith("街道") else
                          "" if agency.endswith(("政府", "办事处")) else "人民政府")
        head = sign[:-len(named)] if sign.endswith(named) else ""
        if (head and _COUNTY_HEAD.fullmatch(head) and not _PARTY_BODY.search(head)
                and not _PLACED_TOWNSHIP.match(agency)):
            return sign  # "城关镇2023年…" signed 柳溪县城关镇人民政府: which 城关镇 is in the sign-off
    if agency.endswith("街道"):
        return agency + "办事处"
    if (not _BARE_PLACE.fullmatch(agency) or _ZONE.search(agency) or _NOT_DISTRICT.search(agency)
            or _CENTRAL.match(agency) or level_of(agency) in (None, "department")):
        return agency
    if _OFFICE_GOVERNED.search(agency):
        short = agency + "行署"
        named = _BLANKS.sub("", signature or "").endswith(short) or _names(text, short)
        return short if named else agency + "行政公署"
    return agency + "人民政府" if _ALWAYS_GOVERNED.search(agency) else agency


#: 行署 is the short form of 行政公署 (a 盟's or 地区's government): "锡林郭勒盟行署" one year,
#: "锡林郭勒盟行政公署" the next, and their offices ("…行署办公室").
_SHORT_OFFICE = re.compile(r"(?<=[盟区])行署")

#: A government's general office (人民政府办公室) written short at the end of the name:
#: "峪阳市政府办" or "峪阳市政府办公室" one year, "峪阳市人民政府办公室" the next.
_SHORT_GENERAL_OFFICE = re.compile(r"(?:人民)?政府(办公厅|办(?:公室)?)$")
#: A government written short at the end of the name, right after its place unit:
#: "鹤鸣市政府" one year, "鹤鸣市人民政府" the next (also 省/县/区/旗/州/盟/镇/乡政府). Only
#: at the end: a department or unit named after the government ("某区政府采购中心") keeps
#: its name.
_SHORT_GOVERNMENT = re.compile(r"(?:(?<=[省市县区旗州盟镇乡])|(?<=苏木))政府$")
#: A 盟's or 地区's government is its 行政公署 (``_OFFICE_GOVERNED``): "锡林郭勒盟政府" or
#: "…盟人民政府" (and their offices) one year, "锡林郭勒盟行政公署" the next, are one body.
_OFFICE_GOVERNMENT = re.compile(r"(?:(?<=盟)|(?<=[^理]地区))人民政府(办公室|办公厅)?$")
#: "（本级）" after a government's name (溪口县人民政府（本级）, 溪口县政府(本级), 溪口县（县本级）):
#: the government itself, as against the departments under it, named so in a collection of
#: a county's reports. Only at the end of the name.
_OWN_LEVEL = re.compile(r"[（(](?:[省市县区旗盟州乡镇]|苏木)?本级[)）]$")


@functools.lru_cache(maxsize=1 << 16)
def agency_key(agency: str | None) -> str | None:
    """The key that links an agency's reports across years (not its displayed name): the
    name without blanks, a 盟's or 地区's 行署 written out as 行政公署, so the years an agency
    signs "兴安盟行署" and "兴安盟行政公署" are one agency's, and a government's office
    written short (…政府办, …政府办公室, …人民政府办) written out as …人民政府办公室, a province's
    (…政府办公厅) as …人民政府办公厅, and a government itself written short (…市政府,
    …镇政府, …苏木政府, at the end of the name) as …人民政府; a 盟's or 地区's (…盟政府,
    …盟人民政府) as its …行政公署. A "（本级）" closing the name (the government itself, in a
    county's collection) is dropped, and a bare place left so named as :func:`full_agency`
    names it ("溪口县（本级）" is 溪口县人民政府). A leading province the gazetteer confirms
    is dropped (河北省石家庄市人民政府 is 石家庄市人民政府: :func:`nlp_reports.parse.places.
    without_province`); a municipality's is dropped before its own listed district or county
    (上海市浦东新区…) and kept before a name it cannot confirm (北京市朝阳区: 长春 has one).
    (Remembered: the summary asks it once per statement, 200,000 times for a few thousand
    names.)"""
    if not agency:
        return agency
    key = places.without_province(_BLANKS.sub("", agency))
    own = _OWN_LEVEL.search(key)
    if own is not None and own.start() >= 2:
        key = key[:own.start()]
        key = full_agency(key) or key
    key = _SHORT_OFFICE.sub("行政公署", key)
    key = _SHORT_GENERAL_OFFICE.sub(
        lambda m: "人民政府" + ("办公厅" if m[1] == "办公厅" else "办公室"), key)
    key = _SHORT_GOVERNMENT.sub("人民政府", key)
    return _OFFICE_GOVERNMENT.sub(lambda m: "行政公署" + (m[1] or ""), key)


def _names(text: str, full: str) -> bool:
    """Whether ``text`` names ``full`` set off before it, or after a longer chain of places
    ("青禾省柳岸县人民政府"), not inside a longer name ("新青石市人民政府")."""
    at = text.find(full)
    while at >= 0:
        if at == 0 or not _hanzi().match(text[at - 1]) or text[at - 1] in "省市州盟区县旗":
            return True
        at = text.find(full, at + 1)
    return False


@functools.lru_cache(maxsize=1)
def _county_level_patterns() -> tuple[re.Pattern[str], ...]:
    """The place-free parts of :func:`_says_county_level`'s tests (compiled on first use)."""
    # (a 省直管市 — 仙桃, 济源 — is a 县级市 the province runs directly: "（省直管市）")
    bracket = r"[（(](?:省直[管辖]县级?市?|省直[管辖]市|县级市)[)）]"
    said = r"[^。；;，,\n]{0,12}(?:县级市|省直[管辖]市)"
    return (re.compile(bracket),
            re.compile(rf"(?:是|为|系|属于?){said}"),
            re.compile(rf"(?:我市|本市)(?:{bracket}|(?:是|为|系|作为){said})"),
            re.compile(r"[—\-－ \t\u3000]*"),
            re.compile(r"[\u4e00-\u9fff]{1,8}?(?:省|自治区)"),
            re.compile(r"[\u4e00-\u9fff]{1,8}?(?:州|地区|盟|(?<![城都超])市)"))


def _says_county_level(place: str, text: str) -> bool:
    """True when ``text`` says the city ``place`` ("宁川市") is a 县级市: "宁川市是河阳市代管的
    县级市", "我市（县级市）", or a line opening with a parent prefecture before it
    ("——云岭州宁川市人民政府办公室"). Not a city that has 县级市 under it ("枫林市下辖2个县级市").

    Each occurrence of ``place`` is tested with patterns that do not hold it: a pattern
    built around the place name was compiled for every city (~1 ms each, past re's cache
    of 512 in a corpus of many cities).
    """
    if "县级市" not in text and "省直" not in text and place not in text:
        return False
    paren, said, ours, dashes, province, parent = _county_level_patterns()
    at = text.find(place)
    while at >= 0:
        end = at + len(place)
        if paren.match(text, end) or said.match(text, end):
            return True
        if (text.startswith(("人民政府", "政府"), end) or end == len(text) or text[end] == "\n"):
            # the line up to the place: dashes or blanks, then a parent prefecture
            start = dashes.match(text, text.rfind("\n", 0, at) + 1).end()
            if (start < at and not province.match(text, start)
                    and parent.fullmatch(text, start, at)):
                return True
        at = text.find(place, at + 1)
    return ours.search(text) is not None


def _without_bracketed_tail(name: str) -> str:
    """``name`` without the bracketed tails of an agency's name (another name of the same
    body, 挂…牌子): "某县自然资源局（某县林业局）（挂某县草原站牌子）", "…局（某县林业局（草原局））"
    is the body before them. A group must close what it opens, hold 2–40 characters and
    leave a name before it; otherwise the name stays as it is from there."""
    end = len(name)
    while end and name[end - 1] in ")）":
        depth, i = 0, end - 1
        while i >= 0:
            if name[i] in ")）":
                depth += 1
            elif name[i] in "(（":
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        if i <= 0 or not 2 <= end - i - 2 <= 40:
            break
        end = i
    return name[:end]


def level_of(agency: str | None, text: str = "", year: int | None = None) -> str | None:
    """Administrative level of an agency name (行政层级).

    province / city / county / township / street for a government (人民政府, 行署, 街道办事处)
    by the unit its place name ends with; ``department`` for a 局/委/办/厅/中心 … of a local
    government; ``national`` for the State Council and central agencies (国务院…, 国家…局,
    …部), ``department`` for their local branches ("国家税务总局某县税务局"). A bare place
    name ("平川县", as in "关于平川县2012年…") counts as its government. None for a school,
    a hospital or a public enterprise (公司/集团): they stand outside the hierarchy.
    A city (市) is ``county`` when it is a 县级市: named inside a parent ("XX州XX市"), listed
    as one by the gazetteer (昆山市: :mod:`nlp_reports.parse.places`; in the report's
    ``year`` when given: 巢湖市 was a prefecture until 2010, 毕节市 a 县级市) or, given the
    report's ``text``, said to be one there (:func:`_says_county_level`); an unlisted city is
    never guessed one.
    """
    if not agency:
        return None
    whole = a = agency.strip()
    if a.endswith((")", "）")):  # a second name or a sign it also bears, in brackets:
        # "某县自然资源局（某县林业局）", "…办公室（挂…牌子）" is the body before them
        a = _without_bracketed_tail(a)
        if a != whole:  # the tail may say what the body is: "桃源市（省直管县级市）"
            text = f"{whole}\n{text}"
    if a.startswith("国务院"):
        return "national"
    if _NO_LEVEL.search(a):  # schools, hospitals and public enterprises have no level
        return None
    central = _CENTRAL.match(a)
    if central:  # before 办事处: "审计署驻武汉特派员办事处" is a branch, no street office
        rest = a[central.end():]
        return "department" if _BRANCH.search(rest) or _DEPARTMENT.search(rest) else "national"
    if _STREET.search(a) or a.endswith("办事处"):
        return "street"
    if _ZONE.search(a):  # a development zone named bare stands for its 管委会
        return "department"
    bare_place = _BARE_PLACE.fullmatch(a)
    if _GOVERNMENT.search(a) or bare_place:
        place = _GOVERNMENT.sub("", a)
        if not place:
            return None
        if place in _PROVINCE_CITIES or place.endswith(("省", "自治区", "特别行政区")):
            return "province"
        if place.endswith(("乡", "镇", "苏木")):
            return "township"
        if place.endswith(("自治州", "州", "地区", "盟")):
            return "city"
        if place.endswith(("县", "区", "旗", "自治县", "自治旗")):
            return "county"
        if place.endswith("市"):
            # a 县级市 inside a named city ("XX州XX市") is county level, as one the
            # gazetteer lists (昆山市, 江苏省昆山市: data/places.tsv)
            return ("county" if _CITY_IN_CITY.search(_PROVINCE_HEAD.sub("", place))
                    or _listed_county_city(place, year)
                    or (text and _says_county_level(place, text)) else "city")
        return None
    if a.endswith(("行署", "行政公署")):
        return "city"
    if _LOCAL_BRANCH_END.search(a):  # "中华人民共和国青禾海关": a branch despite the state's name
        return "department"
    if _LEVEL_NATIONAL.search(a):
        return "national"
    if _DEPARTMENT.search(a):
        return "department"
    return None


def _listed_county_city(place: str, year: int | None = None) -> bool:
    """Whether ``place`` is a county-level city (县级市) the gazetteer lists (in report year
    ``year`` when given), named alone or after its own province (昆山市, 江苏省昆山市); not
    one after another province."""
    head = _PROVINCE_HEAD.match(place)
    if head is None:
        return places.is_county_city(place, year=year)
    return places.is_county_city(place[head.end():], head.group(), year)


#: The tier (层级) a government of each level stands at: a street office is township level.
_TIER_OF_LEVEL = {"national": "national", "province": "province", "city": "city",
                  "county": "county", "township": "township", "street": "township"}


def tier_of(level: str | None, region: str | None, agency: str | None = None,
            year: int | None = None) -> str | None:
    """The administrative tier of an agency (行政层级: national / province / city / county /
    township), read from what its level and region state, or None.

    A government's tier is its level (a 街道办事处 is township level); a department's
    (``level == "department"``: a 厅/委/局 …, a vertically managed branch) is that of the
    government its region names: 青禾省教育厅 (region 青禾省) → province, 云岭市教育局 →
    city, 柳岸县教育局 and 国家税务总局溪山县税务局 → county, 柳岸县白石镇便民服务中心 →
    township; a department of 浦东新区 or 滨海新区 (districts, not zones) → county. Given the
    ``agency``'s name, a bureau's 分局 (云岭市公安局东城分局, 北京市规划和自然资源委员会海淀分局)
    works one tier below its bureau: a city's or a 直辖市's → county, a province's → city.
    None when the region is unknown or a development zone (开发区, 园区 …, whose 管委会 a
    city or a county sends out), and for bodies outside the hierarchy (no level). The
    report's ``year`` reads a place as it stood then (巢湖市教育局 of 2009: city).
    """
    if level != "department":
        return _TIER_OF_LEVEL.get(level) if level else None
    if not region or _ZONE.search(region):
        return None
    if _DISTRICT_NEW_AREA.search(region):
        return "county"  # 浦东新区, 滨海新区: the two 新区 that are districts
    if _NOT_DISTRICT.search(region):
        return None
    if region.endswith("街道"):  # a street office's own unit
        return "township"
    tier = _TIER_OF_LEVEL.get(level_of(region + "人民政府", year=year) or "")
    if tier and agency and _BUREAU_BRANCH.search(_BLANKS.sub("", agency)):
        return _BRANCH_TIER.get((tier, region in _PROVINCE_CITIES), tier)
    return tier


#: The two 新区 that are districts (市辖区) with a 人民政府; every other 新区 (雄安新区, 兰州新区,
#: 两江新区 …) is a zone run by a 管委会, of no tier (``_NOT_DISTRICT``).
_DISTRICT_NEW_AREA = re.compile(r"(?:^|上海市)浦东新区$|(?:^|天津市)滨海新区$")
#: A branch (分局) of a bureau or commission, named after the area it serves:
#: "某市公安局东城分局", "某市自然资源和规划局某某分局", "北京市规划和自然资源委员会海淀分局".
#: Not a bureau's own name ending 分局 with no bureau before it.
_BUREAU_BRANCH = re.compile(r"(?:局|委员会|委)[\u4e00-\u9fff]{1,12}分局$")
#: The tier a 分局 works at, by its bureau's tier and whether the bureau is a 直辖市's
#: (whose districts stand right below it): one tier down.
_BRANCH_TIER = {("province", True): "county", ("province", False): "city",
                ("city", False): "county"}


def region_of(agency: str | None, text: str = "") -> str | None:
    """The place names at the head of the agency's name ("云南省文山州砚山县"), or None.

    When the text names a longer chain of places ending with the agency's first place
    ("…云南省文山州砚山县…" for "砚山县住建局"), the chain is used; nothing is guessed
    beyond what the text states.
    """
    if not agency:
        return None
    agency = name = _BLANKS.sub("", agency)  # "云岭市 红旗区人民政府", as centred titles are spaced
    free_trade = _FREE_TRADE_ZONE.match(agency)
    if free_trade:  # "中国（云川）自由贸易试验区青石片区管理委员会": the zone is its region
        return free_trade.group()
    joint = _JOINT_PARTY.match(agency)
    if joint:  # "中共东城街道工作委员会东城街道办事处": the government's part names the place
        agency = name = joint.group(1) + agency[joint.end():]
    agency = _PARTY.sub("", agency)  # "中共云岭市委宣传部": the place follows the party's name
    agency = _CORPS.sub("", agency)  # "新疆生产建设兵团第八师石河子市": the 师市 follows the 兵团
    grid = _GRID_BRAND.match(agency)
    if grid:  # "国网江苏省电力有限公司": the province follows 国网, the company's name follows it
        agency = agency[grid.end():]
        company = _GRID_COMPANY.search(agency)
        agency = agency[:company.start()] if company else agency
    central = _CENTRAL.match(agency)
    if central:  # a local branch of a central agency: its place follows the agency's name
        agency = agency[central.end():]
    elif _STATE_HEAD.match(agency):  # "中国民用航空华东地区管理局": no place of its own
        return None
    agency = _INNER_GOVERNMENT.sub("", agency, count=1)
    region = _region_prefix(agency)
    if len(region) == 2 and _city_named_school().match(agency):
        return None  # 青州大学附属医院, 温州医科大学: a university named for a city, as 青岛大学 is
    town = _TOWNSHIP_OFFICE.match(agency, len(region))
    if town:  # a township's own office: "（某县）白石镇便民服务中心"
        region += town.group()
    region = _NOT_PLACE_AREA.sub("", region)  # "青禾市长渠灌区管理局" is 青禾市's
    if not region:
        return None
    first = _FIRST_PLACE.match(region)
    if first and text:
        head = first.group()
        chain = _chain_before(head, text[:REGION_SCAN])
        if chain and len(chain) > len(head) and _own_chain(chain, agency[agency.find(head):], text):
            return chain + region[first.end():]
        if first.end() == len(region) and _TOWNSHIP_END.search(head):
            county = _county_before(name, text[:REGION_SCAN])
            if county:
                return county + region
    return region


@functools.lru_cache(maxsize=1)
def _city_named_school() -> re.Pattern[str]:
    """A university or college named for a city in its old two-character form (苏州大学, 青州
    大学附属医院, 温州医科大学, 福州外语外贸学院): "X州" is then part of the school's name, not a
    place heading it (an administrative prefix is written 青州市; a prefecture 红河州 has 2+
    characters before 州 and keeps its region). Compiled on first use, as :func:`_hanzi`:
    its two CJK ranges cost ~1.5 ms, and only a two-character region asks."""
    return re.compile(r"[\u4e00-\u9fff]州[\u4e00-\u9fff]{0,6}?(?:大学|学院)")


#: A township (or street) heading the name of one of its own offices (乡镇所属机构), which
#: ``_region_prefix`` leaves out (there 乡/镇 count only before 人民政府/政府/办事处, since
#: 城乡, 城镇, 乡镇, 乡村 start department names): the name must not end as one of those words
#: and the office must be one a township runs (a 卫生院 or 中心学校 is the county's and keeps
#: the county's region).
_TOWNSHIP_OFFICE = re.compile(
    r"[\u4e00-\u9fff]{1,6}?(?<![城村集乡镇和])(?:民族乡|乡|镇|苏木|街道)"
    r"(?=便民服务中心|政务服务中心|为民服务|党政|党委|纪委|人大|综合|社会事务|社会治理|经济发展"
    r"|财政所|司法所|农业|退役军人|应急|自然资源|村镇建设|社区服务)"
)
_TOWNSHIP_END = re.compile(r"(?:乡|镇|苏木|街道)$")
#: The county (and city) the text writes right before the whole name of a township's body,
#: the run set off on both sides by the start or end of a line or a non-hanzi character
#: ("（云岭市柳岸县白石镇人民政府）", "编制单位：柳岸县白石镇便民服务中心" on its own line): where
#: a place name starts is known only there. Not "本县…", "根据…", "全区…" and the like.
_COUNTY_BEFORE = re.compile(
    r"[^\u4e00-\u9fff](?!本|我|全|该|各|此|其|根据|按照|依据|依照|关于|对于|经过|通过|在|对|由|向|为|经|将)"
    r"((?:[\u4e00-\u9fff]{2,8}?(?:自治州|地区|盟|州|市))?[\u4e00-\u9fff]{2,8}?(?:自治县|自治旗|县|区|旗|市))$"
)
_NAME_END = re.compile(r"[^\u4e00-\u9fff0-9]|$")


def _county_before(name: str, text: str) -> str | None:
    """The county (with its city) the text writes right before ``name`` (a township's body),
    as ``_COUNTY_BEFORE`` says, or None."""
    at = text.find(name)
    while at >= 0:
        window = text[at - _CHAIN_MAX - 1:at] if at > _CHAIN_MAX else "\n" + text[:at]
        m = _COUNTY_BEFORE.search(window)
        if m and _NAME_END.match(text, at + len(name)):
            return m.group(1)
        at = text.find(name, at + len(name))
    return None


def _region_prefix(name: str) -> str:
    """The places heading ``name``: the longer of the reading where a unit followed by another
    unit is inside a name ("新乡市红旗区", not "新乡市红旗"; "苏州市", not "苏州") and the shortest
    reading (a word after the place that starts with a unit character: "青禾县乡村振兴局");
    then a development zone named right after them, whatever its length (:func:`_zone_name`)."""
    short = _PLACE_PREFIX.match(name)
    long = _PLACE_PREFIX_LONGEST.match(name)
    a = short.group() if short else ""
    b = long.group() if long else ""
    if len(b) > len(a) or name.startswith(("苏木", "嘎查"), len(a)):
        a = b  # (not "红旗" of 红旗苏木便民服务中心: a 旗 never ends before 苏木/嘎查)
    if name.find("区", len(a)) < 0:  # (every zone's name ends in 区)
        return a
    zone = _zone_name().match(name, len(a))
    return a + zone.group() if zone else a


@functools.lru_cache(maxsize=1)
def _zone_name() -> re.Pattern[str]:
    """A development zone's name (开发区, 高新区, 园区, 保税区, 新区, 度假区 …) heading a name,
    after the places before it if any: a zone is the region of its 管委会 and of the bodies
    it runs, as 鹭洲经济技术开发区 and 青禾市高新技术产业开发区 always were, whatever the
    name's length (the place pattern takes a name whole only up to 8 characters before 区:
    锦江高新技术产业开发区 had no region, 青禾市锦江高新技术产业开发区 only 青禾市). Never
    across a unit or a body (局, 委, 政府 …): 青禾市自然资源和规划局高新区分局 is 青禾市's.
    (Compiled on first use, as :func:`_hanzi`: only a name with a 区 after its places asks.)"""
    return re.compile(
        r"(?:(?![县区旗市局委厅府办])[\u4e00-\u9fff]){1,14}?"
        r"(?:开发区|高新区|园区|保税区|新区|度假区|试验区|示范区|合作区|经开区|综保区)")


def _chain_before(head: str, text: str) -> str | None:
    """The leftmost "<province…><head>" in ``text`` (``_CHAIN_BEFORE`` then ``head``), or None.

    One pattern compiled once: the head is matched by a back-reference to a copy put in
    front of the text, so no pattern is compiled per agency (that thrashed ``re``'s cache).
    A match ends with ``head``, at most ``_CHAIN_MAX`` characters after its start, so the
    search begins just before the head's first occurrence.
    """
    at = text.find(head)
    if at < 0:
        return None
    m = _CHAIN_HEAD.match(f"{head}\x00{text[max(0, at - _CHAIN_MAX):]}")
    return m.group(2) if m else None


#: Words before a chain of places that make it another place of the same name: one gone
#: to, partnered, helped or learnt from ("赴浙江省安吉县城关镇学习", "与江苏省南京市鼓楼区江苏路街道
#: 开展交流", "学习借鉴…的做法", "对口帮扶…")
_OTHER_PLACE_BEFORE = re.compile(r"(?:赴|到|往|去|前往|来自|与|同|和|跟|向|对口|帮扶|援建|支援|援助|学习|借鉴"
                                 r"|考察|参观|调研|结对|兄弟|友好)$")


def _own_chain(chain: str, name: str, text: str) -> bool:
    """Whether the chain of places ``text`` writes (:func:`_chain_before`) is the agency's:
    not after a word that makes it a namesake's (:data:`_OTHER_PLACE_BEFORE`); a township's or
    street's (城关镇, 江苏路街道: names found in many provinces) only when the body's whole
    ``name`` follows its place ("…砚山县城关镇人民政府")."""
    at = text.find(chain)
    if at < 0 or _OTHER_PLACE_BEFORE.search(text[max(0, at - 4):at]):
        return False
    head = _FIRST_PLACE.match(name)
    if head and _TOWNSHIP_END.search(head.group()):
        return text.startswith(name, at + len(chain) - len(head.group()))
    return True


_BLANKS = re.compile(r"[ \t\u3000]+")
_PARTY = re.compile(r"^(?:中共|中国共产党)")
#: The 兵团 heading the name of one of its 师 (a division that is one body with its city, 师市合一):
#: "新疆生产建设兵团第八师石河子市" is 第八师石河子市's, as "第八师石河子市教育局" is.
_CORPS = re.compile(r"^新疆生产建设兵团(?=第[一二三四五六七八九十]{1,3}师)")
#: State Grid's short name (国网) heading one of its companies, before the province or city it
#: serves: "国网江苏省电力有限公司南通供电分公司" is 江苏省's, not a place "国网江苏省"; a city
#: company named by its city's stem, "国网苏州供电公司", is 苏州's, not a place "国网苏州"
#: (its city: :func:`nlp_reports.parse.places.central_office_city`).
_GRID_BRAND = re.compile(r"^国网(?=[\u4e00-\u9fff]{2})")
#: Where the company's own name starts after that place (电力有限公司, 供电公司): no place is
#: read past it ("…电力有限公司杭州供电公司" named no prefecture "电力有限公司杭州").
_GRID_COMPANY = re.compile(r"电力|供电|电网")
#: A joint party-government name (党政合署, one body under two names): the party committee of
#: a place, then that place's government or office ("中共东城街道工作委员会东城街道办事处",
#: "中共柳岸县白石镇委员会白石镇人民政府"). Group 1 is the places named before the
#: committee's own place (柳岸县), kept ahead of the government's part.
_JOINT_PARTY = re.compile(
    r"^(?:中共|中国共产党)([\u4e00-\u9fff]{0,12}?)([\u4e00-\u9fff]{1,10}?(?:街道|民族乡|乡|镇|苏木|县|区|市|旗))"
    r"(?:工作委员会|委员会|党工委|工委|党委|委)(?=\2)")
#: A pilot free trade zone (自由贸易试验区, 海南's 自由贸易港), maybe one of its 片区: named for
#: the country and its province, so no place heads it; the zone is the region, of no tier.
_FREE_TRADE_ZONE = re.compile(r"^中国[（(][\u4e00-\u9fff]{2,8}[)）]自由贸易(?:试验区|港)"
                              r"(?:[\u4e00-\u9fff]{1,12}?片区)?")
#: An irrigation, land-reclamation or reservoir area (灌区, 垦区, 库区) closing the places read
#: at the head of a name: the area of a water works, no place of government, so left out of
#: the region ("长渠灌区管理局" has none, "青禾市长渠灌区管理局" is 青禾市's).
_NOT_PLACE_AREA = re.compile(r"(?:^|(?<=[省市州盟县旗区]))[^省市州盟县旗区]{1,10}(?:灌区|垦区|库区)$")
#: A central body's name ahead of a unit the central patterns do not list: what follows is a
#: region of that body (华东地区), not an administrative place
_STATE_HEAD = re.compile(r"^(?:中华人民共和国|中国|国家)")
#: "人民政府" between a county and its township or street ("某区人民政府某街道办事处").
_INNER_GOVERNMENT = re.compile(r"(?<=[县区市旗])(?:人民)?政府(?=[\u4e00-\u9fff]{1,8}?(?:街道|民族乡|乡|镇))")
#: How much of the text after the title region_of looks at.
REGION_SCAN = 3000
_FIRST_PLACE = re.compile(
    r"[\u4e00-\u9fff]{1,10}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗|乡|镇|街道)")
_PROVINCES = tuple(places.PROVINCES)  # the short forms (简称) heading province-level names
#: A province-level name, then 市/州 (and 县/区) written right before a place name.
_CHAIN_BEFORE = (rf"(?:{'|'.join(_PROVINCES)})[\u4e00-\u9fff]{{0,5}}?(?:省|自治区|市)"
                 r"(?:[\u4e00-\u9fff]{2,8}?(?:自治州|地区|盟|州|市))?"
                 r"(?:[\u4e00-\u9fff]{2,8}?(?:自治县|县|区|旗|市))?")
#: Longest text _CHAIN_BEFORE can match (3 + 5 + 3 + 8 + 3 + 8 + 3 characters).
_CHAIN_MAX = 40
#: "<head>\0<text>": the first ``_CHAIN_BEFORE`` + head in the text, tried at each start in
#: turn (the lazy ``.*?``) as ``re.search`` would; group 2 is the chain with the head.
_CHAIN_HEAD = re.compile(rf"([^\x00]*)\x00.*?((?:{_CHAIN_BEFORE})\1)", re.DOTALL)


def published_date(head: str, tail_date: str | None) -> str | None:
    """ISO date the report was published: "发布时间:2024-01-15 …" in the page head, else (or
    on a re-posted page) the closing date line (落款) (:func:`publication`)."""
    return publication(head, tail_date)[0]


#: A full date in figures, one separator throughout: "2024-01-18", "2024.1.18", "2024/1/18"
#: (a closing date under the signature; read by sections and statements alike).
FIGURES_DATE = r"(?:19|20)\d{2}(?P<sep>[-./])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12]\d|3[01])"

#: A line right under the title that holds only the report's date, as central agencies,
#: provincial departments and some county pages print it instead of (or besides) the date
#: under the signature: "（2014年3月25日）", "2023年1月20日", "二〇一四年三月二十五日",
#: "印发日期：2024-01-18", "2023-01-31 09:30", "（2022年1月发布）" (a month only; a 发布日期
#: line is the page's chrome, read first as the page's date). Nothing
#: else on the line: not a period ("（2023年1月1日—12月31日）"), not a portal's clock
#: ("2024年01月22日 星期一"), not a date in a sentence ("自2023年1月1日起施行").
TITLE_DATE = re.compile(
    r"[ \t\u3000]*(?P<open>[（(])?[ \t\u3000]*"
    r"(?:(?:发布|印发|公布|成文|发文)(?:日期|时间)[ \t\u3000]*[:：]?[ \t\u3000]*)?"
    r"(?:(?P<y>(?:19|20)\d{2})[ \t\u3000]{0,2}年[ \t\u3000]{0,2}(?P<m>\d{1,2})[ \t\u3000]{0,2}月"
    r"(?:[ \t\u3000]{0,2}(?P<d>\d{1,2})[ \t\u3000]{0,2}日)?"
    r"|(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})"
    r"(?:[ \t\u3000]{1,3}\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
    rf"|(?P<hy>[{HANZI_ZEROS}一二][{HANZI_ZEROS}一二三四五六七八九]{{3}})年(?P<hm>[一二三四五六七八九十]{{1,2}})月"
    r"(?:(?P<hd>[一二三四五六七八九十]{1,3})日)?)"
    r"[ \t\u3000]*(?:发布|印发|公布)?[ \t\u3000]*(?(open)[)）])[ \t\u3000]*"
)


def _dated_for(day_year: int, *years: int | None) -> bool:
    """Whether a date in ``day_year`` can be a report's on one of ``years`` (the year reported
    on; the data period's too when it differs): dated in that year (a December signature, a
    slip of the year) or the next. A date further off is no date of this report: a template
    kept from another year, a regulation's date, a mistyped year ("2019-01-18" on a report on
    2023). True when no year is known."""
    known = [y for y in years if y is not None]
    return not known or any(day_year in (y, y + 1) for y in known)


def title_date(line: str | None, year: int | None) -> tuple[str | None, bool]:
    """``(ISO date, month only)`` of a date line under the title (:data:`TITLE_DATE`), or
    ``(None, False)``.

    A month alone ("（2022年1月发布）") gives the month's last day, the latest the report can
    have come out: every deadline is a month's last day (31 January, 31 March), so a late or
    early finding on it is the same as on the true day. Given the ``year`` reported on, a
    date in another year than that one or the next is not read (:func:`_dated_for`).
    """
    if not line:
        return None, False
    m = TITLE_DATE.fullmatch(line)
    if m is None:
        return None, False
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), m.group("d")
        day = int(d) if d else None
    elif m.group("iy"):
        y, mo, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    else:
        y, mo = _hanzi_number(m.group("hy")), _hanzi_number(m.group("hm"))
        day = _hanzi_number(m.group("hd")) if m.group("hd") else None
    if not _dated_for(y, year):
        return None, False
    if day is None:
        if not 1 <= mo <= 12:
            return None, False
        nxt = date(y + mo // 12, mo % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1).isoformat(), True
    return _iso(y, mo, day), False


#: The title of a notice sending out the report: "关于印发《某县2023年…年度报告》的通知" (its
#: issuer may head it: "某县人民政府办公室关于印发…")
_NOTICE_TITLE = re.compile(r"关于(?:印发|公布|发布)[《“][^\n》”]{4,80}?(?:年度报告|年报)[》”]的通知$")


def notice_date(title: str | None, between: str, year: int | None,
                above: str | None = None) -> str | None:
    """ISO date of a 印发 notice's sign-off: the date line under its issuer in ``between``
    (the text from the notice's title to the report's first part), or the issuer and the date
    on one line ("某县人民政府办公室　　2024年1月26日"), when ``title`` is such a notice's
    (:data:`_NOTICE_TITLE`); checked against the ``year`` reported on as a date under the
    title is (:func:`title_date`). A date line right under the report's own title (its own
    date, "（2024年1月20日）") is passed over. A report sent out so is often unsigned itself.

    When the notice's head names its issuer — before 关于 in ``title``, or on the line
    ``above`` the title ("某县人民政府办公室⏎关于印发《…》的通知") — the issuer is not written
    again at its foot: a date line alone right under the notice's body (a line ending a
    sentence, "…印发给你们。", or "特此通知") is its date too."""
    if not title or not (notice := _NOTICE_TITLE.search(title)):
        return None
    named = _issuer(title[:notice.start()]) or bool(above and _issuer(above.strip(" \t\u3000")))
    lines = [ln.strip(" \t\u3000") for ln in between.splitlines() if ln.strip(" \t\u3000")]
    for i in range(len(lines) - 1, -1, -1):
        one_line = _ONE_LINE_SIGN_OFF.fullmatch(lines[i])
        issuer, when = (one_line.group(1), one_line.group(2)) if one_line else (
            lines[i - 1] if i else "", lines[i])
        day, month = title_date(when, year)
        if day and not month:
            if _issuer(issuer) or (named and not one_line and _BODY_END.search(issuer)):
                return day
            if not _REPORT_TITLE_LINE.search(issuer):
                return None
            # (the report's own title above: its date, not the notice's; look further up)
    return None


def _issuer(line: str) -> bool:
    """Whether ``line`` reads as a body's name (a notice's issuer), not a clause of prose."""
    return bool(line) and len(line) <= 40 and bool(_AGENCY_NAME_END.search(line)) \
        and not _PROSE.search(line)


#: The end of a notice's body: its last sentence's stop, or its closing formula without one.
_BODY_END = re.compile(r"(?:[。！!]|特此通知)$")


#: An issuer and a date on one line, blanks between ("某县人民政府办公室　　2024年1月26日").
_ONE_LINE_SIGN_OFF = re.compile(r"(\S{2,40}?)[ \t\u3000]+(\S[^\n]{5,20})")
#: A report's title line ("石门县2023年政府信息公开工作年度报告"): a line ending so. (A year
#: asked for before it, tried from every year of a line that fails, was quadratic and no
#: condition: the line ends so either way.)
_REPORT_TITLE_LINE = re.compile(r"(?:年度报告|年报)$")


#: A page date this many days or more after the signature date is a re-post (转载, a site
#: moved, a column rebuilt), not when the report came out.
REPOST_DAYS = 365


def publication(head: str, tail_date: str | None, year: int | None = None,
                under_title: str | None = None, notice: str | None = None,
                period: int | None = None, foot: str | None = None
                ) -> tuple[str | None, str | None, str | None, str | None]:
    """``(published, page date, report date, where from)``: ISO dates or None, and
    ``"page"``, ``"signature"``, ``"signature_month"``, ``"title_line"``, ``"title_month"`` or
    None, the source of ``published`` (``Metadata.published_from``).

    The page's 发布时间 is when the report went up, and so the publication date; the
    signature date (落款) is when it was signed, which says nothing of when it was
    published (a report signed on time and put up two months later was late). Only a
    re-posted page (:func:`reposted`: a site moved, a column rebuilt), dated a year or more
    after the signature, is no evidence: then the signature date is taken; and a page
    dated before the signature (a draft page, a misdated signature) is taken as it is.
    Without a page date, the signature date is all there is; signed with a month and no day
    ("2025年1月"), its last day (as :func:`title_date` reads a month under the title). Given the ``year``
    reported on, a signature dated before that year's December with the page dated in the
    next year, at most :data:`SLIP_DAYS` after the signature's day a year on, is a slip of
    the year ("2023年1月12日" on a 2023 report paged 2024-01-12): its date is None (no
    evidence of publication, no re-post) and the page's is taken. A signature dated neither
    in that year nor the next (:func:`_dated_for`: "2019-01-18" on a report on 2023) is no
    date of this report either, unless it fits the data period's year (``period``, when the
    title keeps last year's).

    With no date under the signature, the report's date is the line ``under_title``
    (:func:`title_date`: "（2014年3月25日）" printed right under the title, checked against
    the ``year``); it stands where the signature date would, the page's date first as above.
    Else the date of the 印发 notice the report was sent out under (``notice``, ISO:
    :func:`notice_date`), from its sign-off (``"signature"``).

    ``foot``: the page's text under the closing date. A page with no date in its head may
    print it in its foot ("青禾县粮食和物资储备局⏎2024年1月19日⏎⏎发布时间：2024-01-22　浏览次数：213"):
    only a 发布时间/发布日期 kind of key is read there (:func:`_foot_date`).
    """
    page, updated = _page_date(head)
    from_foot = page is None and foot is not None and (page := _foot_date(foot)) is not None
    signed = signed_from = None
    tail_date, under_title = _first_month(tail_date), _first_month(under_title)
    if tail_date:
        m = _DATE_CN.search(tail_date)
        if m:
            signed = _iso(*(int(g) for g in m.groups()))
        else:
            m = _DATE_HANZI.search(tail_date)
            if m:
                signed = _iso(*(_hanzi_number(g) for g in m.groups()))
        signed_from = "signature" if signed else None
        if m is None:  # "2025年1月" signed with no day: the month's last day, as under the title;
            # "2025-01-18", "2025.1.18" in figures: the day
            signed, month = title_date(tail_date.strip(), None)
            signed_from = ("signature_month" if month else "signature") if signed else None
        if signed and not _dated_for(int(signed[:4]), year, period):
            signed = signed_from = None
    if signed is None and under_title:
        signed, month = title_date(under_title, year)
        signed_from = ("title_month" if month else "title_line") if signed else None
    if signed is None and notice:
        signed, signed_from = notice, "signature"
    if from_foot and page and signed and page < (
            signed[:8] + "01" if (signed_from or "").endswith("month") else signed):
        page = None  # under the report, a date before it was signed is another document's
    if year and page and signed and _year_slip(signed, page, year):
        signed = signed_from = None
    if reposted(page, signed) or not page or updated and signed:
        return signed, page, signed, signed_from
    return page, page, signed, "page"


#: How far under the closing date a page's foot is read for its date (:func:`_foot_date`).
FOOT_SPAN = 300


#: A line of the foot opening what is not the page's own chrome: a box of links (相关文章,
#: 上一篇 …) or the report's annex (附件): a 发布时间 from there on is another page's or document's.
_FOOT_OTHER = re.compile(r"^[ \t\u3000【\[（(]*(?:相关|上一|下一|附件|附表|推荐|热点|延伸阅读|猜你喜欢"
                         r"|更多|往期|专题|最新)", re.MULTILINE)
#: A document named before a key on its line ("鹿鸣县2022年政府信息公开工作年度报告　发布时间：…"):
#: a link to it, its date not the page's.
_FOOT_LINK = re.compile(r"报告|年报|通知|公告|《")


def _foot_date(foot: str) -> str | None:
    """ISO date of the first 发布时间/发布日期/公开日期 … line (:data:`_PUBLISHED`, not a 成文/
    更新 key, not a bare 日期 or 时间) in the first :data:`FOOT_SPAN` characters of ``foot``, the
    page under the report's closing date; None without one. Under the report, a page prints
    only its own chrome and links: a bare date there may be a linked article's, and so is a
    key after a box of links or an annex (:data:`_FOOT_OTHER`) or after a document's name on
    its line (:data:`_FOOT_LINK`)."""
    span = foot[:FOOT_SPAN]
    other = _FOOT_OTHER.search(span)
    for m in _PUBLISHED.finditer(span[:other.start()] if other else span):
        before = span[span.rfind("\n", 0, m.start()) + 1:m.start()]
        if (m.group("key") not in _WRITTEN_KEYS and m.group("key") not in _UPDATED_KEYS
                and not _FOOT_LINK.search(before)):
            return _iso(*(int(g) for g in m.groups()[1:]))
    return None


#: Keys of a page's metadata that date the document's writing, not its going up: read only
#: when the page has no 发布时间/发布日期 (the 政府信息公开 metadata table of a county page
#: prints "成文日期：2024-01-12" before "发布日期：2024-01-19").
#: 录入时间/创建时间, when the article was entered in the CMS (a draft may wait), rank so too.
_WRITTEN_KEYS = frozenset({"成文日期", "成文时间", "发文日期", "发文时间", "日期",
                           "录入时间", "录入日期", "创建时间", "创建日期"})
#: Keys dating the page's last edit (更新时间): read only when the page has no other date,
#: and the report's own date (落款) comes first: an edit after publication says nothing of
#: when the report went up.
_UPDATED_KEYS = frozenset({"更新时间", "更新日期"})


#: A portal's bare "时间：" in the line of chrome under the title ("来源：某县　时间：2024-01-09
#: 字号：大 中 小"), read as the bare "日期：" is; never a key with a word before it (统计时间,
#: 打印时间) nor a span ("时间：2023年1月1日至12月31日")
_BARE_TIME = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<key>时间)[ \t\u3000]{0,2}[:：][ \t\u3000]{0,3}"
    r"((?:19|20)\d{2})[ \t\u3000]{0,2}[-/.年][ \t\u3000]{0,2}(\d{1,2})[ \t\u3000]{0,2}[-/.月][ \t\u3000]{0,2}"
    r"(\d{1,2})(?!\d)(?![ \t\u3000]{0,2}日?[ \t\u3000]{0,2}[至到—–\-－~～])"
)
#: Chrome a bare 时间 must share its line with (来源, 字号, 浏览次数 …): alone, or in a line of
#: text, it may be an event's time ("时间：2023年4月18日，地点：…") or a news item's above the title
_CHROME_BESIDE = re.compile(r"来源|字号|字体|浏览|阅读|点击|访问|作者|编辑|打印|分享|收藏|大[ \t\u3000]{0,2}中[ \t\u3000]{0,2}小")


def _bare_time(head: str) -> re.Match[str] | None:
    """The first bare 时间 (:data:`_BARE_TIME`) in ``head`` on a line of the page's chrome.
    Each line is searched for chrome once (thousands of 时间 on one line were each a search
    of the whole line: quadratic)."""
    end, beside = -1, False  # the end of the line last searched, and whether it holds chrome
    for m in _BARE_TIME.finditer(head):
        if m.start() > end:  # (a match never spans a line)
            start = head.rfind("\n", end + 1, m.start()) + 1 or end + 1
            end = head.find("\n", m.end())
            end = end if end >= 0 else len(head)
            beside = _CHROME_BESIDE.search(head, start, end) is not None
        if beside:
            return m
    return None


def _page_date(head: str) -> tuple[str | None, bool]:
    """``(ISO date, updated)``: the page's date in ``head`` — the first 发布时间/发布日期/
    公开日期/发稿时间, else the first 成文日期/发文日期/日期, else a bare 时间 on a chrome line
    (:func:`_bare_time`), else a CMS's stamp with no key on a line of its own (PAGE_STAMP:
    "[ 2024-01-18 ]", "2024-01-18 09:30:00"), else the first 更新时间 (then ``updated``); None
    without one."""
    written = updated = None
    for m in _PUBLISHED.finditer(head):
        key = m.group("key")
        if key in _UPDATED_KEYS:
            updated = updated or m
        elif key not in _WRITTEN_KEYS:
            return _iso(*(int(g) for g in m.groups()[1:])), False
        else:
            written = written or m
    m = written or _bare_time(head)
    if m is None and ("[" in head or "【" in head or ":" in head):
        # only under the title: a clock in the site's top bar above it is no page date
        under = head[max(head.rfind("报告"), head.rfind("年报"), 0):].split("\n")[1:]
        stamp = next((s for line in under if (s := PAGE_STAMP.match(line))), None)
        if stamp is not None:
            return _iso(*(int(g) for g in stamp.groups())), False
    m = m or updated
    return (_iso(*(int(g) for g in m.groups()[1:])), m is updated) if m else (None, False)


#: How long after the signature's day a year on (its year mistyped) the page may be dated.
SLIP_DAYS = 62


def _year_slip(signed: str, page: str, year: int) -> bool:
    """Whether ``signed`` (ISO) is ``page``'s date written a year early on a report on
    ``year``: signed in that year before December, paged in the next, soon after."""
    if signed[:4] != str(year) or signed[5:7] == "12" or page[:4] != str(year + 1):
        return False
    try:
        on = date.fromisoformat(f"{year + 1}{signed[4:]}")
    except ValueError:  # 29 February
        on = date(year + 1, 3, 1)
    return 0 <= (date.fromisoformat(page) - on).days <= SLIP_DAYS


def reposted(page: str | None, signed: str | None) -> bool:
    """True when the page's date is a year or more (:data:`REPOST_DAYS`) after the report's
    signature date: the page is a re-post, its date no evidence of publication."""
    if not page or not signed:
        return False
    return (date.fromisoformat(page) - date.fromisoformat(signed)).days >= REPOST_DAYS


#: "元月", January as signatures write it ("二〇二四年元月", "2024年元月十日")
_FIRST_MONTH = re.compile(r"(?<=年)([ \t\u3000]{0,2})元月")


def _first_month(line: str | None) -> str | None:
    """``line`` with 元月 written as the first month in the numerals of its year ("二〇二四年
    元月" → "二〇二四年一月", "2024年元月" → "2024年1月")."""
    if not line or "元月" not in line:
        return line
    return _FIRST_MONTH.sub(
        lambda m: m.group(1) + ("1月" if line[m.start() - 2].isdigit() else "一月"), line)


def _hanzi_number(s: str) -> int:
    """二〇一三 → 2013 (digit by digit); 二十八 → 28; 十二 → 12; 0 for no number ("十十",
    "一十一十": the date patterns let a month or day be any run of numerals)."""
    if "十" not in s:
        return int("".join(str(_HANZI_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return 0
    return (_HANZI_DIGITS[tens] if tens else 1) * 10 + (_HANZI_DIGITS[ones] if ones else 0)


def _iso(y: int, mo: int, d: int) -> str | None:
    """The ISO date, or None for a day no calendar has ("2024年2月30日", "13月45日")."""
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


#: Headings of the 2008–2018 outlines (国办's 2008 model outline and its 第X部分 variants), none
#: of the 2019/2021 forms' titles: 概述 / 基本情况 for 一, 依申请公开 (不予公开) for 三, a part of
#: its own on 收费及减免, "申请提起行政复议", parts numbered 第一部分 ….
_OLD_HEADING_MARKS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:工作)?(?:概述|概况|基本情况)"),
    re.compile(r"^(?:政府信息)?依申请公开|不予公开"),
    re.compile(r"收费"),
    re.compile(r"申请提起行政复议"),
)
_PART_NUMBERING = re.compile(r"^[ \t\u3000]*第[一二三四五六七八九十]{1,2}部分")
_HEADING_NUMERAL = re.compile(r"^[ \t\u3000]*(?:第[一二三四五六七八九十]{1,2}(?:部分|章|节)|"
                              r"[一二三四五六七八九十]{1,2}[、.．]?)[ \t\u3000:：]*")
#: Titles only the 2019 trial and 2021 forms give (三、收到和处理政府信息公开申请情况, 四、政府
#: 信息公开行政复议、行政诉讼情况).
_NEW_HEADING = re.compile(r"收到和处理政府信息公开申请|^政府信息公开行政复议、行政诉讼情况")


def outline_of(headings: Sequence[str]) -> str | None:
    """"legacy" when a report's section headings (as written, numeral included) are the
    2008–2018 outline's — two marks of it or more (:data:`_OLD_HEADING_MARKS`, 第X部分
    numbering) and no title of the 2019/2021 forms — else None (the headings do not say)."""
    marks: set[int] = set()
    for line in headings:
        if _PART_NUMBERING.match(line):
            marks.add(-1)
        title = _HEADING_NUMERAL.sub("", line, count=1)
        if _NEW_HEADING.search(title):
            return None
        marks.update(i for i, mark in enumerate(_OLD_HEADING_MARKS) if mark.search(title))
    return "legacy" if len(marks) >= 2 else None


def format_of(year: int | None, table_layout: str | None, section5_title: str | None,
              n_sections: int, outline: str | None = None) -> str | None:
    """"2021", "2019" (试行) or "legacy": from the table layout found, else the headings
    (``outline``: :func:`outline_of`, a table-less report before 2021 still in the old
    outline is legacy), else the year, else the 2019-style 五 title."""
    if table_layout in ("2021", "2019"):
        if year is not None and year < 2019:
            return "legacy"
        return table_layout
    if outline == "legacy" and (year is None or year < 2021):
        # (from 2021 the form and its tables are the rule: a table-less report in an outline
        # of its own — a university's 学年 report — keeps its year's format)
        return "legacy"
    if year is not None:
        if year >= 2021:
            return "2021"
        if year >= 2019:
            return "2019"
        return "legacy"
    if section5_title and "政府信息公开工作存在" in section5_title:
        return "2019"
    return None
