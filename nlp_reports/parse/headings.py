"""THE one table of section headings (章节标题) and section-五 sub-block headings (子标题).

Every heading variant the parser accepts is listed here, mapped onto the 2021 scheme's
sections 1–6 (``report.SECTION_TITLES``). Rules are tried in order and the first whose
pattern is found in the heading's title wins, so the more specific come first.
The titles written out in full (``KNOWN_TITLES``, accepted without a numeral) are the
format's own: they live in ``nlp_reports/formats.py`` and are re-exported here.

Older (2008–2018) layouts are folded onto the 2021 numbers:

* 概述 / 基本情况 → 1; 主动公开 → 2; 依申请公开 → 3;
* 收费及减免 → **3**: it sits between 依申请公开 and 复议诉讼 in the old layouts, and the
  fees concern applications, so mapping it to 3 keeps section numbers increasing;
* 行政复议 / 行政诉讼 → 4;
* 存在的问题, 改进措施, 今后工作打算 … → 5 (several old headings may feed one section 5);
* 其他需要报告的事项 → 6.

Headings recognised but outside the scheme (机构设置、保障经费和培训会议情况 …) have number
``None``: the parser folds them into the preceding section and notes a Problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# the titles written out in full are the format's (formats.py: lower layers read them too)
from nlp_reports.formats import KNOWN_TITLES as KNOWN_TITLES
from nlp_reports.formats import RUN_IN_TITLE as RUN_IN_TITLE


@dataclass(frozen=True)
class HeadingRule:
    """One family of section titles: ``pattern`` searched in the title → ``number`` (or None)."""

    number: int | None
    pattern: re.Pattern[str]
    note: str


def _rule(number: int | None, pattern: str, note: str) -> HeadingRule:
    return HeadingRule(number, re.compile(pattern), note)


#: Ordered: the first rule whose pattern is found in a title decides its section.
SECTION_RULES: tuple[HeadingRule, ...] = (
    # an older part joining applications and the cases they led to ("三、依申请公开及复议、诉讼
    # 情况"): it opens with the applications, whose part it takes (3)
    _rule(3, r"^(?:政府信息)?依申请公开[^复诉]{0,12}(?:及|和|与|、)(?:行政)?复议",
          "依申请公开及复议、诉讼情况"),
    _rule(4, r"行政复议|行政诉讼|复议.{0,8}诉讼", "复议、诉讼情况"),
    _rule(5, r"存在的?(?:主要)?问题|存在的?不足|主要问题|问题和不足|不足之处|改进情况|改进措施"
             r"|工作打算|今后.{0,4}(?:工作|打算|方向|思路)|下一?步.{0,4}(?:工作|打算|计划|措施)"
             r"|努力方向|改进方向|工作计划"
             # older wordings: 存在的困难和问题, 工作中存在的困难和不足, 存在的薄弱环节, 问题与建议,
             # 不足与改进, 2013年工作思路, 下一年度工作安排, 工作展望
             r"|存在的?(?:主要)?困难|困难(?:和|与|及)(?:问题|不足)|薄弱环节|问题(?:与|及|和)建议"
             r"|不足(?:与|及|和)(?:改进|整改|建议|打算|措施)|工作展望"
             # 问题与不足, 问题与改进, 存在的差距和不足
             r"|^问题(?:与|及|和)(?:不足|改进|整改)|差距(?:和|与|及)不足"
             r"|(?:(?:19|20)\d{2}年度?|下一?年度?)的?工作(?:思路|安排|计划|打算|重点)",
          "存在的主要问题及改进情况"),
    _rule(6, r"其他需要报告|其他需要说明|其它需要报告|其他事项|其它事项|^其他$|^其它$",
          "其他需要报告的事项"),
    _rule(None, r"机构设置|保障经费|培训会议|组织领导|机构建设|工作机构|咨询.{0,4}情况"
                r"|平台建设情况|制度建设情况|保障措施", "outside the 2021 scheme"),
    _rule(3, r"收到和处理|收到与处理|依申请|申请公开|收费[及和与、]?减免"
             # older fee parts named without 减免: 政府信息公开收费情况, 收取费用情况
             r"|^(?:政府)?(?:信息公开)?(?:工作)?的?收费情况$|^收取费用",
          "收到和处理政府信息公开申请情况 (依申请公开; 收费及减免)"),
    _rule(2, r"主动公开", "主动公开政府信息情况"),
    _rule(1, r"总体情况|概述|^概况|工作概况|基本情况|总体工作情况|^总体|工作情况综述",
          "总体情况 (概述)"),
)

#: The longest title (characters) accepted as a section heading.
MAX_TITLE_LENGTH = 40

#: An older outline's fee part and review/litigation part joined under one title, each half a
#: part's name ending as titles do: "政府信息公开的收费及减免情况、因政府信息公开申请行政复议和
#: 提起行政诉讼的情况", "收费及减免、行政复议和行政诉讼情况". Longer than the unnumbered limit,
#: it is still a heading written on its own line without a numeral (bold only on a page); so
#: is a shorter one no title of :data:`KNOWN_TITLES` holds ("…收费及减免和行政复议、行政诉讼情况").
MERGED_FEE_AND_CASES = re.compile(
    r"(?P<fee>[^、]{0,12}?(?:收费|收取费用)[^、]{0,8}?(?:情况|减免))(?:、|及|和|以及|与)"
    r"(?P<cases>[^、]{0,14}?(?:行政)?复议.{0,16}?情况)")
#: What a sentence naming both parts says and no joined title holds: "本年度无收费及减免情况和
#: 行政复议行政诉讼情况", "全年未发生…" (a statement without its stop, not a heading).
_SAYS_NONE = re.compile(r"无|未|没有|均|都|本年|全年|今年|我[局委办县市区镇乡]")


def merged_fee_and_cases(line: str) -> bool:
    """Whether ``line`` is the fee part's and the case part's titles joined (:data:`
    MERGED_FEE_AND_CASES`), each read as its own part's title (sections 3 and 4), the whole
    no longer than a title may be. (Most lines a caller asks about hold no 复议: they are
    answered without the regex.)"""
    if "复议" not in line:
        return False
    m = MERGED_FEE_AND_CASES.fullmatch(line)
    return (m is not None and len(line) <= MAX_TITLE_LENGTH and not _SAYS_NONE.search(line)
            and section_number(m.group("fee")) == (True, 3)
            and section_number(m.group("cases")) == (True, 4))


#: A section numeral alone on its line right above a title written out in full: a designed
#: heading (a WeChat article's numeral in a badge, the title in the box beside it; a bold
#: title under a coloured "五、") that the page's boxes put on two lines; so is an older
#: report's "第二部分" set above its title (a part heading on two lines, as some portals show).
_BADGE_NUMERAL = re.compile(
    r"(?m)^([ \t\u3000]*(?:[一二三四五六七八][、.．]?|第[一二三四五六七八九十]{1,2}部分[、.．：:]?))"
    r"[ \t\u3000]*\n[ \t\u3000]*"
    rf"(?=(?:{RUN_IN_TITLE.pattern})[ \t\u3000]*$)")
#: An older report's "第六部分" alone on its line above a title :data:`KNOWN_TITLES` does not
#: list ("存在的问题和今后工作打算", group 2): joined only when that title is read
#: as a heading on its own line (:func:`_title_alone`), so a numeral line never reads worse
#: than none (left apart, the title was lost with it in the part above). Group 1: the numeral.
_PART_NUMERAL_LINE = re.compile(
    r"([ \t\u3000]*第[一二三四五六七八九十]{1,2}部分[、.．：:]?)[ \t\u3000]*\n[ \t\u3000]*"
    r"(?=([^\n]{2,24}?)[ \t\u3000]*$)", re.M)
#: What no title line holds: a stop, a comma, a semicolon or a figure (a sentence or a row).
NOT_TITLE = re.compile(r"[。，,；;\d]")


#: A numbered heading line and the line under it, which may finish its title: a centred
#: heading a page's <br> (or a narrow box) broke ("四、政府信息公开行政" / "复议、行政诉讼情况",
#: "四、政府信息公开的收费及减免情况、因政府信息公开申请行" / "政复议和提起行政诉讼的情况").
_WRAPPED_HEADING = re.compile(
    rf"(?m)^[ \t\u3000]*[一二三四五六七八][、.．][ \t\u3000]*([^\n]{{2,{MAX_TITLE_LENGTH}}}?)[ \t\u3000]*"
    r"(?=(\n[ \t\u3000]*)([^\n]{1,30}?)[ \t\u3000]*$)")  # (the next line is looked at, not
# taken: it may be a numbered heading of its own, wrapped in turn)

#: A line that starts with 第 or a numeral 一–十 (after its blanks): where the two patterns
#: above, load's section-一 lines (一、 第一部分) and sections' numbered headings may match.
_NUMERAL_LINE = re.compile(r"\n[ \t\u3000]*[第十一二三四五六七八九]")
#: The last text :func:`numeral_lines` scanned and its lines (the text held, so it is that text).
_last_numeral_lines: tuple[str, tuple[int, ...]] = ("", ())


def numeral_lines(text: str) -> tuple[int, ...]:
    """Starts of the lines after the first whose first character after blanks is 第 or a
    numeral 一–十: the only lines where a numbered section heading or badge numeral may
    stand. One scan led by "\n" (~18 ns a line); the last text's answer is kept, as
    :func:`badge_spans`, load's compilation check and sections' headings ask for the same
    text."""
    global _last_numeral_lines
    last = _last_numeral_lines
    if last[0] is text:
        return last[1]
    starts = tuple(m.start() + 1 for m in _NUMERAL_LINE.finditer(text))
    _last_numeral_lines = (text, starts)  # (one assignment: threads see either pair whole)
    return starts


#: A line ending inside a sentence: a character or a comma with no stop after it.
_OPEN_END = re.compile(r"[\u4e00-\u9fff，、（《“][ \t\u3000]*$")
#: A part's whole text saying it has nothing to report ("无", "暂无"), written without a stop.
_NONE_LINE = re.compile(r"[ \t\u3000]*(?:本年度|全年)?(?:无|暂无|没有|略)[ \t\u3000]*")


def _cut_above(text: str, at: int) -> bool:
    """Whether the line above the one starting at ``at`` ends inside a sentence: neither
    blank, nor ended by a stop, a figure or a bracket, nor a title (a heading, the report's
    title) or a part's "无". A bare numeral under such a line is the sentence's, not a badge."""
    if at == 0 or text[at - 1] != "\n":
        return False
    above = text[text.rfind("\n", 0, at - 1) + 1:at - 1]
    if not _OPEN_END.search(above) or _NONE_LINE.fullmatch(above):
        return False
    line = closed_up(above.strip(" \t\u3000"))
    if re.search(r"[，,；;：:]", line):  # a clause: no title, whatever it names
        return True
    return not (section_number(line.lstrip("一二三四五六七八九十第部分、.．（）() \t\u3000"))[0]
                or re.search(r"(?:19|20)\d{2}年.{0,30}报告$", line))


#: Bare part numerals, in order (a badge's value: 三 is 3).
_CHINESE_DIGITS = "一二三四五六七八"
#: A line opening with a part's numeral and its 、 ("三、收到和处理…"): the part above a badge.
_NUMBERED_LINE = re.compile(r"[ \t\u3000]*([一二三四五六七八])[、.．]")


def badge_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) that put a section heading the page's boxes set on two
    lines back on one: a lone numeral above a known title (:data:`_BADGE_NUMERAL`: the numeral
    and the line break become "五、", "第二部分" is kept as written; a bare numeral under a
    line cut mid-sentence stays text when it names a part at or above the last part heading) and a numbered title finished on the next line, the two
    halves a known title together (:data:`_WRAPPED_HEADING`: the line break goes). The
    numeral is then no table value or statement, the heading no statement and section."""
    if "\n" not in text:
        return []
    # both patterns start a line with a numeral: they are tried only at such lines
    # (:func:`numeral_lines`) and at the text's start, each skipping the lines its previous
    # match took as finditer would — a (?m)^ scan tries every character (3× slower)
    starts = (0, *numeral_lines(text))
    out = []
    end = 0
    last = 0  # the numeral of the last part heading above: a badge's or a "三、…" line's
    for at in starts:
        if at >= end and ((m := _BADGE_NUMERAL.match(text, at))
                          or ((m := _PART_NUMERAL_LINE.match(text, at)) and _title_alone(m.group(2)))):
            num = m.group(1).strip(" \t\u3000")
            if "部分" in num:
                # "第二部分" reads as a heading joined as written: no "、" is added, which a
                # statement naming the part would keep ("…与本报告⏎第二部分⏎主动公开政府信息
                # 情况⏎所列…" in 五's prose reads "…本报告第二部分主动公开…", as the source has it)
                out.append((m.start(), m.end(), num))
            elif (len(num) == 1 and num != "一" and _CHINESE_DIGITS.index(num) + 1 <= last
                  and _cut_above(text, at)):
                # a bare numeral inside a sentence naming an earlier part ("…详见⏎三⏎收到和…⏎
                # 所列…" in 五); the next part's badge under an item written without a stop
                # ("…提升队伍素质⏎六⏎其他需要报告的事项") is still a heading
                continue
            else:
                out.append((m.start(), m.end(), num.rstrip("、.．") + "、"))
            if num[0] in _CHINESE_DIGITS:
                last = _CHINESE_DIGITS.index(num[0]) + 1
            end = m.end()
        elif (n := _NUMBERED_LINE.match(text, at)):
            last = _CHINESE_DIGITS.index(n.group(1)) + 1
    end = 0
    for at in starts:
        if at >= end and (m := _WRAPPED_HEADING.match(text, at)):
            end = m.end()
            if (RUN_IN_TITLE.fullmatch(m.group(1) + m.group(3))
                    # the joined fee + 复议诉讼 title, longest of all, broken by a page or a
                    # PDF's column ("…减免情况、因政府信息公开申请行政" / "复议和…的情况")
                    or (not merged_fee_and_cases(m.group(1))
                        and merged_fee_and_cases(m.group(1) + m.group(3)))):
                out.append((m.start(2), m.end(2), ""))
            elif " " in (rest := m.group(3)) and RUN_IN_TITLE.fullmatch(
                    m.group(1) + (closed := closed_up(rest))):
                # the rest letter-spaced, too short for normalize_text to close it up
                # ("五 、存 在 的 主 要 问 题 及 改 进" / "情 况"): closed up with the break
                out.append((m.start(2), m.end(3), closed))
    return sorted(out)


def _title_alone(line: str) -> bool:
    """Whether ``line`` is read as a part's heading written alone on its line (as sections'
    unnumbered titles are): no sentence's marks, a part's title by :func:`section_number`,
    holding or held in one of :data:`KNOWN_TITLES` ("存在的问题和今后工作打算" holds 存在的问题)."""
    if NOT_TITLE.search(line):
        return False
    matched, number = section_number(line)
    return matched and number is not None and near_known_title(line)


def near_known_title(line: str) -> bool:
    """Whether ``line`` (read closed up: "概　　述") holds or is held in one of
    :data:`KNOWN_TITLES` — the test of a part's title written without a numeral."""
    key = closed_up(line)
    return any(t in key or key in t for t in KNOWN_TITLES)


def closed_up(line: str) -> str:
    """``line`` without its blanks when every piece is one character ("情 况" → 情况, the
    rest of a letter-spaced title an OCR engine wrapped), else as it is."""
    pieces = line.split()
    return "".join(pieces) if all(len(p) == 1 for p in pieces) else line


@lru_cache(maxsize=4096)  # titles and table row labels recur across reports
def section_number(title: str) -> tuple[bool, int | None]:
    """(matched, number) for a heading title; number None = a known heading outside 1–6. A
    short title letter-spaced as Word centres it ("概　　述", "基 本 情 况": every piece one
    character) is read closed up."""
    if " " in title or "\u3000" in title:
        title = closed_up(title)
    for rule in SECTION_RULES:
        if rule.pattern.search(title):
            return True, rule.number
    return False, None


# --- section 五 sub-blocks ------------------------------------------------------------------

#: A title naming the problems and then their fixes names both blocks ("存在的主要问题及改进情况",
#: "（一）主要问题及改进情况", "问题及整改情况"), not the measures on last year's problems
#: ("…存在问题的整改情况", "上年度问题整改情况").
_PROBLEM_AND = re.compile(r"(?:存在的?(?:主要)?|主要|^)(?:问题|不足)(?:及|和|与)")
#: "Improvement of last year's problems" reads as measures even though it names 问题.
_MEASURE_FIRST = re.compile(r"问题(?:的|之)?(?:改进|整改|解决)|整改情况|改进情况")
_PROBLEM = re.compile(
    r"存在的?(?:主要)?(?:问题|不足|困难)|主要问题|问题和不足|问题与不足|不足之处|存在问题|薄弱环节"
    r"|^问题$|^不足$|^问题(?:主要)?(?:表现|体现)(?:在|为)?$"
    r"|困难(?:和|与|及)(?:问题|不足)|不足(?:与|及|和)|问题(?:与|及|和)(?:建议|对策)"
    # "（一）存在的短板和不足", "（一）工作中的短板" (not "补齐短板")
    r"|存在的?(?:主要)?短板|的短板|短板(?:和|与|及)|^短板$"
    # "（二）原因分析", "问题原因剖析", "存在问题的成因": a cause is a shortcoming of its own
    # (as a 问题 | 原因 | 措施 table's 原因 column, statements._COLUMN_CAUSE)
    r"|(?:原因|成因)(?:分析|剖析)|^(?:问题|存在问题的?|主要)?(?:原因|成因)$"
)
_MEASURE = re.compile(
    r"改进措施|改进情况|改进方向|解决办法|整改措施|下一?步.{0,6}(?:措施|打算|计划|工作|举措|方向)"
    # "（二）改进打算", "整改打算", "改进思路": the plan for the problems above
    r"|(?:改进|整改)(?:打算|思路)"
    r"|工作打算|今后.{0,4}(?:工作|打算|方向|思路|计划)|努力方向|工作计划|工作思路|^打算$"
    r"|^措施$"
    # the short labels "改进：", "整改：", "下一步：", "下步：", "今后：" (the whole phrase, as
    # "问题："/"不足："/"措施：" above): a label sets the block and is no statement
    r"|^(?:改进|整改|下一?步|今后)$"
    r"|(?:与|及|和)(?:建议|改进)$|工作展望|(?:(?:19|20)\d{2}年度?|下一?年度?)的?工作(?:思路|安排|重点)"
    # "（二）工作举措 / 改进举措 / 工作措施 / 整改方向 / 对策建议 / 改进计划"
    r"|(?:工作|改进|整改|主要|具体)举措|工作措施|整改方向|对策|(?:改进|整改)计划"
    # "（二）主要措施", "（二）具体措施" (as 主要举措 above)
    r"|^(?:主要|具体)措施$"
    # "（二）整改落实情况": what was done about them ("整改落实：…" alone is a sentence's)
    r"|整改落实情况$"
)

#: THE block labels written "…方面" (problems: 问题方面, 存在的主要问题方面, 主要问题方面, 不足方面;
#: measures: 改进方面, 整改工作方面, 改进措施方面, 下一步(工作)方面, 措施方面, 打算方面), one list read
#: both as a heading ("（二）改进工作方面") by :func:`block_of` and as a paragraph label
#: ("改进工作方面，我局将…") by statements, so the two never name different blocks. Group 1: problems.
ASPECT_LABEL = re.compile(
    r"((?:存在的?(?:主要)?|主要)?(?:问题|不足))方面"
    r"|(?:(?:改进|整改)(?:措施|工作)?|下一?步(?:工作)?|措施|打算)方面")


def aspect_block(phrase: str) -> str | None:
    """The block a "…方面" label names ("问题方面" → problem, "打算方面" → measure), or None
    for any other phrase (a topic such as "主动公开方面")."""
    m = ASPECT_LABEL.fullmatch(phrase)
    if m is None:
        return None
    return "problem" if m.group(1) else "measure"


#: Longest sub-heading phrase (characters, before its 。/：) accepted as a block heading.
MAX_SUBHEADING_LENGTH = 26
#: Longest sub-heading phrase without a number ("存在问题：", "存在的不足" alone on its line):
#: a longer one is a lead-in sentence (statements and sections.inner_section5 alike).
MAX_UNNUMBERED_LENGTH = 15
#: Where a sub-heading's phrase stops: a heading ends at 。 or ：; a comma, semicolon, ！ or ？
#: makes it a sentence (an item "（一）公开内容不全面，…"), no heading.
SUBHEADING_STOP = re.compile(r"[。：:，,；;！!？?]")
#: The word opening a note (注释) before its colon: "注：", "注释：", "备注：". One spelling for
#: the note rules of sections (an annex under the signed report) and statements (a note line
#: in 五 is no statement), so the two cannot drift apart.
NOTE_WORD = r"(?:注|注释|备注)"


@lru_cache(maxsize=4096)
def block_of(phrase: str) -> str | None:
    """The sub-block a heading phrase announces: "problem", "measure", "unknown" (both) or None."""
    aspect = aspect_block(phrase)
    if aspect is not None:
        return aspect
    if _MEASURE_FIRST.search(phrase):
        return "unknown" if _PROBLEM_AND.search(phrase) else "measure"
    problem = bool(_PROBLEM.search(phrase) or _PROBLEM_AND.search(phrase))
    measure = bool(_MEASURE.search(phrase))
    if problem and measure:
        return "unknown"
    if problem:
        return "problem"
    if measure:
        return "measure"
    return None


#: "针对上述问题", "针对此不足", "针对人员不足的问题": what follows is aimed at the problems just
#: named. One wording for a lead-in over the measures (LEAD_MEASURE) and a sentence turning to
#: them (statements._MEASURE_TURN).
AIMED_AT_PROBLEM = (r"(?:针对|对照)(?:(?:上述|以上|这些|存在的|此|该|这一|这个|这类)[^。，,：:；;]{0,6}(?:问题|不足)"
                    r"|(?<=针对)[^。，,：:；;]{2,24}?的(?:问题|不足|短板))")
#: A year ahead ("2024年", "明年", "下一年度", "新的一年") and a verb of intent (要 as a verb, not
#: inside 主要/重要/需要/只要, nor 要求: "2023年主要问题是…", "2023年，我局要求各科室："): a
#: lead-in for the year ahead (LEAD_YEAR_AHEAD) and a sentence turning to measures
#: (statements._MEASURE_TURN) say it with these words, each with its own gap between them.
YEAR_AHEAD = r"(?:(?:19|20)\d\d|明|下一|新的一)年度?"
INTENT = r"(?:将|拟|计划|打算|准备|(?<![主重需只])要(?!求))"

#: Lead phrases ending just before an enumeration that say what it lists (no sub-heading).
LEAD_PROBLEM = re.compile(r"(?:存在|还有|仍有|有以下|如下)[^。：:]{0,12}(?:问题|不足|困难|短板|差距|薄弱环节)"
                          r"|不足之处|问题(?:主要)?(?:表现|体现)(?:在|为)"
                          # "…工作存在：人员少，…", "存在的问题主要是："
                          r"|存在着?[：:][ \t\u3000]*$|(?:问题|不足)(?:主要)?(?:是|有|在于)[：:][ \t\u3000]*$")
LEAD_MEASURE = re.compile(r"下一?步|今后|将(?:从(?:以下|[两二三四五六七八九几多]个?方面)|采取|重点|继续|着力)|改进措施|努力方向|工作打算|计划"
                          r"|将[：:][ \t\u3000]*$|" + AIMED_AT_PROBLEM)


#: A lead-in for the year ahead ("2012年，我局将切实做好以下几方面工作：", "下一年，学校准备这样改："): a sentence
#: opening with a year and a verb of intent that announces a list (以下/如下, or ends in "：")
#: leads the measures wherever it stands (after a problem lead-in, 以下问题 decides first).
#: A ministry's lead may be long and end in "。" ("2023年，我部将认真贯彻落实《…条例》和…要点，
#: 重点做好以下工作。"): the verb may stand up to 60 characters before the list it announces.
LEAD_YEAR_AHEAD = re.compile(
    rf"(?:^|(?<=[。！？!?；;\n]))[ \t\u3000]*{YEAR_AHEAD}[，,]?[^。！？!?；;：:\n]{{0,24}}?{INTENT}"
    r"(?:[^。！？!?；;：:\n]{0,60}(?:以下|如下)|[^。！？!?；;：:\n]{0,60}[：:][ \t\u3000]*$)")
#: How far from a lead's end LEAD_YEAR_AHEAD is looked for (its longest match and a little).
_YEAR_LEAD_REACH = 100


def lead_block(lead: str) -> str | None:
    """The block a lead-in sentence implies for the items after it, or None."""
    tail = lead[-40:]
    if LEAD_MEASURE.search(tail):
        return "measure"
    if LEAD_PROBLEM.search(tail):
        return "problem"
    if LEAD_YEAR_AHEAD.search(lead, max(0, len(lead) - _YEAR_LEAD_REACH)):
        return "measure"
    return None
