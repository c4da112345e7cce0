"""Text normalization (文本规范化) and traditional-character handling (繁体字检测与转换).

Every format ends here, so the parser sees one shape of text: ASCII digits, letters and
brackets; Chinese punctuation untouched; ``\\n`` line ends; table rows as TAB-joined cells.
The hot path is one ``str.translate`` and three regex passes (well under 1 ms per 10 KB).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, insort
from collections import Counter
from functools import lru_cache

from nlp_reports.ingest.linebreaks import lost_line_breaks, restore_line_breaks

__all__ = [
    "PAGE_DATE_GAP",
    "PAGE_DATE_KEY",
    "PAGE_DATE_KEY_WORDS",
    "PAGE_STAMP",
    "PAGE_LINE",
    "PAGE_NUMBER",
    "drop_blank_columns",
    "drop_running_heads",
    "COMMON_CHARS",
    "TRADITIONAL_CHARS",
    "detect_traditional",
    "normalize_text",
    "to_simplified",
]

#: A page number printed on a line of its own — "第 3 页 共 5 页", "共 5 页 第 3 页", "- 3 -",
#: "— 12 —", "3/5", "Page 3 of 5" — as a regex fragment (no anchors, no line break inside):
#: a page break of the source. PDF pages drop it at their edges (ingest.pdf, which also takes
#: a bare "3" there); the statement splitter reads through it inside a sentence.
_GAP = r"[ \t\u3000]*"
PAGE_NUMBER = (
    rf"(?:[-—–－]{{1,2}}{_GAP}\d{{1,4}}{_GAP}[-—–－]{{1,2}}"
    rf"|\d{{1,4}}{_GAP}/{_GAP}\d{{1,4}}"
    rf"|第{_GAP}\d{{1,4}}{_GAP}页(?:{_GAP}[,，/]?{_GAP}共{_GAP}\d{{1,4}}{_GAP}页)?"
    rf"|共{_GAP}\d{{1,4}}{_GAP}页{_GAP}[,，/]?{_GAP}第{_GAP}\d{{1,4}}{_GAP}页"
    rf"|(?i:page|p\.){_GAP}\d{{1,4}}(?:{_GAP}(?i:of|/){_GAP}\d{{1,4}})?)"
)


#: A page-number line, "\n" first (a literal start keeps the scan fast): a page break.
_PAGE_MARK = re.compile(rf"\n[ \t\u3000]*{PAGE_NUMBER}[ \t\u3000]*(?=\n)")
#: A page-number line alone, blanks around it (fullmatch it on one line); one compile for the
#: parser's modules too (each compile of PAGE_NUMBER costs ~1.5 ms at import).
PAGE_LINE = re.compile(rf"[ \t\u3000]*{PAGE_NUMBER}[ \t\u3000]*")
#: The key's words one by one, each starting with a character of its own (a bare 日期 after no
#: Chinese character looked behind from its 期), so that a pattern naming them one by one
#: (the head's chrome test) lets re skip to those characters.
PAGE_DATE_KEY_WORDS = (
    *(f"{w}(?:时间|時間|日期)" for w in ("发布", "發佈", "發布", "发表", "發表", "上传", "上傳",
                                        "发文", "發文", "成文", "公开", "公開", "更新")),
    *(f"{w}(?:时间|時間)" for w in ("发稿", "發稿")),
    "日(?<![\u4e00-\u9fff]日)期",
    # other CMSs' keys, after no Chinese character (a sentence's "…补贴信息时间…", "检查结果录入
    # 时间…" is none): "录入时间：…", "创建时间：…" (the article entered in the CMS), "信息时间：…",
    # "发布于 2024-01-22"
    *(f"{w[0]}(?<![\u4e00-\u9fff]{w[0]}){w[1:]}(?:时间|時間|日期)" for w in ("录入", "錄入", "创建", "創建")),
    "信(?<![\u4e00-\u9fff]信)息(?:时间|時間)",
    "发(?<![\u4e00-\u9fff]发)布于", "發(?<![\u4e00-\u9fff]發)[佈布]於",
)
#: What stands between the key and the date ("】", a colon, blanks).
PAGE_DATE_GAP = r"[ \t\u3000]{0,2}[】\]]?[ \t\u3000]{0,2}[:：]?[ \t\u3000]{0,3}"
#: The key of a page's date line in a site's chrome and what stands between it and the date,
#: as a regex fragment (group ``key``): "发布时间：2024-01-20", "发布日期:2024-01-20",
#: "【发布时间】2024-01-20", "[发布时间]2024-01-20", "发表时间：…" and "上传时间：…" as other CMSs
#: word it, "更新时间：…", "日期：…" (a bare 日期 after
#: no Chinese character: not 办理日期), "录入时间/创建时间/信息时间：…", "发布于 …". One definition for the HTML reader, which keeps such a
#: line (before the text is made simplified: 發佈時間 too), the metadata, which reads it, and
#: the test of the head's chrome under the title, which names its words one by one
#: (:data:`PAGE_DATE_KEY_WORDS`, then :data:`PAGE_DATE_GAP`).
PAGE_DATE_KEY = f"(?P<key>{'|'.join(PAGE_DATE_KEY_WORDS)}){PAGE_DATE_GAP}"
#: A CMS's publication stamp with no key, alone on a line of the page's head: an ISO date in
#: square brackets ("[ 2024-01-18 ]", "【2024-01-18】"), or an ISO date with its time of day
#: ("2024-01-18 09:30:00", what follows on the line aside) — no report prints either (its own
#: dates are "2024年1月18日" or "（2024年1月18日）"); a line spanning two dates (a data
#: period "2023-01-01 00:00 至 2023-12-31 24:00") is none. Groups: year, month, day.
PAGE_STAMP = re.compile(
    r"[ \t\u3000]*(?:[\[【][ \t\u3000]{0,2}(?=(?:19|20)\d{2}-\d{1,2}-\d{1,2}[ \t\u3000]{0,2}[\]】][ \t\u3000]*$)"
    r"|(?=(?:19|20)\d{2}-\d{1,2}-\d{1,2}[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t\u3000]|$)"
    # (not one end of a span: "2023-01-01 00:00 至 2023-12-31 24:00" is the data period)
    r"(?![^\n]*(?:至|到|[~～]|(?:19|20)\d{2}[-年/.]))))"
    r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
#: How many page breaks a line other than the title must follow to be a running head.
_RUNNING_HEAD_MIN = 3
#: The agency a title names before its year ("临溪县第二人民医院" of "临溪县第二人民医院2020年…",
#: "…二〇一九年…" too): a line at both page breaks of a two-break text starting with it is one.
_TITLE_AGENCY = re.compile(
    r"[ \t\u3000]*([^\s\d。，,；;：:]{4,30}?)(?:(?:19|20)\d\d|[一二][〇○◯零0OＯ][〇○◯零0OＯ一二三四五六七八九]{2})"
    r"[ \t\u3000]?年")


# The patterns below that hold a range of Chinese characters ([\u4e00-\u9fff]) and serve only
# texts of a kind few reports are (a PDF copy's page heads, letter-spaced lines, traditional
# characters) are compiled on first use: the re compiler walks such a range one character at
# a time (~0.5 ms a range), at every import, for patterns most runs never need.
@lru_cache(maxsize=4)
def _han(repeat: str) -> re.Pattern[str]:
    """Chinese characters repeated as ``repeat`` says: "{4}" a running head's words, "{2}" a
    running text beside a page number, "+" a run (:func:`detect_traditional`)."""
    return re.compile(rf"[\u4e00-\u9fff]{repeat}")


def drop_running_heads(text: str) -> str:
    """``text`` without the running head (页眉) a PDF viewer's copy prints after each page
    number: the line right after a page-number line that spells the text's first line (the
    title), or that comes after three or more page numbers (or after both of a text's two,
    starting with the agency its title names: an OCR'd scan of three pages) and nowhere else
    below page 1 but as the signature; a running foot likewise, right above them.
    It would land inside a statement of section 五, or among a table's cells. Written page
    numbers stay (the parser reads through them); bare ones ("3" alone) go, once a run of
    them is told from a table's values (:func:`_bare_page_numbers`). A page number printed
    with a running text beside it ("某县人民政府 第3页 共8页") keeps the number alone."""
    if _WATERMARK_HINT.search(text):
        text = _drop_watermarks(text)
    if _SPACED_MARK_HINT.search(text):
        text = _drop_spaced_marks(text)
    text = _drop_titled_page_heads(text)
    if " " in text and _GLUED_PAGE.search(text):
        text = _GLUED_PAGE.sub("", text)
    named = _may_have_named_page(text)
    if named:
        text = _unname_page_numbers(text)
    # a page-number line needs a 页 or a line that begins with a dash (both make ``named``),
    # a "/" or a "p"/"P": without them the scan (a retry at each of ~600 lines of a report's
    # table cells, 33 µs) cannot match
    marks = ((named or "/" in text or "p" in text or "P" in text)
             and _PAGE_MARK.search(text) is not None)
    # (a gazette's or site's head or foot stands by a page number, written or bare. The
    # words first: a bare number line is in most texts (a table's cells, one a line), a
    # line ending in 报/刊/站/期 in few; one "\n"-led scan, not four str.find (6 µs, not 16))
    if (_LABEL_END.search(text) is not None
            and (marks or _BARE_NUMBER.search(text) is not None)):
        text = _drop_labelled_breaks(text)
    bare = _bare_page_numbers(text)
    if marks and not bare:  # "5" before "第 6 页", "7" after it: bare numbers in the sequence
        text = _drop_sequenced_bare(text)
    if not marks and not bare:
        return text
    lines = text.split("\n")
    heads: dict[str, list[int]] = {}  # line → indexes where it follows a page number
    feet: dict[str, list[int]] = {}  # line → indexes where it comes right before one
    words = _han("{4}")
    breaks = 0  # page-number lines
    for i, line in enumerate(lines):
        if i in bare or (line and PAGE_LINE.fullmatch(line)):
            breaks += 1
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and words.search(lines[j]):
                heads.setdefault(lines[j].strip(), []).append(j)
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            if j >= 0 and words.search(lines[j]) and not _PAGE_MARK_INSIDE.search(lines[j]):
                feet.setdefault(lines[j].strip(), []).append(j)
    if not heads and not feet:
        return text
    title = next((line.strip() for line in lines if line.strip()), "")
    first_page = min((where[0] for where in heads.values()), default=0)  # (page 1 prints it above)
    # (or at both page breaks of a text with two, naming the title's agency: an OCR'd scan of
    # three pages whose head or foot is "某某医院院务公开"; another line twice stays the text's)
    agency = _TITLE_AGENCY.match(title) if breaks == 2 else None

    def running(key: str, where: list[int]) -> bool:
        # (the two-break rule reads labels only: "某某局将继续推进公开。" at both breaks is a
        # sentence of the text — a head or foot has no 。，；)
        return len(where) >= _RUNNING_HEAD_MIN or (
            agency is not None and len(where) == 2 and key.startswith(agency.group(1))
            and not any(c in key for c in "。，；,;"))

    repeated = {key for key, where in heads.items() if running(key, where)}
    if repeated:  # each such line must stand nowhere else below page 1, but as the
        # signature: a bureau's name heads its pages and signs the report
        seen = Counter(line.strip() for line in lines[first_page:])
        extra = {key for key in repeated if seen[key] != len(heads[key])}
        signed = _signatures(lines, extra, first_page) if extra else Counter()
        repeated = {key for key in repeated if key not in extra
                    or seen[key] - len(heads[key]) <= signed[key]}
    # a running foot (页脚: the site's name, "某某门户网站 www…") above each page number,
    # the same on 3 pages or more and nowhere else
    footers = {key for key, where in feet.items() if running(key, where)}
    if footers:  # (or as the signature, as a head may)
        seen = Counter(line.strip() for line in lines)
        extra = {key for key in footers if seen[key] != len(feet[key])}
        signed = _signatures(lines, extra, 0) if extra else Counter()
        footers = {key for key in footers if key not in extra
                   or seen[key] - len(feet[key]) <= signed[key]}
    drop = {i for key, where in heads.items() if key in repeated or _is_title(key, title)
            for i in where} | {i for key in footers for i in feet[key]} | bare
    if not drop:
        return text
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


#: A watermark's words (水印), which a PDF copy prints as a line of its own among the text's
#: lines, page after page: 仅供参考, 内部资料（注意保存）, 样稿, 草稿, 征求意见稿 …
_WATERMARK_WORDS = "仅供参考|内部资料|注意保存|请勿外传|严禁复制|样稿|草稿|征求意见稿|内部使用"
#: (its words once or tiled, bracketed or set apart: "【仅供参考】", "内部资料，注意保存",
#: "仅供参考仅供参考仅供参考仅供参考"; one run of blanks and marks between two words, so a
#: line that is no watermark fails at once, not after trying every way to split its blanks)
_WATERMARK_LINE = re.compile(
    rf"[ \t\u3000，,、·•*]*(?:[【\[（(〔]?(?:{_WATERMARK_WORDS})[】\]）)〕]?[ \t\u3000，,、·•*]*){{1,8}}")
#: The start of a line :data:`_WATERMARK_LINE` may fullmatch: of the 3 lines or more a
#: watermark needs, two at least follow a line break. "\n" first and the next character
#: looked ahead: 6.9 µs a report, where the words' alternation (a scan led by their first
#: characters' class) took 13.
_WATERMARK_HINT = re.compile(
    rf"\n(?=[ \t\u3000，,、·•*【\[（(〔仅内注请严样草征])[ \t\u3000，,、·•*]*[【\[（(〔]?(?:{_WATERMARK_WORDS})")
#: How often a watermark line must stand in the text (once may be the text's own word).
_WATERMARK_MIN = 3


def _drop_watermarks(text: str) -> str:
    """``text`` without a watermark's lines: a line holding only watermark words (仅供参考,
    内部资料 注意保存 …) standing 3 times or more. A PDF copy interleaves it wherever the
    page drew it — inside section 五 (a statement of its own) or between a table's rows."""
    lines = text.split("\n")
    marks = [i for i, line in enumerate(lines) if _WATERMARK_LINE.fullmatch(line)]
    if len(marks) < _WATERMARK_MIN:
        return text
    drop = set(marks)
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


#: One character between blanks, or after a blank at a line end (" 部 " of "内 部 资 料",
#: " 稿" of "草 稿", normalize_text having made every blank one space): a letter-spaced
#: watermark or running text may be there. Opening with a literal space, the search stops
#: only at spaces (a scan from each line start cost 2 % of a report's parse).
_SPACED_MARK_HINT = re.compile(r"(?m) [^\s\d](?: |$)")
#: What no letter-spaced watermark holds: a digit (a table row "0 0 1"), sentence punctuation.
_NOT_A_MARK = re.compile(r"[\d。，,；;：:！!？?]")
#: Cells a table row may repeat line after line ("无 无 无", "是 否"): no watermark's words.
_CELL_WORDS = frozenset("无是否有—-/")
#: The national tables' header cells, which a table prints several times (表四's 结果维持 …
#: 总计 under each of its three groups, 表二's 信息内容 over each sub-table), letter-spaced
#: when a narrow PDF cell distributes them ("总 计"): a table's words, never a watermark.
_FORM_LABELS = frozenset({
    "信息内容", "本年处理决定数量", "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构",
    "社会公益组织", "法律服务机构", "其他", "总计", "合计", "小计", "行政复议", "行政诉讼",
    "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结", "维持", "纠正"})


def _spaced_mark_key(line: str) -> str | None:
    """The words of a letter-spaced line ("内 部 资 料" → 内部资料; "X X 县政务公开办", its
    six or more Chinese characters joined by normalize_text, → XX县政务公开办), else None:
    two or more pieces, at least one a single character, every piece one character or a run
    of six or more; 2–30 characters, two distinct ones, no digit or sentence punctuation."""
    pieces = line.split()
    if len(pieces) < 2 or not any(len(p) == 1 for p in pieces) or any(
            1 < len(p) < 6 for p in pieces):
        return None
    key = "".join(pieces)
    if (len(key) > 30 or _NOT_A_MARK.search(key) or len(set(key)) < 2
            or set(key) <= _CELL_WORDS):
        return None
    return key


def _drop_spaced_marks(text: str) -> str:
    """``text`` without a letter-spaced watermark or running text (字间空格的水印、页面文字:
    "内 部 资 料", "仅 供 参 考", "X X 县 政 务 公 开 办", "草 稿") standing on lines of its own 3
    times or more, as a PDF copy or a pasted text interleaves it page after page. A line
    that stands fewer times, or holds text beside the words, stays (see _spaced_mark_key).
    A national table's header cell so spaced (:data:`_FORM_LABELS`: "结 果 维 持", "总 计",
    three times in 表四) is no watermark: its line is written closed up, as the table reads it."""
    lines = text.split("\n")
    keys = {i: k for i, line in enumerate(lines)
            if " " in line.strip() and (k := _spaced_mark_key(line)) is not None}
    labels = {i: k for i, k in keys.items() if k in _FORM_LABELS}
    counts = Counter(k for k in keys.values() if k not in _FORM_LABELS)
    drop = {i for i, k in keys.items() if counts[k] >= _WATERMARK_MIN}
    if not drop and not labels:
        return text
    return "\n".join(labels.get(i, line) for i, line in enumerate(lines) if i not in drop)


#: A signature's date line: "2024年1月24日", "二〇二四年一月", alone on its line.
_SIGNATURE_DATE = re.compile(
    r"[ \t\u3000]*(?:\d{4}|[〇○◯零0OＯ一二三四五六七八九]{4})[ \t]*年[ \t]*[\d一二三四五六七八九十]{1,3}"
    r"[ \t]*月(?:[ \t]*[\d一二三四五六七八九十]{1,3}[ \t]*日)?[ \t\u3000]*")


def _signatures(lines: list[str], keys: set[str], start: int) -> Counter[str]:
    """How many times each line of ``keys`` stands from ``start`` on as a signature: right
    above a date line (:data:`_SIGNATURE_DATE`). One pass for all the keys (a key at a time
    was a pass each: quadratic in a PDF of thousands of pages, each head its own)."""
    n: Counter[str] = Counter()
    for i in range(start, len(lines)):
        key = lines[i].strip()
        if key in keys:
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            n[key] += j < len(lines) and _SIGNATURE_DATE.fullmatch(lines[j]) is not None
    return n


#: A page number with a running text before or after it on its line ("某县人民政府 第3页
#: 共8页", "第3页 共8页 某县人民政府", "某县人民政府 - 3 -"): a footer of a PDF viewer's copy.
_WRITTEN_PAGE = (rf"第{_GAP}\d{{1,4}}{_GAP}页(?:{_GAP}[,，/]?{_GAP}共{_GAP}\d{{1,4}}{_GAP}页)?"
                 rf"|共{_GAP}\d{{1,4}}{_GAP}页{_GAP}[,，/]?{_GAP}第{_GAP}\d{{1,4}}{_GAP}页"
                 rf"|[-—–－]{{1,2}}{_GAP}\d{{1,4}}{_GAP}[-—–－]{{1,2}}")


@lru_cache(maxsize=1)
def _named_page() -> re.Pattern[str]:
    """A line of a running text and a written page number (:data:`_WRITTEN_PAGE`), either
    way round; compiled on first use (2.4 ms), for the texts :func:`_may_have_named_page`
    lets through."""
    return re.compile(
        rf"^[ \t\u3000]*(?:(?P<head>[^\n\t]{{2,40}}?)[ \t\u3000]+(?P<page>{_WRITTEN_PAGE})"
        rf"|(?P<page2>{_WRITTEN_PAGE})[ \t\u3000]+(?P<head2>[^\n\t]{{2,40}}?))[ \t\u3000]*$",
        re.MULTILINE)


_BLANKS = " \t\u3000"


def _may_have_named_page(text: str) -> bool:
    """False only when no line can hold a :func:`_named_page` footer: no "页", and no dash
    that begins or ends a line. A cheap guard (str.find, not a regex scan of every line):
    dates such as 2023-01-01 put a dash in most reports, and the scan cost ~4 % of tagging."""
    if "页" in text:
        return True
    for dash in "-—–－":
        i = text.find(dash)
        while i >= 0:  # each line holding the dash once (linear: a line of dates is long)
            start = text.rfind("\n", 0, i) + 1
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            line = text[start:end].strip(_BLANKS)  # (holds the dash: never empty)
            if line[0] == dash or line[-1] == dash:
                return True
            i = text.find(dash, end)
    return False


def _unname_page_numbers(text: str) -> str:
    """``text`` with each running footer "<text> 第N页 共M页" cut to its page number, when
    the same text stands beside two page numbers or more (one beside a lone number is a line
    of the report: "详见第3页")."""
    found: dict[str, list[re.Match[str]]] = {}
    han = _han("{2}")
    for m in _named_page().finditer(text):
        head = (m.group("head") or m.group("head2") or "").strip()
        if han.search(head) and not _PAGE_MARK_INSIDE.search(head):
            found.setdefault(head, []).append(m)
    cuts = [m for hits in found.values() if len({(x.group("page") or x.group("page2"))
                                                  for x in hits}) >= 2 for m in hits]
    if not cuts:
        return text
    out, pos = [], 0
    for m in sorted(cuts, key=lambda x: x.start()):
        out += [text[pos:m.start()], m.group("page") or m.group("page2")]
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


#: Sentence punctuation: a running text beside a page number is a name or a title, no sentence
#: (and a bare number beside a sentence is no table's value: :func:`_drop_sequenced_bare`).
_PAGE_MARK_INSIDE = re.compile(r"[。；;！!？?]")


#: A line of a bare number of 1–3 digits (a value, or a page number), "\n" first.
_BARE_NUMBER = re.compile(r"\n[ \t\u3000]{0,4}(\d{1,3})[ \t\u3000]{0,4}(?=\n|$)")
#: The fewest pages whose bare numbers (1, 2, 3 …) are told from a table's values.
_BARE_PAGES_MIN = 4
_BARE_STEP_MIN = 10  # lines a page holds at the least


def _bare_page_numbers(text: str) -> set[int]:
    """Indexes of the lines that are a PDF copy's bare page numbers ("3" alone, as a
    one-cell-per-line table's values are): the text ends in the last page's number N ≥ 4,
    and the lines "1", "2", "3" … N are a run that starts on page 1 and goes on page by
    page at an even spacing (±10 %; the last page may be shorter) to it; of two such runs
    the more even. A number out of it is a value; an empty set when no run is found."""
    body = text.rstrip()
    tail = body[body.rfind("\n") + 1:].strip()
    if not (tail.isdigit() and tail.isascii() and len(tail) <= 3  # (int() refuses 4,301+ digits)
            and _BARE_PAGES_MIN <= int(tail)):
        return set()  # (checked first: cheap, and most texts end otherwise)
    pages, last_line = int(tail), body.count("\n")
    at: dict[int, list[int]] = {}  # number → indexes of the lines holding it alone
    line, pos = 0, 0
    for m in _BARE_NUMBER.finditer(text):
        line += text.count("\n", pos, m.start() + 1)
        pos = m.start() + 1
        at.setdefault(int(m.group(1)), []).append(line)
    if any(n not in at for n in range(1, _BARE_PAGES_MIN)):
        return set()
    best: tuple[int, int, list[int]] = (0, 0, [])  # (pages, -deviation, run)
    for i0 in at.get(1, [])[:20]:
        for i1 in at.get(2, [])[:50]:
            step = i1 - i0
            if step < _BARE_STEP_MIN:
                continue
            tol = max(2, step // 10)
            if i0 > step + tol:  # (page 1's number ends page 1)
                continue
            run, off = [i0, i1], 0
            while True:
                want = run[-1] + step
                nums = at.get(len(run) + 1, [])  # (in line order)
                # the nearest line to ``want`` within ``tol`` (the earlier of two as near): by
                # bisection, not a scan of the window (a page of "3" lines, a hostile input)
                k = bisect_left(nums, want)
                below = nums[k - 1] if k and nums[k - 1] >= want - tol else None
                above = nums[k] if k < len(nums) and nums[k] <= want + tol else None
                if below is None and above is None:
                    break
                run.append(below if above is None or (below is not None
                                                      and want - below <= above - want) else above)
                off += abs(run[-1] - want)
            if len(run) == pages - 1 and 0 < last_line - run[-1] <= step + tol:
                run.append(last_line)  # the last page, often shorter
            if len(run) == pages and run[-1] == last_line and (len(run), -off) > best[:2]:
                best = (len(run), -off, run)
    return set(best[2])


#: A page number an OCR engine read into the line the page broke, between a sentence's end
#: and the next item's marker ("…工作不够到位。 3 二是…", "…。 12 （三）…"), where no figure
#: of either sentence stands: it goes, with its blanks. A space first (a fast scan).
_GLUED_PAGE = re.compile(r" (?<=[。；;] )\d{1,3} (?=[一二三四五六七八九十](?:是|、)"
                         r"|[（(][一二三四五六七八九十][）)]|\d{1,2}[.．、])")
#: The words a running head or foot (页眉、页脚) ends with, as a line of its own: a gazette
#: or bulletin ("某市人民政府公报", "政务公开专刊", "某局政务公开简报"), an issue ("2025年第1期",
#: "第12期"), a site ("某局门户网站"). :data:`_LABEL_WORDS`: how such a line ends.
_RUNNING_LABEL = re.compile(
    r"[^\s。，,；;：:！!？?、（）()【】]{0,30}?(?:公报|政报|专刊|简报|门户网站)"
    r"|(?:(?:19|20)\d\d年)?总?第\d{1,3}期")
_LABEL_WORDS = ("报\n", "刊\n", "站\n", "期\n")
#: A line ending in one of :data:`_LABEL_WORDS`' characters: "\n" first, the word looked behind.
_LABEL_END = re.compile(r"\n(?<=[报刊站期]\n)")


def _number_line(line: str) -> tuple[int, bool] | None:
    """The page number a line holds alone, and whether it is written as one ("- 3 -",
    "第 3 页": True) or bare ("3": a table's value too): None when it holds none."""
    line = line.strip(_BLANKS)
    if line.isdigit() and line.isascii() and len(line) <= 3:
        return int(line), False
    if line and PAGE_LINE.fullmatch(line):
        return int(_DIGITS.search(line).group()), True
    return None


def _beside(lines: list[str], i: int, step: int) -> int | None:
    """The index of the first line with text from ``i`` on, ``step`` at a time (±1)."""
    i += step
    while 0 <= i < len(lines) and not lines[i].strip(_BLANKS):
        i += step
    return i if 0 <= i < len(lines) else None


def _drop_labelled_breaks(text: str) -> str:
    """``text`` without a running head or foot that names a gazette, issue or site
    (:data:`_RUNNING_LABEL`) when every line of it below the title stands right under or
    over a page number: after a single page break too, where a line seen once is otherwise
    no proof ("某县人民政府公报" ⏎ "- 2 -" ⏎ "2024年第3期"). It must stand by a written
    page number at least once, or at two places or more by bare ones counting the pages (1
    or 2 at its first place, one more at each next): a label seen once beside a bare "1" is
    as likely a table's cell ("县政府门户网站" ⏎ "2", one cell a line). A bare number beside
    it goes with it when it counts the pages as the written ones do (its place + the same
    offset): a number an OCR engine read among a table's cells, one per line, at the page's
    foot. Any other bare number stays."""
    if not any(_RUNNING_LABEL.fullmatch(line) for line in _lines_with(text, _LABEL_WORDS)):
        return text  # (the lines holding the words, found by str.find: no split of the text)
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip(_BLANKS)), 0)
    where: dict[str, list[int]] = {}
    for i in range(start + 1, len(lines)):
        line = lines[i].strip(_BLANKS)
        if 4 <= len(line) <= 40 and line[-1] in "报刊站期" and _RUNNING_LABEL.fullmatch(line):
            where.setdefault(line, []).append(i)
    drop: set[int] = set()
    for found in where.values():
        for step in (-1, 1):  # a head under its page's number, or a foot over it
            numbers = [(j, n) for i in found if (j := _beside(lines, i, step)) is not None
                       and (n := _number_line(lines[j])) is not None]
            if len(numbers) < len(found):
                continue
            written = [k for k, (_, (_, w)) in enumerate(numbers) if w]
            first = numbers[0][1][0]
            offset = numbers[written[0]][1][0] - written[0] if written else first
            if not written and (len(found) < 2 or first not in (1, 2) or any(
                    n != offset + k for k, (_, (n, _)) in enumerate(numbers))):
                continue  # (bare numbers only: a label once beside a "1" is a table's cell)
            drop.update(found)
            drop.update(j for k, (j, (n, w)) in enumerate(numbers) if not w and n == offset + k)
            break
    if not drop:
        return text
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _lines_with(text: str, words: tuple[str, ...]) -> list[str]:
    """The lines of ``text`` (blanks stripped) that hold one of ``words``, each once a word."""
    out = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            start = text.rfind("\n", 0, i) + 1
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            out.append(text[start:end].strip(_BLANKS))
            i = text.find(word, end)
    return out


def _drop_sequenced_bare(text: str) -> str:
    """``text`` without a bare page number ("5" alone) that continues the page numbers — one
    more than the page number before it, or one less than the one after it, counted from the
    written ones ("5" ⏎ … "第 6 页" … "7" ⏎ … "8") — where it provably is no value: in running
    text (no value beside it, a sentence (。；) on one side, which no table's label or cell
    is), or between a table's label and a row written on one line that holds as many values
    as the table's rows do (an 8th value of a row of 7). Inside section 五 it was a statement
    or glued to one; in 表三 it made the row unreadable. A number among one-per-line cells
    stays: nothing tells it from a value."""
    marks = _line_numbers(text, _PAGE_MARK)  # (index, number) of the written page numbers
    bare = _line_numbers(text, _BARE_NUMBER)
    if not marks or not bare:
        return text
    lines = text.split("\n")
    width = -1  # the values a table's row on one line holds, most often (counted once)

    def no_value(i: int) -> bool:
        nonlocal width
        near = [_beside(lines, i, -1), _beside(lines, i, 1)]
        texts = [lines[j].strip(_BLANKS) for j in near if j is not None]
        if not texts:
            return False
        if any(_number_line(t) for t in texts):
            return False  # (a number beside it: a value or a page's number, not told apart)
        rows = [_row_width(t) for t in texts]
        if not any(rows) and not any(is_value_cell(t) for t in texts):
            return any(_PAGE_MARK_INSIDE.search(t) for t in texts)
        if width < 0:
            widths = Counter(n for line in lines if " " in line and (n := _row_width(line)) >= 3)
            width = widths.most_common(1)[0][0] if widths else 0
        return width >= 3 and len(texts) == 2 and sorted(rows) == [0, width] and all(
            _han("{2}").search(t) for t, n in zip(texts, rows, strict=True) if n == 0)

    known = dict(marks)  # index → number of the page numbers known so far
    at = sorted(known)  # (kept sorted as numbers join: one bisection each, never a sort)
    for order in (bare, bare[::-1]):  # one more than the one before, one less than the next
        for i, n in order:
            if i in known:
                continue
            k = bisect_left(at, i)
            before = known[at[k - 1]] if k else None
            after = known[at[k]] if k < len(at) else None
            if (before == n - 1 or after == n + 1) and no_value(i):
                known[i] = n
                insort(at, i)
    drop = set(known) - {i for i, _ in marks}
    if not drop:
        return text
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _line_numbers(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(line index, number) of each line ``pattern`` ("\n" first) finds: a page number."""
    out, line, pos = [], 0, 0
    for m in pattern.finditer(text):
        line += text.count("\n", pos, m.start() + 1)
        pos = m.start() + 1
        out.append((line, int(_DIGITS.search(text, m.start()).group())))
    return out


_DIGITS = re.compile(r"\d+")


def _row_width(line: str) -> int:
    """How many values a line of a table's row written on one line holds ("0 0 1 0 0 0 1": 7),
    0 when any piece of it is no value (a label's line) or it is a page number ("- 3 -")."""
    pieces = line.split()
    return (len(pieces) if pieces and all(is_value_cell(p) for p in pieces)
            and not PAGE_LINE.fullmatch(line) else 0)


def _drop_titled_page_heads(text: str) -> str:
    """``text`` without a page header that prints the title with the page's number beside
    it, which a viewer's copy gives as the title's line and the number alone under it
    ("某镇2023年…年度报告⏎3"): dropped when the pairs below page 1 are two or more and
    their numbers go up one page at a time. The number would be a statement of section
    五, or a 16th value of 表四."""
    title = text.lstrip()[:200].split("\n", 1)[0].strip()
    if len(title) < 8 or text.count(title) < 3:  # (a cheap test first: most texts fail it)
        return text
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip())
    pairs = [i for i in range(start + 1, len(lines) - 1)
             if lines[i].strip() == title and lines[i + 1].strip().isdigit()
             and len(lines[i + 1].strip()) <= 3 and lines[i + 1].strip().isascii()]
    numbers = [int(lines[i + 1]) for i in pairs]
    if len(pairs) < 2 or any(b != a + 1 for a, b in zip(numbers, numbers[1:], strict=False)):
        return text
    drop = {j for i in pairs for j in (i, i + 1)}
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _is_title(line: str, title: str) -> bool:
    """Whether ``line`` spells the title ``title``, or the title with the agency named
    longer or shorter ("柳岸县白石镇人民政府2023年…报告" for "白石镇人民政府2023年…报告"): no
    sentence of the text."""
    if line == title:
        return True
    short, full = sorted((line, title), key=len)
    return len(short) >= 8 and full.endswith(short) and not _SENTENCE.search(line)


_SENTENCE = re.compile(r"[。，,；;：:、]")


#: The line a reader writes where the page shows an image (a table pasted as a picture):
#: its content cannot be read, and the tables say so instead of "not found".
IMAGE_MARK = "[图片]"

#: A table cell that holds a value, not a label: a number (half- or full-width, with
#: thousands separators or a unit) or a mark written for none ("—", "/", "无").
_VALUE_CELL = re.compile(r"[+\-－]?[0-9０-９][0-9０-９,，.．]*[ ]?(?:件|万元|元|项|个|次)?"
                         r"|[/／\\\-—–－]{1,2}|无")


#: Written after a figure whose cell spans rows (HTML rowspan, Word's vertical merge): one
#: "3" over 1.属于国家秘密 and 2.其他法律… says neither row's figure, and the table reader
#: takes a cell so marked for no number (its table unreadable, the cell named). A 0, or a
#: none-mark ("—", "/", 无), spanning rows is each row's: counts summing to 0 are all 0.
MERGED_ROWS_MARK = "〔合并〕"

#: The whole text of a ruled PDF table's cell whose only characters are digits turned a
#: quarter (a column of figures printed sideways inside its cells, or a stamp's digits over a
#: blank cell: nothing tells which): the table reader takes it for no number (its table
#: unreadable, the cell named), never for a blank cell.
TURNED_CELL_MARK = "〔竖排〕"


def merged_rows_value(text: str) -> str:
    """``text`` of a cell spanning rows: marked (:data:`MERGED_ROWS_MARK`) when it is a
    figure other than 0, as is."""
    if is_value_cell(text) and any(ch in "123456789１２３４５６７８９" for ch in text):
        return text + MERGED_ROWS_MARK
    return text


def mark_merged_columns(row: dict[int, str], value_spans: list[tuple[int, int]],
                        label_spans: set[tuple[int, int]]) -> None:
    """Mark (:data:`MERGED_ROWS_MARK`) each figure other than 0 of ``row`` (column → text,
    its spanned copies already blanked: :func:`unrepeat_values`) whose cell spans columns
    (HTML colspan, w:gridSpan) beside other values of the row, when no label cell of the
    table spans the same columns: one "4" over 科研机构 and 社会公益组织 says neither column's
    figure, like a figure over several rows. ``value_spans``: (first column, columns
    spanned) of the row's value cells; ``label_spans``: the same of the table's label cells.
    A value under a header spanning its columns ("本年增/减" over two) is that column's, and
    a row's only value over merged columns (表二 "行政许可 | 501" across the grid) is one."""
    for c, k in value_spans:
        if (c, k) in label_spans or c not in row:
            continue
        if any(is_value_cell(t) for i, t in row.items() if not c <= i < c + k):
            row[c] = merged_rows_value(row[c])


def is_value_cell(text: str) -> bool:
    """Whether a table cell holds a value (a number, "—", "/", "无"), not a label."""
    return _VALUE_CELL.fullmatch(text) is not None


def unrepeat_values(row: dict[int, str], copies: list[int]) -> None:
    """Blank the copies of values that span columns (colspan, w:gridSpan) in ``row``
    (column → text; ``copies``: the columns after each such value's first) when the row
    holds two or more values of its own. "本年增/减 0" spanning two columns beside "3" is
    one value: repeated, the row read as three values and was unreadable. A row's only
    value may stay repeated: one value over merged columns is read as one."""
    if not copies:
        return
    spare = set(copies)
    if sum(1 for c, t in row.items() if c not in spare and is_value_cell(t)) >= 2:
        for c in spare:
            row[c] = ""


def drop_blank_columns(rows: list[list[str]]) -> list[list[str]]:
    """A table's rows without the columns blank in every row (空列): a spacer column, or an
    empty column an editor left at the right edge. Such a column carries nothing, but its
    cells would be read as blank values after a row's real ones. A row that is shorter than
    the others stays so; a one-row table is left as it is (blank there may be the data)."""
    if len(rows) < 2:
        return rows
    width = max(map(len, rows))
    keep = [c for c in range(width) if any(c < len(row) and row[c] for row in rows)]
    if not keep or len(keep) == width:
        return rows
    return [[row[c] for c in keep if c < len(row)] for row in rows]


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # full-width digits and latin letters → ASCII (０-９ Ａ-Ｚ ａ-ｚ)
    for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        for cp in range(lo, hi + 1):
            table[cp] = chr(cp - 0xFEE0)
    # full-width brackets, decimal point and percent; ，。；：、“”《》！？ stay as they are
    for ch in "（）［］｛｝．％":
        table[ord(ch)] = chr(ord(ch) - 0xFEE0)
    # spaces: ideographic space, NBSP and the typographic spaces → " "
    for cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009,
               0x200A, 0x202F, 0x205F, 0x1680):
        table[cp] = " "
    # invisible characters: zero-width space/joiners, BOM, word joiner, soft hyphen
    for cp in (0x200B, 0x200C, 0x200D, 0xFEFF, 0x2060, 0x00AD):
        table[cp] = None
    # line breaks of other kinds → "\n"; other C0/C1 control characters are dropped
    for cp in (0x0B, 0x0C, 0x85, 0x2028, 0x2029):
        table[cp] = "\n"
    for cp in [*range(0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85),
               *range(0x86, 0xA0)]:
        table[cp] = None
    # radicals → the ideographs they look like (康熙部首 ⼀⼈⾏ by NFKC, and the simplified
    # radicals ⺠⻅⻓⻚ …): a PDF made by a browser or Word often maps its glyphs to them, so
    # "⼀、总体情况" or "⼈⺠政府" would match no heading and no agency
    for cp in range(0x2F00, 0x2FD6):
        table[cp] = unicodedata.normalize("NFKC", chr(cp))
    for radical, ideograph in zip(_RADICALS, _RADICAL_IDEOGRAPHS, strict=True):
        table[ord(radical)] = ideograph
    # 戶 for 户: CJK fonts draw both with one glyph, and a PDF printed with Noto Sans CJK
    # maps it back to the traditional code point ("门戶网站"), so a search for 门户 finds
    # nothing; a mainland report writes 户 (a traditional text is made simplified anyway)
    table[ord("戶")] = "户"
    # … and its Kangxi radical ⼾, which the same fonts draw alike too: NFKC gives 戶, read on
    table[0x2F3E] = table[ord(table[0x2F3E])]
    return table


#: CJK radicals (U+2E80 block) that stand for a whole simplified character.
_RADICALS = "⺟⺠⺩⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳"
_RADICAL_IDEOGRAPHS = "母民王西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟"


_TABLE = _build_table()
_TABLE_STR = {chr(k): v or "" for k, v in _TABLE.items()}
# one regex finds the few characters to change: far faster than str.translate with a dict
_TO_CHANGE = re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(_TABLE)) + "]")
_MULTI_SPACE = re.compile(r"  +")  # not " {2,}": a literal prefix makes the scan ~30× faster
_SPACE_AROUND_TAB = re.compile(r" ?\t ?")
_EDGE_SPACE = re.compile(r"^ | $", re.MULTILINE)
#: Letter-spaced Chinese (字间空格): six or more CJK characters or Chinese punctuation marks,
#: each followed by one space, as a PDF's justified lines or a spaced-out title come out
#: ("加 强 队 伍 建 设 ，"). Real text never spaces every character, and digits are left
#: out, so a table row of single-digit cells ("0 0 0 1") is never joined.
_CJK_SPACED = "[\u3400-\u4dbf\u4e00-\u9fff\u3001-\u3003\u3008-\u3011\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\u201c\u201d]"


#: An item of a letter-spaced run: a CJK character, or the digits of a date's figure spaced
#: as its characters are ("2 0 2 4 年 1 2 月 3 1 日", an OCR engine's text of a spaced-out
#: font): a figure right before 年/月/日 is one number, never a table's cells. Other figures
#: stay spaced ("信 息 3 1 2 条": a row of cells or one count, not told apart).
_SPACED_ITEM = f"(?:{_CJK_SPACED}|(?:[0-9] ){{0,3}}[0-9](?= [年月日]))"


def _ocr_spaced(text: str) -> bool:
    """Whether ``text`` spaces its Chinese characters throughout, as an OCR engine writes a
    scan's text (every character a word: "规 章 0 0 0", "2024 年 ， 县 档 案 馆 公 开 …"):
    more characters followed by a space and another than by another at once. Then a short
    run (a table's label "行 政 许 可", "（ 一 ） 予 以 公 开") is joined too, which the
    six-character rule for a spaced-out title (:func:`_letter_spaced`) leaves apart."""
    spaced = len(_ocr_spaced_pairs().findall(text))
    return spaced > 200 and spaced > len(_CJK_TIGHT.findall(text))


@lru_cache(maxsize=1)
def _ocr_spaced_pairs() -> re.Pattern[str]:
    """The space between two CJK characters (or brackets), and around a date's figures
    ("自 2024 年 1 月 1 日"), in an OCR text; never between two figures (a row's cells)."""
    item = _CJK_SPACED[:-1] + "()]"
    return re.compile(f"(?<={item}) (?={item}|[0-9]{{1,4}} ?[年月日])|(?<=[0-9]) (?=[年月日])")


_CJK_TIGHT = re.compile("[\u4e00-\u9fff](?=[\u4e00-\u9fff])")


@lru_cache(maxsize=1)
def _letter_spaced() -> re.Pattern[str]:
    """A letter-spaced run (compiled on first use: a text that has :data:`_LETTER_SPACED_HINT`)."""
    return re.compile(f"(?:{_SPACED_ITEM} ){{5,}}{_SPACED_ITEM}")


#: What every letter-spaced run holds (" 加 强 队 "), opening with a literal space so that the
#: scan of a text without one only stops at spaces (the run pattern itself tries every
#: character). The class is written once and repeated: each time it is written the re
#: compiler walks its ranges again (0.7 ms).
_LETTER_SPACED_HINT = re.compile(f" (?:{_CJK_SPACED} ){{3}}")
#: Emoji and their variation selectors (reports copied from WeChat: "📌一、总体情况").
#: Symbols used as bullets (▲ ● ★ ☆ ■) are kept.
#: Markdown-like markup of text pasted from editors: "**一、总体情况**", "## 二、…".
#: A line with two or more runs of "**" loses them all (one run alone may be a masked
#: name "王**"); removing whole runs keeps the result free of new runs (idempotent).
_MD_BOLD_LINE = re.compile(r"^[^\n]*?\*\*[^\n]*?\*\*[^\n]*$", re.MULTILINE)
_MD_STARS = re.compile(r"\*{2,}")
_MD_HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+)+", re.MULTILINE)
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\uFE0E\uFE0F\u2705\u2728\u274C\u2B50\u2B55]")
#: Either of the two: text without them needs neither substitution (the table maps to
#: ASCII, spaces, line breaks or nothing, so it never makes an emoji).
_CHANGE_OR_EMOJI = re.compile(_TO_CHANGE.pattern[:-1] + _EMOJI.pattern[1:])
#: The CJK block less 戶, which the table changes (see _build_table)
_CJK_PLAIN = "\u4e00-\u6235\u6237-\u9fff"
#: Text made only of these characters is already NFC and holds nothing the table or the
#: emoji pattern changes: ASCII, CJK ideographs and punctuation, general punctuation,
#: circled numbers, box drawing and bullet symbols, the full-width forms the table keeps
#: (，：；！？). Every one has no canonical decomposition, combining class 0 and is no
#: second half of a composition (tests/test_parse_fastpaths.py checks every code point).
#: One scan of this class replaces the NFC quick check and the change/emoji scan (~3×
#: faster on a report: the engine's tight loop over a repeated class, not a search).
_PLAIN_CLASS = ("\t\n\x20-\x7e\u00b7\u2010-\u2027\u2030-\u205e\u2460-\u24ff\u2500-\u26ff"
                "\u3001-\u3029\u3030-\u303f" + _CJK_PLAIN
                + "".join(re.escape(chr(c)) for c in range(0xFF01, 0xFF5F) if c not in _TABLE))
_PLAIN = re.compile(f"[{_PLAIN_CLASS}]*")


def normalize_text(text: str) -> str:
    """Return ``text`` normalized for parsing (规范化), keeping its line structure.

    NFC; full-width digits, latin letters, brackets, ``．`` and ``％`` → ASCII; ideographic
    space and NBSP → space; zero-width characters and stray control characters removed;
    ``\\r\\n``/``\\r`` → ``\\n``; emoji and markdown ``**bold**`` / ``# heading`` marks
    removed (▲ ● ★ bullets kept); runs of spaces collapsed to one and spaces stripped at line
    ends and around TABs; letter-spaced Chinese ("加 强 队 伍 建 设") joined. TABs themselves
    are kept (they separate table cells; a leading or trailing TAB is an empty cell). Chinese punctuation and circled numbers (① ⑴) are kept.
    Lines are never joined, but at an item marker a scan's line width cut in two ("…；二" /
    "是…": :data:`_CUT_MARKER`); a number spaced from its mark ("1 . ") is closed up.
    """
    return _normalize(text)[0]


def _normalize(text: str, simple: bool | frozenset[str] | None = None) -> tuple[str, bool]:
    """:func:`normalize_text`, and whether ``text`` was plain (see ``_PLAIN``) without a
    traditional-only character: then :func:`detect_traditional` is False on the result,
    whose characters are the text's own (the steps after the table only drop ASCII).
    ``simple``: the caller has found that already (``_PLAIN_SIMPLIFIED``): True, or the
    full-width forms (:func:`_wide_only`) of a text otherwise plain."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if simple is None:
        simple = _PLAIN_SIMPLIFIED.fullmatch(text) is not None  # one scan for both questions
        if not simple and (wide := _wide_only(text)) is not None:
            simple = frozenset(wide)
    if simple is not True and simple:  # (a text plain but for these full-width forms)
        for ch in simple:  # (what the table does to them, without its class's scan)
            text = text.replace(ch, _TABLE_STR[ch])
        simple = True
    if not simple and _PLAIN.fullmatch(text) is None:  # else NFC, nothing to map, no emoji
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _CHANGE_OR_EMOJI.search(text):  # one scan for clean text instead of two
            text = _TO_CHANGE.sub(lambda m: _TABLE_STR[m.group()], text)
            if not text.isascii():
                text = _EMOJI.sub("", text)
    if "*" in text and "**" in text:  # (see _edge_space: one character first)
        text = _MD_BOLD_LINE.sub(lambda m: _MD_STARS.sub("", m.group()), text)
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    if " " in text and not text.isascii() and _LETTER_SPACED_HINT.search(text):
        ocr = _ocr_spaced(text)  # (counted before the runs close up)
        # the runs first: the pairs take the space before 年/月/日 that tells a spaced-out
        # date's figures ("2 0 2 4 年") from a row of cells
        text = _letter_spaced().sub(lambda m: m.group().replace(" ", ""), text)
        if ocr:
            text = _ocr_spaced_pairs().sub("", text)
    if "\t" in text:
        text = _SPACE_AROUND_TAB.sub("\t", text)
    if _edge_space(text):
        text = _EDGE_SPACE.sub("", text)  # (the scan for ^/$ is slow: only when needed)
    if " " in text and _OCR_MARKER_HINT.search(text):
        text = _OCR_MARKER.sub(_close_marker, text)
    if "\n" in text and _CUT_MARKER.search(text):
        text = _CUT_MARKER.sub(_join_cut_marker, text)
    if _ocr_one_hint(text):
        text = _ocr_ones(text)
    if lost_line_breaks(text):  # a copy on one line, or its headings glued (linebreaks)
        text = restore_line_breaks(text)
    return text, simple


#: The dashes an OCR engine reads for 一 ("—、", "－、", "ー、", "(—)"): the one set of the
#: repairs below and of statements' dash-for-一 list items; _DASH, the same in a class.
OCR_DASHES = "—―‐–-－ー"
_DASH = re.escape(OCR_DASHES)


#: An item or heading number an OCR engine spaced from its mark ("1 . 公租房…", "2 、",
#: "三 、依申请…"): at a line start or after a sentence end, a Chinese character (or one
#: space and one) after it, so never a spaced decimal ("1 .5万") nor figures ("1 . 2 . 3").
#: A numbered heading whose short title came letter-spaced ("— 、概 述", "一 、总 体 情 况":
#: under the six characters :func:`_letter_spaced` joins) has its title closed up with it.
#: (led by its space, the number looked behind: the scan stops at the few spaces of a Chinese
#: text, 1.4 µs a report, where one led by the numbers' class stopped at every digit and
#: numeral, 16.5 µs)
_OCR_MARKER_HINT = re.compile(rf" (?<=[0-9一二三四五六七八九十{_DASH}] )[.．、]")
_OCR_MARKER = re.compile(
    r"(?m)(?:^|(?<=[。；;]))(?:([0-9]{1,2}) (?=[.．、] ?[\u4e00-\u9fff])"
    rf"|([一二三四五六七八九十]{{1,2}}|[{_DASH}]) (?=、)"
    r"(?:、 ?((?:[\u4e00-\u9fff] ){1,4}[\u4e00-\u9fff])$)?)")


#: An item marker a scan's line width cut in two ("…不同步；二" / "是依申请…", "。三" / "、完成…"):
#: its numeral ends a line after a sentence end or ；, the line under opens with 是/要/、.
#: (led by the line break, the numeral and sentence end looked behind: searched in every text,
#: the scan stops only at line breaks, 1.3 µs a report, where one led by a look-behind tried
#: every character, 9.5 µs)
_CUT_MARKER = re.compile(r"\n(?<=[。；;！？!?][一二三四五六七八九十]\n)(?=[是要、][\u4e00-\u9fff])")
#: The shortest line the numeral may end: a line filled to the page's width, not a short one.
_CUT_LINE_MIN = 12


def _join_cut_marker(m: re.Match[str]) -> str:
    """The numeral joined to its 是/要/、 when its line is a full one (a wrapped line)."""
    start = m.string.rfind("\n", 0, m.start()) + 1
    return "" if m.start() - start >= _CUT_LINE_MIN else "\n"


def _close_marker(m: re.Match[str]) -> str:
    if m.group(1) is not None:
        return m.group(1)
    if m.group(3) is not None:  # a spaced short title after it: the whole heading
        return m.group(2) + "、" + m.group(3).replace(" ", "")
    return m.group(2)


#: A dash an OCR engine read for 一 in a numbered heading ("—、总体情况", "－、", "(—)存在的
#:主要问题", "ー、"): at a line start or run in after a sentence end ("。—、加强…"), before 、 or a
#: closing bracket and a Chinese character, when the next heading or item of its style (at a
#: line start or after a sentence end: "—、…。二、…" run on one line) is 二 ("二、", "(二)") and
#: the one before it is no dash. Only
#: there: a dash anywhere else, dashes used as bullets ("－、加强…" "－、规范…", the last one
#: just above a 二 too), and any digit an engine misread (O for 0, l for 1), are left as read.
_DASHES_TO_ONE = str.maketrans(dict.fromkeys(OCR_DASHES, "一"))


def _ocr_one_hint(text: str) -> bool:
    """Whether a dash is followed by 、 or ")" (a space between allowed): what every
    :data:`_OCR_ONE` match holds. Each dash is found with str.find (a date's "-" is in most
    reports, the others are rare) and the character after it looked at: 3 µs a report,
    where the regex scan led by the dashes' class tried every character (12 µs). A text of
    many dashes (rules drawn with them) is left to that scan (:data:`_OCR_ONE_HINT`)."""
    looks = _OCR_ONE_LOOKS
    for dash in OCR_DASHES:
        at = text.find(dash)
        while at >= 0:
            after = text[at + 1:at + 2]
            if after == " ":
                after = text[at + 2:at + 3]
            if after == "、" or after == ")":
                return True
            looks -= 1
            if not looks:
                return _OCR_ONE_HINT.search(text) is not None
            at = text.find(dash, at + 1)
    return False


_OCR_ONE_HINT = re.compile(rf"[{_DASH}][ ]?[、)]")
#: Dashes looked at one by one in :func:`_ocr_one_hint` before it searches for the pairs.
_OCR_ONE_LOOKS = 32
_OCR_ONE = re.compile(rf"(?:^|(?<=[。；;]))(\( ?)?[{_DASH}](?(1) ?\)| ?、)(?=[\u4e00-\u9fff])",
                      re.MULTILINE)
#: The numbered headings of each style, dashes included (a dash heading's neighbours).
#: (after "。", or ". " as OCR reads 。 after Chinese: "ー、…不便. 二、…")
_NEXT_AFTER = r"(?:^|(?<=[。；;])|(?<=[\u4e00-\u9fff]\. ))"
_NEXT_BRACKETED = re.compile(rf"{_NEXT_AFTER}\( ?([一二三四五六七八九十{_DASH}]) ?\)", re.MULTILINE)
_NEXT_PLAIN = re.compile(rf"{_NEXT_AFTER}([一二三四五六七八九十{_DASH}]) ?、", re.MULTILINE)


def _ocr_ones(text: str) -> str:
    """``text`` with the dashes of :data:`_OCR_ONE` read as 一 where the headings of their
    style around them prove it (二 next, no dash before); else as written."""
    import bisect

    heads = {style: [(h.start(), h.group(1)) for h in style.finditer(text)]
             for style in (_NEXT_BRACKETED, _NEXT_PLAIN)}

    def one(m: re.Match[str]) -> str:
        found = heads[_NEXT_BRACKETED if m.group(1) else _NEXT_PLAIN]
        i = bisect.bisect_left(found, (m.start(),))  # this heading's own place
        if i >= len(found) or found[i][0] != m.start():
            return m.group()
        after = found[i + 1][1] if i + 1 < len(found) else None
        before = found[i - 1][1] if i else None
        if after == "二" and (before is None or before not in OCR_DASHES):
            return m.group().translate(_DASHES_TO_ONE)
        return m.group()

    return _OCR_ONE.sub(one, text)


#: Spaces looked at one by one in :func:`_edge_space` before it searches for the pairs.
_EDGE_SPACE_LOOKS = 8


def _edge_space(text: str) -> bool:
    """Whether a line of ``text`` begins or ends with a space (what :data:`_EDGE_SPACE`
    strips): ``"\n " in text or " \n" in text``, or a space at either end. The few spaces of a
    Chinese report (a date's, a header's) are looked at one by one: a search for one
    character is a fast C scan, one for two goes through Chinese text ~5× slower (8 µs of a
    4,000-character report, against under 2). A text with many spaces is searched for the
    pairs after the first :data:`_EDGE_SPACE_LOOKS` (~0.15 µs each; 62 % of the example and
    test texts have no more spaces, a quarter have over 100: an aligned table's, a PDF's)."""
    if text[:1] == " " or text[-1:] == " ":
        return True
    i = text.find(" ")
    for _ in range(_EDGE_SPACE_LOOKS):
        if i < 0:
            return False
        if text[i - 1] == "\n" or text[i + 1:i + 2] == "\n":  # (i > 0: text[0] is no space)
            return True
        i = text.find(" ", i + 1)
    return "\n " in text or " \n" in text


# The ~570 most frequent characters of annual reports and of general Chinese, simplified.
# Used to tell a right decode from mojibake (GB18030 bytes read as Big5 or the reverse).
_COMMON_SIMPLIFIED = (
    "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能"
    "对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前"
    "面又定见只主没公从知全两点意开关机应问题理处条例报告信息资讯务府展提高加强推落实建设管服制度"
    "工情况步规范完善平台网站数量申请依据政结第及项本办存新果计总五复议四件改内乡性众诉容动责正确"
    "保收业求力六未审程期费查群效现民布按式属专重维够表社认员训宣传足通相等由培文持或纠位形讼体号"
    "任密流组律目接类部转措施构予创化县止明解栏核织监督取需尚识读断导握切质准回决单益护供些缺乏想"
    "统山系增深格线负案逾评考八权七绩身思参减共电门具围做策照合示微各领抓序更健把否级障访追究采废"
    "执补再但薄兼尺函打算视月间阅华室并向列至版户党真热云职协队伍掌升指南录满标答率尽投反已外章许"
    "罚金额万元勾稽商企科研区询纳直弱环镇且变较仅简敏感差派手置角普引丰富试免今购特话贯彻州紧注入"
    "严渠调熟努敷衍塞均象整积极支因秘禁危安稳卷另仍举物获缴继续节岗快衔域待距运涉水挥广修订代含失"
    "九频配滞媒低星源次根编限载疑联址绕扎透阳光针互压牵头循练技借助省即坚原则衡音诿扯皮交矛盾截委"
    "村最畅馈检价受态撑致既便遍利途径色亮营造软境良氛院厅印雷被困难概述集暂突繁齐素少习淡轻拓泄露"
    "风险先隐私舆图谈智优书晓放"
)

# Traditional forms of common characters that OpenCC 't2s' converts (生成自 OpenCC s2t).
TRADITIONAL_CHARS: frozenset[str] = frozenset(
    "並來個們傳僅價優內兩則創動務區協參員問單嚴國圍圖執堅報壓夠學實審將專對導屬崗廢廣廳強後徑從"
    "復徹態應戶採揮撐據數斷於時暢暫曉書會條業極構標機檢欄權決沒況減準滯滿無熱營爲牽獲現環當發盡監"
    "硯確祕種積穩節範簡糾納級組結統經維網緊線編練縣總績織繞繳繼續罰羣習聯職臺與舉華萬處號衆裏補見"
    "規視訂計訊訓訟訪設許訴評詢試話認說調談諉請識議護讀變豐負貫責費資質購軍軟較載輕輿轉辦這進運過"
    "還鄉針銜錄鎮門開間閱關陽隊險隱難雲電項領頭頻題額類風饋體麼點黨齊"
)

COMMON_CHARS: frozenset[str] = frozenset(_COMMON_SIMPLIFIED) | TRADITIONAL_CHARS

_TRADITIONAL_ANY = re.compile("[" + "".join(sorted(TRADITIONAL_CHARS)) + "]")


def _without(cls_lo: int, cls_hi: int, chars: frozenset[str]) -> str:
    """A character-class body for [cls_lo, cls_hi] minus ``chars`` (as ranges)."""
    out = []
    lo = cls_lo
    for cp in sorted(ord(c) for c in chars if cls_lo <= ord(c) <= cls_hi) + [cls_hi + 1]:
        if cp > lo:
            out.append(f"{re.escape(chr(lo))}-{re.escape(chr(cp - 1))}" if cp - 1 > lo
                       else re.escape(chr(lo)))
        lo = cp + 1
    return "".join(out)


#: ``_PLAIN`` without the traditional-only characters (all of them CJK ideographs), and with
#: "\r" (made "\n" before _normalize scans; the text as decoded holds it).
_PLAIN_SIMPLIFIED = re.compile(
    "[\r" + _PLAIN_CLASS.replace(_CJK_PLAIN, _without(0x4E00, 0x9FFF, TRADITIONAL_CHARS))
    + "]*")
#: The full-width forms the table maps to one ASCII character each (（）％．０-９Ａ-Ｚａ-ｚ［］
#: ｛｝): NFC-stable (their decomposition is a compatibility one) and never part of an emoji.
_WIDE = frozenset(chr(c) for c in range(0xFF01, 0xFF5F)
                  if c in _TABLE and len(_TABLE_STR[chr(c)]) == 1)


def _wide_only(text: str) -> set[str] | None:
    """The full-width forms (:data:`_WIDE`) in ``text`` when every other character of it is
    plain simplified (:data:`_PLAIN_SIMPLIFIED`; "\r" already made "\n"), else None. A
    report's full-width brackets (（一）) were what sent nearly half of the plain texts
    through NFC, the table's scan with a call per character changed, the emoji scan and the
    traditional check (~80 µs); the plain runs between them are matched where the last stopped.
    """
    found = set()
    n = len(text)
    at = _PLAIN_SIMPLIFIED.match(text).end()
    while at < n:
        ch = text[at]
        if ch not in _WIDE:
            return None
        found.add(ch)
        at = _PLAIN_SIMPLIFIED.match(text, at + 1).end()
    return found


_STRONG_WORDS = ("資訊", "條例", "報告", "問題", "處理", "機關")


def detect_traditional(text: str, *, sample: int = 2000) -> bool:
    """Whether ``text`` is (mostly) traditional Chinese (繁体).

    Looks at the first ``2 * sample`` characters only: traditional when more than 3 % of
    them are traditional-only forms, or when at least 1 % are and strong report words
    (資訊, 條例, 報告 …) occur. A simplified report quoting a traditional name stays simplified.
    """
    if not _TRADITIONAL_ANY.search(text, 0, sample * 2):  # simplified text: the fast path
        return False
    head = text[: sample * 2]
    hits = TRADITIONAL_CHARS.intersection(head)
    trad = sum(head.count(ch) for ch in hits)
    cjk = sum(map(len, _han("+").findall(head)))  # (runs, not characters)
    if trad < 2 or cjk < 4:
        return False
    share = trad / cjk
    if share > 0.03:
        return True
    return share > 0.01 and sum(head.count(w) for w in _STRONG_WORDS) >= 2


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified (繁→简) with OpenCC ``t2s``."""
    return _t2s().convert(text)
