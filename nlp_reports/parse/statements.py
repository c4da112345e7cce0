"""Split section 五 (存在的主要问题及改进情况) into statements (陈述).

Section 五 is cut into sub-blocks by its sub-headings ((一)存在的主要问题 / (二)下步改进措施 …,
on their own line or run-in before "。"/"："), each block being ``problem``, ``measure`` or
``unknown`` (:func:`headings.block_of`). Within a block the *top* enumeration level — the
marker style whose item 1 comes first — defines the statements: 一是…二是… (and 一要…二要…), (一)(二), (1),
1. 1、 1), ①②, ⑴⑵, ⒈⒉, 第一/第二, 其一/其二, 首先/其次/最后, ▲/● bullets at line starts, 问题一/措施一 (which name their block). Text before item 1 (a lead-in such as
"…但还存在一些不足：") is a statement of its own with marker None. An item 1 with no item 2,
its marker opening a line, is a list of one, its marker taken too. A style that restarts at 1
("存在以下问题：一是…二是…。下一步：一是…"), or another style after a lead sentence ending in
"：", starts a new run whose lead-in may switch the block. A block with no enumeration is split
into sentences.
Scraped web text often runs the whole section on one line: sub-headings are also found run in
mid-line ("…。 （二）改进措施 1. …"), markers also count after a space ("1. … 2. …"), and a
half-width "." after Chinese text ends a sentence like "。".
Everything works on offsets so the caller can cut statements out of the original characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from nlp_reports.ingest.normalize import IMAGE_MARK, OCR_DASHES, PAGE_LINE
from nlp_reports.parse.headings import (
    AIMED_AT_PROBLEM,
    ASPECT_LABEL,
    INTENT,
    MAX_SUBHEADING_LENGTH,
    MAX_UNNUMBERED_LENGTH,
    NOTE_WORD,
    SUBHEADING_STOP,
    YEAR_AHEAD,
    aspect_block,
    block_of,
    lead_block,
)
from nlp_reports.parse.metadata import FIGURES_DATE

_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
       "十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15}
#: 首先/其次/再次 count 1, 2, 3; 然后/最后 (0) continue any run (see _runs).
_SEQUENCE = {"首先": 1, "其次": 2, "再次": 3}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
#: Parenthesized and full-stop numbers of one character each (⑴⑵…, ⒈⒉…), as Word's
#: numbering and old typesetting write "(1)" and "1.": one style each, counted 1, 2, 3 …
_PAREN_CHARS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂"
_STOP_CHARS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖"
_CN_NUM = r"十[一二三四五]?|[一二三四五六七八九]"
#: Bullets at a line start count 1, 2, 3 … (only the first bullet's symbol is a level).
_BULLETS = "▲△●○■□◆◇★☆►▶➤•"
#: The labels a labelled item opens with (问题一：, 不足2、, 措施1.): a problem's, a measure's.
_PROBLEM_LABELS = "问题|不足"
_MEASURE_LABELS = "措施|举措|对策"
_LABELS = f"{_PROBLEM_LABELS}|{_MEASURE_LABELS}"

#: Characters after which a run-in marker may start (plus the start of a line).
_RUN_IN_BEFORE = "\n。；;：:！？!?"
_SHI_BEFORE = _RUN_IN_BEFORE + "，,、 \t\u3000"
#: The verbs a list of 一是/一要 items may run on after, with no mark ("我局将一要…；二要…",
#: "主要表现在一是…；二是…")
_SHI_AFTER_VERB = ("将", "拟", "表现在", "体现在")

#: The dot after an item's number: not a decimal point ("1.5万"), but before a year it is
#: the marker ("1.2025年完成…" is item 1, not the number 1.2025).
_DOT_AFTER_NUMBER = r"[.．](?:(?!\d)|(?=(?:19|20)\d\d年))"

# (kind, regex, where): where = "line" (line start only), "run" (line start or after
# _RUN_IN_BEFORE), "shi" (after _SHI_BEFORE or a space too)
_MARKERS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("shi", re.compile(rf"(?:其)?({_CN_NUM})[是要][：:，,、]?"), "shi"),
    ("paren_cn", re.compile(rf"[(（][ \t]{{0,2}}({_CN_NUM})[ \t]{{0,2}}[)）][、.．]?"), "run"),
    ("paren_num", re.compile(r"[(（][ \t]{0,2}(\d{1,2})[ \t]{0,2}[)）][、.．]?"), "run"),
    # (these three are written to start with a character class, which the engine scans for
    # quickly: "\d\d?" is "\d{1,2}", and cn_dun's numeral is _CN_NUM as one class + a
    # look-behind; tests/test_parse_fastpaths.py compares them with the plain forms)
    ("cn_dun", re.compile(r"([一二三四五六七八九十](?:(?<=十)[一二三四五])?)[、.．]"), "run"),
    ("num_dot", re.compile(rf"(\d\d?)(?:{_DOT_AFTER_NUMBER}|、)"), "run"),
    ("num_paren", re.compile(r"(\d\d?)[)）]"), "line"),
    # "一）…" at a line start: the half bracket of "(一)" (only at a line start, where no
    # "（一）" can have lost its opening bracket); its numeral written as cn_dun's, for the scan
    ("cn_paren", re.compile(r"([一二三四五六七八九十](?:(?<=十)[一二三四五])?)[)）]"), "line"),
    ("circled", re.compile(rf"([{_CIRCLED}])[、.．]?"), "shi"),
    ("paren_char", re.compile(rf"([{_PAREN_CHARS}])[、.．]?"), "run"),
    ("stop_char", re.compile(rf"([{_STOP_CHARS}])"), "run"),
    ("ordinal", re.compile(rf"(?:第|其)({_CN_NUM})(?:[，,、：:]|是)"), "run"),
    # (首先是/其次是 also run on after a comma, as 一是 does: "首先是…，其次是…")
    ("sequence", re.compile(r"(首先|其次|再次|然后|最后)(?:[，,、：:]|是(?![否的]))"), "run"),
    ("bullet", re.compile(rf"([{_BULLETS}])[ \t]?"), "line"),
    ("labelled", re.compile(rf"(?:{_LABELS})({_CN_NUM}|\d{{1,2}})[：:，,、.．]"), "run"),
)
#: The characters the circled, paren_char, stop_char and bullet markers open with (each of
#: those patterns starts with one): a block holding none, as most do, skips their 4 scans.
_SYMBOL_MARKS = re.compile(f"[{_CIRCLED}{_PAREN_CHARS}{_STOP_CHARS}{_BULLETS}]")
_SYMBOL_KINDS = frozenset({"circled", "paren_char", "stop_char", "bullet"})
#: A line opening with "一）" (cn_paren), looked for before the scan for cn_paren: its
#: numeral class is frequent in any text and its matches are mostly the "一）" of "（一）", so
#: the scan costs more than the rest of the block's markers; a block with no such line skips it
_CN_PAREN_LINE = re.compile(r"\n[ \t\u3000]*[一二三四五六七八九十]{1,2}[)）]")
_CN_PAREN_HEAD = re.compile(r"[ \t\u3000]*[一二三四五六七八九十]{1,2}[)）]")
#: Run-in marker kinds also taken after a space: a one-line enumeration of scraped text
#: ("1. 加强培训 2. 完善制度", "(1) … (2) …"); the items must still count 1, 2, 3 (_runs).
_SPACED = frozenset({"paren_cn", "paren_num", "num_dot"})
#: The block a labelled item names: 问题一/不足一 → problem, 措施一/举措一/对策一 → measure.
_LABEL_BLOCK = re.compile(rf"({_PROBLEM_LABELS})|{_MEASURE_LABELS}")

_SUB_MARKER = re.compile(
    rf"[ \t\u3000]{{0,8}}(?:[(（][ \t]{{0,2}}(?:{_CN_NUM}|\d{{1,2}})[ \t]{{0,2}}[)）][、.．]?"
    rf"|(?:{_CN_NUM})[、.．]|\d{{1,2}}(?:{_DOT_AFTER_NUMBER}|、)|第(?:{_CN_NUM})部分[、:：]?)?[ \t\u3000]{{0,4}}"
)
#: Longest unnumbered heading phrase followed by a space and prose ("存在问题 人员…").
_UNNUMBERED_SPACED_MAX = 10
#: A phrase that is an item, never a sub-heading: it opens with an item marker ("三是基层公开
#: 能力存在短板。") or, ended by "。", says what is lacking ("（一）审核仍有薄弱环节。", "…存在
#: 短板。"), where a title names it ("（一）存在的主要问题。", "工作中还存在的不足。").
_ITEM_PHRASE = re.compile(rf"(?:其)?(?:{_CN_NUM})[是要]|第(?:{_CN_NUM})[，,、]|首先[，,、]")
_SAYS_LACKING = re.compile(
    r"(?:仍然?|尚|还|依然|依旧)(?:有|存在)(?!的)|存在(?:短板|差距|薄弱环节|弱项)|有待|亟待|不够")
#: A lead-in worded as a sentence, not a label: it says how many or that items follow
#: ("存在的问题有两个方面：", "存在的问题主要是：", "…工作存在：", "存在以下问题："). It is a
#: statement and sets the block (schema: a label is none, a lead-in sentence is one).
_LEAD_SENTENCE = re.compile(
    r"以下|如下|(?:有|分为)[两二三四五六七八九几多\d]+(?:个|点|项)?(?:方面|问题|不足)"
    r"|(?:是|有|为|在于|存在着?|表现在|体现在)$")
_COLON = re.compile(r"[：:]")
_SPACE = re.compile(r"\s")
_ORDINAL = re.compile(rf"\d{{1,2}}|{_CN_NUM}")
_SENTENCE_END = re.compile(r"[。！？!?；;]+|\n")
#: A half-width full stop that ends a Chinese sentence ("…缺乏经验. 改进措施：…", scraped web
#: text): after a CJK character or closing quote/bracket, so never the point of a number
#: ("2.5万元", "2023.12", "第1.3条"), of a Latin word or URL ("www.gov.cn"), nor an ellipsis.
_CJK_PERIOD = re.compile(r'\.(?<=[\u3400-\u9fff\uf900-\ufaff”’」』》）】"]\.)(?![.A-Za-z])')
#: A Chinese numeral that numbers an item or heading before a half-width point ("一.", "问题二.",
#: "（三）.", after a line start, sentence end or space): its "." is the marker's, no sentence end
#: (searched in the few characters before the point; "标准不统一." still ends a sentence).
_CN_MARKER_BEFORE_POINT = re.compile(
    rf"[\n。！？!?；;：:，,、 \t\u3000](?:(?:{_LABELS})?(?:{_CN_NUM})"
    rf"|[(（][ \t]{{0,2}}(?:{_CN_NUM}|\d{{1,2}})[ \t]{{0,2}}[)）])$")
#: A half-width ";" inside a URL or Latin text ("…/list;jsessionid=…"): no sentence end.
_LATIN_SEMICOLON = re.compile(r";(?<=[A-Za-z0-9/=&#._-];)(?=[A-Za-z])")
_CONTENT = re.compile(r"[^\s。，,；;：:！？!?、.．()（）【】\[\]\"“”'‘’—\-…·]")
#: A short heading phrase run in before "：" ("改进措施：…", "存在问题：…").
_RUN_IN_HEADING = re.compile(r"[ \t\u3000]{0,4}([^\s，,。；;：:]{2,12})[：:][ \t\u3000]*")
#: A "…方面" block label run in before "，" at a sentence start inside a paragraph ("…单一。改进
#: 方面，我局将…", "…；问题方面，…"): the whole phrase from the sentence start to the comma is
#: the label (headings.ASPECT_LABEL), as at a paragraph start; "在改进方面还有差距" is none.
_ASPECT_RUN_IN = re.compile(rf"[ \t\u3000]{{0,4}}({ASPECT_LABEL.pattern})[，,][ \t\u3000]*")


def _aspect_label(text: str, s: int, e: int) -> tuple[str, int] | None:
    """(block, end of the label) when text[s:e] opens with a "…方面，" block label and goes on
    with text, else None."""
    m = _ASPECT_RUN_IN.match(text, s, e)
    if m is None or not _CONTENT.search(text, m.end(), e):
        return None
    return aspect_block(m.group(1)), m.end()  # type: ignore[return-value]
_ANNOUNCES = re.compile(r"以下|如下|[：:]$")
#: A sub-heading written as a sentence of its own: "（二）改进措施。", "下一步工作打算。"
_HEADING_SENTENCE = re.compile(
    _SUB_MARKER.pattern
    + rf"([^\s，,。；;：:！？!?]{{2,{MAX_SUBHEADING_LENGTH}}})[。：:]?[ \t\u3000]*")
#: A sub-heading written as a sentence is a noun phrase ending in what it names ("存在的主要
#: 问题", "下一步工作打算"); a sentence that goes on past it ("主要问题是人员不足。") is a statement.
_HEADING_NOUN_END = re.compile(
    r"(?:问题|不足|不足之处|困难|短板|差距|薄弱环节|措施|举措|办法|打算|计划|方向|思路|情况|工作"
    r"|方面|原因|成因|分析|剖析)$")
#: How a sub-heading with no number and no "。" ends: in what it names (above), a word that
#: closes a title ("下一步工作安排", "问题整改", "存在问题与改进", "下一步工作部署", "2024年工作
#: 展望", "存在问题及对策"), or it is a bare label of at most _BARE_LABEL_MAX characters ("改进：",
#: "下一步："). "存在的主要问题将加强业务培训" alone on its line opens like a title and goes on
#: as a sentence: it is a statement, never a heading.
_UNNUMBERED_TITLE_END = re.compile(
    _HEADING_NOUN_END.pattern[:-2] + r"|安排|重点|要点|建议|改进|整改|设想|目标"
    r"|部署|展望|规划|谋划|考虑|任务|对策|方案|路径|成效|弱项)$")
_BARE_LABEL_MAX = 4
#: A sentence that turns to measures without a sub-heading (要 as a verb, not inside 主要,
#: 重要, 需要: "2023年主要问题是…" still reports a problem). "针对…问题" and a year ahead with a
#: verb of intent are headings.AIMED_AT_PROBLEM / YEAR_AHEAD + INTENT, a lead-in's words too.
#: After a year ("2025年，国家林业和草原局将…") only a verb of intent turns: "2023年重点领域公开
#:不够", "2023年继续存在…" and "2023年，我厅要求…" do not.
#: "在今后的工作中，我县将…", "在新的一年里，…将…": the time ahead as a phrase before its comma.
_AHEAD_PHRASE = r"(?:的?工作中|里)?"
_MEASURE_TURN = re.compile(
    rf"在?(?:(?:下一?步|今后|接下来){_AHEAD_PHRASE}|{AIMED_AT_PROBLEM}|对此)"
    r"[，,]?[^。，,；;]{0,20}?(?:将|(?<![主重需只])要|拟|计划|继续|重点|着力)"
    rf"|在?{YEAR_AHEAD}{_AHEAD_PHRASE}[，,]?[^。，,；;]{{0,20}}?{INTENT}"
    # a measures label worded with 是 ("改进措施是配齐…"), as "改进措施：" is a heading
    r"|(?:改进|整改)(?:措施|办法|方向)(?:主要)?(?:是|为)(?![否的])"
    # the agency itself and an intent to do more, as a clause turns (_CLAUSE_TURN): "我委将
    # 进一步完善…" after a problem (not "我局将信息公开纳入…", 将 marking an object)
    r"|(?:我们|我(?:乡|镇|县|区|市|州|省|局|委|办|厅|街道|中心|单位|部门|院|所|处|站|校))"
    r"(?:将|拟)(?:进一步|继续|持续|着力|切实|不断)")
#: A clause that turns from a problem to its measure inside one sentence ("…人员力量不足，
#: 下一步将加强培训。", "…，今后将…", "…，我们将…", "…，将进一步…"): the comma before it is the
#: cut. Not a bare "，将" ("将信息公开纳入考核"), nor 下一步 as a noun ("，下一步工作压力较大").
_CLAUSE_TURN = re.compile(
    r"[，,；;][ \t\u3000]*(?=(?:下一?步|今后|接下来|下阶段|对此|针对(?:此|该|这一?)(?:问题|情况|不足)?)"
    r"(?:工作中)?[，,]?[^。，,；;]{0,6}?"
    r"(?:将|(?<![主重需只])要|拟|计划|继续|着力)"
    r"|(?:我们|我(?:乡|镇|县|区|市|州|省|局|委|办|厅|街道|中心|单位|部门|院|所|处|站))"
    r"(?:将|要|拟|计划)"
    # a year ahead first ("…不够通俗，2024年，我局将…"): the cut is before the year
    rf"|{YEAR_AHEAD}[，,]?[^。，,；;]{{0,20}}?{INTENT}"
    r"|将(?:进一步|继续|持续|着力|切实|不断))")
#: Words saying something is lacking or wrong: the part before a turn reads as a problem.
_PROBLEM_CUE = re.compile(
    r"不足|不够|不高|不强|不到|不规范|不及时|不全面|不完善|不健全|不平衡|不充分|不深入|不精准"
    r"|不明显|不畅|不便|不严|不统一|欠缺|缺乏|缺少|短缺|较少|偏少|较弱|薄弱|滞后|单一|有待|亟待|亟需"
    r"|差距|短板|困难|问题|较慢|较低|偏低|尚未|未能|参差不齐|刚刚起步|照搬|陈旧|不熟"
    # older reports' wordings: "…答复尺度把握不准", "…与村务公开结合不紧", "日常监督偏弱"
    r"|把握不准|(?:结合|衔接)不(?:紧|够紧密)|偏弱"
    r"|(?:更新|进度|推进|回复|办理|发布)(?:较|偏|太|过)?慢")
#: A problem part that opens as the premise of a measure ("针对人员不足的问题，我们将…"), or
#: that only points back at the problems named ("以上问题，我们将在下一年度逐项整改。").
_PREMISE = re.compile(r"(?:针对|对于|围绕|为了?|鉴于|根据|按照|结合|通过|就(?![业医学诊餐近地])"
                      r"|(?:对|就)?(?:以上|上述|前述|这些|上面)(?:几个|几方面|方面)?的?(?:问题|不足|短板)[，,])")
#: A sentence saying there is no problem ("暂无突出问题", "未发现明显问题"): no problem cue.
_NO_PROBLEM = re.compile(r"(?:无|暂无|尚无|没有|未发现|未见|不存在)(?:明显|突出|重大|较大)?的?"
                         r"(?:问题|不足|困难|短板)")


def _reads_as_problem(text: str, s: int, e: int) -> bool:
    """True when the sentence text[s:e] says something is lacking and is no measure."""
    return (bool(_PROBLEM_CUE.search(text, s, e)) and not _PREMISE.match(text, s)
            and not _NO_PROBLEM.search(text, s, e) and not _measure_turn(text, s, e))


def _problems_before(text: str, out: list[StatementSpan]) -> None:
    """Mark the ``unknown`` sentences just before a turn to measures that read as problems as
    problems ("人员多为兼职，专业化水平不高。栏目更新不及时。下一步将…")."""
    i = len(out)
    while i and out[i - 1].block == "unknown" and _reads_as_problem(text, out[i - 1].start,
                                                                     out[i - 1].end):
        i -= 1
        out[i] = StatementSpan(out[i].start, out[i].end, "problem", out[i].marker)


def _problem_run(text: str, out: list[StatementSpan], first: int) -> None:
    """Mark the ``unknown`` items out[first:] as problems: an enumeration under a heading
    naming both blocks ("存在的不足和改进措施") that turns to measures after its last item
    ("一是…滞后；二是…为主。下一步将…") lists the problems, when one of its items reads as a
    problem and none as a measure."""
    items = out[first:]
    if (items and all(i.block == "unknown" for i in items)
            and any(_reads_as_problem(text, i.start, i.end) for i in items)
            and not any(_measure_turn(text, i.start, i.end) for i in items)):
        out[first:] = [StatementSpan(i.start, i.end, "problem", i.marker) for i in items]


#: A clause saying a thing is still not done ("…专项清理尚未完成"), not a modifier of what a
#: measure will do ("加快推进尚未完成的整改"): after a turn, the clause still states a problem.
_UNDONE = re.compile(r"(?:尚未|未能|仍未|至今未|还未|还没有|没有)(?:全部|完全|如期|按期)?"
                     r"(?:完成|落实|开展|实现|到位|启动|建成|上线|解决)(?![的之])")


def _problem_turn(text: str, s: int, e: int) -> tuple[int, int] | None:
    """(end of the problem, start of the measure) when the sentence text[s:e] states a problem
    and turns to its measure at a clause (``_CLAUSE_TURN``), else None. Not when what follows
    the turn says a thing is still undone (:data:`_UNDONE`: "…滞后，2022年计划开展的专项清理
    尚未完成", 计划 a noun there): the sentence is one problem."""
    m = _CLAUSE_TURN.search(text, s, e)
    if m is None or not _CONTENT.search(text, m.end(), e) or _UNDONE.search(text, m.end(), e):
        return None
    if (not _PROBLEM_CUE.search(text, s, m.start()) or _PREMISE.match(text, s)
            or _NO_PROBLEM.search(text, s, m.start()) or _measure_turn(text, s, m.start())):
        return None
    return m.start(), m.end()


#: A run-in lead phrase standing as a sentence before its paragraph ("强化队伍建设。…"):
#: at most this long, opening with the verbs such titles open with, and saying nothing is
#: lacking ("加强领导不够。" is a problem).
_LEAD_PHRASE_MAX = 12
_TITLE_VERB = re.compile(
    r"(?:强化|加强|提升|提高|规范|做好|健全|完善|推进|推动|深化|抓好|优化|狠抓|夯实|注重|突出|坚持"
    r"|创新|拓展|拓宽|严格|落实|聚焦|压实|增强|丰富|加大|畅通|紧盯|着力|建立|加快|持续"
    r"|稳定|充实|配齐|配强|用好|抓实|做实|织密)")
#: "无", "暂无突出问题", also with the year first and the problems qualified ("本年度暂无需要
#: 报告的问题。", "未发现明显问题"); never a sentence saying what is lacking ("暂无专职人员").
_EMPTY_5 = re.compile(
    r"^[\s。.]{0,4}(?:(?:本年度?|今年|全年)[，,]?)?"
    r"(?:无|暂无|没有|(?:暂无|无|没有|暂未发现|未发现)(?:突出|明显|需要报告的|需要说明的)?问题)"
    r"[\s。.！!]{0,4}$")


@dataclass(frozen=True)
class StatementSpan:
    """One statement as an offset span with its block and marker as written."""

    start: int
    end: int
    block: str
    marker: str | None


@dataclass(frozen=True)
class SplitResult:
    """Statements of section 五 plus what was noticed on the way."""

    statements: tuple[StatementSpan, ...]
    empty: bool  # the section says "无" / "暂无" (or is blank)
    unsplit: bool  # some block had no enumeration and was split into sentences


def is_empty_section(text: str) -> bool:
    """True for a section 五 that is blank or just "无" / "暂无突出问题"."""
    return not _CONTENT.search(text) or bool(_EMPTY_5.match(text))


#: What may start an item right after a run-in sub-heading ("（二）改进措施一是…", "…措施1.…").
_ITEM_START = (rf"(?:其)?(?:{_CN_NUM})[是要]|[(（][ \t]{{0,2}}(?:{_CN_NUM}|\d{{1,2}})[ \t]{{0,2}}[)）]"
               rf"|\d{{1,2}}(?:{_DOT_AFTER_NUMBER}|、)|[{_CIRCLED}{_PAREN_CHARS}{_STOP_CHARS}]|第(?:{_CN_NUM})[，,、：:]"
               rf"|首先[，,、：:]")
#: A phrase worded as a sub-heading, not as a sentence about some unit ("改进措施", "存在的主要
#: 问题", "2024年工作打算"; not "部分单位存在问题"), and the characters it may start with.
_TITLE_START = re.compile(
    r"(?:20\d\d年度?|本年度?|上年度?|今年|明年)?(?:政府信息公开|政务公开)?(?:工作)?"
    r"(?:存在|主要|问题|不足|改进|整改|下一?步|今后|工作|努力|措施|打算|计划)")
_TITLE_FIRST = "2本上今明政工存主问不改整下努措打计"
#: The word a run-in sub-heading ends in, and what may follow it (a quick test first).
_HEADING_WORD = (_HEADING_NOUN_END.pattern.rstrip("$")
                 + rf"(?=[。：:\s]|{_ITEM_START})")
_HEADING_END = re.compile(_HEADING_WORD)
#: Where a numbered sub-heading may run in mid-line: after a sentence end (and spaces), at
#: its number ("（二）", "二、", "2.", "第二部分").
_INLINE_BOUNDARY = re.compile(
    rf"[。！？!?；;](?:[ \t\u3000]*(?=[(（]|(?:{_CN_NUM})[、.．]|\d{{1,2}}[.．、]|第)"
    rf"|[ \t\u3000]+(?=[{_TITLE_FIRST}]))")
#: A numbered sub-heading's phrase run in mid-line, ended by "。", "：", spaces before more
#: text, or directly by an item marker ("（一）存在的主要问题 1.…", "（二）改进措施一是…").
_ITEM_START_RX = re.compile(_ITEM_START)


@lru_cache(maxsize=1)
def _inline_phrase() -> re.Pattern[str]:
    """The title of an inline sub-heading (compiled on first use: ~1 ms, and most reports
    have no inline sub-heading)."""
    return re.compile(
        rf"([^\s，,。；;：:！？!?、]{{2,{MAX_SUBHEADING_LENGTH}}}?)"
        rf"(?:[。：:][ \t\u3000]*|[ \t\u3000]+(?=\S)|(?={_ITEM_START}))")


def _inline_heading(text: str, p: int, l1: int, items: dict[str, int],
                    at: tuple[re.Match[str], str | None, int] | None = None,
                    run_on: dict[int, tuple[int, str]] | None = None
                    ) -> tuple[int, int, str] | None:
    """(start, body_start, block) of a sub-heading run in at ``p``, a line start or just after
    a sentence end (scraped text on one line): "（二）改进措施 1.…", "（三）改进措施。一是…".
    Numbered ((一), 一、, 1.) and naming its block ("问题", "措施" …), or unnumbered, worded as
    a title and followed by a space or an item ("改进措施 1.…", "存在问题一是…"); mid-line an
    unnumbered one must be set off by spaces. (An unnumbered "改进措施：" is left to the
    block's split, :func:`_split_block`: it may be one item's measure half, "（一）…。改进措施：…")
    ``items`` holds the ordinal of the last item per marker style; ``at`` is (the _SUB_MARKER
    match, style, ordinal) already read at a line start."""
    if at is not None:
        m, style, n = at
    else:
        m = _SUB_MARKER.match(text, p, l1)
        if m is None:
            return None
        style, n = _marker_ordinal(m.group())
    p0 = m.end()
    if run_on and p0 in run_on and style is not None:  # "…。（二）改进措施细化…" (_run_on_names)
        return (_lstrip(text, p, l1), *run_on[p0])
    if style is None and (not _TITLE_START.match(text, p0, l1)
                          or (at is None and text[p - 1] not in " \t\u3000")):
        return None
    h = (_inline_phrase().match(text, p0, l1)
         if _HEADING_END.search(text, p0, min(l1, p0 + MAX_SUBHEADING_LENGTH + 1)) else None)
    if h is None or not _HEADING_NOUN_END.search(h.group(1)):
        if style is not None:
            items[style] = n
        return None
    # after item 2, "（三）改进措施 1.…" is a title, but "（三）审核仍有薄弱环节。", "（三）部分单位存在
    # 问题 回复…" are item 3, and so are, mid-line, "（三）部分单位存在问题：…" and "3.部分单位存在
    # 问题 1.…" (there a title is worded as one: "3.改进措施：…")
    phrase = h.group(1)
    term = text[h.end(1)]
    if _sentence_not_label(phrase, term):
        if style is not None:
            items[style] = n
        return None  # "（一）审核仍有薄弱环节。": item 1, a sentence
    worded = _TITLE_START.match(phrase) is not None
    if term in "。：:":
        titled = term != "。" and (at is not None or worded)
    else:
        titled = term not in " \t\u3000" or _ITEM_START_RX.match(text, h.end()) is not None
    if style is None:
        if term in "。：:" or len(phrase) > (
                MAX_UNNUMBERED_LENGTH if titled else _UNNUMBERED_SPACED_MAX):
            return None  # (a heading before "：" or "。" is read as before)
    elif n > 1 and items.get(style) == n - 1 and (not titled or (at is None and not worded)):
        items[style] = n
        return None
    block = block_of(phrase)
    if block is None:
        return None
    return _lstrip(text, p, l1), h.end(), block


def _lstrip(text: str, s: int, e: int) -> int:
    """The first position in text[s:e] past spaces and tabs."""
    while s < e and text[s] in " \t\u3000":
        s += 1
    return s


#: The problem label that opens a topic's pair ("存在的问题：…。改进措施：…").
_PAIR_LABEL = re.compile(r"[ \t\u3000]*(?:存在的?(?:主要)?|主要)?(?:问题|不足)[：:]")


_DIGIT = re.compile(r"\d")
#: A labelled problem item at a line start ("问题一：", "不足2、").
_LABELLED_PROBLEM = re.compile(rf"[ \t\u3000]{{0,8}}(?:{_PROBLEM_LABELS})(?:{_CN_NUM}|\d{{1,2}})[：:，,、.．]")
#: A labelled item numbered in digits before "、"/"." at a line start ("不足2、", "措施1.").
_LABELLED_DIGIT = re.compile(rf"[ \t\u3000]{{0,8}}({_LABELS})(\d{{1,2}})[、.．]")


def _labelled_item(text: str, pos: int, l1: int, start: int, end: int) -> bool:
    """True when the line text[pos:l1] opens with a labelled item in digits ("不足2、…") and
    another line of text[start:end] opens with the same label numbered one less or one more:
    "不足1、…⏎不足2、…" is a run of items, not the run-in sub-heading "不足" over an item "2、"
    (which "问题1、…。2、…" on one line still is)."""
    m = _LABELLED_DIGIT.match(text, pos, l1)
    if m is None:
        return False
    n = int(m.group(2))
    lines = _labelled_lines(text, start, end)
    return (m.group(1), str(n - 1)) in lines or (m.group(1), str(n + 1)) in lines


#: A line opening with a labelled item in digits: its label and number.
_LABELLED_LINE = re.compile(rf"(?:^|\n)[ \t\u3000]{{0,8}}({_LABELS})(\d{{1,2}})[、.．]")


@lru_cache(maxsize=4)
def _labelled_lines(text: str, start: int, end: int) -> frozenset[tuple[str, str]]:
    """(label, number as written) of the lines of text[start:end] opening with a labelled
    item in digits, found once per part of 五 read: searching the part again for each line
    that opens so (:func:`_labelled_item`) took 27 s on 16,000 lines "不足5、…"."""
    return frozenset(m.groups() for m in _LABELLED_LINE.finditer(text[start:end]))


def _pair_half(text: str, start: int, pos: int, l1: int, end: int, alone: bool = False) -> bool:
    """True when the line text[pos:l1], a measure label run in before its text ("整改措施：…"),
    is the measure half of the item on the line above, not a sub-heading: that line opens
    with a labelled problem ("问题一：…"), or with a marker whose next number opens the line
    below ("（一）…⏎整改措施：…⏎（二）…"). ``alone``: the label stands alone on its line, its
    measure on the lines below ("（一）…⏎整改情况：⏎1.…⏎（二）…"): the next line opening with
    the marker's style must hold its next number. ``text[start:end]``: the part of 五 read."""
    j = pos - 1
    while j >= start and text[j] in " \t\u3000\n\r":
        j -= 1
    if j < start:
        return False
    ls = max(start, text.rfind("\n", start, j) + 1)
    if _LABELLED_PROBLEM.match(text, ls, j + 1):
        return not alone or _LABELLED_PROBLEM.match(text, l1 + 1, end) is None
    m = _SUB_MARKER.match(text, ls, j + 1)
    if m is None or not m.group().strip() or _heading_block(text, ls, j + 1) is not None:
        return False
    style, n = _marker_ordinal(m.group())
    digits = _DIGIT.search(m.group()) is not None  # "(1)" and "（一）" are two styles here
    k = l1
    while k < end and text[k] in " \t\u3000\n\r":
        k += 1
    if style is None or k >= end:
        return False
    while True:
        nl = text.find("\n", k, end)
        k1 = end if nl < 0 else nl
        below = _SUB_MARKER.match(text, k, k1)
        found = (None, 0)
        if below is not None and below.group().strip() and (
                not alone or (_DIGIT.search(below.group()) is not None) == digits):
            found = _marker_ordinal(below.group())
        if not alone or found[0] == style or nl < 0:
            return found == (style, n + 1) and _heading_block(text, k, k1) is None
        if _heading_block(text, k, k1) is not None:
            return False  # another sub-heading comes first
        k = nl + 1


#: A numbered sub-heading of 五 naming other matters ("（三）其他", "（四）其他需要报告的事项").
_OTHER_MATTERS = re.compile(r"其[他它](?:需要|应当|需)?(?:报告|说明)?的?(?:事项|情况)?")

#: The fixed sub-heading names of section 五's two blocks (problems, measures), and what
#: must follow one run into its text (:data:`_RUN_ON_NAME`).
_PROBLEMS_NAMES = (r"存在的?(?:主要)?(?:问题和不足|问题|不足)", "主要问题", r"问题(?:和|与)不足", "不足之处")
_MEASURES_NAMES = ("改进措施", "整改措施", "主要措施", "改进情况", "整改情况",
                   r"下一?步(?:工作)?(?:打算|计划|措施)", r"今后(?:工作)?打算", "工作打算")
_RUN_ON_END = (
    r"(?=[\u4e00-\u9fff\d“《])(?![的和及与、是为较有在上中方等主])"
    # nor one its predicate follows ("存在的不足表现在…", "存在问题仍然较多", "改进情况良好")
    r"(?!如下|表现|体现|集中|突出|包括|仍|依然|还|均|都|总体|基本|良好|显著|明显)")
#: A fixed sub-heading name of section 五 run straight into its text after a number, with no
#: space, colon or line break ("（一）存在问题财政预决算…", "二、改进措施细化…"); the group says
#: the block. Not a name that opens a sentence about it ("存在问题较多", "改进措施的落实").
_RUN_ON_NAME = re.compile(
    f"(?:({'|'.join(_PROBLEMS_NAMES)})|({'|'.join(_MEASURES_NAMES)})){_RUN_ON_END}")
#: The same names however they end (the other half of a pair may be a heading of its own).
_NAME_AT = re.compile(_RUN_ON_NAME.pattern.split("(?=")[0])
#: Whether a text holds a run-on name at all: each name with the end it needs, one
#: alternative each. Every alternative then starts with a character, and re skips to those
#: (the groups around the names had it try a match at every character: ~90 ns one).
_ANY_RUN_ON_NAME = re.compile("|".join(name + _RUN_ON_END
                                       for name in (*_PROBLEMS_NAMES, *_MEASURES_NAMES)))


def _run_on_names(text: str, start: int, end: int,
                  bounds: list[int]) -> dict[int, tuple[int, str]]:
    """{name start: (body start, block)} of the run-on sub-headings in text[start:end] to cut.
    A name counts only after a number at a line start or a sentence end, and only as half of
    a pair: the problems' name numbered n and the measures' name numbered n + 1 in the same
    style ("（一）存在问题…（二）改进措施…"). One name alone may be a sentence's first words
    ("（二）整改措施落实不到位。"): left whole, not guessed."""
    names: dict[tuple[str, int], tuple[int, int, str, bool, bool]] = {}
    starts = [start] + [i + 1 for i in range(start, end) if text[i] == "\n"]
    for p in sorted(set(starts) | set(bounds)):
        nl = text.find("\n", p, end)
        m = _SUB_MARKER.match(text, p, end if nl < 0 else nl)
        if m is None or not m.group().strip():
            continue
        style, n = _marker_ordinal(m.group())
        h = _NAME_AT.match(text, m.end())
        if style is None or h is None:
            continue
        run_on = _RUN_ON_NAME.match(text, m.end())
        run_on = run_on is not None and run_on.end() == h.end()
        # the other half must be a name too, run on or a heading ("（二）改进措施：…", alone on
        # its line, before an item), not a sentence's first words ("（一）存在问题较多…")
        named = (run_on or h.end() >= end or text[h.end()] in "。：: \t\u3000\n"
                 or _ITEM_START_RX.match(text, h.end()) is not None)
        names[(style, n)] = (h.start(), h.end(), "problem" if h.group(1) else "measure",
                             run_on, named)
    found = {}
    for (style, n), (s, e, block, run_on, _) in names.items():
        other = names.get((style, n + 1 if block == "problem" else n - 1))
        if run_on and other is not None and other[2] != block and other[4]:
            found[s] = (e, block)
    return found


def _subheadings(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(line_start, body_start, block) of every sub-block heading in text[start:end], on a
    line of its own or run in mid-line (:func:`_inline_heading`)."""
    found = []
    pos = start
    items: dict[str, int] = {}  # marker style → ordinal of the last line-start *item*
    inline_items: dict[str, int] = {}  # the same, counting items run in mid-line too
    bounds = [b.end() for b in _INLINE_BOUNDARY.finditer(text, start, end)]
    bi, nb = 0, len(bounds)
    run_on = (_run_on_names(text, start, end, bounds)
              if _ANY_RUN_ON_NAME.search(text, start, end) else {})
    while pos < end:
        nl = text.find("\n", pos, end)
        l1 = end if nl < 0 else nl
        m = _SUB_MARKER.match(text, pos, l1)
        p0 = m.end() if m else pos
        style, n = _marker_ordinal(m.group()) if m and m.end() > pos else (None, 0)
        stop = SUBHEADING_STOP.search(text, p0, min(l1, p0 + MAX_SUBHEADING_LENGTH + 1))
        p1 = stop.start() if stop else l1
        has_marker = bool(m and m.group().strip())
        phrase = text[p0:p1].strip()
        ok = (
            phrase
            and len(phrase) <= MAX_SUBHEADING_LENGTH
            and (stop is None or text[stop.start()] in "。：:")
            and (stop is not None or l1 - p0 <= MAX_SUBHEADING_LENGTH)
            and (has_marker or len(phrase) <= MAX_UNNUMBERED_LENGTH)
            and (has_marker or (stop is not None and text[stop.start()] == "。")
                 or len(phrase) <= _BARE_LABEL_MAX or bool(_UNNUMBERED_TITLE_END.search(phrase)))
            and not _ITEM_PHRASE.match(phrase)
            and not _sentence_not_label(phrase, text[stop.start()] if stop else "")
        )
        # "（四）信息发布审核仍有薄弱环节。…" after items （一）–（三） is item 4, not a heading;
        # a title alone on its line or run in before "：" still is one, the numbering going
        # on from a first sub-block that names none ("（一）工作回顾" … "（二）存在的主要问题")
        titled = bool(ok and _HEADING_NOUN_END.search(phrase)) and (
            stop is None or text[stop.start()] in "：:" or not text[stop.end():l1].strip())
        continues = style is not None and n > 1 and items.get(style) == n - 1 and not titled
        # a sentence naming a block is a heading only when it ends in what it names
        # ("（二）改进措施。"), not when it says something ("审计整改情况公开不及时。")
        sentence = stop is not None and text[stop.start()] == "。"
        block = (block_of(phrase) if ok and not continues
                 and (not sentence or _HEADING_NOUN_END.search(phrase)) else None)
        if (block == "measure" and not has_marker and stop is not None
                and text[stop.start()] in "：:"
                and _pair_half(text, start, pos, l1, end,
                               alone=not _CONTENT.search(text, stop.end(), l1))):
            block = None  # "问题一：…⏎整改措施：…⏎问题二：…": the item's measure half
        if (block is None and ok and has_marker and stop is None and phrase.endswith("方面")
                and _PAIR_LABEL.match(text, l1 + 1, end)):
            # "（一）主动公开方面" over its own "存在的问题：…改进措施：…": a topic heading, no
            # statement; the labels under it say the blocks
            block = "unknown"
        if (block is None and ok and has_marker and stop is None
                and _OTHER_MATTERS.fullmatch(phrase)):
            # "（三）其他需要报告的事项" / "（三）其他" closing 五 (or a 五 merged with 六): a
            # heading over what is neither problem nor measure, no statement
            block = "unknown"
        if block is None and not has_marker and stop is not None and text[stop.start()] in "，,":
            # "问题方面，一是…": a block label opening a paragraph (headings.ASPECT_LABEL, the
            # list a heading "（一）问题方面" is read by) is no statement
            block = aspect_block(phrase)
        run_in = None
        if has_marker and p0 in run_on:  # "（一）存在问题财政预决算…" (its pair below)
            block = None
            run_in = (_lstrip(text, pos, l1), *run_on[p0])
        elif ((block is None and (style is not None or p0 < l1 and text[p0] in _TITLE_FIRST)
             and _HEADING_END.search(text, p0, min(l1, p0 + MAX_SUBHEADING_LENGTH + 1))
             and not (style is None and _labelled_item(text, pos, l1, start, end)))
                or (block is not None and (_SPACE.search(phrase) or _ITEM_START_RX.search(phrase)))):
            # "（一）存在的主要问题 1.…", "（一）主要问题一是…。" (the phrase would run on to the
            # first item's "。"), "改进措施 1.…"
            run_in = _inline_heading(text, pos, l1, inline_items, (m, style, n))  # type: ignore[arg-type]
        if style is not None and block is None and run_in is None:
            items[style] = inline_items[style] = n
        if run_in is not None:
            found.append(run_in)
            scan = run_in[1]
        elif block is not None:
            found.append((pos, stop.end() if stop else l1, block))
            scan = found[-1][1]
        else:
            scan = pos
        while bi < nb and bounds[bi] < l1:
            if bounds[bi] >= scan:
                run_in = _inline_heading(text, bounds[bi], l1, inline_items, run_on=run_on)
                if run_in is not None:
                    found.append(run_in)
                    scan = run_in[1]
            bi += 1
        pos = l1 + 1
    return _drop_empty_repeats(text, found, end)


def _drop_empty_repeats(text: str, found: list[tuple[int, int, str]],
                        end: int) -> list[tuple[int, int, str]]:
    """Drop a sub-heading worded as a sentence ("…增加整改情况。") that heads nothing and
    repeats the block open above it: under "（二）改进措施" the one line "审计结果公告增加整改
    情况。" ends in a heading noun, but a heading with nothing under it is the measure itself."""
    keep: list[tuple[int, int, str]] = []
    for i, (ls, body, block) in enumerate(found):
        nxt = found[i + 1][0] if i + 1 < len(found) else end
        if (keep and keep[-1][2] == block and body > ls and text[body - 1] == "。"
                and not _CONTENT.search(text, body, nxt)):
            continue
        keep.append((ls, body, block))
    return keep


def _sentence_not_label(phrase: str, term: str) -> bool:
    """Whether a phrase worded like a sub-heading, ended by ``term`` ("。", "：", "" at the
    line's end), is a sentence, not a label: a lead-in ("存在的问题有两个方面：") or, ended by
    "。", an item saying what is lacking ("（一）审核仍有薄弱环节。")."""
    return bool(_LEAD_SENTENCE.search(phrase) or term == "。" and _SAYS_LACKING.search(phrase))


def _marker_ordinal(marker: str) -> tuple[str | None, int]:
    """(style, ordinal) of a sub-heading marker as _SUB_MARKER matches it ("（二）" →
    ("paren", 2), "3." → ("num", 3)); (None, 0) for no marker."""
    m = _ORDINAL.search(marker)
    if not m:
        return None, 0
    word = m.group()
    n = int(word) if word.isdigit() else _CN.get(word, 0)
    if "部分" in marker:
        return "part", n
    if "(" in marker or "（" in marker:
        return "paren", n
    return ("num" if word.isdigit() else "cn"), n


def _verb_led_first(text: str, found: list[tuple[int, int, int]],
                    start: int) -> list[tuple[int, int, int]]:
    """``found`` (一是/一要 candidates) without an item 1 run on after a verb ("将一要") that
    the same item 2 ("二要", after a mark) does not follow: "我局将一是…" alone is prose."""
    def word(f: tuple[int, int, int]) -> str:
        seg = text[f[0]:f[1]]
        return "是" if "是" in seg else "要"
    keep = []
    for i, f in enumerate(found):
        k = f[0]
        while k > start and text[k - 1] in " \t\u3000":
            k -= 1
        verb = k > start and text.endswith(_SHI_AFTER_VERB, start, k) and f[2] == 1
        if verb and not (i + 1 < len(found) and found[i + 1][2] == 2
                         and word(found[i + 1]) == word(f)):
            continue
        keep.append(f)
    return keep


def _candidates(text: str, start: int, end: int) -> dict[str, list[tuple[int, int, int]]]:
    """Marker candidates by kind: (marker_start, marker_end, ordinal)."""
    out: dict[str, list[tuple[int, int, int]]] = {}
    verb_led = False
    symbols = _SYMBOL_MARKS.search(text, start, end) is not None
    for kind, rx, where in _MARKERS:
        found: list[tuple[int, int, int]] = []
        if not symbols and kind in _SYMBOL_KINDS:
            continue
        if kind == "shi":
            # (every match holds 是 or 要, and the pattern's scan is the slowest of all: it has
            # no leading literal or class to skip to, so each 是/要 after a numeral is looked at)
            if text.find("是", start, end) < 0 and text.find("要", start, end) < 0:
                continue
            matches: Iterable[re.Match[str]] = _shi_matches(rx, text, start, end)
        elif kind == "cn_paren":
            if (_CN_PAREN_LINE.search(text, start, end) is None
                    and _CN_PAREN_HEAD.match(text, start, end) is None):
                continue
            matches = rx.finditer(text, start, end)
        else:
            matches = rx.finditer(text, start, end)
        for m in matches:
            s = m.start()
            k = s
            while k > start and text[k - 1] in " \t\u3000":
                k -= 1
            prev = text[k - 1] if k > start else "\n"
            if where == "line":
                ok = prev == "\n"
            elif where == "run":
                ok = (prev in _RUN_IN_BEFORE or (k < s and kind in _SPACED)
                      or (kind == "sequence" and text[m.end() - 1] == "是" and prev in _SHI_BEFORE))
            else:
                ok = prev in _SHI_BEFORE or k < s
                if not ok and m.group(1) == "一" and text.endswith(_SHI_AFTER_VERB, start, k):
                    # "我局将一要…；二要…": item 1 run on after the verb that leads the list,
                    # kept only when item 2 follows (below)
                    ok = verb_led = True
            if not ok:
                continue
            g = m.group(1)
            if kind == "circled":
                n = _CIRCLED.index(g) + 1
            elif kind == "paren_char":
                n = _PAREN_CHARS.index(g) + 1
            elif kind == "stop_char":
                n = _STOP_CHARS.index(g) + 1
            elif kind == "sequence":
                n = _SEQUENCE.get(g, 0)
            elif kind == "bullet":
                if found and g != text[found[0][0]]:
                    continue
                n = len(found) + 1
            else:
                n = _CN.get(g) or int(g)
            found.append((s, m.end(), n))
        if verb_led:
            found = _verb_led_first(text, found, start)
            verb_led = False
        if kind == "labelled" and len(found) >= 2 and _alternating(text, found):
            # "问题一：…措施一：…问题二：…措施二：…": pairs, one item after another
            found = [(s, e, i + 1) for i, (s, e, _) in enumerate(found)]
        if found:
            out[kind] = found
    return out


def _shi_matches(rx: re.Pattern[str], text: str, start: int, end: int) -> list[re.Match[str]]:
    """``list(rx.finditer(text, start, end))`` for the "shi" marker (其一是, 十二是：): a match
    holds one 是 and starts at most 3 characters before it (其十二是), so each 是 is searched
    for in the few characters around it, after the last match, as finditer would reach it."""
    out = []
    lo = start
    # (a match's 是 follows its numeral: only such 是 are looked at, so a run of 是 with none,
    # a hostile input, costs one scan, not a search at each)
    for c in _SHI_AT.finditer(text, start, end):
        if c.start() < lo:
            continue
        p = c.start() + 1
        m = rx.search(text, max(lo, p - 3), min(end, p + 2))
        if m is not None:
            out.append(m)
            lo = m.end()
    return out


#: A 是/要 after the last character of a "shi" marker's numeral (``_CN_NUM``).
_SHI_AT = re.compile("[一二三四五六七八九十][是要]")


def _alternating(text: str, found: list[tuple[int, int, int]]) -> bool:
    """True when labelled items alternate problem / measure, each pair under one number."""
    families = [bool(_LABEL_BLOCK.match(text, s).group(1)) for s, _, _ in found]  # type: ignore[union-attr]
    return (all(a != b for a, b in zip(families, families[1:], strict=False))
            and all(found[i][2] == found[i + 1][2] for i in range(0, len(found) - 1, 2)))


def _runs(cands: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Runs 1, 2, 3 … taken greedily in text order; a new run starts when 1 comes again."""
    runs: list[list[tuple[int, int, int]]] = []
    cur: list[tuple[int, int, int]] = []
    for c in cands:
        if c[2] == len(cur) + 1 or (c[2] == 0 and len(cur) >= 1):
            cur.append(c)
        elif c[2] == 1 and len(cur) >= 2:
            runs.append(cur)
            cur = [c]
    if len(cur) >= 2:
        runs.append(cur)
    return runs


def _items(text: str, start: int, end: int,
           cands: dict[str, list[tuple[int, int, int]]] | None = None,
           ) -> list[list[tuple[int, int, int]]]:
    """Runs of markers of the top enumeration level in text[start:end] (empty when none).

    The top level is the marker style whose first run starts earliest; a style that
    restarts at 1 ("存在以下问题：一是…二是…。下一步：一是…") gives several runs.
    """
    if cands is None:
        cands = _candidates(text, start, end)
    by_kind = [_runs(c) for c in cands.values()]
    by_kind = [r for r in by_kind if r]
    if not by_kind:
        return []
    best = min(by_kind, key=lambda runs: runs[0][0][0])
    # another style may take over after a lead sentence ("…改进：1.…2.…" after 一是…三是)
    while True:
        last = best[-1][-1][0]
        follow = [r for r in by_kind if r is not best and r[0][0][0] > last]
        nxt = None
        for runs in sorted(follow, key=lambda rs: rs[0][0][0]):
            first = runs[0][0][0]
            lead = text[_last_sentence_start(text, last, first):first].rstrip()
            if lead.endswith(("：", ":")) and lead_block(lead) is not None:
                nxt = [r for r in runs if r[0][0] >= first]
                break
        if nxt is None:
            return best
        best = best + nxt


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\u3000\n\r":
        s += 1
    while e > s and text[e - 1] in " \t\u3000\n\r":
        e -= 1
    return s, e


def _heading_block(text: str, s: int, e: int) -> str | None:
    """The block named by text[s:e] when it is nothing but a sub-heading: run in before
    "：" ("改进措施：") or a sentence of its own, numbered or not ("（二）改进措施。")."""
    m = _RUN_IN_HEADING.fullmatch(text, s, e)
    if m is not None and _LEAD_SENTENCE.search(m.group(1)):
        return None  # "存在的问题有两个方面：" is a lead-in sentence
    if m is None:
        m = _HEADING_SENTENCE.fullmatch(text, s, e)
        if m is None:
            return None
        if not _HEADING_NOUN_END.search(m.group(1)):
            return None  # a sentence naming a block is no heading ("主要问题是人员不足。")
        if not text[s:m.start(1)].strip() and len(m.group(1)) > MAX_UNNUMBERED_LENGTH:
            return None  # a longer sentence without a number is a lead-in ("我局…还存在一些问题和不足：")
    return block_of(m.group(1)) if m else None


#: A sentence aimed at the problems named and saying what will be done ("针对上述问题，我局将…"),
#: 计划 a verb there, not the noun of a problem ("针对上述问题，整改计划仍不够细化").
_AIMED_TURN = re.compile(rf"{AIMED_AT_PROBLEM}[，,]?[^。，,；;]{{0,20}}?{INTENT}"
                         r"(?<!整改计划)(?<!改进计划)(?<!工作计划)")


def _measure_turn(text: str, s: int, e: int) -> bool:
    """True when the sentence text[s:e] turns from problems to measures ("下一步，我局将…",
    "2024年，我局将…", "针对上述问题，…"): in a problem block it starts the measures."""
    return bool(_MEASURE_TURN.match(text, s, e))


def _tail_break(text: str, s: int, e: int) -> tuple[int, int, str] | None:
    """Where the last problem item of a block runs on into the measures: a sub-heading
    ("…细化。（二）改进措施。一是…", "…情况。整改措施：在官网…") or a sentence that turns to
    measures ("…细化。下一步，我局将…"). Returns (item end, start of the rest, its block) or
    None. A clause turning to the measure inside a sentence ("…照搬原文，对此我们将…") breaks
    it too (:func:`_problem_turn`), the comma belonging to neither."""
    turn = _problem_turn(text, s, m.start() if (m := _SENTENCE_END.search(text, s, e)) else e)
    if turn is not None:
        return turn[0], turn[1], "measure"
    for m in _SENTENCE_END.finditer(text, s, e):
        p, _ = _trim(text, m.end(), e)
        if p >= e:
            break
        stop = _SENTENCE_END.search(text, p, e)
        q = stop.end() if stop else e
        h0, h1 = _trim(text, p, q)
        heading = _heading_block(text, h0, h1)
        if heading is not None:
            return p, q, heading
        run_in = _RUN_IN_HEADING.match(text, h0, h1)  # "整改措施：在官网开通…"
        named = block_of(run_in.group(1)) if run_in else None
        if named is not None:
            return p, run_in.end(), named
        aspect = _aspect_label(text, h0, h1)  # "改进方面，在官网开通…"
        if aspect is not None:
            return p, aspect[1], aspect[0]
        if _measure_turn(text, p, q):
            return p, p, "measure"
        turn = _problem_turn(text, p, stop.start() if stop else e)
        if turn is not None:
            return turn[0], turn[1], "measure"
    return None


def _measure_half(text: str, s: int, e: int) -> tuple[int, int] | None:
    """(end of the problem, start of the measure) when the item text[s:e] states a problem and
    then its measure, else None: at a label naming measures run in before "：" at a sentence
    start ("（一）…不够全面。整改措施：会后…", "问题一：…。⏎整改措施：…"), at a sentence
    turning back to it ("一是…不便。针对此问题，我局将…"), or at a clause that does
    (:func:`_problem_turn`: "一是…照搬原文，对此我们将…；二是…", "…有待提高，下一步将…"),
    the part before reading as a problem ("一是…不规范。下一步将…；二是…" pairs each item)."""
    for m in _SENTENCE_END.finditer(text, s, e):
        p = _trim(text, m.end(), e)[0]
        if p >= e:
            break
        head = _RUN_IN_HEADING.match(text, p, e)
        if head is not None and block_of(head.group(1)) == "measure" \
                and _CONTENT.search(text, head.end(), e):
            return p, p
        aspect = _aspect_label(text, p, e)  # "…不够全面。改进方面，会后…"
        if aspect is not None and aspect[0] == "measure":
            return p, p
        if _measure_turn(text, p, e) and _reads_as_problem(text, s, m.end()):
            # "一是…不便。针对此问题，我局将…", "一是…不规范。下一步将…": the problem, then
            # its measure
            return p, p
    return _clause_turn(text, s, e)


def _clause_turn(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The first :func:`_problem_turn` of a sentence of text[s:e] (the sentence that states
    the problem turns to its measure at a comma), or None."""
    p = s
    for m in _SENTENCE_END.finditer(text, s, e):
        turn = _problem_turn(text, p, m.start())
        if turn is not None:
            return turn
        p = _trim(text, m.end(), e)[0]
        if p >= e:
            return None
    return _problem_turn(text, p, e)


def _sentences(text: str, start: int, end: int, block: str) -> list[StatementSpan]:
    """Sentences of a block with no enumeration.

    In an ``unknown`` block a lead sentence followed by others decides the block of itself and
    what follows: the first ("…仍存在一些不足。") or one announcing a list ("…将做好以下工作。").
    """
    spans = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.group() == "\n" and _wrapped(text, m.start(), end):
            continue  # a long line cut mid-sentence ("…没有专职\n人员。") goes on
        stop = m.end() if m.group() != "\n" else m.start()
        spans.append(_trim(text, pos, stop))
        pos = m.end()
    spans.append(_trim(text, pos, end))
    spans = _join_lead_phrases(text, _split_announcements(
        text, [(s, e) for s, e in spans if _CONTENT.search(text, s, e)]))
    out = []
    free = block == "unknown"
    for i, (s, e) in enumerate(spans):
        head = _RUN_IN_HEADING.match(text, s, e)
        named = block_of(head.group(1)) if head else None
        label_end = head.end() if head else s
        if named is None and (aspect := _aspect_label(text, s, e)) is not None:
            named, label_end = aspect  # "…单一。改进方面，我局将…"
        if named is not None:  # "改进措施：配备专职人员。" switches any block
            if named == "measure" and block == "unknown":
                _problems_before(text, out)  # as a label on its own line sets them off
            block = named
            s, e = _trim(text, label_end, e)
            if not _CONTENT.search(text, s, e):
                continue
        elif ((named := _heading_block(text, s, e)) is not None
              and not (named == block and i + 1 == len(spans) and text[e - 1] == "。"
                       and not _SUB_MARKER.match(text, s, e).group().strip())):
            # "（二）改进措施。" — but an unnumbered sentence closing a block it would only
            # name again ("审计结果公告增加整改情况。" under 改进措施) heads nothing: a statement
            block = named
            continue
        elif block != "measure" and (turn := _problem_turn(text, s, e)) is not None:
            # "人员力量不足，下一步将加强培训。": the problem, then its measure
            if block == "unknown":
                _problems_before(text, out)
            out.append(StatementSpan(s, _trim(text, s, turn[0])[1], "problem", None))
            block = "measure"
            s = turn[1]
        elif (block == "unknown" and i + 1 < len(spans) and _reads_as_problem(text, s, e)
              and _measure_turn(text, *spans[i + 1])):
            _problems_before(text, out)
            block = "problem"  # "人员力量不足。下一步将加强培训。"
        # a lead leads something: not the last sentence
        elif free and i + 1 < len(spans) and (i == 0 or _ANNOUNCES.search(text, s, e)):
            led = lead_block(text[s:e]) or block
            if block == "unknown" and led == "measure":
                _problems_before(text, out)  # "…公开形式单一。下一年，学校准备这样改：…"
            block = led
        elif block == "problem" and _measure_turn(text, s, e):  # "下一步，我局将…"
            block = "measure"
        out.append(StatementSpan(s, e, block, None))
    return out


def _wrapped(text: str, nl: int, end: int) -> bool:
    """True when the line break at ``nl`` cuts a sentence: the line before it is long (a
    wrapped line of a page, 20+ characters) and ends without punctuation, and the next line
    goes on with text (no marker, bullet or blank line)."""
    line_start = text.rfind("\n", 0, nl) + 1
    for _ in range(3):  # a page break (at most a few lines of page numbers) in a sentence
        if line_start == 0 or not PAGE_LINE.fullmatch(text, line_start, nl):
            break
        nl = line_start - 1  # look at the line before the page number
        line_start = text.rfind("\n", 0, nl) + 1
    prev = text[line_start:nl].rstrip(" \t\u3000")
    if len(prev) < 20 or prev[-1] in _NO_WRAP_END:
        return False
    nxt = nl + 1
    while nxt < end and text[nxt] in " \t\u3000":
        nxt += 1
    return nxt < end and text[nxt] not in _NO_WRAP_START


_NO_WRAP_END = frozenset("。！？!?；;：:")
_NO_WRAP_START = frozenset("\n(（[【〔0123456789一二三四五六七八九十第①②③④⑤⑥⑦⑧⑨⑩" + _BULLETS
                           + _PAREN_CHARS + _STOP_CHARS)


#: A line of a web page's buttons (【打印本页】【关闭窗口】, "打印本页  关闭窗口", 字号：大 中 小,
#: 分享到：微信 微博), or of the head a paged article prints again on each page (the title,
#: "来源：… 发布时间：… 浏览次数：266", a breadcrumb "首页 > 政务公开 > …"): left inside the text
#: where a saved page broke a long report into pages; never part of a statement.
_BUTTONS_LINE = re.compile(
    r"(?m)^[ \t\u3000]{0,8}(?:[【\[]?[ \t]{0,2}(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|我要纠错"
    r"|纠错|收藏本页|收藏|分享到(?:[:：][^\n。；]{0,30})?|返回顶部"
    r"|字[体号][:：]?[ \t]{0,2}[【\[]?大[】\]]?[ \t]{0,2}[【\[]?中[】\]]?[ \t]{0,2}[【\[]?小[】\]]?"
    r"|(?:浏览|阅读|点击)次数[:：][ \t]{0,2}\d{1,9}|(?:信息)?来源[:：][^\n。；]{0,40}?(?:发布|浏览|阅读)[^\n。；]{0,60}"
    r"|(?:发布时间|发布日期)[:：][ \t]{0,2}(?:19|20)\d\d[^\n。；]{0,60}"
    r"|(?:首页|当前位置|您的位置|您当前的位置)[^\n。；]{0,60}?[>›»][^\n。；]{0,80}"
    r"|(?![\d一二三四五六七八九十(（①-⑩⑴-⒇⒈-⒛])(?:(?!发布|公布|编制|报送|上报|印发|及时|按时)[^\n。，；：:])"
    r"{2,40}?(?:19|20)\d{2}年度?政府信息公开工作年度报告)[ \t]{0,2}[】\]]?"
    r"[ \t\u3000]{0,8}){1,6}$")


#: A photo's caption on a line of its own, the photo lost (a saved page's text, a copy
#: without images): "▲镇政务公开专区", "图为…。", "（图为…）" — short, one sentence at most.
#: A "▲" line is one only when it is the block's one "▲" line (a lone ▲ is no list: two or
#: more are bullets, :func:`_with_line_lone_items`).
_CAPTION_TEXT = r"[^\n。；;！!？?]{1,60}[。)）]?[ \t\u3000]*$"
_CAPTION_LINE = re.compile(rf"(?m)^[ \t\u3000]*(?:[▲△]|[(（]?图为){_CAPTION_TEXT}")
#: :data:`_CAPTION_LINE` without its "▲" lines (a block of ▲ bullets).
_CAPTION_ONLY_FIGURE = re.compile(rf"(?m)^[ \t\u3000]*[(（]?图为{_CAPTION_TEXT}")
_TRIANGLE_LINE = re.compile(r"(?m)^[ \t\u3000]*[▲△]")


#: A report's closing formula on a line of its own inside section 五 ("特此报告。", "以上报告，
#: 请审阅。"), where a writer put it before 六 (it was read as a measure): no statement of any kind.
_CLOSING_LINE = re.compile(r"(?m)^[ \t\u3000]*(?:特此(?:报告|公告|说明)|以上报告)"
                           r"(?:[，,]?(?:请(?:予以)?(?:审阅|审议|审定)|如上))?[。.！!]?[ \t\u3000]*$")


#: A note on a line of its own after a sentence's end ("…应付现象。⏎注：本报告所列数据统计期限
#: 自…止。", 注释：, 备注：): a PDF page's footnote, set under the page's last line, ran into the
#: statement ending there. A note saying how to read the report's figures (its data, period,
#: sources, units, what a figure holds, a table: :data:`_NOTE_WORDS`) is no problem or
#: measure: no statement. One saying anything else is the agency's own text, a statement as
#: any line ("注：以上问题已于2024年3月底前全部整改完毕。"). (Under a line ending mid-sentence,
#: the sentence going on below it on the next page, it is left in that statement: cut there,
#: the sentence would be split in two.) A note naming the data but saying what will be done or
#: what is wrong (:data:`_NOTE_SAYS`: "备注：下一步将加强数据共享。", "注：统计工作仍不够规范…")
#: is a measure or a problem too, and stays a statement.
_NOTE_WORDS = r"数据|数字|统计|口径|来源|截[至止]|单位|期限|表[中内格一二三四五六]|[本上下附该此]表|含(?!金量)|[是系]指|[①-⑳*※]"
#: What a measure or a problem says (将, 下一步, 加强, 推进; 不够, 不足, 存在 …), beside what a
#: note on the figures may say with the same words: "存在尾差", "存在重复计算" (rounding, double
#: counts), "将…计入…" (how a figure is counted), "将于3月底前更新" / "今后每年更新" (when the
#: data change), "尚未经…核定" (the data not yet confirmed).
_NOTE_SAYS = (r"将(?!于[^\n，,。；;]{0,12}?(?:更新|公布|答复|办结|修正|补录)"
              r"|[^\n，,。；;]{0,16}?(?:计入|计为|计算|统计|合并|列入|归入|折算|四舍五入))"
              r"|下一步|今后(?![^\n，,。；;]{0,6}?更新)|加强|推进|改进|完善|健全|整改|不够|不足|不到位|不规范"
              r"|存在(?![^\n，,。；;]{0,8}?(?:尾差|误差|差异|出入|重复|交叉|重叠))|欠缺|有待"
              r"|尚(?:未(?!经|计入|纳入|列入|办结|核定|审核)|不)|仍[需须有未不]")
_NOTE_LINE = re.compile(r"(?m)(?:(?<=[。！？!?；;]\n)|(?<=[。！？!?；;][ \t\u3000]\n))[ \t\u3000]*"
                        rf"{NOTE_WORD}[ \t\u3000]*[：:]"
                        rf"(?=[^\n]{{0,150}}?(?:{_NOTE_WORDS}))(?![^\n]{{0,150}}?(?:{_NOTE_SAYS}))"
                        r"[^\n]{1,150}$")


#: What a picture or a video left on a line of its own in a saved page's text: its alt text
#: ("图片", "视频"), a prompt ("（点击图片查看大图）", "点击播放"), its credit or caption after a
#: label ("（图片来源：县水利局）", "附图：政务公开栏", "视频：政策解读短视频"), the page's
#: "扫一扫在手机打开当前页" or a pager ("第1页 共2页 首页 上一页 下一页 尾页") left between the items.
_MEDIA_LINE = re.compile(
    r"(?m)^[ \t\u3000]*(?:图片|视频|[(（](?:点击)?(?:图片|大图)[^\n()（）。；]{0,20}[)）]"
    r"|[(（](?:图片|视频)来源[:：][^\n()（）。；]{1,30}[)）]|(?:附图|视频)[:：][^\n。；;！？]{1,30}"
    r"|点击(?:播放|查看大图|图片查看大图)|扫一扫在手机上?(?:打开|查看|阅读)当前页"
    r"|第[ \t\u3000]*\d+[ \t\u3000]*页[ \t\u3000]*共[ \t\u3000]*\d+[ \t\u3000]*页[^\n。；]{0,40})"
    r"[ \t\u3000]*$")
_MEDIA_WORDS = re.compile(r"图片|视频|播放|大图|附图|扫一扫|共[ \t\u3000]*\d+[ \t\u3000]*页")


def _cut_captions(text: str, found: list[StatementSpan], s: int, e: int) -> list[StatementSpan]:
    """``found`` (the statements of the block text[s:e]) with a photo's caption line, a
    picture's or video's leftover line, a closing formula's line and a note's line cut out:
    no statement and no statement's text (:data:`_CAPTION_LINE`, :data:`_MEDIA_LINE`,
    :data:`_CLOSING_LINE`, :data:`_NOTE_LINE`)."""
    block = text[s:e]
    if _MEDIA_WORDS.search(block):
        found = _cut_buttons(text, found, _MEDIA_LINE)
    if "特此" in block or "以上报告" in block:
        found = _cut_buttons(text, found, _CLOSING_LINE)
    if "注" in block:
        found = _cut_buttons(text, found, _NOTE_LINE)
    if "▲" not in block and "△" not in block and "图为" not in block:
        return found
    lone = len(_TRIANGLE_LINE.findall(text, s, e)) == 1
    rx = _CAPTION_LINE if lone else _CAPTION_ONLY_FIGURE
    return _cut_buttons(text, found, rx)


def _cut_buttons(text: str, found: list[StatementSpan],
                 rx: re.Pattern[str] = _BUTTONS_LINE) -> list[StatementSpan]:
    """Statements with a line of page buttons in them cut there: the text before it stays a
    statement, the text after it (if any) becomes one of the same block. ``rx``: the line
    (:data:`_BUTTONS_LINE`; a caption, :func:`_cut_captions`)."""
    out: list[StatementSpan] = []
    for f in found:
        s, marker = f.start, f.marker
        for m in rx.finditer(text, f.start, f.end):
            a, b = _trim(text, s, m.start())
            if _CONTENT.search(text, a, b):
                out.append(StatementSpan(a, b, f.block, marker))
                marker = None
            s = m.end()
        if s == f.start:
            out.append(f)
            continue
        a, b = _trim(text, s, f.end)
        if _CONTENT.search(text, a, b):
            out.append(StatementSpan(a, b, f.block, marker))
    return out


#: A lead-in that is only a verb announcing the list, after the sentence that named it
#: ("…仍然存在一些问题。主要是：A；B。"): a statement of its own (a lead-in sentence, not a
#: label), cut from the first item it runs on into; the sentence above set the block.
_BARE_LEAD = re.compile(r"(?:主要|具体|集中)?(?:是|有|包括|表现(?:在|为)|体现(?:在|为))[：:]")


def _split_announcements(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut a sentence after a lead that announces a list and runs on into its first item
    ("…但还存在以下问题：监测数据公开范围有待明确；"): the lead and the item are two
    statements, and the lead then sets the block of what follows."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        colon = _COLON.search(text, s, e)
        if colon is not None and (lead_block(text[s:colon.end()]) is not None
                                  or _BARE_LEAD.fullmatch(text, s, colon.end())):
            s2 = _trim(text, colon.end(), e)[0]
            if _CONTENT.search(text, s2, e):
                out += [(s, colon.end()), (s2, e)]
                continue
        out.append((s, e))
    return out


def _join_lead_phrases(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a short run-in title ("强化队伍建设。我局…", "…将：加强栏目维护。明确…") to the
    sentence after it on the same line: the phrase is its item's title, not a statement.
    A phrase that names a block ("改进措施。") stays a heading."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        s, e = spans[i]
        if i + 1 < len(spans):
            ns = spans[i + 1][0]
            phrase = text[s:e].rstrip("。.")
            ne = spans[i + 1][1]
            if (len(phrase) <= _LEAD_PHRASE_MAX
                    and text[e - 1] in "。." and "\n" not in text[e:ns]
                    and _TITLE_VERB.match(phrase) and ne - ns > 2 * len(phrase)
                    and not _TITLE_VERB.match(text, ns, ne)  # "加强培训。完善制度，…": two measures
                    and not re.search(r"[，,、；;：:不未缺难待差弱低少慢]", phrase)
                    and _heading_block(text, s, e) is None
                    and not _measure_turn(text, ns, ne)):
                out.append((s, spans[i + 1][1]))
                i += 2
                continue
        out.append((s, e))
        i += 1
    return out


def _split_block(text: str, start: int, end: int, block: str,
                 closed: bool = False) -> tuple[list[StatementSpan], bool]:
    """Statements of the sub-block text[start:end] and whether it was split into sentences.
    ``closed``: a sub-heading follows the block, so what stands below its list is still its
    own ("（一）存在的主要问题 一是…；二是…。⏎另外，…⏎（二）改进措施"): a problem block's lines
    after the list are problems (a turn to measures among them still turns), not ``unknown``."""
    cands = _candidates(text, start, end)
    runs = _items(text, start, end, cands)
    if not runs:
        lone = _lone_item(text, start, end, cands)
        if lone is not None:
            runs = [[lone]]
    runs = _with_line_lone_items(text, start, runs, cands)
    if not runs:
        return _sentences(text, start, end, block), True
    out: list[StatementSpan] = []
    lead_start = start
    run_start = 0
    for r, run in enumerate(runs):
        run_block = block
        s, e = _trim(text, lead_start, run[0][0])
        if _CONTENT.search(text, s, e):
            # a lead-in decides an unknown block; a later run's lead-in may switch blocks
            # ("存在问题：一是…二是…。改进措施：一是…")
            heading = _heading_block(text, s, e)  # "改进措施：" alone: a heading, not a statement
            if block == "unknown" or r > 0:
                run_block = heading or lead_block(text[s:e]) or block
            if r > 0 and block == "unknown" and run_block == "measure":
                # "一是…不健全；二是…滞后。2020年，我局将：一是…": the run before the
                # measures' lead-in lists the problems
                _problem_run(text, out, run_start)
            lead = run_block
            if heading is None:
                cut = _last_sentence_start(text, s, e)
                if r == 0 and s < cut < e and _CONTENT.search(text, s, cut):
                    # prose before the sentence that announces the list ("…还存在以下问题：
                    # A；B。针对以上问题，我局将：（一）…") is statements of its own
                    prose = _sentences(text, s, cut, block)
                    out.extend(prose)
                    if block == "unknown" and run_block == "measure":
                        _problems_before(text, out)  # "…但也存在…不足。下一步，我们将："
                    s = _trim(text, cut, e)[0]
                    heading = _heading_block(text, s, e)  # "…。（二）存在的主要问题。一是…"
                    run_block = heading or run_block
                    if run_block == block and prose:
                        # a label in the prose ("…滞后。改进方面，…；…。") goes on to its
                        # last sentence: that sentence's block, not the items'
                        lead = prose[-1].block
                if heading is None:
                    out.append(StatementSpan(s, e, lead, None))
        labelled = _LABEL_BLOCK.match(text, run[0][0]) is not None
        last_end = runs[r + 1][0][0] if r + 1 < len(runs) else end
        run_start = len(out)
        paired = False  # an item above was split at its measure half (_measure_half)
        for i, (m0, m1, _) in enumerate(run):
            if labelled:  # 问题一：… / 措施一：… say their block themselves, item by item
                label = _LABEL_BLOCK.match(text, m0)
                if label:
                    run_block = "problem" if label.group(1) else "measure"
            stop = run[i + 1][0] if i + 1 < len(run) else last_end
            if i + 1 == len(run) and r + 1 < len(runs):
                # the next run's lead-in is the last sentence before its item 1
                cut = _last_sentence_start(text, m1, stop)
                stop, lead_start = cut, cut
            s, e = _trim(text, m1, stop)
            rest = mid = None
            if i + 1 == len(run) and r + 1 == len(runs):
                if run_block != "measure":  # the last problem runs on into measures
                    rest = _tail_break(text, s, e)
                # lines of their own after one item a line, up to such a turn if any
                line_end = _after_line_items(text, run, s, e if rest is None else rest[0])
                if line_end is not None and rest is not None:
                    mid = (line_end, rest[0])
                elif line_end is not None:
                    rest = (line_end, line_end, run_block if run_block == "measure"
                            or closed and run_block == "problem" else "unknown")
                if rest is not None:
                    e = _trim(text, s, (mid or rest)[0])[1]
            half = (_measure_half(text, s, e) if rest is None and run_block != "measure"
                    and not (i + 1 == len(run) and r + 1 == len(runs)) else None)
            if half is not None:  # "（一）问题。整改措施：措施。（二）…": the problem, then its measure
                out.append(StatementSpan(s, _trim(text, s, half[0])[1], "problem",
                                         text[m0:m1].strip()))
                half = half[1]
                label = _RUN_IN_HEADING.match(text, half, e)
                if label is not None and not _CONTENT.search(
                        text, label.end(), max(label.end(), text.find("\n", label.end(), e))):
                    half = label.end()  # "整改情况：" alone on its line: the measure below it
                out.extend(_split_block(text, half, e, "measure")[0])
                paired = True
                continue
            if _CONTENT.search(text, s, e):
                # an item after pairs is a problem as theirs are ("（三）…。整改措施：…", or
                # its measure half a sub-heading's: the last label below the list)
                own = "problem" if paired and run_block == "unknown" else run_block
                if (own == "problem" and i + 1 == len(run) and i > 0
                        and _AIMED_TURN.match(text, s, e)):
                    own = "measure"  # "…。最后，针对上述问题，我局将…": the list's last item
                out.append(StatementSpan(s, e, own, text[m0:m1].strip()))
            if rest is not None and rest[2] == "measure" and run_block == "unknown":
                _problem_run(text, out, run_start)
            if mid is not None:  # between the items and the turn: neither block for sure
                out.extend(_sentences(text, *mid, "unknown"))
            if rest is not None and _CONTENT.search(text, rest[1], stop):
                out.extend(_split_block(text, rest[1], stop, rest[2])[0])
    return out, False


def _after_line_items(text: str, run: list[tuple[int, int, int]], s: int, e: int
                      ) -> int | None:
    """Where the last item of ``run`` ends when the items stand one a line, each line a
    whole sentence, or all on one line, and more lines follow the last one ("一是…。⏎二是…。
    ⏎三是…。⏎按季度发布…。⏎建立…。", "一是…；二是…。⏎另外，…"): those lines are statements
    of their own, not the item's — a
    measure glued to the last problem could take neither kind. None when, the items on
    several lines, an item starts inside a line, spans lines, or ends without a full stop (a
    line wrap); when the last item's line so ends; or when nothing follows. ``text[s:e]``: the last item's text, trimmed."""
    one_line = "\n" not in text[run[0][0]:s]
    if not one_line:  # items one a line
        for m0, _, _ in run:
            if text[text.rfind("\n", 0, m0) + 1:m0].strip(" \t\u3000"):
                return None  # a marker inside a line: not one item a line
        for (_, m1, _), (n0, _, _) in zip(run, run[1:], strict=False):
            a, b = _trim(text, m1, n0)
            if a >= b or "\n" in text[a:b] or text[b - 1] not in _LINE_ITEM_END:
                return None
    # else every item on one line, a paragraph of its own ("一是…；二是…。⏎另外，…")
    nl = text.find("\n", s, e)
    if nl < 0 or text[_trim(text, s, nl)[1] - 1] not in _LINE_ITEM_END:
        return None
    after = text[nl:e].replace(IMAGE_MARK, "")  # an image below the list is no statement
    if one_line and ("\t" in after or not any(c in after for c in "。；;！!？?")):
        return None  # below a one-line list only prose is taken (no table of counts)
    return nl if _CONTENT.search(after) else None


#: How a line that is one whole item ends (a wrapped line ends without a full stop).
_LINE_ITEM_END = "。；;！!？?"


def _lone_item(text: str, start: int, end: int,
               cands: dict[str, list[tuple[int, int, int]]]) -> tuple[int, int, int] | None:
    """The marker of a block's only item ("（三）改进措施 / 一是…" with no 二是): item 1 of a
    style that opens the block (page-number lines aside) and has no other item there.
    ``cands``: the block's marker candidates (:func:`_candidates`)."""
    s = _trim(text, start, end)[0]
    while s < end:  # a page break between the sub-heading and the item
        nl = text.find("\n", s, end)
        if nl < 0 or not PAGE_LINE.fullmatch(text, s, nl):
            break
        s = _trim(text, nl, end)[0]
    for kind, found in cands.items():
        if len(found) == 1 and found[0][0] == s and found[0][2] == 1 and kind not in _WORDS:
            return found[0]
    return None


#: Ordinal words: alone, 首先/第一/其一 are words of the sentence ("首先，我局…" is prose unless
#: 其次/第二 follow), not a list of one.
_WORDS = frozenset({"sequence", "ordinal"})
#: Marker kinds a one-item list is not read in (see :func:`_with_line_lone_items`): the
#: ordinal words, and a lone "▲…" line after a block's start (a picture's caption).
_NOT_LONE_LIST = _WORDS | {"bullet"}


def _with_line_lone_items(text: str, start: int, runs: list[list[tuple[int, int, int]]],
                          cands: dict[str, list[tuple[int, int, int]]]
                          ) -> list[list[tuple[int, int, int]]]:
    """``runs`` with the one-item lists that open a line added as runs of their own: item 1
    of a style with no other item in the block ("…仍有差距：⏎(一)…。⏎2024年，学院将重点做好
    以下工作：⏎1.…"), its marker taken as a list's is. Taken when nothing is listed above it,
    or after the last item above, once a lead-in naming a block and ending in "：" announces
    it ("下一步，我镇将从以下方面改进：⏎（一）…"); one inside another list's items is nested and
    stays in its parent's text. A lone 一是/一要 may also run on after the "：" of a lead-in on
    its line ("…还存在不足，主要是：一是…。下一步…"). (首先, 第一, 其一 alone are words of the
    sentence, not a list; a lone "▲…" line is a picture's caption, no statement.)"""
    lone = sorted(f[0] for kind, f in cands.items()
                  if len(f) == 1 and f[0][2] == 1 and kind not in _NOT_LONE_LIST
                  and (not (head := text[max(start, text.rfind("\n", start, f[0][0]) + 1):f[0][0]]
                            .strip(" \t\u3000"))  # (its marker opens its line)
                       or (kind == "shi" and head.endswith(("：", ":")))))
    if not lone:
        return runs
    taken = {r[0] for r in runs}
    out = list(runs)
    for item in lone:
        if item in taken:
            continue
        before = [r for r in out if r[0][0] < item[0]]
        if any(r[-1][0] > item[0] for r in before):
            continue  # between the items of a list: nested
        if before:
            last = max(r[-1][1] for r in before)
            lead = text[_last_sentence_start(text, last, item[0]):item[0]].rstrip()
            if not lead.endswith(("：", ":")) or lead_block(lead) is None:
                continue
        out.append([item])
        out.sort(key=lambda r: r[0][0])
    return out


def _last_sentence_start(text: str, start: int, end: int) -> int:
    """Offset just after the last sentence end in text[start:end] (``end`` when none)."""
    i = end
    while i > start and text[i - 1] in " \t\u3000\n":
        i -= 1
    j = i - 1
    while j > start:
        if text[j - 1] in "。！？!?；;\n":
            return j
        j -= 1
    return end


def _cjk_periods(text: str) -> str:
    """``text`` with each half-width "." that ends a Chinese sentence read as "。" (same
    length), except the point of a Chinese-numeral marker ("一.", "问题二.", "（三）.")."""
    def full_stop(m: re.Match[str]) -> str:
        i = m.start()
        before = "\n" + text[max(0, i - 9):i] if i < 9 else text[i - 9:i]
        return "." if _CN_MARKER_BEFORE_POINT.search(before) else "。"
    return _CJK_PERIOD.sub(full_stop, text)


_PIPE_RULE_ROW = re.compile(r"[ \t\u3000|｜:：\-—–+=]*")
_COLUMN_PROBLEM = re.compile(r"问题|不足|短板")
_COLUMN_MEASURE = re.compile(r"措施|举措|对策|整改|改进|打算")
#: A column naming a status, a deadline, a category or a count (整改情况, 完成时限, 问题类型,
#: 发现问题数): it holds no statements, whatever block its name also names.
_COLUMN_OTHER = re.compile(r"情况|进展|进度|完成|时限|时间|责任|类别|类型|分类|序号|成效|结果|数")
#: A column giving each problem's cause (原因分析, 问题原因, 成因): its cells are problems too,
#: statements of their own after their row's problem (a cause is a shortcoming of its own).
_COLUMN_CAUSE = re.compile(r"原因|成因")
#: A cell worth a statement: two Chinese characters at least (not a count, not a "√").
_CELL_WORDS = re.compile(r"[\u4e00-\u9fff]{2}")
#: A header cell longer than this is a statement, not a column name.
_COLUMN_NAME_MAX = 12


#: Cells a Word table copied as plain text leaves apart: blanks (the reader keeps one of a
#: run), told from prose by the header (:func:`_problem_measure_table`).
_SPACED_CELLS = re.compile(r"[ \u3000]+")
#: A spaced header's cells are column names: this long at most, at least three of them.
_SPACED_NAME_MAX = 8
_SPACED_MIN_CELLS = 3


def _row_cells(text: str, s: int, e: int, spaced: bool = False) -> list[tuple[int, int]] | None:
    """The cells of the line text[s:e] as trimmed spans when it is a table row (TAB cells, or
    "| a | b |" with two pipes or more; with ``spaced``, cells two blanks or more apart);
    None for any other line."""
    if "\t" in text[s:e]:
        sep = "\t"
    elif text.count("|", s, e) + text.count("｜", s, e) >= 2:
        sep = "|"
    elif spaced:
        line = text[s:e].strip(" \u3000")
        if not line:
            return None
        a = s + len(text[s:e]) - len(text[s:e].lstrip(" \u3000"))
        cells, pos = [], a
        for m in _SPACED_CELLS.finditer(text, a, a + len(line)):
            cells.append((pos, m.start()))
            pos = m.end()
        cells.append((pos, a + len(line)))
        return cells if len(cells) >= 2 else None
    else:
        return None
    line = text[s:e]
    if sep == "|":
        line = line.replace("｜", "|")
        a = len(line) - len(line.lstrip(" \t\u3000"))
        b = len(line.rstrip(" \t\u3000"))
        if line[a:a + 1] == "|":
            a += 1
        if line[b - 1:b] == "|" and b - 1 >= a:
            b -= 1
    else:
        a, b = 0, len(line)
    cells = []
    pos = a
    while True:
        q = line.find(sep, pos, b)
        ce = b if q < 0 else q
        cs = pos
        while cs < ce and line[cs] in " \t\u3000":
            cs += 1
        while ce > cs and line[ce - 1] in " \t\u3000":
            ce -= 1
        cells.append((s + cs, s + ce))
        if q < 0:
            break
        pos = q + 1
    return cells if len(cells) >= 2 else None


def _tab_row(text: str, s: int, end: int, memo: list[int] | None = None
             ) -> tuple[list[tuple[int, int]] | None, int]:
    """The TAB row starting at ``s`` as an Excel/WPS paste writes it: a cell holding a line
    break is quoted ("…⏎…"), so the row runs on to the line of its closing quote. Returns
    the trimmed cell spans (inside the quotes) and the row's end (its last line's end);
    cells None when it is no row (one cell)."""
    cells: list[tuple[int, int]] = []
    pos = s
    line_end = -1  # the end of pos's line, found once per line (a row of 100,000 cells)
    while True:
        cs = pos
        while cs < end and text[cs] in " \u3000":
            cs += 1
        close = _closing_quote(text, cs, end, memo) if cs < end and text[cs] == '"' else -1
        if close >= 0:
            a, b = cs + 1, close
            after = close + 1
        else:
            if line_end < pos:
                nl = text.find("\n", pos, end)
                line_end = end if nl < 0 else nl
            tab = text.find("\t", pos, line_end)
            a, b = pos, line_end if tab < 0 else tab
            after = b
        while a < b and text[a] in " \t\u3000":
            a += 1
        while b > a and text[b - 1] in " \t\u3000\r":
            b -= 1
        cells.append((a, b))
        while after < end and text[after] in " \u3000":
            after += 1
        if after < end and text[after] == "\t":
            pos = after + 1
            continue
        nl = text.find("\n", after, end)
        return (cells if len(cells) >= 2 else None), (end if nl < 0 else nl)


def _closing_quote(text: str, q: int, end: int, memo: list[int] | None = None) -> int:
    """The position of the quote closing the quoted cell opened at ``text[q]`` (a doubled
    quote "" inside it is a quote of its text): one followed by a TAB or the line's end, at
    most a few lines on; -1 when there is none (a quote of the text, not a quoted cell).

    ``memo`` ([from, found], one per ``end``): the last search for a closing candidate, so
    that the cells of a long row ('"a⇥"a⇥…') do not each search the same quotes again."""
    limit = min(end, q + _QUOTED_CELL_MAX)
    pos = q + 1
    while pos < limit and text[pos] == '"':  # quotes right after the opening one: paired
        pos += 1
    if (pos - q - 1) % 2:  # … but the last: it may close the cell ('""⇥': an empty cell)
        c = pos - 1
        if _CLOSE_AFTER.match(text, pos, end):
            return c if text.find("\n", q, c) >= 0 or text.find("\t", q, c) < 0 else -1
    # else the first quote of the text that closes a cell: the last of an odd run of quotes
    # (a doubled quote "" is a quote of the text) followed by a TAB or the line's end
    if memo is not None and memo[0] >= 0 and memo[0] <= pos and (memo[1] < 0 or pos <= memo[1]):
        c = memo[1]
    else:
        m = _CLOSING.search(text, pos, end)
        c = -1 if m is None else m.end(1) - 1
        if memo is not None:
            memo[:] = [pos, c]
    if c < 0 or c >= limit:
        return -1
    return c if text.find("\n", q, c) >= 0 or text.find("\t", q, c) < 0 else -1


#: A quote that can close a pasted cell: the last of an odd run of quotes, then a TAB, the
#: line's end or the text's (blanks between); and what follows such a quote.
_CLOSING = re.compile(r'(?<!")((?:"")*")[ \u3000\r]*(?:[\t\n]|\Z)')
_CLOSE_AFTER = re.compile(r"[ \u3000\r]*(?:[\t\n]|\Z)")


#: How far a quoted cell of a pasted row may run (a few lines of a long measure).
_QUOTED_CELL_MAX = 600
#: What ends a statement a pasted cell holds; a cell ending otherwise was cut by a line break.
_CELL_STOPS = "。；;！!？?：:"
_CELL_BREAKS = "，,、"


def _cell_goes_on(text: str, rows: list[list[tuple[int, int]]], line_end: int,
                  seen: list[int] | None = None) -> bool:
    """Whether a bare line (no TAB) after the TAB rows ``rows`` is the rest of the last row's
    last cell, its line break pasted bare: that cell ends cut ("…电子", "…，") while the line
    ends as a statement does, and the table's other last cells end with a stop (or the cut
    cell ends with a comma).

    ``seen`` ([rows looked at, filled last cells, those ending without a stop], one per
    table): the other rows' last cells counted once, not again at each row (quadratic in a
    table of thousands of such rows); only the last row's last cell ever changes."""
    a, b = rows[-1][-1]
    if b <= a or text[b - 1] in _CELL_STOPS or text[line_end - 1:line_end] not in _CELL_STOPS[:-2]:
        return False
    if text[b - 1] in _CELL_BREAKS:
        return True
    seen = [0, 0, 0] if seen is None else seen
    for row in rows[seen[0]:len(rows) - 1]:
        s, e = row[-1]
        if e > s:
            seen[1] += 1
            seen[2] += text[e - 1] not in _CELL_STOPS
    seen[0] = max(seen[0], len(rows) - 1)
    return seen[1] > 0 and seen[2] == 0


def _opens_cell(text: str, s: int, e: int, end: int) -> bool:
    """Whether a bare line text[s:e] inside a TAB table is the first part of the next row's
    first cell: it ends cut at a comma ("…不统一，") and the next line is a TAB row."""
    line = text[s:e].rstrip(" \t\u3000\r")
    if not line or line[-1] not in _CELL_BREAKS or e >= end:
        return False
    nl = text.find("\n", e + 1, end)
    return "\t" in text[e + 1:end if nl < 0 else nl]


def _column_block(cell: str) -> str | None:
    """"problem" / "measure" for a column name of a 问题 | 措施 table, "cause" for its 原因
    column, else None."""
    if not cell or len(cell) > _COLUMN_NAME_MAX or _COLUMN_OTHER.search(cell):
        return None
    if _COLUMN_CAUSE.search(cell) and not _COLUMN_MEASURE.search(cell):
        return "cause"
    block = block_of(cell)
    if block in ("problem", "measure"):
        return block
    if _COLUMN_PROBLEM.search(cell) and not _COLUMN_MEASURE.search(cell):
        return "problem"
    if _COLUMN_MEASURE.search(cell) and not _COLUMN_PROBLEM.search(cell):
        return "measure"
    return None


def _problem_measure_table(text: str, start: int, end: int
                           ) -> tuple[int, int, list[StatementSpan]] | None:
    """Section 五 laid out as a table whose header names a problem column and a measure
    column ("存在问题 | 改进措施", a 序号 column aside; a Word table, an Excel paste, a
    Markdown pipe table): (table start, table end, one statement per filled cell of those
    two columns and of a 原因 column beside them, row by row: a cause is a problem). None
    when there is no such table."""
    spaced = text.find(" ", start, end) >= 0 or text.find("\u3000", start, end) >= 0
    if text.find("\t", start, end) < 0 and text.find("|", start, end) < 0 \
            and text.find("｜", start, end) < 0 and not spaced:
        return None
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        le = end if nl < 0 else nl
        cells = _row_cells(text, pos, le, spaced)
        if cells is not None and not ("\t" in text[pos:le] or "|" in text[pos:le]
                                      or "｜" in text[pos:le]) and (
                len(cells) < _SPACED_MIN_CELLS or any(b - a > _SPACED_NAME_MAX for a, b in cells)):
            cells = None  # a line of prose with blanks, no header of column names
        if cells is not None:
            blocks = [_column_block(text[a:b]) for a, b in cells]
            if "problem" in blocks and "measure" in blocks:
                columns = [(i, bl) for i, bl in enumerate(blocks) if bl]
                # a header spaced out (a Word table pasted as text): its rows have as many cells
                width = len(cells) if "\t" not in text[pos:le] and "|" not in text[pos:le] \
                    and "｜" not in text[pos:le] else None
                table = _table_statements(text, pos, le, end, columns, width)
                # (a table of counts or labels only gives no statement: read as prose)
                return table if table[2] else None
        pos = le + 1
    return None


#: A column name on a line of its own: short, no sentence mark, no item marker (a numbered
#: "1.存在问题⏎2.整改措施" is a pair of sub-headings, whatever follows).
_NAME_LINE = re.compile(r"[ \t\u3000]*([^\s\d.．。，,；;：:！!？?、（(]{2,12})[ \t\u3000]*")


def _cell_per_line_table(text: str, start: int, end: int
                         ) -> tuple[int, int, list[StatementSpan]] | None:
    """A 问题 | 措施 table copied from a web page or a PDF one cell per line: a header of 2–4
    column names, each alone on its line ("存在问题⏎整改措施⏎完成时限"), then the rows, as many
    lines each. Read as :func:`_problem_measure_table` reads a table: (start, end, one
    statement per filled cell of the problem and measure columns). None unless the lines after
    the header fill whole rows and every problem and measure cell holds words (else the
    header's names would be read as two empty sub-blocks, every row's problem a measure)."""
    lines: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        le = end if nl < 0 else nl
        a, b = _trim(text, pos, le)
        if _CONTENT.search(text, a, b):
            lines.append((a, b))
        pos = le + 1
    for h in range(len(lines) - 1):
        names: list[str | None] = []
        for a, b in lines[h:h + 4]:
            if not _NAME_LINE.fullmatch(text, a, b):
                break
            cell = text[a:b]
            block = _column_block(cell)
            if block is None and not (_COLUMN_OTHER.search(cell) or cell == "序号"):
                break
            names.append(block)
        k = len(names)
        if k < 2 or "problem" not in names or "measure" not in names:
            continue
        cells = lines[h + k:]
        # a row opening with a turn to the work ahead ("下一步，我局将…") is the text after the
        # table, not a row: the table ends above it (read as its own, it came out a problem)
        rows = next((r for r in range(0, len(cells), k) if _measure_turn(text, *cells[r])),
                    len(cells))
        if not rows or rows % k:
            return None
        found: list[StatementSpan] = []
        for r in range(0, rows, k):
            for i, block in enumerate(names):
                if block in ("problem", "measure", "cause"):
                    a, b = cells[r + i]
                    if not _CELL_WORDS.search(text, a, b):
                        return None
                    found.append(StatementSpan(a, b, "problem" if block == "cause" else block, None))
        return lines[h][0], cells[rows][0] if rows < len(cells) else end, found
    return None


def _table_statements(text: str, head_start: int, head_end: int, end: int,
                      columns: list[tuple[int, str]], width: int | None = None
                      ) -> tuple[int, int, list[StatementSpan]]:
    """The rows below a 问题 | 措施 header line text[head_start:head_end] (see
    :func:`_problem_measure_table`), up to the first line that is no table row. When two
    columns name one block, the one with more text holds the statements. A cell holding
    enumerated items (一是…二是…, 1.…2.…) gives one statement per item, as prose would."""
    rows: list[list[tuple[int, int]]] = []
    pos = head_end + 1
    last = head_end
    tabs = "\t" in text[head_start:head_end]
    memo = [-1, -1]  # (_closing_quote's last search)
    seen = [0, 0, 0]  # (_cell_goes_on's count of the rows above)
    opening = -1  # a bare line that opens the next row's first cell (a WPS paste)
    while pos < end:
        nl = text.find("\n", pos, end)
        le = end if nl < 0 else nl
        if _PIPE_RULE_ROW.fullmatch(text, pos, le) and "-" in text[pos:le]:
            pos = le + 1  # the "|---|---|" rule under a Markdown header
            continue
        if tabs and ("\t" in text[pos:le] or text[pos:le].lstrip(" \u3000").startswith('"')):
            cells, le = _tab_row(text, pos, end, memo)
        else:
            cells = _row_cells(text, pos, le, width is not None)
            if width is not None and cells is not None and len(cells) != width:
                cells = None  # (a spaced table's rows have the header's cells)
        if cells is None:
            # no row: in a TAB table, a cell's line break pasted bare (WPS) — the rest of
            # the last row's last cell, or the first part of the next row's first cell
            if not tabs or opening >= 0 or not _CELL_WORDS.search(text, pos, le):
                break
            if rows and _cell_goes_on(text, rows, le, seen):
                a = rows[-1][-1][0]
                rows[-1][-1] = (a, le - len(text[pos:le]) + len(text[pos:le].rstrip()))
                last = le
                pos = le + 1
                continue
            if _opens_cell(text, pos, le, end):
                opening = pos
                pos = le + 1
                continue
            break
        if opening >= 0:
            cells[0] = (opening, cells[0][1])
            opening = -1
        rows.append(cells)
        last = le
        pos = le + 1
    chosen: dict[str, tuple[int, int]] = {}  # block → (text length, column)
    for i, block in columns:
        size = sum(r[i][1] - r[i][0] for r in rows if i < len(r))
        if block not in chosen or size > chosen[block][0]:
            chosen[block] = (size, i)
    keep = sorted((i, block) for block, (_, i) in chosen.items())
    found: list[StatementSpan] = []
    for cells in rows:
        for i, block in keep:
            if i < len(cells):
                a, b = cells[i]
                if _CELL_WORDS.search(text, a, b):
                    items = split_section5(text, a, b).statements
                    # (a line break inside a pasted cell splits no statement; its items do)
                    own = "problem" if block == "cause" else block
                    if len(items) > 1 and (text.find("\n", a, b) < 0
                                           or all(t.marker for t in items)):
                        found.extend(StatementSpan(t.start, t.end, own, t.marker)
                                     for t in items)
                    else:
                        found.append(StatementSpan(a, b, own, None))
    return head_start, last, found


#: An annexed table's caption on a line of its own: "附表：…统计表", "附表1" (older reports
#: print their statistics so, below the problems part and above the 落款).
#: Also "附件：…统计表" (an 附件 caption naming a table): a report whose last part is 五 and
#: that prints its 统计表 there above the 落款 (or with none) had the table's rows read as
#: measures ("1.当面申请数 件 11").
_ANNEX = re.compile(r"^[ \t\u3000]*(?:附表[ \t\u3000]*(?:\d{1,2}|[一二三四五六七八九])?[ \t\u3000]*"
                    r"(?:[:：][^\n]*)?|附件[ \t\u3000]*(?:\d{1,2}|[一二三四五六七八九])?[ \t\u3000]*"
                    r"[:：][^\n。；;]{0,60}表[ \t\u3000]*)$", re.MULTILINE)
#: An annex that is section 五's own list (附表：存在问题及整改措施清单), not statistics.
_ANNEX_LIST = re.compile(r"问题|整改|措施|不足|短板")


def _annex(text: str, start: int, end: int) -> tuple[int, int, bool] | None:
    """The caption line of an annexed table in text[start:end]: (its start, its end, whether
    the annex is section 五's problem/measure list — the caption or the line below names
    问题/整改/措施 — rather than a statistics table, which is no part of 五). None: none."""
    m = _ANNEX.search(text, start, end)
    if m is None:
        return None
    nl = text.find("\n", m.end() + 1, end)
    below = text[m.end():end if nl < 0 else nl]
    return m.start(), m.end(), bool(_ANNEX_LIST.search(m.group()) or _ANNEX_LIST.search(below))


#: A line of a sign-off or an annex at the end of section 五, where a writer signed (or listed
#: the attachments) before 六 or after a last section 五: the date (2025年1月20日, 二〇二五年一月
#: 二十日, in figures 2025-01-20, 2025.1.20), the agency's name over it, "附件：…统计表". None is a
#: statement (they came out as measures). A name is taken only over a date, so "…交由党政办公室"
#: ending a measure stays.
_SIGN_DATE_LINE = re.compile(
    r"[ \t\u3000]*(?:(?:(?:19|20)\d\d|二[〇○零OＯ][一二三四五六七八九〇○零OＯ]{2})[ \t]?年[ \t]?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]?月[ \t]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]?日"
    rf"|{FIGURES_DATE})[ \t\u3000]*")
#: A date in figures somewhere in a text (2025-01-20, 2025.1.20): a sign-off may close it.
_FIGURES_DATE = re.compile(r"\d[-./]\d")
_SIGN_NAME_LINE = re.compile(
    r"[ \t\u3000]*[\u4e00-\u9fff（）()]{2,30}"
    r"(?:局|委员会|委|人民政府|政府|办事处|办公室|办|中心|馆|院|厅|站|队|所|署|处)[ \t\u3000]*")
_ANNEX_LINE = re.compile(r"[ \t\u3000]*附件[ \t]?(?:\d{1,2}|[一二三四五六七八九])?[ \t]?[：:][^\n。；;]{1,60}")


def _before_sign_off(text: str, start: int, end: int) -> int:
    """End of text[start:end] with the sign-off and annex lines at its end cut off
    (:data:`_SIGN_DATE_LINE`, :data:`_SIGN_NAME_LINE`, :data:`_ANNEX_LINE`)."""
    dated = False
    while True:
        e = end
        while e > start and text[e - 1] in " \t\u3000\r\n":
            e -= 1
        ls = text.rfind("\n", start, e) + 1 or start
        ls = max(ls, start)
        if ls == start:
            return end  # the section's one line: leave it to the readers
        if _SIGN_DATE_LINE.fullmatch(text, ls, e):
            if dated:  # one date signs; a date above it is a 时限 cell's or a sentence's
                return end
            dated = True
        elif not ((dated and _SIGN_NAME_LINE.fullmatch(text, ls, e)) or _ANNEX_LINE.fullmatch(text, ls, e)):
            return end
        end = ls


def split_section5(text: str, start: int, end: int, *, title: str = "") -> SplitResult:
    """Statements of section 五 = text[start:end]; ``title`` is the section's heading.

    Annex captions and 问题 | 措施 tables are taken one after the other, the text before each
    read on its own (a loop, not a recursion per caption or table: thousands of them must
    not exhaust the stack). A sign-off or an annex line at the end is no statement."""
    signed = end  # with the sign-off: a 完成时限 column's last cell may be a date line
    if (text.find("日", start, end) >= 0 or text.find("附件", start, end) >= 0
            or _FIGURES_DATE.search(text, start, end)):
        end = _before_sign_off(text, start, end)
    statements: list[StatementSpan] = []
    empty, unsplit = True, False
    while True:
        if not _CONTENT.search(text, start, end) or (
                end - start <= _EMPTY_5_MAX and _EMPTY_5.match(text[start:end])):
            break  # (is_empty_section without copying the rest at each step)
        annex = (_annex(text, start, end) if text.find("附表", start, end) >= 0
                 or text.find("附件", start, end) >= 0 else None)
        if annex is not None:
            a_start, a_end, own_list = annex
            if not own_list:  # statistics annexed below 五: not its statements
                end = signed = a_start
                continue
            # 五's own list under an annex caption: the caption is no statement
            if _CONTENT.search(text, start, a_start):
                before = split_section5(text, start, a_start, title=title)
                statements.extend(before.statements)
                empty, unsplit = empty and before.empty, unsplit or before.unsplit
            start = a_end
            continue
        table = (_problem_measure_table(text, start, end) or _cell_per_line_table(text, start, end)
                 or (_cell_per_line_table(text, start, signed) if signed > end else None))
        if table is not None:  # the text around the table is read as usual
            t_start, t_end, rows = table
            if _CONTENT.search(text, start, t_start):
                before = split_section5(text, start, t_start, title=title)
                statements.extend(before.statements)
                unsplit = unsplit or before.unsplit
            statements.extend(rows)
            empty = False
            if not _CONTENT.search(text, t_end, end):
                break
            start, title = t_end, ""
            continue
        found = _split_plain(text, start, end, title)
        statements.extend(found.statements)
        empty, unsplit = empty and found.empty, unsplit or found.unsplit
        break
    return SplitResult(tuple(statements), empty, unsplit)


#: Longer than any text :data:`_EMPTY_5` matches ("暂未发现需要报告的问题" and its marks).
_EMPTY_5_MAX = 64


def _split_plain(text: str, start: int, end: int, title: str) -> SplitResult:
    """Statements of text[start:end], a part of section 五 without annex or table."""
    dot = text.find(".", start, end)
    if dot >= 0 and _CJK_PERIOD.search(text, dot, end):
        # read half-width sentence ends as "。" (same length: offsets stay those of the caller)
        text = text[:start] + _cjk_periods(text[start:end]) + text[end:]
    semi = text.find(";", start, end)
    if semi >= 0 and _LATIN_SEMICOLON.search(text, semi, end):
        text = text[:start] + _LATIN_SEMICOLON.sub(",", text[start:end]) + text[end:]
    if _OCR_ONE_ITEM.search(text, start, end):
        text = _ocr_first_items(text, start, end)
    first_block = block_of(title) or "unknown"
    segments: list[tuple[int, int, str]] = []
    pos = start
    block = first_block
    for line_start, body_start, sub_block in _subheadings(text, start, end):
        segments.append((pos, line_start, block))
        pos, block = body_start, sub_block
    segments.append((pos, end, block))
    statements: list[StatementSpan] = []
    unsplit = False
    for k, (s, e, b) in enumerate(segments):
        if not _CONTENT.search(text, s, e):
            continue
        found, prose = _split_block(text, s, e, b, closed=k + 1 < len(segments))
        if k == 0 and b == "unknown" and len(segments) > 1 and segments[1][2] == "measure":
            # "1.…不及时。2.…单一。⏎改进措施：⏎1.…": what comes before the only sub-heading,
            # one naming the measures, lists the problems (when it reads so)
            _problem_run(text, found, 0)
        # a page number left at a block's end ("第 8 页 共 9 页", or a bare "7") is no
        # statement, nor part of the one it follows ("…增减原因。⏎7")
        found = _without_page_numbers(text, found)
        found = _cut_captions(text, _cut_buttons(text, found), s, e)
        statements.extend(found)
        unsplit = unsplit or (prose and len(found) > 1)
    if statements and all(t.end - t.start <= _EMPTY_5_MAX and _EMPTY_5.match(text[t.start:t.end])
                          for t in statements):
        # every sub-block says it has nothing ("（一）存在的主要问题：无。（二）改进情况：无。"):
        # the section says so, as a bare "无" does
        return SplitResult((), True, False)
    if (len(statements) > 1 and statements[0].block == "unknown"
            and statements[0].end - statements[0].start <= _EMPTY_5_MAX
            and _EMPTY_5.match(text[statements[0].start:statements[0].end])):
        _no_problems_then_measures(text, statements)
    return SplitResult(tuple(statements), False, unsplit)


#: A line of a bare number (1–3 digits): a page number, where it stands alone in section 五.
_BARE_PAGE = re.compile(r"[ \t\u3000]*\d{1,3}[ \t\u3000]*")


def _without_page_numbers(text: str, found: list[StatementSpan]) -> list[StatementSpan]:
    """``found`` without a page-number line, each span without one at its end
    (:func:`_without_page_tail`). A span ending a sentence (。；!?: most) is kept as it is
    at once: a page number ends in a figure, a dash, 页 or a blank."""
    out = []
    for f in found:
        if f.end > f.start and text[f.end - 1] in _LINE_ITEM_END:
            out.append(f)
        elif not (PAGE_LINE.fullmatch(text, f.start, f.end)
                  or _BARE_PAGE.fullmatch(text, f.start, f.end)):
            out.append(_without_page_tail(text, f))
    return out


def _without_page_tail(text: str, span: StatementSpan) -> StatementSpan:
    """``span`` without a page-number line (bare or written) after its sentence's end
    ("…增减原因。⏎7"): an OCR'd page's foot, read where the next item has not begun yet."""
    nl = text.rfind("\n", span.start, span.end)
    if nl < 0 or not (_BARE_PAGE.fullmatch(text, nl + 1, span.end)
                      or PAGE_LINE.fullmatch(text, nl + 1, span.end)):
        return span
    e = _trim(text, span.start, nl)[1]
    if e <= span.start or text[e - 1] not in _LINE_ITEM_END:
        return span
    return StatementSpan(span.start, e, span.block, span.marker)


#: A dash an OCR engine read for 一 opening a list item ("—是加强…", "－要…", "(—)…"): one dash,
#: not "——", then 是/要, or inside brackets. Repaired by :func:`_ocr_first_items` only when
#: item 2 follows.
_DASH_CLASS = f"[{re.escape(OCR_DASHES)}]"
#: (led by the dash, the one before it looked behind: led by that look-behind, the scan tried
#: every character of the block, 4× slower)
_OCR_ONE_ITEM = re.compile(rf"{_DASH_CLASS}(?<!{_DASH_CLASS}.)(?:[是要]|[ \t]{{0,2}}[)）])")
#: Item 2 of the same style: 二是/二要 or 其二是 (after a mark or a space, as a "shi" marker), (二)/（二）.
_SECOND_SHI = re.compile(rf"(?:(?<=[{re.escape(_SHI_BEFORE)}])|^)其?二([是要])", re.MULTILINE)
_SECOND_PAREN = re.compile(r"[(（][ \t]{0,2}二[ \t]{0,2}[)）]")
_FIRST_SHI = re.compile(r"一([是要])")
_FIRST_PAREN = re.compile(r"[(（][ \t]{0,2}一[ \t]{0,2}[)）]")
#: What follows item 1's marker: a Chinese character (after its mark and a space).
_AFTER_SHI_ONE = re.compile(r"[：:，,、]?[ \t\u3000]?[\u4e00-\u9fff]")
_AFTER_PAREN_ONE = re.compile(r"[、.．]?[ \t\u3000]*[\u4e00-\u9fff]")


def _ocr_first_items(text: str, start: int, end: int) -> str:
    """``text`` with each dash in text[start:end] that an OCR engine read for the 一 of a list's
    item 1 ("—是加强…；二是…", "—要…二要…", "（—）…（二）…") written 一 (same length: offsets
    stay the caller's). Only a dash where a marker stands (the block's or a line's start, after
    a mark or a space, after the verb of a run-on list "将—是"; "(—)" after a mark), one dash
    (no "——"), followed by a Chinese character, and only when item 2 of that style (二是 with
    the same 是/要, "（二）") comes later with no item 1 between: a range "2—3个", a dash in
    prose and an em dash stay. Each style's item 1 and 2 are found once and looked up
    (bisect), so a block of many dashes costs a scan, not one per dash."""
    # (the dash's style: "是", "要", or "(" for brackets; "——" never matches: an em dash)
    dashes = [(m, text[m.start() + 1] if text[m.start() + 1] in "是要" else "(")
              for m in _OCR_ONE_ITEM.finditer(text, start, end)]
    # per style ("是", "要", "(" for brackets): where item 2 stands, and where an item 1 does
    # (written 一, or a dash, wherever it stands)
    seconds: dict[str, list[int]] = {"是": [], "要": [], "(": []}
    firsts: dict[str, list[int]] = {"是": [], "要": [], "(": []}
    for m in _SECOND_SHI.finditer(text, start, end):
        seconds[m.group(1)].append(m.start())
    seconds["("] = [m.start() for m in _SECOND_PAREN.finditer(text, start, end)]
    for m in _FIRST_SHI.finditer(text, start, end):
        firsts[m.group(1)].append(m.start())
    firsts["("] = [m.start() for m in _FIRST_PAREN.finditer(text, start, end)]
    for m, style in dashes:
        firsts[style].append(m.start())
    for v in firsts.values():
        v.sort()
    chars = list(text)
    for m, style in dashes:
        i = m.start()
        if style == "(":
            o = i - 1
            while o > start and text[o] in " \t":
                o -= 1
            if o < start or text[o] not in "(（" or not _AFTER_PAREN_ONE.match(text, m.end(), end):
                continue
            k = o
            while k > start and text[k - 1] in " \t\u3000":
                k -= 1
            if k == o and k > start and text[k - 1] not in _RUN_IN_BEFORE:
                continue
        else:
            if not _AFTER_SHI_ONE.match(text, i + 2, end):
                continue
            k = i
            if k > start and text[k - 1] == "其":  # "其—是，…；其二是": an OCR'd 其一是
                k = i = i - 1
            while k > start and text[k - 1] in " \t\u3000":
                k -= 1
            if (k == i and k > start and text[k - 1] not in _SHI_BEFORE
                    and not text.endswith(_SHI_AFTER_VERB, start, k)):
                continue  # (after a verb: "我局将—是…；二是…", a run-on list as _candidates reads)
        later = seconds[style]
        j = bisect_right(later, i)
        if j == len(later):
            continue  # no item 2: nothing says the dash is a numeral
        between = firsts[style]
        n = bisect_right(between, m.start())
        if n < len(between) and between[n] < later[j]:
            continue  # another item 1 comes first: this dash is no list's
        chars[m.start()] = "一"
    return "".join(chars)


def _no_problems_then_measures(text: str, out: list[StatementSpan]) -> None:
    """"本年度无。下一步，我办将继续…" under the title naming both blocks: the first sentence is
    the problem block saying there is none (as "（一）存在的主要问题⏎无。" is), what follows is
    the improvement part — each ``unknown`` statement that does not read as a problem."""
    out[0] = StatementSpan(out[0].start, out[0].end, "problem", out[0].marker)
    for i in range(1, len(out)):
        t = out[i]
        if t.block == "unknown" and not _reads_as_problem(text, t.start, t.end):
            out[i] = StatementSpan(t.start, t.end, "measure", t.marker)
