"""Find the numbered sections (章节) of one report and strip the web page's chrome.

Works on character offsets into the (simplified) text, so callers can cut the same spans
out of the original characters. A heading is a line "一、总体情况" / "一. …" / "一 …" /
"第一部分 …" whose title matches :data:`headings.SECTION_RULES`, with its written numeral
and its section number never going backwards: this rejects 表三's row labels
("一、本年新收…", "四、结转下年度继续办理") and enumerated items that look like headings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from nlp_reports.formats import NATIONAL_TITLES
from nlp_reports.ingest.normalize import (
    IMAGE_MARK,
    PAGE_DATE_GAP,
    PAGE_DATE_KEY_WORDS,
    PAGE_NUMBER,
    PAGE_STAMP,
)
from nlp_reports.parse.headings import (
    KNOWN_TITLES,
    MAX_SUBHEADING_LENGTH,
    MAX_TITLE_LENGTH,
    MAX_UNNUMBERED_LENGTH,
    MERGED_FEE_AND_CASES,
    NOT_TITLE,
    NOTE_WORD,
    RUN_IN_TITLE,
    SUBHEADING_STOP,
    block_of,
    merged_fee_and_cases,
    near_known_title,
    numeral_lines,
    section_number,
)
from nlp_reports.parse.metadata import (
    _NO_LEVEL,
    FIGURES_DATE,
    HANZI_ZEROS,
    NOT_PLACE_START,
    TITLE_DATE,
    agency_and_year,
    agency_key,
    level_of,
    region_of,
)

#: Titles long enough that a line holding just one of them is a heading, numbered or not.
_FULL_TITLES = frozenset(t for t in KNOWN_TITLES if len(t) >= 8)
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "十一": 11, "十二": 12} | {str(i): i for i in range(1, 13)} | {
             chr(0x2160 + i): i + 1 for i in range(12)}  # Ⅰ … Ⅻ

# "一、总体情况" "一.总体情况" "一 总体情况" "第一部分 总体情况" "第一部分：总体情况"; the
# gap after the numeral may be TABs or a run of spaces ("五、\t存在…", "五      存在…" from a
# PDF or a Word table of contents), and a space may precede the 、 ("五 、存在…")
_GAP = r"[ \t\u3000]"
_HEADING = re.compile(
    rf"{_GAP}{{0,8}}(?:第(?P<n1>十[一二]?|[一二三四五六七八九])(?:部分|章|节){_GAP}{{0,2}}"
    rf"[、.．:：]?{_GAP}{{0,12}}"
    rf"|(?P<n2>十[一二]?|[一二三四五六七八九])(?:{_GAP}{{0,2}}[、.．，,]{_GAP}{{0,12}}|{_GAP}{{1,12}}))"
    r"(?P<title>[^\n]{1,200})"
)
# "（一）总体情况": used only when a report has no top-level numerals at all
_HEADING_BRACKET = re.compile(
    r"[ \t\u3000]{0,8}[(（][ \t]{0,2}(?P<n1>十[一二]?|[一二三四五六七八九])[ \t]{0,2}[)）][、.． \t\u3000]{0,3}"
    r"(?P<n2>)(?P<title>[^\n]{1,200})"
)
# "1、总体情况" "1.总体情况" "1 总体情况": Arabic numerals, taken as top-level headings only with
# a standard (or older) section title at a numeral that fits its section (_arabic_title)
_HEADING_ARABIC = re.compile(
    rf"{_GAP}{{0,8}}(?P<n1>1[0-2]|[1-9])(?:{_GAP}{{0,2}}[、.．]{_GAP}{{0,12}}|{_GAP}{{1,12}})"
    r"(?P<n2>)(?P<title>[^\n]{1,200})"
)
# "Ⅰ、概述" "Ⅱ.主动公开政府信息情况": Roman numerals (the one-character forms Ⅰ–Ⅻ an older
# report's Word numbering gives), read only when the Chinese numerals head fewer than two parts
# and, as Arabic ones, only at a section title whose numeral fits its section (_arabic_title)
_HEADING_ROMAN = re.compile(
    rf"{_GAP}{{0,8}}(?P<n1>[\u2160-\u216b])(?:{_GAP}{{0,2}}[、.．]{_GAP}{{0,12}}|{_GAP}{{1,12}})"
    r"(?P<n2>)(?P<title>[^\n]{1,200})"
)
# Lines that may be headings: a numeral (or bracket) at the line start. Matched as "\n" +
# the start of a line (a literal first character makes the scan fast; "^" with re.M is
# tried at every position); the first line is tried separately (see _line_candidates).
_START_NUMERAL = r"[ \t\u3000]{0,8}(?:第|十|[一二三四五六七八九](?:[、.．，,]|[ \t\u3000]))"
_START_BRACKET = r"[ \t\u3000]{0,8}[(（][ \t]{0,2}[一二三四五六七八九十]"
# The scan looks only for "\n" + a character that may begin one (a class after the literal
# is one test a line; the whole pattern is then tried at the few lines found).
_LINE_START_NUMERAL = (re.compile(_START_NUMERAL), re.compile("\n[ \t\u3000第十一二三四五六七八九]"))
_LINE_START_BRACKET = (re.compile(_START_BRACKET), re.compile("\n[ \t\u3000(（]"))
_LINE_START_ARABIC = (re.compile(r"[ \t\u3000]{0,8}(?:1[0-2]|[1-9])(?:[ \t\u3000]{0,2}[、.．]|[ \t\u3000])"),
                      re.compile("\n[ \t\u30001-9]"))
_LINE_START_ROMAN = (re.compile(r"[ \t\u3000]{0,8}[\u2160-\u216b](?:[ \t\u3000]{0,2}[、.．]|[ \t\u3000])"),
                     re.compile("\n[ \t\u3000\u2160-\u216b]"))
_TITLE_END = re.compile(r"[。：:；;]")
_ROMAN = re.compile(r"[\u2160-\u216b]")
@lru_cache(maxsize=1)
def _latin_gloss() -> re.Pattern[str]:
    """A heading's English or pinyin gloss at its line's end, bracketed or not, after the
    title's last character ("一、总体情况 General Situation", "五、…改进情况（Cunzai de
    Wenti…）"). Compiled on first use: its CJK range costs the regex compiler ~1 ms at every
    start, and only a heading line ending in a Latin character or "）" asks for it."""
    return re.compile(
        r"(?<=[\u4e00-\u9fff）)])[ \t\u3000]*(?:[（(][ \t]*[A-Za-z][A-Za-z .,'’&/-]*[)）]"
        r"|[A-Za-z][A-Za-z .,'’&/-]*[A-Za-z])[ \t\u3000]*$")
#: How the body of a section starts when it runs on right after a known title with no stop
#: between ("…情况全年受理申请4件", "…的情况无", "存在的不足一是…"): "无", a figure or year,
#: an enumeration, the reporting body speaking ("我局", "本年度"), or the first bracketed
#: sub-heading ("五、存在的主要问题及改进情况　（一）存在的主要问题").
_RUN_ON_BODY = re.compile(
    rf"(?:无|暂无|没有)[ \t\u3000]*$|[ \t\u3000]*(?:一是|全年|本年|今年|我[局委办县市区镇乡省厅部]"
    rf"|\d|[一二][{HANZI_ZEROS}一二三四五六七八九]{{3}}年|[(（][ \t]{{0,2}}[一二三四五六七八九十][ \t]{{0,2}}[)）])")
#: After one of the national form's titles (:data:`~nlp_reports.formats.NATIONAL_TITLES`),
#: which no title continues with a verb or a speaker, a sentence opening as below is the body
#: run on with no stop ("…主动公开政府信息情况本局制发规范性文件3件。", "…情况依托门户网站…").
#: Older titles are not split so ("存在的问题及今后工作打算", "总体情况概述" go on as titles).
_SENTENCE_OPENER = re.compile(
    r"[ \t\u3000]*(?:本(?:机关|单位|部门|中心|街道|[局委办院厅署镇乡县市区])|该(?:机关|单位|[局委办院])"
    r"|依托|通过|围绕|按照|根据|依据|坚持|严格|结合|认真|积极|进一步|截至|截止|报告期内|一年来"
    r"|主要(?:通过|依托|围绕|采取)|去年|上年|年内)")
#: After any known title (older ones too), what runs on up to the line's first stop is a
#: sentence, not more of the title, when it opens as no title goes on (不以"及/和/的/情况/
#: 统计/（"等续接标题) and either leads in as a sentence does ("…改进措施存在的问题是：",
#: "…主要表现在：") or ends with a sentence's stop (。；): "六、政府信息公开工作存在的主要问题
#: 及改进措施存在的问题是部分信息更新不及时。" keeps that title and the sentence as the text.
#: One opening with its copula ("存在的问题是…") has the title as its subject and stays whole.
_TITLE_GOES_ON = r"(?:是|为|及|和|与|以及|暨|并|、|的|之|情况|工作|概述|统计|说明|汇总|附|[（(“\"《A-Za-z])"
_LEAD_IN = re.compile(
    rf"[ \t\u3000]*(?!{_TITLE_GOES_ON})[^。；;：:]{{0,16}}?(?:是|主要(?:为|有|表现)|如下|表现[在为]|体现在)")
_SENTENCE_AFTER_TITLE = re.compile(rf"[ \t\u3000]*(?!{_TITLE_GOES_ON})[^ \t\u3000]")
#: A run-on shorter than this before its stop ("…改进措施等。", "…方面。", "…建议。") is the
#: title's own tail, not a sentence: split off it would leave a fragment as the section's text.
_MIN_RUN_ON_SENTENCE = 4
#: ... unless it says there was none or left it out ("…情况均无。", "…情况略。", "…减免情况未收费。"):
#: a statement however short, the section's whole text.
_SHORT_STATEMENT = re.compile(r"[无未略零]|没有")
_UNNUMBERED_MAX = 24
_COMMA = re.compile(r"[，,]")
_COLON = re.compile(r"[：:][ \t\u3000]*")
#: An aligned table row ("一、本年新收…  5  0  3"), not a heading; a year in a title is no
#: row ("五、2022年度存在的主要问题及改进情况", "六、2014年工作打算").
_TABLE_ROW = re.compile(r"(?<!\d)\d[\d\s.]{0,20}\d(?![\d.])(?![ \t\u3000]{0,2}年)|\t")
#: A year in brackets after a title ("…改进措施（2016）", "(2023)"): the report's year, not a
#: table row's figure (:data:`_TABLE_ROW`); read so, the heading and its section's statements
#: were lost.
_BRACKETED_YEAR = re.compile(r"[(（][ \t\u3000]{0,2}(?:19|20)\d\d[ \t\u3000]{0,2}[)）]")

#: The rest of a line holds no sentence's end: a chrome word opening a sentence of the report
#: ("附件下载专区全年更新表格模板26个。", "微信扫一扫即可查阅…。") is no chrome.
_NO_STOP = r"(?![^\n]*[。！？])"
#: Lines of site chrome that end the report when they follow the last section.
_TAIL_CHROME = re.compile(
    r"[ \t\u3000]{0,8}(?:【?打印本页|打印本页|【?关闭窗口|关闭本页|相关链接|相关文章|相关阅读|主办单位|主办[:：]"
    r"|承办单位|网站标识码|版权所有|Copyright|ICP备|[^\n]{0,30}ICP备|[^\n]{0,20}公网安备|扫一扫|分享到"
    r"|上一篇|下一篇|【打印】|【关闭】|打印$|关闭$|返回顶部|网站地图|联系我们|附件[:：]?$"
    # an attachment box's name ("相关附件：", "附件下载："), a page's credit in brackets ("(编辑：办公室)")
    rf"|相关附件[:：]?$|附件下载(?:[:：]|[ \t\u3000]*$){_NO_STOP}|[（(【\[][ \t]{{0,2}}(?:责任)?编辑[:：]{_NO_STOP}"
    # a box's name alone (相关稿件, 热点推荐 …), a counter, a share bar or QR prompt, the print and
    # close buttons side by side ("打印 | 关闭"), a WeChat article's other credits
    r"|(?:相关稿件|相关推荐|热点推荐|热门推荐|推荐阅读|热门文章|最新文章|猜你喜欢|关注我们|网站纠错|下载附件"
    r"|二维码|分享)[ \t\u3000]*[:：]?[ \t\u3000]*$|您是(?:本站)?第[ \t\u3000\d,，]+位访(?:问者|客)"
    # (the count alone: "浏览次数：88 次", not a statistic of the report's "访问量：126000人次")
    r"|(?:浏览|阅读|点击|访问)(?:次数|量|数)[ \t\u3000]*[:：][ \t\u3000]*\d[\d,，]*[ \t\u3000]*次?(?:[ \t\u3000]|$)"
    rf"|微信扫一扫{_NO_STOP}"
    r"|(?:微信|手机)?扫码(?:阅读|查看|关注|打开|在手机上?(?:阅读|查看|打开))?[ \t\u3000]*$"
    rf"|(?:打印[ \t\u3000]*[|｜/][ \t\u3000]*关闭|(?:文章|信息|稿件)来源[:：]|本文(?:链接|地址|网址)[:：]"
    rf"|(?:初审|复审|终审|校对|供稿|撰稿)[:：]){_NO_STOP}"
    # a WeChat article's end: -END-, 来源/编辑/审核 credits, 阅读原文, 分享点赞在看
    r"|[-—]{1,3}[ \t]?END[ \t]?[-—]{1,3}$|END$|阅读原文|编辑[:：]|责任编辑|来源[:：]|审核[:：]"
    r"|点击蓝字|长按[^\n]{0,6}二维码|分享[、，,]|点赞[、，,]|在看$)",
    re.IGNORECASE,
)
#: Chrome lines right below the title (publication line, font-size switches, counters); a
#: page's date line as the HTML reader keeps it and the metadata reads it (PAGE_DATE_KEY:
#: "更新时间：2025-01-10", "[发布时间]2025-01-10"). Only whether a line holds one is asked,
#: never where: so every alternative starts with a character of its own (the font-size
#: switch from 大, the 【 and blanks before it adding no line; PAGE_DATE_KEY's words one by
#: one), and re skips to those characters. One alternative led by a group or an optional
#: part had it try a match at every character of the line (~10 µs a title line).
_HEAD_CHROME = re.compile(
    r"发布时间|发布日期|发文日期|来源[:：]|信息来源|阅读次数|浏览次数|点击[数率:：]|访问量|字号|大\s{0,2}中\s{0,2}小"
    r"|打印|关闭|分享|索引号|发布机构|发文机关|成文日期|主题分类|生效日期|文号|"
    + "|".join(rf"{word}{PAGE_DATE_GAP}\d{{4}}" for word in PAGE_DATE_KEY_WORDS)
)
#: A closing date line: "2024年1月15日", "二〇一三年三月二十八日", a month alone ("2025年1月",
#: "二〇二四年元月": 元月 is January), or in figures as web copies sign ("2024-01-15", "2024.1.15").
_DATE_LINE = re.compile(
    r"^[ \t\u3000]{0,8}(?:(?:19|20)\d{2}\s{0,2}年\s{0,2}(?:\d{1,2}|元)\s{0,2}月(?:\s{0,2}\d{1,2}\s{0,2}日)?"
    rf"|{FIGURES_DATE}"
    rf"|[{HANZI_ZEROS}一二][{HANZI_ZEROS}一二三四五六七八九]{{3}}年(?:[一二三四五六七八九十]{{1,2}}|元)月"
    r"(?:[一二三四五六七八九十]{1,3}日)?)"
    r"[ \t\u3000]{0,8}$"
)
_SIGNATURE = re.compile(r"^[ \t\u3000]{0,8}[^\s。，,；;：:]{2,30}[ \t\u3000]{0,8}$")
#: A page number a PDF viewer's copy leaves below the closing date ("- 10 -", "第8页 共8页",
#: or a bare "10" on the last page): page furniture, not the end of the text.
_PAGE_LINE = re.compile(rf"[ \t\u3000]{{0,8}}(?:{PAGE_NUMBER}|\d{{1,3}})[ \t\u3000]{{0,8}}")
#: How a signing body's name ends: a government body, and the institutions that publish a
#: report too (a university, school, kindergarten, group, station, institute, library, team;
#: not a 门户网站 or a 场所).
_AGENCY_END = re.compile(
    r"(?:政府|局|委员会|委|办公室|办事处|厅|中心|院|部|署|海关|管委会|行署|公司|集团"
    r"|大学|学校|[中小]学|幼儿园|(?<!网)站|(?<!场)所|馆|队)[ \t\u3000]{0,8}$")
_YEAR_START = re.compile(r"(?:19|20)\d{2}\s{0,2}年")
_REPORT_TITLE_STRONG = re.compile(r"年度报告")
_REPORT_TITLE = re.compile(r"年报|工作报告")
#: A title worded as a report or notice on the year's disclosure work, not "年度报告":
#: "某镇人民政府关于2024年度政府信息公开工作的报告", "…工作情况报告", "…情况的公告".
_REPORT_TITLE_WORDED = re.compile(
    r"(?:19|20)\d{2}[ \t\u3000]{0,2}年度?[^\n。，,；;]{0,12}?(?:政府信息公开|政务公开|信息公开)"
    r"[^\n。，,；;]{0,16}?(?:报告|公告)(?:书)?[ \t\u3000]*$")
_BREADCRUMB = re.compile(r"首页|当前位置|您的位置|[>›»]")
#: A page's prompt naming the report it shows ("阅读提示：本页面为…年度报告全文", "温馨提示：…"),
#: no title.
_PROMPT = re.compile(r"[ \t\u3000]*[【\[]?[\u4e00-\u9fff]{0,4}(?:提示|须知)[】\]]?[ \t\u3000]*[:：]")
#: A page's link to the report before or after it in its column ("上一篇：某县2022年政府信息
#: 公开工作年度报告"): another report's title, never this one's.
_NEIGHBOUR_LINK = re.compile(r"[ \t\u3000【\[]{0,4}(?:上|下)一(?:篇|条|页|则|个)")
#: A line break with the blanks around it. Tried only where a run of blanks starts (the
#: lookbehind), or at a line break whose blanks before it the previous match took: tried at
#: each blank, ``[…]*\n`` ran to the end of the run each time — a statement holding 40,000
#: TABs before a line break took 2 s in load_report's _clean, 100 KB of them 12 s.
_LINE_BREAKS = re.compile(r"(?<![ \t\u3000\r])[ \t\u3000\r]*\n[ \t\u3000\r]*|\n[ \t\u3000\r]*")


@dataclass(frozen=True)
class Heading:
    """One recognised heading: its section (None = outside the scheme) and spans."""

    number: int | None
    numeral: int
    line_start: int
    title_start: int
    title_end: int
    body_start: int


@dataclass(frozen=True)
class SectionSpan:
    """A section as offsets: title [title_start, title_end), body [body_start, body_end)."""

    number: int
    title_start: int
    title_end: int
    body_start: int
    body_end: int


@dataclass(frozen=True)
class Layout:
    """Where things are in one report's text (offsets into it)."""

    title_span: tuple[int, int] | None
    content_start: int  # after the title and its chrome
    content_end: int  # before the trailing chrome / signature
    sections: tuple[SectionSpan, ...]
    unsectioned: tuple[tuple[int, int], ...]  # text not under any section (key 0)
    folded: tuple[str, ...]  # titles of headings outside the scheme folded into a section
    signature_span: tuple[int, int] | None  # the agency line above the closing date
    date_span: tuple[int, int] | None  # the closing date line
    head_date_span: tuple[int, int] | None = None  # a date line right under the title
    annex_span: tuple[int, int] | None = None  # an annex below the signed and dated report


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    spans = []
    start = 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _match_heading(text: str, start: int, end: int,
                   pattern: re.Pattern[str]) -> tuple[int, int, int, int] | None:
    """(numeral, title_start, title_end, body_start) of a heading line text[start:end], or None.

    Depends on the line alone (every search stays within it), so it is worked out once per
    distinct line (headings and table row labels recur across reports) at offset 0.
    """
    key = (pattern.pattern, text[start:end])
    hit = _HEADING_LINES.get(key, _NOT_CACHED)
    if hit is _NOT_CACHED:
        hit = _match_heading_at(key[1], 0, end - start, pattern)
        if len(_HEADING_LINES) >= _HEADING_LINES_MAX:
            _HEADING_LINES.clear()
        _HEADING_LINES[key] = hit
    if hit is None:
        return None
    numeral, t0, t1, body = hit  # type: ignore[misc]
    return numeral, start + t0, start + t1, start + body


_HEADING_LINES: dict[tuple[str, str], tuple[int, int, int, int] | None] = {}
_HEADING_LINES_MAX = 5_000
_NOT_CACHED = object()


def _match_heading_at(text: str, start: int, end: int,
                      pattern: re.Pattern[str]) -> tuple[int, int, int, int] | None:
    m = pattern.match(text, start, end)
    if not m:
        return None
    numeral = _NUMERALS[m.group("n1") or m.group("n2")]
    t0 = m.start("title")
    while t0 < end and text[t0] in " \t\u3000":  # the rest of a long gap ("五、\t\t 存在…")
        t0 += 1
    gloss = _latin_gloss().search(text, t0, end) if (
        end - t0 > 4 and (text[end - 1] < "\u3000" or text[end - 1] == "）")) else None
    if (gloss is not None and gloss.start() - t0 <= MAX_TITLE_LENGTH
            and not _TITLE_END.search(text, t0, gloss.start())
            and not _COMMA.search(text, t0, gloss.start())):
        # "五、存在的主要问题及改进情况（Problems and Improvements）": the gloss in English or
        # pinyin beside the title is neither the title nor the section's first line
        title = text[t0:gloss.start()]
        if title and not _TABLE_ROW.search(title):
            return numeral, t0, gloss.start(), end
    merged = _merged_run_in(text, t0, end)
    if merged is not None:  # "四、…收费及减免情况、…诉讼的情况均无。" (a bold run-in title)
        at = merged
        while at < end and text[at] in " \t\u3000":
            at += 1
        return numeral, t0, merged, at + 1 if at < end and text[at] in "。：:；;" else at
    stop = _TITLE_END.search(text, t0, min(end, t0 + MAX_TITLE_LENGTH + 1))
    t1 = stop.start() if stop else end
    body = stop.end() if stop else end
    if t1 - t0 > MAX_TITLE_LENGTH or _COMMA.search(text, t0, t1):
        known = RUN_IN_TITLE.match(text, t0, end)  # "一、总体情况2023年，…" (body runs on)
        if not known:
            return None
        t1 = body = known.end()
    else:  # "三、依申请公开政府信息情况全年受理申请4件。", "四、…的情况无。" (a bold run-in title)
        known = RUN_IN_TITLE.match(text, t0, t1)
        if known and known.end() < t1 and (
                _RUN_ON_BODY.match(text, known.end(), t1)
                or (known.group() in NATIONAL_TITLES and _SENTENCE_OPENER.match(text, known.end(), t1))
                or _LEAD_IN.match(text, known.end(), t1)
                or (stop is not None and stop.group() in "。；;"
                    and (t1 - known.end() >= _MIN_RUN_ON_SENTENCE
                         or _SHORT_STATEMENT.search(text, known.end(), t1))
                    and _SENTENCE_AFTER_TITLE.match(text, known.end(), t1))):
            t1 = body = known.end()
    while t1 > t0 and text[t1 - 1] in " \t\u3000":
        t1 -= 1
    title = text[t0:t1]
    if not title or _TABLE_ROW.search(_BRACKETED_YEAR.sub("", title)):  # a table row
        return None
    return numeral, t0, t1, body


def find_headings(text: str, start: int, end: int) -> list[Heading]:
    """Top-level headings in text[start:end], in order, numerals and sections non-decreasing.

    Tried in turn, keeping the first that finds two or more sections: numbered headings
    (一、 一. 一 第一部分), bracketed ones ((一) as top level), unnumbered full titles. The
    fallbacks are not tried when one numbered heading sits at its own number (一、总体情况).
    A table of contents (目录) before the body is passed over (:func:`_contents_end`).
    """
    found = _find_headings(text, start, end)
    skip = _contents_end(text, found, end)
    if skip is not None:
        body = _find_headings(text, skip, end)
        if _mapped(body) >= 2 and any(h.number == 1 for h in body):
            return body
    return found


#: What may stand between two entries of a table of contents besides blanks: page numbers
#: on lines of their own, dot leaders.
_CONTENTS_FILL = " \t\u3000\r\n0123456789.．…·-—"


def _contents_end(text: str, found: list[Heading], end: int) -> int | None:
    """Where a table of contents (目录) ends, when ``found`` opens with one, else None.

    A contents is three or more heading lines in a row with nothing between them (a page
    number after each: "一、总体情况  1", "一、总体情况\t1" as a Word TOC gives). Its headings
    were taken for the sections, which the scan can then not find again below: sections
    一 to 五 came out empty and 六 held the whole report."""
    run = 0
    while (run + 1 < len(found)
           and _contents_gap(text[found[run].body_start:found[run + 1].line_start])):
        run += 1
    if run < 2:
        return None
    stop = text.find("\n", found[run].title_end, end)
    return None if stop < 0 else stop


#: A scrap between two contents entries of a cover set in two columns, read across them by
#: a PDF reader: the other column's short lines ("年度报告", "二〇二二年一月") or the end of
#: an entry wrapped in a narrow column ("况"). No sentence: a section that says "无。" is none.
_CONTENTS_SCRAP = re.compile(r"[^。，；,;：:]{1,12}")


def _contents_gap(gap: str) -> bool:
    """Whether ``gap`` can stand between two entries of a table of contents: nothing but
    :data:`_CONTENTS_FILL`, or lines each a short scrap (:data:`_CONTENTS_SCRAP`)."""
    if not gap.strip(_CONTENTS_FILL):
        return True
    if "。" in gap or "，" in gap:  # (a sentence's line is no scrap: a section's whole text
        return False  # is not split into lines to find that)
    lines = [line.strip() for line in gap.split("\n") if line.strip(_CONTENTS_FILL)]
    return len(lines) <= 3 and all(_CONTENTS_SCRAP.fullmatch(line) for line in lines)


def _find_headings(text: str, start: int, end: int) -> list[Heading]:
    """:func:`find_headings` without the contents rule."""
    found = _find_numbered(text, start, end, _HEADING)
    if _mapped(found) < 6:  # "1、总体情况 … 6、其他需要报告的事项", or one "5、…" among 一、…六、
        arabic = _find_numbered(text, start, end, _HEADING_ARABIC)
        if _mapped(arabic) >= 2 and _mapped(found) < 2:
            found = _fill_gaps(arabic, found)
        elif _mapped(found) >= 1:
            found = _fill_gaps(found, arabic)
    if _mapped(found) < 2 and _ROMAN.search(text, start, end):
        roman = _find_numbered(text, start, end, _HEADING_ROMAN)
        if _mapped(roman) >= 2:
            found = _fill_gaps(roman, found)
    if _mapped(found) >= 2:
        # a free older layout numbers its first parts and writes the last ones as bare
        # titles ("五、…复议诉讼的情况" then "存在的问题及改进措施", "其他需要报告的事项")
        return _problems_part(text, _unnumbered_after(text, found, end))
    # one real "一、总体情况" (numeral = its section) makes the (一)(二) or short sub-titles
    # below it parts of that section, never sections of their own (a report cut off early);
    # only a later line that is exactly a full title ("主动公开政府信息情况") is a heading
    # that lost its numeral
    if any(h.number is not None and h.numeral == h.number for h in found):
        return _unnumbered_after(text, found, end)
    bare = _find_unnumbered(text, start, end)
    if _BRACKETED_NUMERAL.search(text, start, end):
        # a bracketed numeral heads a part only when its title passes over none of the
        # titles on lines of their own: 概述's items ("【一】主动公开情况", "【二】依申请公开
        # 情况") took sections 二 and 三, the parts' own titles below fell into 三's text
        plain = _find_unnumbered(text, start, end, bracketed=False)
        if not _keeps(bare, plain):
            bare = plain
    for candidate in (_find_numbered(text, start, end, _HEADING_BRACKET), bare):
        if _mapped(candidate) > _mapped(found):
            found = candidate
    # titles with their text run on after a colon ("概述：2012年，…"), only when they give
    # more sections than the lines above and pass over none of the titles on their own
    # lines: a colon also opens a summary's clauses inside a part ("主动公开情况：…"), and
    # one naming a part the outline lacks ("行政复议、行政诉讼情况：无。" in 概述) outnumbered
    # the bare titles below it, which then fell into that clause's section
    if "：" in text[start:end] or ":" in text[start:end]:
        run_in = _find_unnumbered(text, start, end, run_in=True)
        if _mapped(run_in) > _mapped(found) and _keeps(run_in, bare):
            found = run_in
    return _problems_part(text, found)


def _keeps(reading: list[Heading], lines: list[Heading]) -> bool:
    """Whether ``reading`` passes over none of ``lines`` (titles on lines of their own): a
    title it did not take falls in a section of ``reading`` with a higher number (a part's
    own title in the section of a clause or item above it). One in a section of its own
    number is a sub-title there ("(一)存在的主要问题" under 五)."""
    starts = {h.title_start for h in reading}
    for h in lines:
        if h.title_start in starts or h.number is None:
            continue
        above = [r.number for r in reading if r.title_start < h.title_start]
        if above and above[-1] is not None and h.number < above[-1]:
            return False
    return True


#: How far an Arabic heading's numeral may run ahead of its section: older layouts have a
#: 收费 part (→ 3) and up to 8 parts ("6、存在的主要问题和改进措施" is section 5).
_ARABIC_AHEAD = 2
#: What an older section title ends in ("4、政府信息公开的收费及减免情况", "6、工作打算").
_TITLE_NOUN_END = re.compile(r"(?:情况|事项|概述|概况|措施|打算|问题|不足)$")


def _arabic_title(title: str, numeral: int, number: int | None) -> bool:
    """True when an Arabic- (or Roman-) numbered line "N、<title>" is a top-level heading: the
    title is a section title (a known one, or a short one ending as titles do) and N fits its
    section, so an item "1、加强主动公开" or a sub-heading "2、改进措施" is none."""
    if number is None or not number <= numeral <= number + _ARABIC_AHEAD:
        return False
    title = title.rstrip("：: \t\u3000")
    return title in KNOWN_TITLES or (len(title) <= 24 and bool(_TITLE_NOUN_END.search(title))
                                     and not NOT_TITLE.search(title)) or (
        merged_fee_and_cases(title))  # ("4.…收费及减免情况、…诉讼的情况")


def _fill_gaps(found: list[Heading], extra: list[Heading]) -> list[Heading]:
    """``found`` with the headings of ``extra`` whose sections it lacks, each where its
    section falls between those found ("5、存在的主要问题…" among 一、… 六、)."""
    out = list(found)
    for h in extra:
        if h.number is None or any(g.number == h.number for g in out):
            continue
        if all(g.line_start < h.line_start if g.number < h.number else g.line_start > h.line_start
               for g in out if g.number is not None):
            out.append(h)
    return sorted(out, key=lambda g: g.line_start)


def _problems_part(text: str, found: list[Heading]) -> list[Heading]:
    """``found`` with a section 五 that starts at a heading naming only measures ("(二)改进
    措施", a sub-heading taken for the section) started instead at the problems sub-heading
    just above it ("(一)存在的主要问题"), so that part is not dropped."""
    for i, h in enumerate(found):
        if h.number != 5:
            continue
        if block_of(text[h.title_start:h.title_end]) != "measure":
            return found
        lo = found[i - 1].body_start if i else 0
        problem = None
        for l0, l1 in _lines(text[lo:h.line_start]):
            l0, l1 = lo + l0, lo + l1
            for pattern in (_HEADING_BRACKET, _HEADING, _HEADING_ARABIC):
                hit = _match_heading(text, l0, l1, pattern)
                if hit and block_of(text[hit[1]:hit[2]]) == "problem":
                    problem = Heading(5, hit[0], l0, hit[1], hit[2], hit[3])
                    break
        if problem is None:
            return found
        return [*found[:i], problem, *found[i + 1:]]
    return found


def _unnumbered_after(text: str, found: list[Heading], end: int) -> list[Heading]:
    """``found`` with the later headings that lost their numeral: lines below the last one
    found that are a whole section title (:func:`_full_title`) of a later section."""
    last = max(h.number or 0 for h in found)
    for h in _find_unnumbered(text, found[-1].body_start, end):
        if h.number is not None and h.number > last and _full_title(text[h.title_start:h.title_end]):
            found.append(h)
            last = h.number
    return found


def _full_title(title: str) -> bool:
    """A line that reads as a whole section title, not a sub-heading: a known full title, or
    another title of 8+ characters that is not numbered itself ("存在的问题及改进措施", as older
    reports write section 五 without a numeral after a numbered "一、概述")."""
    return title in _FULL_TITLES or (len(title) >= 8 and title[0] not in _SUBHEAD_START)


_SUBHEAD_START = frozenset("(（[【〔0123456789一二三四五六七八九十第")


def _mapped(headings: list[Heading]) -> int:
    return sum(h.number is not None for h in headings)


def _find_numbered(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[Heading]:
    found: list[Heading] = []
    last_numeral = 0
    last_number = 0
    prefilter = (_LINE_START_BRACKET if pattern is _HEADING_BRACKET
                 else _LINE_START_ARABIC if pattern is _HEADING_ARABIC
                 else _LINE_START_ROMAN if pattern is _HEADING_ROMAN else _LINE_START_NUMERAL)
    candidates = (_numeral_candidates(text, start, end) if prefilter is _LINE_START_NUMERAL
                  else _line_candidates(prefilter, text, start, end))
    for l0 in candidates:  # lines starting with a numeral
        l1 = text.find("\n", l0, end)
        if l1 < 0:
            l1 = end
        hit = _match_heading(text, l0, l1, pattern)
        if hit is None:
            continue
        numeral, t0, t1, body = hit
        matched, number = section_number(text[t0:t1])
        if not matched or numeral < last_numeral:
            continue
        if _group_row(text, l0, t0, t1, l1, end):
            continue
        if pattern in (_HEADING_ARABIC, _HEADING_ROMAN) and not _arabic_title(
                text[t0:t1], numeral, number):
            continue
        # a numeral written twice ("四、…复议…" then "四、存在的主要问题…", a typo real reports
        # have) is still a heading when it opens a later section; the same section again
        # ("五、存在的主要问题" + "五、改进措施") stays in that section's text
        if numeral == last_numeral and (number is None or number <= last_number):
            continue
        if number == 3 and last_number == 4 and _FEE_PART.search(text[t0:t1]):
            # an older layout's 收费及减免 part written after its 复议诉讼 part: section 3's
            # (docs/schema.md), not part of section 4's text; the parser joins it to 3
            found.append(Heading(number, numeral, l0, t0, t1, body))
            last_numeral = numeral
            continue
        if number is not None and number < last_number:
            continue
        if number is None and not found:
            continue
        found.append(Heading(number, numeral, l0, t0, t1, body))
        last_numeral = numeral
        if number is not None:
            last_number = number
    return found


#: A row of figures: a cell holding a number after a tab ("(一)收到申请数\t件\t21").
_FIGURE_ROW = re.compile(r"\t[ \u3000]*\d")


#: The longest group label of an older 统计表 written alone on its line ("二、依申请公开情况"):
#: shorter than any title of the 2019 or 2021 form, which a table may follow or precede.
_GROUP_LABEL_MAX = 8


def _group_row(text: str, l0: int, t0: int, t1: int, l1: int, end: int) -> bool:
    """Whether a numbered line is a group label of a statistics table, not a heading: its
    title is followed by empty cells only ("三、依申请公开情况\t\t", a page's table row) and the
    next line is a row of figures; or, its empty cells lost in a copy, a short label alone
    between two rows of figures of a table an earlier group label opens ("一、主动公开情况" /
    "…政府信息数\t条\t156" / "二、依申请公开情况" / "(一)收到申请数\t件\t4"). An older
    report's 统计表 (统计指标 | 单位 | 统计数) numbers its groups 一、主动公开情况 …
    三、依申请公开情况; taken for headings, they outranked a body whose headings are bold
    titles without numerals, and the whole body was lost; a table set in the middle of
    section 二 opened section 三 at its second group, the part's own title lost. A part's
    own short title between the figures ending 二 and those opening 三 ("三、依申请公开情况")
    has no group label above it and stays a heading."""
    rest = text[t1:l1]
    if rest.strip(" \t\u3000\r"):
        return False
    if "\t" not in rest and not (t1 - t0 <= _GROUP_LABEL_MAX and _under_group_label(text, l0)):
        return False
    return bool(_FIGURE_ROW.search(_next_line(text, l1, end)))


#: The title of an older layout's fees part (收费及减免情况), mapped to section 3.
_FEE_PART = re.compile(r"收费|收取费用")


def _line_candidates(prefilter: tuple[re.Pattern[str], re.Pattern[str]], text: str, start: int,
                     end: int) -> Iterator[int]:
    """Starts of the lines in text[start:end] where ``prefilter`` (the line pattern, and "\n"
    + the characters it may begin with) matches, in order: those of ``^…`` with re.M (a line
    start is 0 or just after "\n"). No match holds a "\n", so the lines are independent."""
    first, after_newline = prefilter
    if (start == 0 or text[start - 1] == "\n") and first.match(text, start, end):
        yield start
    for m in after_newline.finditer(text, start, end):
        if first.match(text, m.start() + 1, end):
            yield m.start() + 1


def _numeral_candidates(text: str, start: int, end: int) -> Iterator[int]:
    """:func:`_line_candidates` of :data:`_LINE_START_NUMERAL`, its lines taken from
    headings.numeral_lines (the scan badge_spans made of the same text) instead of a scan
    of their own (~7 µs a report)."""
    first = _LINE_START_NUMERAL[0]
    if (start == 0 or text[start - 1] == "\n") and first.match(text, start, end):
        yield start
    lines = numeral_lines(text)
    for i in range(bisect_right(lines, start), len(lines)):
        at = lines[i]
        if at >= end:
            return
        if first.match(text, at, end):
            yield at


#: A part title set in lenticular brackets, its numeral inside or none ("【概述】", "【四、因政府
#: 信息公开申请行政复议、提起行政诉讼的情况】", "【第二部分 主动公开…】"): the title is what the
#: brackets hold after the numeral (the brackets counted, the long 复议诉讼 title was no heading).
_LENTICULAR_TITLE = re.compile(
    r"【[ \t\u3000]*(?:(?:第[一二三四五六七八九十]{1,2}部分|[一二三四五六七八九十]{1,2}[、.．])[ \t\u3000：:]*)?"
    r"(?P<title>[^【】\s：:][^【】]*?)[ \t\u3000：:]*】")


def _merged_run_in(text: str, t0: int, end: int) -> int | None:
    """Where a fee and case title joined (:func:`~nlp_reports.parse.headings.merged_fee_and_cases`) ends when the line
    text[t0:end] opens with it, alone or with its text run on ("…的情况均无。", "…的情况本年度
    未收取费用，…"); None for any other line, or when what follows goes on as a title does
    ("…复议情况和行政诉讼情况"). Without it the run-on was read as the title's end, or (with a
    comma) the title was cut after its fee half and taken for section 三."""
    if "复议" not in text[t0:end] or not ("收费" in text[t0:end] or "收取费用" in text[t0:end]):
        return None
    m = MERGED_FEE_AND_CASES.match(text, t0, end)
    if m is None or not merged_fee_and_cases(m.group()):
        return None
    if m.end() < end and (not _SENTENCE_AFTER_TITLE.match(text, m.end(), end)
                          or "\t" in text[m.end():end] or _FIGURES_ONLY.fullmatch(text, m.end(), end)):
        return None  # (a table row's label and its figures is no heading)
    return m.end()


_FIGURES_ONLY = re.compile(r"(?:[ \u3000]+[\d.]+)+[ \u3000]*")


def _bracket_chrome(text: str, rest: str, below: list[tuple[int, int]],
                    above: list[tuple[int, int]]) -> bool:
    """Whether a line opening with a bracketed title is a portal's links or a run-in label,
    not a part title: another 【…】 follows on the line ("【主动公开】【依申请公开】【政策解读】",
    "【主动公开】全年公开164条；【依申请公开】…"), or the line is the bracket alone and the next
    or the previous line is another naming a part (a link list, one a line: ``below`` and
    ``above`` are the line spans from it outwards; a bracketed sub-heading under a bracketed
    title, "【一、概述】⏎【工作机制】", names none). Taken for titles, the links opened
    section 二 above 概述, which was then lost."""
    if "【" in rest:
        return True
    if rest.strip(" \t\u3000：:"):
        return False
    for side in (below, above):
        for l0, l1 in side:
            near = text[l0:l1].strip(" \t\u3000")
            if near:
                link = _LENTICULAR_TITLE.fullmatch(near)
                if link is not None and section_number(link.group("title"))[0]:
                    return True
                break
    return False


#: A numeral alone in brackets before its title ("【一】概述", "〔三〕依申请公开政府信息情况",
#: "【第二部分】主动公开…"): the title is the rest of the line. Read as a bracketed title
#: (:data:`_LENTICULAR_TITLE`) the numeral was the title, and such a report had no heading.
_BRACKETED_NUMERAL = re.compile(
    r"[【〔［\[][ \t\u3000]*(?:第[一二三四五六七八九十]{1,2}部分|[一二三四五六七八九十]{1,2})[ \t\u3000]*"
    r"[】〕］\]][ \t\u3000、.．：:]*")


def _find_unnumbered(text: str, start: int, end: int, run_in: bool = False,
                     bracketed: bool = True) -> list[Heading]:
    """Headings written without numerals: a short line that is just a known title, also
    after a numeral in brackets unless ``bracketed`` is False ("【一】概述"); with ``run_in``,
    also a known title with its text run on after a colon ("概述：2012年，…", "依申请公开
    情况：全年…"), as some older reports write every part."""
    found: list[Heading] = []
    last_number = 0
    lines = [(l0 + start, l1 + start) for l0, l1 in _lines(text[start:end])]
    for i, (l0, l1) in enumerate(lines):
        line = text[l0:l1].strip(" \t\u3000：:")
        body = l1
        if run_in and (colon := _COLON.search(line)) is not None and colon.start():
            body = text.index(line, l0) + colon.end()
            line = line[:colon.start()].rstrip(" \t\u3000")
        if (numeral := _BRACKETED_NUMERAL.match(line)) is not None:
            if not bracketed:
                continue
            line = line[numeral.end():]
        elif line.startswith("【") and (inner := _LENTICULAR_TITLE.match(line)):
            if _bracket_chrome(text, line[inner.end():], lines[i + 1:], lines[i - 1::-1] if i else []):
                continue
            if inner.end() < len(line):  # "【概述】2014年，…": the text runs on after the bracket
                body = text.index(line, l0) + inner.end()
            line = inner.group("title")
        if not line or NOT_TITLE.search(line):
            continue
        merged = merged_fee_and_cases(line)
        if len(line) > _UNNUMBERED_MAX and not merged:
            continue
        matched, number = section_number(line)
        if not matched or number is None or number <= last_number:
            continue
        if not merged and not near_known_title(line):  # ("概　　述", letter-spaced read closed up)
            continue
        t0 = text.index(line, l0)
        found.append(Heading(number, number, l0, t0, t0 + len(line), body))
        last_number = number
    return found



def find_title(text: str, end: int) -> tuple[int, int] | None:
    """The span of the report's title: the first line before ``end`` naming a 年度报告.

    A title broken after the agency ("某县人民政府\n2023年政府信息公开工作年度报告", as PDFs
    and centred web titles often are) spans both lines. A line of a list of other reports'
    titles above it (:func:`_listed`: 热点推荐, 相关文章) is passed over; on a page that is
    only such a list, its first line is taken (the list page is then refused as one). With
    no such line, the report a page's prompt names (:func:`_prompt_title`).
    """
    lines = _lines(text[:end])[:40]
    return (_find_title(text, lines, True) or _find_title(text, lines, False)
            or _prompt_title(text, lines))


#: The report a page's prompt names (:data:`_PROMPT`), after its label: "本页面为清河县农业农村局
#: 2023年政府信息公开工作年度报告全文" — the name, with a year, between 本页面为 and 全文.
_PROMPT_NAME = re.compile(
    r"[ \t\u3000]*(?:本页面?|本文|以下)?(?:内容)?(?:为|是|系)?[ \t\u3000]*[《“]?"
    r"(?P<name>[^\n。，,；;《》“”]{0,40}?(?:19|20)\d{2}[^\n。，,；;《》“”]{0,40}?(?:报告|年报))"
    r"[》”]?(?:全文|原文|正文)?[。.]?[ \t\u3000]*$")



def _prompt_title(text: str, lines: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of the report's name in a page's prompt line ("阅读提示：本页面为…年度报告
    全文") when no line is the title: the prompt is no title (:func:`_find_title` passes it
    over), but on a page printing no heading it is the only line naming the report. None when
    no prompt names one with its year."""
    for l0, l1 in lines:
        label = _PROMPT.match(text, l0, l1)
        if label and (m := _PROMPT_NAME.match(text, label.end(), l1)) and m.group("name")[
                :1] not in NOT_PLACE_START and any(
                rx.search(m.group("name")) for rx in
                (_REPORT_TITLE_STRONG, _REPORT_TITLE, _REPORT_TITLE_WORDED)):
            return m.span("name")
    return None


def _find_title(text: str, lines: list[tuple[int, int]], skip_lists: bool) -> tuple[int, int] | None:
    """:func:`find_title` over ``lines``, passing over listed titles with ``skip_lists``."""
    for rx in (_REPORT_TITLE_STRONG, _REPORT_TITLE, _REPORT_TITLE_WORDED):
        prev: tuple[int, int] | None = None
        above: list[tuple[int, int]] = []  # the last non-blank lines
        for k, (l0, l1) in enumerate(lines):
            line = text[l0:l1]
            cut = rx is _REPORT_TITLE_STRONG and _cut_title_end(text, line, lines, k)
            probe = line
            if cut:  # "…工作年度" + "报告": the rest of 年度报告 on the next line
                line = text[l0:lines[k + 1][1]]
                probe = _LINE_BREAKS.sub("", line)
            if (rx.search(probe) and len(probe.strip()) <= 80 and not _HEAD_CHROME.search(probe)
                    and not _BREADCRUMB.search(probe) and not _NEIGHBOUR_LINK.match(probe)
                    and not _PROMPT.match(probe)
                    and not probe.rstrip(" \t\u3000").endswith("。")
                    and not (skip_lists and not cut and _listed(text, lines, k, rx))):
                s = l0 + len(line) - len(line.lstrip(" \t\u3000"))
                e = l0 + len(line.rstrip(" \t\u3000"))
                if prev and _YEAR_START.match(text, s) and _is_agency_line(text[prev[0]:prev[1]]):
                    p = text[prev[0]:prev[1]]
                    s = prev[0] + len(p) - len(p.lstrip(" \t\u3000"))
                e = _year_below(text, e)  # (a title wrapped above reads its year there too)
                return _after_site_name(text, _wrapped_title(text, s, e, above), e), e
            if line.strip():
                prev = (l0, l1)
                above = [*above[-(_WRAP_LINES - 1):], (l0, l1)]
    return None


#: The name of a box of links a portal prints above the article ("热点推荐", "【相关文章】").
_LIST_HEAD = re.compile(
    r"[ \t\u3000【\[]*(?:热点推荐|热门推荐|推荐阅读|相关文章|相关阅读|相关链接|相关信息|相关新闻"
    r"|热点信息|热点关注|热门文章|最新文章|最新信息|猜你喜欢|阅读排行|点击排行)[ \t\u3000】\]:：]*")
#: How many lines of a box under its name are looked through (the box's links, one a line).
_LIST_LINES = 12


def _listed(text: str, lines: list[tuple[int, int]], k: int, rx: re.Pattern[str]) -> bool:
    """Whether line ``k`` is one of a list of report titles (热点推荐, 相关文章 above the
    report): the line right above or below it names another report (another agency or year;
    the page's <title> over its heading names the same one); or it stands in a box under its
    name (:data:`_LIST_HEAD`, only short lines between) and a report title naming another
    agency or year comes after it (the box's next link is no report: "…法治政府建设情况报告")."""
    own = agency_and_year(text[lines[k][0]:lines[k][1]].strip(" \t\u3000"))
    for j in (k - 1, k + 1):
        if 0 <= j < len(lines):
            other = text[lines[j][0]:lines[j][1]].strip(" \t\u3000")
            if (other and rx.search(other) and len(other) <= 80 and not _HEAD_CHROME.search(other)
                    and not _NEIGHBOUR_LINK.match(other) and own[0]
                    and (theirs := agency_and_year(other))[0] and theirs != own):
                return True
    return own[0] is not None and _under_list_head(text, lines, k) and not _dated_below(
        text, lines, k) and any(
        rx.search(other) and len(other) <= 80 and not _HEAD_CHROME.search(other)
        and not _NEIGHBOUR_LINK.match(other) and (theirs := agency_and_year(other))[0]
        and theirs != own
        for other in (text[a:b].strip(" \t\u3000") for a, b in lines[k + 1:]))


def _dated_below(text: str, lines: list[tuple[int, int]], k: int) -> bool:
    """Whether the next line under line ``k`` that is not blank is the page's chrome
    (:data:`_HEAD_CHROME`: "发布时间：2024-01-22"): the article's title over its publication
    line, not a box's link, though a menu item ("最新信息") stands above it and another
    report's title (a 相关文章 box under it) below."""
    for a, b in lines[k + 1:]:
        line = text[a:b]
        if line.strip(" \t\u3000\r"):
            return len(line) <= 120 and bool(_HEAD_CHROME.search(line))
    return False


def _under_list_head(text: str, lines: list[tuple[int, int]], k: int) -> bool:
    """Whether a box's name (:data:`_LIST_HEAD`) stands above line ``k`` with only short
    lines that are no sentence between (its other links)."""
    for j in range(k - 1, max(-1, k - 1 - _LIST_LINES), -1):
        line = text[lines[j][0]:lines[j][1]].strip(" \t\u3000\r")
        if not line:
            continue
        if _LIST_HEAD.fullmatch(line):
            return True
        if len(line) > 80 or line.endswith("。"):
            return False
    return False


#: The start of 年度报告 at a line's end ("…工作年度", "…年度报", "…工作年"), which a scan's
#: OCR (a centred title broken at the page's width) finishes on the next line.
_TITLE_HEAD_CUT = re.compile(r"(?:年度报|年度|年)[ \t\u3000]*$")
_TITLE_TAIL_CUT = re.compile(r"[ \t\u3000]*(?:告|报告|度报告)[ \t\u3000]*$")


def _cut_title_end(text: str, line: str, lines: list[tuple[int, int]], k: int) -> bool:
    """Whether ``line`` (lines[k]) is a title whose 年度报告 the line under it finishes
    ("某局2012年政府信息公开工作年度" / "报告"): the two read 年度报告 across the break, and the
    line under holds nothing else."""
    if k + 1 >= len(lines) or "年" not in line or not _TITLE_HEAD_CUT.search(line):
        return False
    below = text[lines[k + 1][0]:lines[k + 1][1]]
    if not _TITLE_TAIL_CUT.fullmatch(below):
        return False
    return "年度报告" in line.rstrip(" \t\u3000") + below.strip(" \t\u3000")


#: The year alone in brackets on the line under a title ("（2010年度）", "（二〇一〇年）").
_BRACKETED_YEAR_LINE = re.compile(
    rf"\n[ \t\u3000]*[（(][ \t\u3000]*(?:(?:19|20)\d{{2}}|[一二][{HANZI_ZEROS}一二三四五六七八九]{{3}})"
    r"[ \t\u3000]*年?度?[ \t\u3000]*[)）][ \t\u3000]*(?=\n|$)")


def _year_below(text: str, end: int) -> int:
    """The end of a title ending at ``end``, with the bracketed year on the line under it
    ("某局政府信息公开工作年度报告\n（2010年度）", as older reports set it) when there is one."""
    m = _BRACKETED_YEAR_LINE.match(text, end)
    return m.end() if m else end


#: A title wraps over at most this many lines (the one naming the 年度报告 and those above).
_WRAP_LINES = 3
_WRAP_LINE_MAX = 30
#: A line above the title that is no part of it: a sentence, a site's name, a column's name.
_NOT_TITLE_PART = re.compile(r"[。，,；;：:！？!?>›»|]|网站$|网$|门户$|平台$|专栏$|首页$|年度报告|年报")


def _wrapped_title(text: str, start: int, end: int, above: list[tuple[int, int]]) -> int:
    """The start of a title wrapped over 2–3 short consecutive lines ending at text[start:end]
    ("某县自然资源\n和规划局2023年政府信息公开工作年度报告", "某局2023年\n政府信息公开…"), else
    ``start``.

    The lines above are joined only when the joined text reads as a title naming an agency
    and a year and the line alone does not: it names no agency or no year, or its agency is
    the tail of the joined one and, unlike it, starts with no place ("和规划局").
    """
    def read(s: int) -> tuple[str | None, int | None]:
        return agency_and_year(_LINE_BREAKS.sub("", text[s:end]))

    agency, year = read(start)
    best = start
    lines = [(a, b) for a, b in above if a < start]
    for k in range(1, len(lines) + 1):
        l0, l1 = lines[-k]
        part = text[l0:l1].strip(" \t\u3000")
        if (len(part) > _WRAP_LINE_MAX or _NOT_TITLE_PART.search(part) or _HEAD_CHROME.search(part)
                or _DATE_LINE.match(part) or text.count("\n", l1, lines[-k + 1][0] if k > 1 else start) > 1):
            break
        s = l0 + len(text[l0:l1]) - len(text[l0:l1].lstrip(" \t\u3000"))
        joined, joined_year = read(s)
        if not joined or not joined_year or level_of(joined) is None and not _NO_LEVEL.search(joined):
            continue
        broken = (agency is not None and joined.endswith(agency) and region_of(agency) is None
                  and region_of(joined) is not None)
        if agency is None or year is None or broken:
            best, agency, year = s, joined, joined_year
    return best


#: A site's name before the title on its line, as a page's <title> may write it ("溪口县人民政府
#: 溪口县民政局2023年…"): a government's name or a site's, then blanks.
_SITE_NAME = re.compile(r"([^\s]{2,20}?(?:人民政府|政府|网|网站|门户))[ \t\u3000]+(?=\S)")


def _after_site_name(text: str, start: int, end: int) -> int:
    """``start`` moved past a site's name and blanks before the title in text[start:end]
    (:data:`_SITE_NAME`) when what follows reads as a title on its own whose agency starts
    as the site's name does (the same place: "溪口县人民政府 溪口县民政局…" → "溪口县民政局…");
    else ``start``. "国家税务总局 某县税务局…" is one name and stays whole."""
    m = _SITE_NAME.match(text, start, end)
    if m is None:
        return start
    agency, year = agency_and_year(text[m.end():end])
    return m.end() if agency and year and agency[:2] == m.group(1)[:2] else start


def _same_report(line: str, own: tuple[str | None, int | None]) -> bool:
    """Whether ``line`` is the report's title worded otherwise, ``own`` being the title's
    (agency, year): a page's <title> with the site's name after it over the heading
    ("…2023年度…_溪口县人民政府" over "…2023年…"), "年报" for "年度报告", 县政府 for 县人民政府.
    A title line of its own naming the same year and agency (its key, :func:`agency_key`)."""
    line = line.strip(" \t\u3000")
    if (not own[0] or not own[1] or len(line) > 80 or _HEAD_CHROME.search(line)
            or line.endswith("。") or not (_REPORT_TITLE_STRONG.search(line) or _REPORT_TITLE.search(line))):
        return False
    theirs = agency_and_year(line)
    return theirs[1] == own[1] and theirs[0] is not None and agency_key(theirs[0]) == agency_key(own[0])


#: A page's chrome written one element a line, as some scrapers save it ("首页⏎政务公开⏎…",
#: "发布时间：⏎2024-01-15⏎来源：⏎县政府办", "分享到：⏎微信⏎微博"): an element is this short.
_ITEM_MAX = 12
#: ... and is chrome only with a line of chrome (or the title again) this few lines below it.
_ITEM_LOOKAHEAD = 3
_ITEM_PUNCT = re.compile(r"[。，,；;！？!?、]")


def _chrome_item(text: str, line: str, below: list[tuple[int, int]], key: str,
                 own: tuple[str | None, int | None]) -> bool:
    """Whether ``line`` under the title is one element of the page's chrome written on a line
    of its own: short, no sentence's punctuation, and a chrome line (:data:`_HEAD_CHROME`,
    a breadcrumb) or the title again among the lines ``below`` it."""
    item = line.strip(" \t\u3000\r")
    if not item or len(item) > _ITEM_MAX or _ITEM_PUNCT.search(item):
        return False
    for l0, l1 in below:
        other = text[l0:l1]
        if ((_HEAD_CHROME.search(other) and len(other) <= 120)
                or (len(other) <= 60 and _BREADCRUMB.search(other))
                or _BLANKS.sub("", other) == key or _same_report(other, own)):
            return True
    return False


def _is_agency_line(line: str) -> bool:
    line = line.strip(" \t\u3000")
    return (0 < len(line) <= 30 and bool(_SIGNATURE.match(line)) and bool(_AGENCY_END.search(line))
            and not _HEAD_CHROME.search(line) and not _BREADCRUMB.search(line))


def analyse(text: str) -> Layout:
    """Title, sections and chrome boundaries of ``text`` (offsets)."""
    n = len(text)
    headings = find_headings(text, 0, n)
    first = headings[0].line_start if headings else n
    title_span = find_title(text, first)
    content_start = 0
    if title_span:
        content_start = title_span[1]
        # skip chrome lines right after the title (发布时间 …, 字号 …)
        base = content_start
        content_start = first
        head = [(base + l0, base + l1) for l0, l1 in _lines(text[base:first])
                if text[base + l0:base + l1].strip()]
        title_key = _BLANKS.sub("", text[title_span[0]:title_span[1]])
        own = agency_and_year(_LINE_BREAKS.sub("", text[title_span[0]:title_span[1]]))
        i = 0
        while i < len(head):
            l0, l1 = head[i]
            line = text[l0:l1]
            repeat = _title_repeat(text, title_key, head[i:i + _WRAP_LINES], own)
            if repeat:  # the title again (a page's <title> and its <h1>): the date line follows
                i += repeat
                continue
            if (not _HEAD_CHROME.search(line) or len(line) > 120) and not (
                    len(line) <= 60 and _BREADCRUMB.search(line)) and not (
                    _chrome_item(text, line, head[i + 1:i + 1 + _ITEM_LOOKAHEAD], title_key, own)
                    ) and not PAGE_STAMP.match(line):
                content_start = l0
                break
            i += 1
        headings = [h for h in headings if h.line_start >= content_start]

    content_end, signature_span, date_span, annex_span = _tail(
        text, headings[-1].body_start if headings else content_start)
    headings = [h for h in headings if h.line_start < content_end]

    sections: list[SectionSpan] = []
    folded: list[str] = []
    unsectioned: list[tuple[int, int]] = []
    if headings:
        if headings[0].line_start > content_start:
            unsectioned.append((content_start, headings[0].line_start))
    else:
        unsectioned.append((content_start, content_end))
    current: int | None = None  # the section number being filled
    for i, h in enumerate(headings):
        body_end = headings[i + 1].line_start if i + 1 < len(headings) else content_end
        # (a number seen before, not the current one: a 收费 part after 复议诉讼, see
        # _find_numbered, kept as a span of its own that the parser joins to its section)
        if h.number is None or h.number == current:
            if h.number is None:
                folded.append(text[h.title_start:h.title_end])
            if sections:
                last = sections[-1]
                sections[-1] = SectionSpan(last.number, last.title_start, last.title_end,
                                           last.body_start, body_end)
            continue
        sections.append(SectionSpan(h.number, h.title_start, h.title_end, h.body_start, body_end))
        current = h.number
    if annex_span:  # (text under no section, key 0: its tables are read)
        unsectioned.append(annex_span)
    return Layout(title_span, content_start, content_end, tuple(sections), tuple(unsectioned),
                  tuple(folded), signature_span, date_span,
                  _head_date(text, title_span, first, title_key, own) if title_span else None,
                  annex_span)


#: How many non-blank lines under the title are looked at for its date line.
_HEAD_DATE_LINES = 3


def _head_date(text: str, title: tuple[int, int], first: int, key: str,
               own: tuple[str | None, int | None]) -> tuple[int, int] | None:
    """The span of a line holding only a date (``metadata.TITLE_DATE``) among the first few
    non-blank lines under the ``title`` and above the first section heading (at ``first``),
    past the page's chrome, the title printed again (``key``, its text without blanks, or
    worded otherwise with ``own``, its agency and year) and an agency line ("国家林业局",
    "——云岭州宁川市人民政府办公室"); else None. Only there: a date in the text (总体情况's
    "自2023年1月1日起施行", the data period) is never the report's."""
    after = title[1]
    seen = 0
    for l0, l1 in _lines(text[after:min(first, after + 600)]):
        line = text[after + l0:after + l1]
        if not line.strip():
            continue
        chrome = _HEAD_CHROME.search(line) and len(line) <= 120  # (its 发布时间 is the page's)
        if not chrome and TITLE_DATE.fullmatch(line):
            return after + l0, after + l1
        seen += 1
        if seen >= _HEAD_DATE_LINES or not (
                chrome or _BREADCRUMB.search(line) or _BLANKS.sub("", line) == key
                or _same_report(line, own) or _is_agency_line(line.lstrip(" \t\u3000—-－"))):
            return None
    return None


def _title_repeat(text: str, key: str, lines: list[tuple[int, int]],
                  own: tuple[str | None, int | None] = (None, None)) -> int:
    """How many of ``lines`` (1–3, from the first) spell the title ``key`` (its text without
    blanks) again, blanks aside, or 1 when the first is the title worded otherwise
    (:func:`_same_report`, ``own`` the title's agency and year); 0 if they do not."""
    seen = ""
    for n, (l0, l1) in enumerate(lines, 1):
        seen += _BLANKS.sub("", text[l0:l1])
        if seen == key:
            return n
        if not key.startswith(seen):
            break
    return 1 if lines and _same_report(text[lines[0][0]:lines[0][1]], own) else 0


_BLANKS = re.compile(r"\s+")


def _tail(text: str, after: int) -> tuple[int, tuple[int, int] | None, tuple[int, int] | None,
                                         tuple[int, int] | None]:
    """Where the report ends: before trailing chrome, and before the agency + date signature;
    ``(end, signature, date, annex)``, the annex being the text under a signature and date
    that do not close the text (附件/附表, 名词解释, a QR code and its caption)."""
    end = len(text)
    lines = _lines(text[after:])
    for i, (l0, l1) in enumerate(lines):
        if _TAIL_CHROME.match(text, after + l0, after + l1):
            if (_LONE_ANNEX_LABEL.fullmatch(text, after + l0, after + l1)
                    and _labels_an_annex(text, after, lines, i)):
                continue  # "附件：" under the date, the annex's name below: the annex part
            end = after + l0
            break
        glued = _glued_buttons(text, after + l0, after + l1)
        if glued is not None:  # "…水平。【打印本页】【关闭窗口】": the page's buttons after the last line
            end = glued
            break
    # the closing signature: "<agency>\n<date>" as the last non-blank lines
    tail_lines = [(after + a, after + b) for a, b in lines if after + b <= end
                  and text[after + a:after + b].strip()]
    signature = date = None
    # nor do images below it (a WeChat article's QR code above its 来源/编辑 credits)
    while tail_lines and text[tail_lines[-1][0]:tail_lines[-1][1]].strip() == IMAGE_MARK:
        end = tail_lines.pop()[0]
    # page numbers after the date (a PDF copy's last page) do not hide the signature
    if (len(tail_lines) > 1 and _PAGE_LINE.fullmatch(text, *tail_lines[-1])
            and _DATE_LINE.match(text[tail_lines[-2][0]:tail_lines[-2][1]])):
        tail_lines.pop()
    junk = _junk_under_signature(text, tail_lines)
    if junk:  # the page's own short lines under the signed date ("返回列表", "【TOP】", "微信")
        end = tail_lines[-junk][0]
        del tail_lines[-junk:]
    signed = _signed_date(text, *tail_lines[-1]) if tail_lines else None
    if signed:  # "<agency>　　<date>" on one line
        signature, date = signed
        end = signature[0]
    elif (tail_lines and _DATE_LINE.match(text[tail_lines[-1][0]:tail_lines[-1][1]])
          and not _value_above(text, tail_lines, len(tail_lines) - 1)):
        date = tail_lines[-1]
        end = date[0]
        if len(tail_lines) > 1:
            s0, s1 = tail_lines[-2]
            if _SIGNATURE.match(text[s0:s1]) and _AGENCY_END.search(text[s0:s1]):
                signature = (s0, s1)
                end = s0
    elif (len(tail_lines) > 1 and _is_agency_line(text[tail_lines[-1][0]:tail_lines[-1][1]])
          and "\n\n" in text[tail_lines[-2][1]:tail_lines[-1][0]].replace(" ", "")):
        # the agency signed below a blank line with no date under it (the date printed
        # under the title instead): a signature, no statement of the last section
        signature = tail_lines[-1]
        end = signature[0]
    elif date is None:
        signature, date, annex = _signed_above_annex(text, tail_lines)
        if date is not None:
            return _closing_start(text, after, (signature or date)[0]), signature, date, (
                annex, end)
    return _closing_start(text, after, end), signature, date, None


#: At most this many short lines of a page under the signed date are its chrome, each this short.
_JUNK_LINES = 3
_JUNK_MAX = 24
_JUNK_PUNCT = re.compile(r"[。；;，,！？!?\t]")


#: A short line under the signed date that is the report's own matter, no page chrome: an
#: annex's name with no label ("政府信息公开工作年度报告统计表", its table an image; "术语说明",
#: "指标解释") or a note's word alone over its text ("注⏎统计口径同上年"). Kept as the annex
#: (:func:`_signed_above_annex`), as a labelled annex is. 列表 ("返回列表"), 图表 … are chrome's,
#: and a form the site offers for download (政府信息公开申请表, 意见征集表, 调查表 …) no annex.
_UNLABELLED_ANNEX = (r"[ \t\u3000]*(?![^\n]*(?:二维码|扫码|(?:申请|征集|调查|反馈|登记|报名)表))"
                     r"(?:[^\n。；;，,:：]{2,22}(?<![列代发图])表"
                     r"|[^\n。；;，,:：]{0,12}(?:术语|名词|指标|统计|数据|填报|编制|有关|相关)"
                     r"(?:说明|解释|释义))[ \t\u3000]*")
_UNLABELLED_ANNEX_LINE = re.compile(_UNLABELLED_ANNEX)
_MATTER_UNDER_SIGNATURE = re.compile(rf"{_UNLABELLED_ANNEX}|[ \t\u3000]*{NOTE_WORD}[ \t\u3000:：]*")


def _junk_under_signature(text: str, tail_lines: list[tuple[int, int]]) -> int:
    """How many of the last ``tail_lines`` are a page's chrome the tail does not know, left
    between the report's signature and the chrome it does ("清河县水利局⏎2024年1月20日⏎返回列表"):
    1 to :data:`_JUNK_LINES` short lines with no sentence punctuation, no date and no annex's
    start, right under a closing date signed by an agency (on the line above or on its own
    line); 0 otherwise. Left there, they hid the signature (no date read) and stayed in the
    last section's text."""
    for n in range(1, min(_JUNK_LINES, len(tail_lines) - 1) + 1):
        line = text[tail_lines[-n][0]:tail_lines[-n][1]].strip(" \t\u3000\r")
        if (len(line) > _JUNK_MAX or _JUNK_PUNCT.search(line) or _DATE_LINE.match(line)
                or _signed_date(text, *tail_lines[-n]) or _annex_start().match(line)
                or _MATTER_UNDER_SIGNATURE.fullmatch(line)):
            return 0
        d0, d1 = tail_lines[-n - 1]
        if _signed_date(text, d0, d1):
            return n
        if _DATE_LINE.match(text[d0:d1].strip(" \t\u3000\r")) and len(tail_lines) > n + 1:
            s0, s1 = tail_lines[-n - 2]
            if _SIGNATURE.match(text[s0:s1]) and _AGENCY_END.search(text[s0:s1]):
                return n
    return 0


#: A page's buttons run on after the article's last line, as a copy of the page joins them
#: ("…不断提升水平。【打印本页】【关闭窗口】"): two or more in brackets ending the line.
#: One button, blanks before it (the line's run of them is :func:`_glued_buttons`').
_GLUED_BUTTON = re.compile(
    r"[ \t\u3000]*[【\[][ \t\u3000]{0,2}(?:我要)?(?:打印本页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|返回顶部"
    r"|我要纠错|纠错)[ \t\u3000]{0,2}[】\]]")


def _glued_buttons(text: str, start: int, end: int) -> int | None:
    """Where the page's buttons glued to the end of the line text[start:end] begin: two or
    more (:data:`_GLUED_BUTTON`) one after the other, only blanks after them; None when the
    line does not end so. One pass over the line's buttons: a search for the run from each
    position tried every button after it (a line of 5,000 buttons and a word: 4 s)."""
    first = last = None
    count = 0
    for m in _GLUED_BUTTON.finditer(text, start, end):
        if m.start() != last:
            first, count = m.start(), 0
        count += 1
        last = m.end()
    if count < 2 or text[last:end].strip(" \t\u3000\r"):
        return None
    return first


#: "附件" or "附件：" alone on its line: a web page's attachment box (chrome), or, under the
#: closing date with the annex's name on the next line, the label of a signed report's annex.
_LONE_ANNEX_LABEL = re.compile(r"[ \t\u3000]{0,8}附件[:：]?")
#: A linked file's name (the attachment box of a page: "某县2024年年度报告.pdf").
_FILE_NAME = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar|7z|txt|jpe?g|png)\b", re.IGNORECASE)


def _labels_an_annex(text: str, after: int, lines: list[tuple[int, int]], i: int) -> bool:
    """Whether the lone "附件：" line ``lines[i]`` (offsets from ``after``) labels an annex of
    the signed report rather than a page's attachment box: the line above it is the closing
    date (alone or after the agency), the line below a name ("2024年政府信息公开情况统计表",
    "附件1：…") — no linked file's name, no page chrome, no table row, no date."""
    def nonblank(js: range) -> tuple[int, int] | None:
        spans = ((after + lines[j][0], after + lines[j][1]) for j in js)
        return next((s for s in spans if text[s[0]:s[1]].strip()), None)

    above, below = nonblank(range(i - 1, -1, -1)), nonblank(range(i + 1, len(lines)))
    if above is None or below is None:
        return False
    if not (_DATE_LINE.match(text[above[0]:above[1]]) or _signed_date(text, *above)):
        return False
    name = text[below[0]:below[1]].strip(" \t\u3000\r")
    return (len(name) <= _ANNEX_NAME_MAX and "\t" not in name and not _FILE_NAME.search(name)
            and not _DATE_LINE.match(name) and not _TAIL_CHROME.match(text, *below))


@lru_cache(maxsize=1)
def _annex_start() -> re.Pattern[str]:
    """A line opening an annex under the signed report ("附件：县直各部门…情况", "附表1",
    "附件", "附：名词解释", "名词解释", a QR code or its caption "扫描二维码查看…", a note
    "注：…" — a PDF's footnote printed at the foot of the last page, under the date); compiled
    on first use (only a report with no closing date asks for it)."""
    return re.compile(
        r"[ \t\u3000]{0,8}(?:附[件表录][\d一二三四五六七八九十]{0,3}(?:[:：\s.、]|$)|附[:：]"
        rf"|【?名词解释|[^\n。；;]{{0,12}}(?:二维码|扫码)|\[图片\][ \t\u3000]*$|{NOTE_WORD}[:：])")


#: A line opening one annex of the annex part (附件1：…, 附表2, 附录, 附：…, 名词解释).
_ANNEX_TITLE = re.compile(
    r"[ \t\u3000]{0,8}(?:附[件表录][ \t]?[\d一二三四五六七八九十]{0,3}(?:[:：\s.、]|$)|附[:：]"
    r"|【?名词解释)")
#: A title that is the label alone ("附件1", "附表：", "附件 2"): the line below names it.
_BARE_ANNEX_LABEL = re.compile(
    r"[ \t\u3000]*附[件表录]?[ \t]?[\d一二三四五六七八九十]{0,3}[ \t\u3000:：.、]*")
#: The longest line below a bare label read as its name (a table row or prose is none).
_ANNEX_NAME_MAX = 60


def annex_titles(text: str, span: tuple[int, int]) -> list[tuple[str, int, int]]:
    """``(title, start, end)`` of each annex in the annex part ``text[span[0]:span[1]]``
    (:attr:`Layout.annex_span`): one per line opening with 附件/附表/附录/附：/名词解释, running
    to the next such line, and a first line naming it with no label ("政府信息公开情况统计表",
    "术语说明"). A bare label ("附件1") takes the line below as its name ("附件1
    2024年政府信息公开情况统计表"). A QR code or picture alone under the signature is no annex."""
    start, end = span
    found: list[tuple[str, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        l1 = end if nl < 0 else nl
        if pos == start and _UNLABELLED_ANNEX_LINE.fullmatch(text, pos, l1):
            found.append((text[pos:l1].strip(" \t\u3000"), pos))  # named under the signature
        elif _ANNEX_TITLE.match(text, pos, l1):
            title = text[pos:l1].strip(" \t\u3000")
            if _BARE_ANNEX_LABEL.fullmatch(title):
                below = _next_line(text, l1, end)
                if _LONE_ANNEX_LABEL.fullmatch(title) and _ANNEX_TITLE.match(below):
                    pos = l1 + 1  # "附件：" over "附件1：…" "附件2：…": the list's label, no annex
                    continue
                if below and len(below) <= _ANNEX_NAME_MAX and "\t" not in below:
                    title = f"{title.rstrip(':：.、 ')} {below}"
            found.append((title, pos))
        pos = l1 + 1
    out = []
    for i, (title, s) in enumerate(found):
        e = found[i + 1][1] if i + 1 < len(found) else end
        while e > s and text[e - 1] in " \t\u3000\r\n":
            e -= 1
        out.append((title, s, e))
    return out


def _lines_above(text: str, at: int) -> Iterator[str]:
    """The non-blank lines before offset ``at`` (a line start) in ``text``, stripped, the
    nearest first."""
    pos = at - 1
    while pos > 0:
        nl = text.rfind("\n", 0, pos)
        line = text[nl + 1:pos].strip(" \t\u3000\r")
        if line:
            yield line
        pos = nl


#: A 统计表's group label on its line, its empty cells stripped ("一、主动公开情况").
_GROUP_LABEL = re.compile(rf"[一二三四五六七八九十]{{1,2}}[、.．][^\t。，,；;]{{1,{_GROUP_LABEL_MAX}}}")


def _under_group_label(text: str, at: int) -> bool:
    """Whether the line starting at ``at`` follows a row of figures of a table that an
    earlier group label opens: the rows above it (lines with cells) reach a group label
    (:data:`_GROUP_LABEL`) before any other line."""
    above = _lines_above(text, at)
    if not _FIGURE_ROW.search(next(above, "")):
        return False
    for line in above:
        if "\t" not in line:
            return bool(_GROUP_LABEL.fullmatch(line))
    return False


def _next_line(text: str, at: int, end: int) -> str:
    """The first non-blank line after offset ``at`` (a line end) in text[:end], stripped."""
    pos = at + 1
    while pos < end:
        nl = text.find("\n", pos, end)
        line = text[pos:end if nl < 0 else nl].strip(" \t\u3000\r")
        if line:
            return line
        if nl < 0:
            break
        pos = nl + 1
    return ""


def _signed_above_annex(text: str, lines: list[tuple[int, int]]
                        ) -> tuple[tuple[int, int] | None, tuple[int, int] | None, int]:
    """``(signature, date, annex start)`` of a report signed and dated above its annex (the
    report's own tables, its bureaus' tables, a 名词解释, a QR code appended after the closing
    date): the date line right above the first annex line, the agency line above it. The
    report ends there; the annex is no section's text (its tables are still read).
    ``(None, None, 0)`` if none."""
    annex = _annex_start()
    for i, (l0, l1) in enumerate(lines):
        if i < 1:
            continue
        labelled = bool(annex.match(text, l0, l1))
        if labelled or _MATTER_UNDER_SIGNATURE.fullmatch(text, l0, l1):
            signed = _signed_date(text, *lines[i - 1])
            if signed:
                return signed[0], signed[1], l0
            if _DATE_LINE.match(text[slice(*lines[i - 1])]) and not _value_above(text, lines, i - 1):
                date = lines[i - 1]
                s0, s1 = lines[i - 2] if i >= 2 else (0, 0)
                sig = (s0, s1) if i >= 2 and _is_agency_line(text[s0:s1]) else None
                if sig is None and (not labelled or _NOTE_START.match(text, l0, l1)):
                    continue  # (a sentence's date over a note: "…统计截至⏎2023年12月31日⏎注：…";
                    # a name with no label is the annex's only under a signature)
                return sig, date, l0
    return None, None, 0


#: A note's first line ("注：…", 注释：, 备注：): under a date it ends the report only below an
#: agency's name, a signature (a date alone over it may be a sentence's, cut by a line break).
_NOTE_START = re.compile(rf"[ \t\u3000]{{0,8}}{NOTE_WORD}[:：]")


#: The end of a line whose sentence the next line completes: "…发布时间为：", "…开通日期为".
_ASKS_VALUE = re.compile(r"[:：为][ \t\u3000]*$")


#: A signature's own label for its date on a line of its own ("报告日期：", "成文日期："): the
#: date under it is the closing date.
_DATE_LABEL = re.compile(r"[ \t\u3000]*(?:(?:报告|编制|成文|落款|签发)?日期|(?:报告|编制|成文)时间)"
                         r"[ \t\u3000]*[:：][ \t\u3000]*")


def _value_above(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """Whether the date line ``lines[i]`` is the value of the line above it ("本年度工作要点
    发布时间为：⏎2023.3.15"), a sentence's date and no closing date (落款); a signature's
    label for its date ("报告日期：", :data:`_DATE_LABEL`) asks for the closing date."""
    return (i >= 1 and bool(_ASKS_VALUE.search(text, *lines[i - 1]))
            and not _DATE_LABEL.fullmatch(text, *lines[i - 1]))


#: The blanks between the agency and the date of a signature on one line.
_SIGN_GAP = re.compile(r"[ \t\u3000]+(?=\S+[ \t\u3000]*$)")
#: A line ending in a date in figures ("2024-01-26", "2024.1.26"), as :data:`_DATE_LINE` reads one.
_FIGURES_END = re.compile(r"\d[-./]\d{1,2}[ \t\u3000]*$")


def _signed_date(text: str, l0: int, l1: int
                 ) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``(agency, date)`` spans of a signature written on one line, the agency, blanks and
    the closing date ("青石县人民政府办公室　　2024年1月26日", "…　2024-01-26"); else None."""
    line = text[l0:l1]
    if "日" not in line and "月" not in line and not _FIGURES_END.search(line):
        return None
    m = _SIGN_GAP.search(line.rstrip(" \t\u3000"))
    if m is None or not _DATE_LINE.match(line[m.end():]) or not _is_agency_line(line[:m.start()]):
        return None
    return (l0, l0 + m.start()), (l0 + m.end(), l1)


#: The closing formula of a report's last line ("特此报告。", "以上报告，请审阅。"), on a line of
#: its own or run in after the last sentence: no part of the last section (a measure of 五
#: when 六 is missing, or text of 六 that is "无").
_CLOSING = re.compile(
    r"(?m)(?:^|(?<=[。！？!?；;]))[ \t\u3000]*(?:特此(?:报告|公告|说明)|以上报告)"
    r"(?:[，,]?(?:请(?:予以)?(?:审阅|审议|审定)|如上))?[。.！!]?[ \t\u3000]*\Z")


def _closing_start(text: str, after: int, end: int) -> int:
    """``end`` moved back before a closing formula on the last non-blank line above it (looked
    for in the last 200 characters: a closing is short, blanks after it few)."""
    lo = max(after, end - 200)
    e = lo + len(text[lo:end].rstrip())
    ls = max(after, text.rfind("\n", after, e) + 1)
    m = _CLOSING.search(text, ls, e)
    return end if m is None else m.start()


@dataclass(frozen=True)
class InnerBlock:
    """Problems and measures (存在的问题 / 改进措施 / 下一步工作打算) headed inside another
    section of a report that has no section 五: older layouts wrote them as a sub-heading of
    概述 or of the last part. ``section`` holds it; its sub-heading (phrase ``heading``) stands
    at ``start``, its text runs from ``body_start`` to the next sub-heading of the heading's
    style that names no problem or measure, or to the section's end (``end``)."""

    section: int
    heading: str
    start: int
    body_start: int
    end: int


# (the two patterns below are compiled on first use: only a report with no section 五 asks
# for them, and each costs the regex compiler a fraction of a millisecond at every start)
@lru_cache(maxsize=1)
def _inner_marker_rx() -> re.Pattern[str]:
    """A sub-heading's number inside a section: （三） (3) ㈢ 三、 3、 3. (never a 3.5 figure)."""
    return re.compile(
        r"[ \t\u3000]{0,8}(?:[(（][ \t]{0,2}(?P<paren>十[一二]?|[一二三四五六七八九]|\d{1,2})[ \t]{0,2}[)）]"
        r"|(?P<circled>[㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩])"
        r"|(?P<cn>十[一二]?|[一二三四五六七八九])[、.．]"
        r"|(?P<num>\d{1,2})(?:、|[.．](?!\d)))[ \t\u3000]{0,4}")


_CIRCLED_NUMBERS = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"


@lru_cache(maxsize=1)
def _inner_noun_end() -> re.Pattern[str]:
    """A phrase that names what it heads ("存在的问题", "下一步工作打算", "…及改进情况"), not
    a sentence saying something ("工作计划执行到位") nor a review ("2013年工作计划执行情况")."""
    return re.compile(r"(?:问题|不足|不足之处|困难|短板|差距|薄弱环节|措施|举措|打算|计划|方向"
                      r"|思路|安排|重点|建议|对策|改进情况|整改情况|下一?步工作|今后工作)$")


#: A year a sub-heading's phrase names ("2014年工作打算"): see :func:`_inner_heading`.
_INNER_YEAR = re.compile(r"(?:19|20)\d{2}(?=年)")


def _inner_marker(text: str, l0: int, l1: int) -> tuple[str | None, int, int]:
    """(style, ordinal, end) of the sub-heading number opening text[l0:l1]; (None, 0, l0)."""
    m = _inner_marker_rx().match(text, l0, l1)
    if m is None or m.lastgroup is None:
        return None, 0, l0
    raw = m.group(m.lastgroup)
    n = (int(raw) if raw.isdigit() else _CIRCLED_NUMBERS.index(raw) + 1
         if m.lastgroup == "circled" else _NUMERALS[raw])
    return m.lastgroup, n, m.end()


def _inner_heading(text: str, l0: int, l1: int,
                   year: int | None = None) -> tuple[str | None, int, str, int] | None:
    """(marker style or None, its ordinal, phrase, body start) of a sub-heading line
    text[l0:l1] naming problems or measures — its phrase a section-五 title
    (:func:`headings.section_number` gives 5, :func:`headings.block_of` a block), and not
    one naming the year reported on (``year``) or an earlier one ("2013年工作重点" in a report
    on 2013 reviews that year's work; "2014年工作打算" plans) — else None."""
    style, n, p0 = _inner_marker(text, l0, l1)
    stop = SUBHEADING_STOP.search(text, p0, min(l1, p0 + MAX_SUBHEADING_LENGTH + 1))
    if stop is not None and text[stop.start()] not in "。：:":
        return None
    p1 = stop.start() if stop else l1
    phrase = text[p0:p1].strip(" \t\u3000")
    if not phrase or len(phrase) > MAX_SUBHEADING_LENGTH or (
            stop is None and l1 - p0 > MAX_SUBHEADING_LENGTH):
        return None
    if style is None and (len(phrase) > MAX_UNNUMBERED_LENGTH
                          or (stop is not None and text[stop.end():l1].strip(" \t\u3000"))):
        return None  # unnumbered: alone on its line ("存在的不足", "改进措施：")
    if (not _inner_noun_end().search(phrase) or section_number(phrase) != (True, 5)
            or block_of(phrase) is None):
        return None
    named = _INNER_YEAR.search(phrase)
    if named and year is not None and int(named.group()) <= year:
        return None
    return style, n, phrase, stop.end() if stop else l1


def inner_section5(text: str, layout: Layout, year: int | None = None) -> tuple[InnerBlock, ...]:
    """The problems-and-measures sub-blocks headed inside the sections of a report that has
    no section 五 (:class:`InnerBlock`), at most one a section, in order; () when the report
    has a 五 or none is headed so. Only a sub-heading whose phrase is a section-五 title
    counts, numbered as a sub-heading is (（三）, 三、, 3.) or alone on its line: a sentence
    that mentions 问题 never does. The block ends at the next number of its heading's style
    ("（三）存在的不足" … "（五）公开场所建设情况"), unless that style numbers the items under
    it too (it starts again at 1): then at the section's end. ``year``: the year reported on
    (:func:`_inner_heading`)."""
    if any(s.number == 5 for s in layout.sections):
        return ()
    found: list[InnerBlock] = []
    for s in layout.sections:
        block: InnerBlock | None = None
        style: str | None = None
        last = 0
        for l0, l1 in _lines(text[s.body_start:s.body_end]):
            l0, l1 = s.body_start + l0, s.body_start + l1
            if block is None:
                hit = _inner_heading(text, l0, l1, year)
                if hit is not None:
                    style, last, phrase, body = hit
                    block = InnerBlock(s.number, phrase, l0, body, s.body_end)
                continue
            if style is None:
                break  # (an unnumbered sub-heading: its block runs to the section's end)
            line_style, n, _ = _inner_marker(text, l0, l1)
            if line_style != style:
                continue
            if _inner_heading(text, l0, l1, year) is not None:  # "（四）下一步工作打算"
                last = n
            elif n == 1:  # its items numbered in the same style: no end but the section's
                break
            elif n == last + 1:  # the next sub-heading, on another matter: the block ends
                block = InnerBlock(block.section, block.heading, block.start, block.body_start, l0)
                break
        if block is not None:
            found.append(block)
    return tuple(found)
