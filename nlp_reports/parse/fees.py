"""The fee an older report's prose states (收费及减免情况), in 万元 like 表二 (八)'s fee cell.

Reports under the 2007 条例 (the 2008–2018 layouts) have no 表二: they state their
fees in a part of its own ("四、政府信息公开的收费及减免情况": "未收取任何费用。", "共收取检索、
复制、邮寄费用120元", "收费0元", "合计0.03万元") or in a sentence of another part. A researcher
comparing fees over the years needs that figure beside the table's.

Read only when the text is clear, reported never guessed (no wrong figure is better than a
missing one):

* an amount in 元 is converted (÷ 10,000), one in 万元 kept; 千元, 百元 or a figure with no
  unit is no figure, and the whole report's fee is then left unread;
* a fee of something else is never the disclosure fee: a sentence naming 行政事业性收费, a
  certificate's 工本费, 登记费, a licence, a penalty, a budget (工作经费, 预算, 资金) or 档案
  gives no amount (a clause of it saying no disclosure fee was charged still reads 0);
* a waived or due amount (减免费用40元, 应收取300元) is not the amount charged; a clause
  comparing with another year (比上年减少300元, 去年为65元) is skipped;
* several amounts of one sentence without its total (复制费30元、邮寄费20元, or 30元 twice), a
  rate (0.5元/页, 每张0.2元), or parts giving different figures, are no figure.

Outside a part titled on fees (收费, 费用, 减免) a sentence is read only when it names the
disclosure (信息公开, 依申请, 申请人, 检索/复制/邮寄, 信息处理费).

From 2021 the disclosure fee is the 信息处理费 (国办函〔2020〕109号), which a report in the later
form states in section 六 (其他需要报告的事项): :func:`section6_fee` reads it there with the same
precautions, so one series runs 2008–2025. Never 表二 (八): the agency's 行政事业性收费.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlp_reports.parse.checks import parse_chinese_number

#: A part titled on fees: its sentences are about disclosure fees though they may not say so.
_FEE_TITLE = re.compile(r"收费|费用|减免|信息处理费")
#: A sentence elsewhere must name the disclosure to be read (信息处理费: its name from 2021,
#: in a later report without tables, read as an older one).
_DISCLOSURE = re.compile(r"信息公开|依申请|申请人|检索|复制|邮寄|信息处理费")
#: Section 六 of the later forms: the disclosure fee is the 信息处理费 (国办函〔2020〕109号);
#: its other matters (工作要点, 建议提案, 创新) are no fee's.
_DISCLOSURE_SIX = re.compile(r"信息处理费|信息公开|依申请|申请人")
#: A fee of another matter (the agency's own charges, a certificate, a licence, a budget).
_OTHER_FEE = re.compile(r"行政事业性收费|工本费|登记|证书|上缴|国库|税|证照|许可|处罚|罚没|罚款|非税|经费|预算"
                        r"|资金|投入|采购|档案|不属|非政府信息公开|专项")
#: A clause whose amount is not what was charged: waived, due, or compared with another year.
_NOT_CHARGED = re.compile(r"减免|免收|免除|减收|免费|应收|应缴|应当收取|标准为|每[页件次张份]|元\s?/")
_COMPARED = re.compile(r"去年|上年|上一年|同比|较|比\d|比上|增加|减少|增长|下降|上升|回落")
#: A charge named in the clause (an amount elsewhere, 资金 or 奖金, is none).
_CHARGE = re.compile(r"收取|收费|费用|实收|[检复邮成本]\w{0,2}费|费[:：]?\s?\d|费[共合计]")
#: A clause saying nothing was charged ("未收取任何费用", "不收取", "没有发生收费", "未收费").
_NONE_CHARGED = re.compile(r"(?:未|没有|不|无|并未|均未|从未|未曾|不予)(?:发生|再|曾)?"
                           r"(?:向[^，,。；;]{0,10}?|对[^，,。；;]{0,10}?)?(?:收取|收费|收过)"
                           # ("未发生信息处理费收取情况", "未产生信息处理费", "不涉及信息处理费收取")
                           r"|(?:未|没有|无|不涉及)(?:发生|产生|涉及)?(?:政府信息公开)?信息处理费"
                           r"(?![\d零〇一二两三四五六七八九十])")
#: All of it waived ("均免收", "全部予以减免", "一律免费").
_ALL_WAIVED = re.compile(r"(?:均|全部|一律|都|全年)(?:予以)?(?:免收|免费|减免|免除)")
#: A zero clause about some fees only ("未收取其他费用", "除…外", a rate's free band "30件以下的
#: 部分不收费"): no zero for the whole.
_SOME_ONLY = re.compile(r"其他|其它|额外|以外|之外|除|另行|以下|以内|部分")
#: An amount and its unit; a numeral whole, never its tail (一万二千元 is no 二千元).
_AMOUNT = re.compile(r"(?<![\d.,零〇一二两三四五六七八九十百千万])"
                     r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]{1,8})"
                     r"\s?(万元|千元|百元|元)(?![化素旦])")
#: An estimate is no figure ("约200元", "200余元", "近千元", "200元左右").
_ESTIMATE_BEFORE = re.compile(r"(?:约|近|逾|超过|不到|不足|大约|大概|至少|多达)\s?$")
_ESTIMATE_AFTER = re.compile(r"^\s?(?:左右|上下|以上|以下|多)")
#: A total before its amount ("共计120元", "合计0.03万元").
_TOTAL = re.compile(r"(?:共计|合计|总计|共|累计)[^，,。；;\d零〇一二两三四五六七八九十百千]{0,3}$")
_TOTAL_FIRST = re.compile(r"\s?(?:共计|合计|总计|共|累计|金额)")  # ("…一笔，金额为150元")
#: A figure with no unit after it, nor a count's or a date's ("收取费用90"); not a document
#: number in brackets (国办发〔2008〕36号), nor one of a table row's run ("缴纳费用 0 0 0").
_BARE = re.compile(r"(?<![\d.,〔\[［（(])(?<!\d\s)\d+(?:\.\d+)?(?![\d.,〕\]］）)]|\s?(?:万元|千元|百元|元|年|月"
                   r"|日|号|件|笔|次|人|名|份|页|个|项|起|条|户|家|张|%|％)|\s+\d)")
_NAMED_YEAR = re.compile(r"((?:19|20)\d{2})\s?年")


def none_at_all(noun: str) -> re.Pattern[str]:
    """A part's whole text (blanks and stops taken out) saying there was none ("无",
    "本年度无", "上述情况均未发生", "均为零"; "无此类" + ``noun``: 收费 for the fee part, 案件
    for the review/litigation part). The fee reader and the summary's case reader both
    use it, so the two older parts read "none" alike."""
    return re.compile(r"(?:本年度?|今年|全年)?(?:(?:以上|上述)(?:情况|事项)?)?(?:均|都)?(?:暂)?"
                      rf"(?:无|没有|未发生)(?:此类|相关)?(?:情况|{noun})?|(?:均|都)为(?:零|0)")


#: A matter of the older fee and 复议诉讼 parts as a "none" sentence names it ("收费", "行政复议",
#: "因政府信息公开申请行政复议", "提起行政诉讼"). Read one way only: the 申请 of "…公开申请复议"
#: is the matter's, never the head's too (both ways, each matter repeated doubled the time a
#: sentence failing at its end took: 20 matters 1.5 s, each one more twice that).
_NONE_MATTER = (r"(?:因?政府信息公开(?:申请(?!(?:行政)?复议)的?|的)?)?(?:收费(?:及减免)?|收取费用"
                r"|(?:申请|提起)?(?:行政)?复议|(?:提起)?(?:行政)?诉讼)")
#: One or more such matters joined ("收费、行政复议和行政诉讼" with its 、 taken out).
_NONE_MATTERS = (rf"{_NONE_MATTER}(?:的?情况)?"
                 rf"(?:(?:和|及|与|以及|或)?{_NONE_MATTER}(?:的?情况)?)*")
#: A sentence (blanks and stops taken out) saying only that the matters it names were none:
#: "行政复议、行政诉讼均无", "收费、行政复议、行政诉讼均无", "行政复议和行政诉讼均未发生".
_NAMED_NONE = re.compile(
    rf"(?:本年度?|今年|全年)?(?P<named>{_NONE_MATTERS})"
    r"(?:的?(?:情况|案件|事项))?(?:本年度?|今年|全年)?(?:均|都)?(?:暂)?(?:无|没有|未发生|为零|为0)"
    # the same said verb first: "未发生行政诉讼", "本年度没有发生行政复议和行政诉讼案件"
    rf"|(?:本年度?|今年|全年)?(?:均|都)?(?:暂)?(?:未发生|没有发生|未有|无)(?P<named_after>{_NONE_MATTERS})"
    r"(?:的?(?:情况|案件|事项))?")


def none_named(text: str) -> frozenset[str]:
    """The matters (``fee``, ``review``, ``litigation``) that a sentence of an older fee or
    复议诉讼 part names and says only were none ("行政复议、行政诉讼均无。" under a title joining
    them, or joining the fee part too; "未发生行政诉讼。" after a sentence with the review's
    figure): each such figure is 0. A matter no such sentence names
    is not said (the fee under "行政复议、行政诉讼均无" is not), and a sentence with a figure
    is no such sentence: it is read as it is."""
    named: set[str] = set()
    for sentence in _SENTENCES.findall(text):
        m = _NAMED_NONE.fullmatch(_STRIP.sub("", sentence))
        if m is None:
            continue
        said = m.group("named") or m.group("named_after")
        if "收费" in said or "收取费用" in said:
            named.add("fee")
        if "复议" in said:
            named.add("review")
        if "诉讼" in said:
            named.add("litigation")
    return frozenset(named)


#: A fee part whose whole text says there was none ("无。", "本年度无"; under a title joining
#: the 复议诉讼 part, "均无。", "上述情况均未发生。"; or naming the fee among the matters it says
#: were none, :func:`none_named`).
_NONE_AT_ALL = none_at_all("收费")
#: A heading line inside a stored part: the fee part of an older layout is stored within
#: section 3 (its number in the 2021 scheme), its heading a line of the text.
_NUMBERING = (r"(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]"
              r"|第[一二三四五六七八九十]{1,3}部分|\d{1,2}[、.．](?!\d)"
              r"|[【〔][一二三四五六七八九十]{1,3}[】〕])")  # ("【四】政府信息公开的收费及减免情况")
_HEADING_LINE = re.compile(
    rf"(?m)^[ \t\u3000]*(?:【?{_NUMBERING}[ \t\u3000]*([^\n。；;！？【】]{{2,40}}?)[ \t\u3000]*】?$"
    # (a fee part's title unnumbered, or run in before its text: "四、收费及减免情况。无。"; or
    # in lenticular brackets, as some pages set a title: "【政府信息公开的收费及减免情况】")
    rf"|【?(?:{_NUMBERING})?[ \t\u3000]*((?:政府信息公开的?)?(?:收费|收取费用)[^\n。；;，,！？【】]{{0,8}}?情况)"
    r"】?(?:[。：:][ \t\u3000]*|[ \t\u3000]*$))")
_SENTENCES = re.compile(r"[^。；;！!？?\n]+")
_CLAUSES = re.compile(r"(?:[^，,]|(?<=\d),(?=\d{3}))+")  # (not at 1,250's comma)
_STRIP = re.compile(r"[\s。，,；;：:、.!！]+")


class _Unclear(Exception):
    """A fee stated in a unit that is not 元/万元, or a numeral that is not one: nothing read."""


def _wan(number: str, unit: str) -> float:
    """The amount in 万元; :class:`_Unclear` for a 千元/百元 unit or an unreadable numeral."""
    if unit in ("千元", "百元"):
        raise _Unclear
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", number):
        value = float(number.replace(",", ""))
    else:
        n = parse_chinese_number(number.removesuffix("万") if unit == "元" else number)
        if n is None or (unit == "元" and number.endswith("万")):
            raise _Unclear
        value = float(n)
    return round(value / 10000 if unit == "元" else value, 6)


def _sentence_fees(sentence: str, year: int | None, titled: bool,
                   disclosure: re.Pattern[str] = _DISCLOSURE) -> tuple[set[float], bool]:
    """The fees one sentence states (a set: several is no figure), and whether it gave an
    amount not called a total (an item's, perhaps: "检索费20元；复制费20元" are 40)."""
    if not titled and not disclosure.search(sentence):
        return set(), False
    other = bool(_OTHER_FEE.search(sentence))
    amounts: list[tuple[float, bool]] = []
    zero = charged = parted = False
    for clause in _CLAUSES.findall(sentence):
        # (the items after 其中 are parts of an amount given before: "80元，其中检索费50元")
        parted = parted or clause.lstrip().startswith("其中")
        named = [int(y) for y in _NAMED_YEAR.findall(clause)]
        if year is not None and any(y != year for y in named):
            continue
        if _COMPARED.search(clause):
            continue
        found = list(_AMOUNT.finditer(clause))
        if (not found and not _OTHER_FEE.search(clause) and not _SOME_ONLY.search(clause)
                and (_NONE_CHARGED.search(clause) or _ALL_WAIVED.search(clause))):
            zero = True
        said = bool(_CHARGE.search(clause))
        if said and not other and not found and _BARE.search(clause):
            raise _Unclear  # (a fee without its unit: the report's other clauses are no figure)
        # (a total in a clause of its own after the charge: "收取检索复制费2笔，共计15元")
        if not found or other or parted or _NOT_CHARGED.search(clause) or not (
                said or (charged and _TOTAL_FIRST.match(clause))):
            charged = charged or said
            continue
        charged = True
        for m in found:
            if _ESTIMATE_BEFORE.search(clause[:m.start()]) or _ESTIMATE_AFTER.match(
                    clause[m.end():]):
                raise _Unclear
            amounts.append((_wan(m.group(1), m.group(2)),
                            bool(_TOTAL.search(clause[:m.start()]))))
    totals = {v for v, is_total in amounts if is_total}
    if not totals and len(amounts) > 1:
        raise _Unclear  # (items without their total, "复制费30元、邮寄费30元": 60, not 30)
    values = totals if totals else {v for v, _ in amounts}
    if zero:
        values.add(0.0)
    return values, bool(amounts) and not totals


def _subparts(parts: Iterable[tuple[str | None, str]]) -> Iterable[tuple[str | None, str]]:
    """``parts`` with each text cut at its heading lines, a heading the title of the text
    after it ("…4件。\n\n四、政府信息公开的收费及减免情况\n未收取任何费用。")."""
    for title, text in parts:
        if not text:
            continue
        at = 0
        for m in _HEADING_LINE.finditer(text):
            yield title, text[at:m.start()]
            title, at = m.group(1) or m.group(2), m.end()
        yield title, text[at:]


def narrative_fee(parts: Iterable[tuple[str | None, str]], year: int | None = None
                  ) -> float | None:
    """The fee (万元) stated by a report's parts, (title, text) each; None when none is stated,
    when two figures disagree, or when one is in a unit other than 元/万元."""
    return _fee(parts, year, _DISCLOSURE)


def section6_fee(parts: Iterable[tuple[str | None, str]], year: int | None = None
                 ) -> float | None:
    """The 信息处理费 (万元) section 六 (其他需要报告的事项) of a 2019/2021-form report states,
    (title, text) each of its parts: the disclosure fee of 国办函〔2020〕109号, the same series
    as :func:`narrative_fee`'s, read with the same precautions. A sentence must name the
    fee or the disclosure (信息处理费, 信息公开, 依申请, 申请人); a sub-part titled on it
    ("（一）信息处理费收取情况") saying only "无。" is 0, but a section 六 saying only "无。" is
    None: it says there is no other matter to report, not that no fee was charged."""
    return _fee(parts, year, _DISCLOSURE_SIX)


def _fee(parts: Iterable[tuple[str | None, str]], year: int | None,
         disclosure: re.Pattern[str]) -> float | None:
    values: set[float] = set()
    try:
        for title, text in _subparts(parts):
            if not text:
                continue
            titled = bool(title and _FEE_TITLE.search(title))
            if titled and _NONE_AT_ALL.fullmatch(_STRIP.sub("", text)):
                values.add(0.0)
                continue
            if titled and "fee" in none_named(text):
                # ("收费、行政复议、行政诉讼均无。"): 0, and the part's other sentences are
                # still read, so an amount stated beside it leaves the fee unclear, never 0
                values.add(0.0)
            if not ("费" in text or "收取" in text):
                continue
            untotalled = 0  # (sentences of this part giving an amount not called a total)
            for sentence in _SENTENCES.findall(text):
                if "费" in sentence or "收取" in sentence:
                    found, plain = _sentence_fees(sentence, year, titled, disclosure)
                    values |= found
                    untotalled += plain
            if untotalled > 1:
                raise _Unclear  # (two items of 20元 each, a sentence apiece: 40, not 20)
    except _Unclear:
        return None
    return next(iter(values)) if len(values) == 1 else None
