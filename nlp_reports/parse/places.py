"""The gazetteer (地名表) of China's prefecture-level divisions, county-level cities, counties
and districts.

``data/places.tsv`` lists every 地级市, 自治州 (and its short form 黔南州), 地区 and 盟 with its
province, and every 县级市, county (县, 自治县, 旗, 自治旗, 特区, 林区; and the short forms
reports use: 互助县, 科右前旗) and district (市辖区) with its province and prefecture, as the
divisions stood in 2023–2024, and the former names of 2008–2023 with the last report year each
held (the file's header says how it was made). A place's province is a fact of the
administrative divisions, not a guess: a report titled "昆山市人民政府…" is Jiangsu's. Only
whole names with their unit word are looked up (昆山市, never 昆山); towns and streets are not
listed (城关镇); a name two places share (朝阳区: 北京 and 长春) is ambiguous and never
resolved by itself. A place created, renamed or merged after the list's date is not known; a
fictional one (青禾省, 云岭市) neither.

Besides the list, a few names state their province in short form, without 省: the zones and
the corps named with it (河北雄安新区, 重庆两江新区, 新疆生产建设兵团…), a 自由贸易试验区
(中国（上海）…) and a central agency's provincial office (中国证监会浙江监管局, 国家统计局湖北调查总队).
The 42 customs districts (直属海关: 杭州海关, 黄埔海关, 拱北海关) are listed too, kind ``customs``,
with the province and city each sits in: they publish their own reports under a city's stem
without its unit word, so no place name finds them; only a whole agency name is one
(:func:`customs_district`). A development zone named by a prefecture-level city's stem (苏州工业园区,
合肥高新区, 郑州航空港…) is that city's when the stem is no other place's (:func:`zone_city`), and
a few national new areas named without a city are their province's (贵安新区, 两江新区).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

#: Province-level names in full, by the short form that heads them (简称 as written in names).
PROVINCES: dict[str, str] = {
    "北京": "北京市", "天津": "天津市", "河北": "河北省", "山西": "山西省", "内蒙古": "内蒙古自治区",
    "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省", "上海": "上海市", "江苏": "江苏省",
    "浙江": "浙江省", "安徽": "安徽省", "福建": "福建省", "江西": "江西省", "山东": "山东省",
    "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省", "广东": "广东省", "广西": "广西壮族自治区",
    "海南": "海南省", "重庆": "重庆市", "四川": "四川省", "贵州": "贵州省", "云南": "云南省",
    "西藏": "西藏自治区", "陕西": "陕西省", "甘肃": "甘肃省", "青海": "青海省",
    "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区"}

#: Names that state their province in short form, heading the body's name (prefix match):
#: zones named with their province or municipality, and the 兵团 (新疆's).
_SHORT_FORMS: dict[str, str] = {
    "河北雄安新区": "河北省", "重庆两江新区": "重庆市", "天津经济技术开发区": "天津市",
    "北京经济技术开发区": "北京市", "新疆生产建设兵团": "新疆维吾尔自治区"}
_SHORT = "|".join(PROVINCES)
#: A division of the 新疆生产建设兵团 heading a region (the 兵团 set aside: "第八师石河子市").
_CORPS_DIVISION = re.compile(r"第[一二三四五六七八九十]{1,3}师")
#: A pilot free-trade zone, named by its province: 中国（上海）自由贸易试验区, 中国(海南)自由贸易港.
_FREE_TRADE = re.compile(rf"^中国[（(]({_SHORT})[)）]自由贸易")
#: A central agency's provincial office named by the short form: 中国证券监督管理委员会浙江监管局,
#: 国家金融监督管理总局四川监管局, 国家统计局湖北调查总队 (a city's office: below).
_CENTRAL_OFFICE = re.compile(
    rf"^(?:中华人民共和国)?(?:中国|国家)[\u4e00-\u9fff]{{2,14}}?(?:委员会|总局|局|会)"
    rf"({_SHORT})(?:监管局|调查总队)$")
#: A central agency's office in a city, named by the city's stem: 国家金融监督管理总局绵阳监管分局,
#: 中国证券监督管理委员会宁波监管局, 国家统计局苏州调查队 (:func:`central_office_city`).
_CENTRAL_CITY_OFFICE = re.compile(
    r"^(?:中华人民共和国)?(?:中国|国家)[\u4e00-\u9fff]{2,14}?(?:委员会|总局|局|会)"
    r"([\u4e00-\u9fff]{2,4}?)(?:监管局|监管分局|调查队)$")


#: A customs district's whole name, 中华人民共和国 heading it or not (中华人民共和国杭州海关).
_CUSTOMS_NAME = re.compile(r"(?:中华人民共和国)?([\u4e00-\u9fff]{2,4}海关)")


@dataclass(frozen=True)
class Place:
    """One listed place: ``kind`` is ``prefecture`` (地级市, 自治州, 地区, 盟), ``county_city``
    (县级市), ``county`` (县, 自治县, 旗, 自治旗, 特区, 林区), ``district`` (市辖区),
    ``customs`` (直属海关: the city it sits in as ``prefecture``, None in a 直辖市) or
    ``former`` (a former name the report's year does not place: its province alone);
    ``prefecture`` is a county-level place's (None for a prefecture, or a place its province
    runs directly: 仙桃市, 石河子市, 神农架林区, a 直辖市's county or district). ``name`` is the
    full name: a 自治州 or county listed by its short form (黔南州, 互助县) is its full name
    (黔南布依族苗族自治州, 互助土族自治县)."""

    name: str
    kind: str
    province: str
    prefecture: str | None


@functools.lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, Place | None], dict[str, tuple[tuple[int, Place | None], ...]]]:
    """``data/places.tsv`` read once: name → today's place (None for an ambiguous name), and
    name → the dated rows of a former name or kind (``until`` column: the last report year
    the row surely holds), by year."""
    text = resources.files("nlp_reports").joinpath("data/places.tsv").read_text("utf-8")
    table: dict[str, Place | None] = {}
    former: dict[str, list[tuple[int, Place | None]]] = {}
    for line in text.splitlines():
        if not line or line.startswith(("#", "name\t")):
            continue
        name, kind, province, prefecture, note, until = (line.split("\t") + [""] * 6)[:6]
        if until:
            place = None if kind == "ambiguous" else Place(name, kind, province, prefecture or None)
            former.setdefault(name, []).append((int(until), place))
            continue
        if kind == "ambiguous":
            table[name] = None
            continue
        # a short form (黔南州, 互助县, 科右前旗) stands for the full name in its note
        full = note if note.endswith(("州", "县", "旗")) else name
        place = Place(full, kind, province, prefecture or None)
        if name in table and table[name] != place:
            table[name] = None  # listed twice, differently: never resolved
        else:
            table[name] = place
    return table, {name: tuple(sorted(rows, key=lambda r: r[0])) for name, rows in former.items()}


def _table() -> dict[str, Place | None]:
    """Name → today's place, None for an ambiguous name."""
    return _rows()[0]


def _former() -> dict[str, tuple[tuple[int, Place | None], ...]]:
    """Name → its dated rows (a former name, or a former kind or parent), earliest first."""
    return _rows()[1]


@functools.lru_cache(maxsize=1)
def _all_names() -> frozenset[str]:
    """Every listed name, today's and former."""
    return frozenset(_table()) | frozenset(_former())


def _at(name: str, year: int | None = None) -> Place | None:
    """The place ``name`` denoted in report year ``year``: the dated row holding then (a
    former name, kind or parent: 巢湖市 a prefecture until 2010, 钢城区 莱芜市's until 2018),
    else today's place. A name no longer in use that only ever denoted one place (永年县, a
    county of 邯郸市; 莱芜市) is that place when the year is unknown: a report under it was
    written while it stood. Its province alone (kind ``former``) when the year is after the
    name's last (通州市 in 2012: not the 县级市 it was until 2008), or when the name changed
    its parent before going and the year does not decide (无为县: 巢湖市's, then 芜湖市's).
    None when not listed or ambiguous."""
    dated = _former().get(name, ())
    table = _table()
    if year is not None:
        for until, place in dated:
            if year <= until:
                return place
        if dated and name not in table:  # the name no longer stood then: something is off
            return _province_alone(name, dated)
    elif any(place is None for _, place in dated):
        return None  # shared in some years (双桥区: 重庆's until 2010), and the year unknown
    if name in table or not dated:
        return table.get(name)
    if len({place for _, place in dated}) == 1:
        return dated[-1][1]
    return _province_alone(name, dated)


def _province_alone(name: str, dated: tuple[tuple[int, Place | None], ...]) -> Place | None:
    """A former name's province alone (kind ``former``), when its dated rows agree on it."""
    provinces = {place.province if place else None for _, place in dated}
    if len(provinces) != 1 or None in provinces:
        return None
    return Place(name, "former", provinces.pop(), None)


@functools.lru_cache(maxsize=1)
def _longest_name() -> int:
    """Length of the longest listed name (积石山保安族东乡族撒拉族自治县: 15 characters), how far
    :func:`place_at` looks."""
    return max(map(len, _all_names()), default=0)


def lookup(name: str | None, year: int | None = None) -> Place | None:
    """The listed place of this whole name (石家庄市, 延边朝鲜族自治州, 黔南州, 昆山市, 鄂托克前旗,
    海淀区), in report year ``year`` when given (:func:`_at`: 巢湖市 was a prefecture until
    2010), or None when it is not listed (a town, a fictional place) or ambiguous (朝阳区)."""
    if not name:
        return None
    return _at(name, year)


def is_county_city(name: str | None, province: str | None = None,
                   year: int | None = None) -> bool:
    """Whether ``name`` is a listed 县级市 (昆山市), of ``province`` when one is given, in
    report year ``year`` when given (普兰店市 until 2014; 毕节市 until 2010, a prefecture since)."""
    place = lookup(name, year)
    return (place is not None and place.kind == "county_city"
            and (province is None or place.province == province))


def stated_province(name: str | None) -> str | None:
    """The province a name states in short form, without 省 (河北雄安新区…, 新疆生产建设兵团…,
    中国（上海）自由贸易试验区, 中国证券监督管理委员会浙江监管局), in full; None otherwise.
    A street or road named after a province (北京路街道, 湖南路) states nothing."""
    if not name:
        return None
    for head, province in _SHORT_FORMS.items():
        if name.startswith(head):
            return province
    m = _FREE_TRADE.match(name) or _CENTRAL_OFFICE.match(name)
    return PROVINCES[m.group(1)] if m else None


def customs_district(name: str | None) -> Place | None:
    """The listed customs district (直属海关, kind ``customs``) this whole agency name is
    (杭州海关, 中华人民共和国拱北海关 → 广东省 · 珠海市), or None: a name going on past 海关
    (上海海关学院, a school; 杭州海关驻义乌办事处), an unlisted 隶属海关 (义乌海关) or a
    fictional one is none."""
    m = _CUSTOMS_NAME.fullmatch("".join(name.split())) if name else None
    place = _table().get(m.group(1)) if m else None
    return place if place is not None and place.kind == "customs" else None


#: What follows a city's stem in a development zone's name (开发区, 高新区, 工业园区 …), right
#: after it: 苏州工业园区, 合肥高新区, 郑州航空港经济综合实验区, 兰州新区.
_ZONE_WORDS: tuple[str, ...] = (
    "高新技术产业开发区", "高新技术开发区", "经济技术开发区", "经济开发区", "综合保税区",
    "保税港区", "保税区", "工业园区", "高新区", "经开区", "开发区", "新区", "航空港")
#: The national new areas (国家级新区) named without a city, each certainly in one province
#: (and one city when it lies in one): 贵安新区 spans 贵阳 and 安顺, 两江新区 is 重庆's; a
#: name shared by zones elsewhere (滨海新区: 天津's, and 福州's zone) is not here.
_NEW_AREAS: dict[str, tuple[str, str | None]] = {
    "贵安新区": ("贵州省", None), "两江新区": ("重庆市", None), "西咸新区": ("陕西省", None),
    "天府新区": ("四川省", None), "赣江新区": ("江西省", None), "滇中新区": ("云南省", None),
    "湘江新区": ("湖南省", "长沙市"), "金普新区": ("辽宁省", "大连市")}
_NEW_AREA = re.compile(rf"(?:{_SHORT})?(?:省|市|自治区)?({'|'.join(_NEW_AREAS)})")
#: A listed name's stem: the name without its unit word, and an 自治 unit's peoples
#: (延边朝鲜族自治州 → 延边, 吉安县 → 吉安, 杭州海关 → 杭州).
_STEM = re.compile(r"(.{2,}?)(?:[\u4e00-\u9fff]{1,4}?族)*"
                   r"(?:自治县|自治旗|自治州|地区|林区|特区|海关|市|县|区|州|旗|盟)")


@functools.lru_cache(maxsize=1)
def _zone_stems() -> dict[str, Place]:
    """A prefecture-level city's stem (苏州, 合肥, 西安) → the city, for the stems no other
    place shares: not a province's name or short form (吉林, 海南), not a stem of two listed
    cities, nor of a county, district or former name outside that city (朝阳: 辽宁's city and
    北京's district; 大同: 大庆's 大同区), nor of an ambiguous name. A city whose name changed
    (dated rows) is left out too."""
    table, former = _rows()
    seen: dict[str, set[tuple[str, str] | None]] = {}
    for name in _all_names():
        m = _STEM.fullmatch(name)
        if m is None:
            continue
        places = [table.get(name)] if name in table else []
        places += [place for _, place in former.get(name, ())]
        where = seen.setdefault(m.group(1), set())
        for place in places:
            if place is None or place.kind == "former":
                where.add(None)
            else:
                where.add((place.province, place.prefecture or place.name))
    stems: dict[str, Place] = {}
    for name, place in table.items():
        if (place is None or place.kind != "prefecture" or not name.endswith("市")
                or name in former):
            continue
        stem = name[:-1]
        if (len(stem) >= 2 and stem not in PROVINCES
                and stem not in {p[:-1] for p in PROVINCES.values()}
                and seen.get(stem) == {(place.province, place.name)}):
            stems[stem] = place
    return stems


#: A State Grid city company named by its city's stem: 国网苏州供电公司, 国网南京供电分公司.
_GRID_CITY_COMPANY = re.compile(r"^国网([\u4e00-\u9fff]{2,4}?)供电(?:分)?公司$")


@functools.lru_cache(maxsize=4096)
def central_office_city(name: str | None) -> tuple[str, str] | None:
    """``(province, prefecture)`` of a vertically managed central agency's office in a city,
    named by the city's stem after the agency's name (国家金融监督管理总局绵阳监管分局 → (四川省,
    绵阳市), 中国证券监督管理委员会宁波监管局, 国家统计局苏州调查队); None when the stem is not one
    prefecture-level city's alone (:func:`_zone_stems`: 朝阳, 吉林 — a province's short form is
    :func:`stated_province`'s) or the name goes on past the office."""
    m = (_CENTRAL_CITY_OFFICE.match(name) or _GRID_CITY_COMPANY.match(name)) if name else None
    place = _zone_stems().get(m.group(1)) if m else None
    return (place.province, place.name) if place is not None else None


@functools.lru_cache(maxsize=4096)
def zone_city(name: str | None, start: int = 0) -> tuple[str, str | None] | None:
    """``(province, prefecture)`` of a development zone whose name starts ``name`` at ``start``
    with a prefecture-level city's stem and right after it a zone word (开发区名): 苏州工业园区 →
    (江苏省, 苏州市), 合肥高新区, 西安高新技术产业开发区, 郑州航空港经济综合实验区; or a national
    new area named without a city (贵安新区 → (贵州省, None), 贵州贵安新区). None when the stem
    is not one city's alone (吉林高新区: 吉林省's or 吉林市's; 朝阳: 北京's 朝阳区 too), when no
    zone word follows it right away (苏州河, 西安交通大学), or when the zone's name is itself a
    listed name (滨海新区, ambiguous; 浦东新区, a district)."""
    if not name or ("区" not in name and "港" not in name):  # (every zone word ends so)
        return None
    area = _NEW_AREA.match(name, start)
    if area:
        province, prefecture = _NEW_AREAS[area.group(1)]
        head = name[start:area.start(1)]
        if not head or PROVINCES.get(head.rstrip("省市区").removesuffix("自治")) == province \
                or head == province:
            return province, prefecture
        return None
    stems = _zone_stems()
    for end in range(start + 2, min(len(name), start + 8)):
        place = stems.get(name[start:end])
        if place is None:
            continue
        for word in _ZONE_WORDS:
            if name.startswith(word, end):
                zone = name[start:end + len(word)]
                if any(zone[:i] in _all_names() for i in range(len(zone), 2, -1)
                       if zone[i - 1] in "区"):
                    return None
                return place.province, place.name
    return None


def place_at(text: str, start: int = 0, year: int | None = None) -> Place | None:
    """The listed place whose whole name starts ``text`` at ``start`` (the longest), in report
    year ``year`` when given (:func:`lookup`), or None. A district's or county's name whose
    unit begins a word (区域, 县域, 区级, 县级: "江南区域合作办公室", "河南县级…") is not read:
    the stem before it is another name (江南, 河南), not 南宁's 江南区 or 黄南州's 河南县."""
    best = None
    names = _all_names()
    for end in range(start + 2, min(len(text), start + _longest_name()) + 1):
        if (text[end - 1] in "市州区盟县旗" and text[start:end] in names
                and not (text[end - 1] in "区县" and text[end:end + 1] in _UNIT_WORD_ENDS)):
            best = _at(text[start:end], year)  # (None when the longest name is ambiguous)
    return best


#: What follows 区 or 县 in a word, not after a place's name: 区域, 县域, 区级, 县级.
_UNIT_WORD_ENDS = frozenset("域级")


def fill_levels(name: str, province: str | None, prefecture: str | None,
                year: int | None = None) -> tuple[str | None, str | None]:
    """``(province, prefecture)`` of a place name (the region), given what its name states,
    with what the gazetteer adds: the province of a listed place named without it (石家庄市 →
    河北省), the prefecture of a listed 县级市 or county (昆山市 → 苏州市, 鄂托克前旗 → 鄂尔多斯市;
    None when its province runs it directly), a district's (海淀区 → 北京市; 鼓楼区, in four
    cities, is ambiguous and gets nothing), or a province stated in short form
    (:func:`stated_province`). A former name (莱芜市, 普兰店市, 永年县) gives its province
    always, its prefecture only for a report ``year`` it was in use (else none); a place whose
    kind or parent changed (巢湖市) is read as it was in ``year``, as today when none is given.
    The name wins: when it states another province than the list's, nothing is added."""
    start = len(province) if province and name.startswith(province) else 0
    division = _CORPS_DIVISION.match(name, start)
    if division:  # a 兵团 division-city, its region written without the 兵团: 第八师石河子市
        start = division.end()
    place = place_at(name, start, year)
    if place is None:
        zone = zone_city(name, start)
        if zone is not None and province in (None, zone[0]) and prefecture in (None, zone[1]):
            return zone  # a city's zone named by its stem (苏州工业园区), a new area (贵安新区)
        return province or stated_province(name), prefecture
    if province is not None and province != place.province:
        return province, prefecture
    if place.kind == "former":  # a former name the year does not place: the province alone,
        # and no prefecture of its own name unless it was one (普兰店市 was a 县级市)
        if prefecture == place.name and not all(
                p is not None and p.kind == "prefecture" for _, p in _former()[place.name]):
            prefecture = None
        return place.province, prefecture
    if place.kind != "prefecture":  # a 县级市, a county, a district: its parent, never itself
        return place.province, place.prefecture
    # a prefecture by its full name, however written (黔南州 → 黔南布依族苗族自治州), as its
    # counties and county-level cities give it: one group under --by prefecture
    return place.province, place.name


def without_province(name: str) -> str:
    """``name`` without a leading province the gazetteer confirms (河北省石家庄市人民政府 →
    石家庄市人民政府, 江苏省昆山市周市镇人民政府 → 昆山市周市镇人民政府): the listed place
    right after it lies in that province. A municipality's is dropped before its own listed
    district or county (上海市浦东新区… → 浦东新区…, 重庆市城口县… → 城口县…), never before
    an ambiguous one (北京市朝阳区: 长春 has one too), nor before its own bodies (上海市教育
    委员会); a fictional or unlisted place keeps its province too."""
    for province in _PROVINCE_NAMES:
        if name.startswith(province):
            place = place_at(name, len(province))
            if place is not None and place.province == province and (
                    not province.endswith("市") or place.kind in ("district", "county", "former")):
                return name[len(province):]
            break
    return name


#: The province-level names in full, longest first (内蒙古自治区 before a shorter head).
_PROVINCE_NAMES: tuple[str, ...] = tuple(sorted(PROVINCES.values(), key=len, reverse=True))
