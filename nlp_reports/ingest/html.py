"""HTML report pages → text (网页正文提取), with tables kept as TAB-separated grids.

Scraped pages carry site chrome (navigation, breadcrumbs, share buttons, footers) around
the report. We drop the obvious chrome, pick the element holding most of the page's
Chinese text, and render it: block elements become line breaks, every data ``<table>``
becomes one line per row with cells joined by TAB after expanding rowspan/colspan into a
full grid (blank cells stay empty strings: blank is not 0). Everything walks the tree
iteratively, so deeply nested or malformed pages neither crash nor hit the recursion limit.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from nlp_reports.errors import EmptyInputError, NotAReportError
from nlp_reports.ingest.encoding import _strict, decode_bytes, normalize_encoding_name
from nlp_reports.ingest.normalize import (
    IMAGE_MARK,
    PAGE_DATE_KEY,
    drop_blank_columns,
    is_value_cell,
    mark_merged_columns,
    merged_rows_value,
    unrepeat_values,
)

log = logging.getLogger("nlp_reports")

__all__ = ["HtmlText", "decode_html", "html_to_text", "read_html"]

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
#: Characters XML text cannot hold (C0 controls but tab and line breaks, U+FFFE/U+FFFF): a
#: form feed in a page made _remove's text assignment raise lxml's ValueError.
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Attributes a start tag keeps before libxml2 reads the page (:func:`few_attributes`).
_MAX_ATTRIBUTES = 256
#: A start tag long enough to hold that many (no < or > inside: each match ends at the next
#: one, so the search is linear in the page).
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{2048,}>")
_ATTRIBUTE = re.compile(r"""[^\s=<>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]*))?""")


def few_attributes(markup: str) -> str:
    """``markup`` with each start tag cut to its first ``_MAX_ATTRIBUTES`` attributes. Why:
    libxml2's HTML parser checks each attribute of a tag against all those before it, in C
    where ``--timeout``'s alarm cannot stop it: one <p> with 40,000 attributes took 18 s, and
    300,000 held a ``tag`` worker (and the run) far past its timeout. No page has a tag with
    hundreds of attributes; a long tag with few (a data: URI) is left as it is."""
    if not _LONG_TAG.search(markup):
        return markup

    def cut(m: re.Match) -> str:
        tag = m.group(0)
        attrs = _ATTRIBUTE.finditer(tag, 1)
        next(attrs, None)  # the element's name
        for n, attr in enumerate(attrs, 1):
            if n == _MAX_ATTRIBUTES:
                return tag[:attr.end()] + ">"
        return tag

    return _LONG_TAG.sub(cut, markup)

_DROP_TAGS = frozenset({
    "script", "style", "nav", "aside", "iframe", "noscript", "template", "svg",
    "canvas", "object", "embed", "select", "button", "input", "textarea", "link", "meta",
    "head", "video", "audio", "map",
})
_CHROME_TAGS = frozenset({"header", "footer", "form"})  # ASP.NET wraps whole pages in <form>
_CHROME_ATTR = re.compile(
    r"nav|menu|header|footer|breadcrumb|crumb|share|sidebar|side-bar|copyright|banner|"
    r"toolbar|topbar|login|search|weizhi|position|location|bottom|foot|dqwz|fenxiang|"
    r"print|related|xgxx|qrcode|erweima", re.IGNORECASE)
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "tr", "table", "section", "article", "main", "header", "footer", "blockquote", "pre",
    "address", "center", "hr", "title", "body", "html", "caption", "figure", "figcaption",
    "details", "summary", "fieldset", "legend", "tbody", "thead", "tfoot", "td", "th",
})
_CONTAINERS = frozenset({"div", "section", "article", "main", "center", "td", "th", "table",
                         "tbody", "thead", "tr", "font", "blockquote", "dl", "dd", "span"})
_CELL_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "td", "th", "table", "h1", "h2", "h3",
                          "h4", "h5", "h6", "ul", "ol", "blockquote", "pre"})
_CJK_CLASS = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")
_WRAP_BETWEEN_CJK = re.compile(
    f"(?<=[{_CJK_CLASS}])[ \t\r\f]*\n\\s*|[ \t\r\f]*\n\\s*(?=[{_CJK_CLASS}])")
_WS = re.compile(r"\s+")
_TITLE_SPLIT = re.compile(r"\s*[-_|｜—–]{1,2}\s*")
_REPORT_WORD = re.compile(r"报告|報告")
#: a heading of the report's own sections ("六、其他需要报告的事项", "（六）…"): never its title
_SECTION_HEADING = re.compile(r"[（(]?[一二三四五六七八九十]{1,2}\s*[、.．)）]")
# a section heading of the report ("六、其他需要报告的事项") outside the chosen element
_HEADING = re.compile(r"(?:^|\s)[一二三四五六七八九十]{1,2}[、.．]\s*\S")

_MAX_SPAN = 1000
_MAX_GRID = 50_000  # cells of one expanded table grid (表三 has about 300)
#: Characters a page's rowspan/colspan copies may add in all (each copy its text and a TAB):
#: a real page's merged labels add a few thousand; a 10 KB cell spread over 1000×50 places,
#: or 400 small tables of 50,000 spanned places each, gave 0.5 GB of text.
_MAX_COPIED = 1_000_000


def decode_html(data: bytes, *, path: str | None = None,
                declared: str | None = None) -> tuple[str, str]:
    """Decode HTML bytes by their ``<meta charset>`` / http-equiv when present, else detect.

    ``declared``: a charset named outside the page (a MIME part's or HTTP Content-Type); it
    is taken before the ``<meta>`` when the bytes decode with it, and like the ``<meta>``
    it is only a hint that :func:`decode_bytes` checks against the bytes.
    """
    m = _META_CHARSET.search(data[:8192])
    meta = (m.group(1) or m.group(2)).decode("ascii", "replace") if m else None
    if declared and declared != meta:
        codec = normalize_encoding_name(declared)
        if not meta or (codec is not None and _strict(data, codec) is not None):
            return decode_bytes(data, path=path, declared=declared)
    return decode_bytes(data, path=path, declared=meta)


def _collapse(text: str) -> str:
    """Inline text as a browser shows it, except that a source line wrap next to a Chinese
    character vanishes instead of becoming a space (Chinese has no spaces between words)."""
    if "\n" in text:
        text = _WRAP_BETWEEN_CJK.sub("", text)
    return _WS.sub(" ", text)


def _cjk_count(text: str | None) -> int:
    return sum(map(len, _CJK_RUN.findall(text))) if text else 0


def _tag(el) -> str:
    tag = el.tag  # the HTML parser lower-cases tag names
    return tag if isinstance(tag, str) else ""


def _text(el) -> str:
    return "".join(el.itertext())


def _text_head(el, n: int | None, heads: dict) -> str:
    """The first ``n`` characters of the text of ``el`` (``"".join(el.itertext())[:n]``; all
    of it for None) without reading the rest, each element's worked out once into ``heads``
    (one cache for one ``n``). Reading each element's text afresh was quadratic in nested
    elements: a <li> 1,000 levels deep holds its first character under 1,000 elements,
    walked again for every item above it (~1 s for 1,000 levels)."""
    hit = heads.get(el)
    if hit is not None:
        return hit
    # frames [element, its children, the text so far, its length]: an explicit stack, as
    # the nesting may be deeper than Python's recursion
    stack: list[list] = [[el, iter(el), [el.text or ""], len(el.text or "")]]
    while True:
        top = stack[-1]
        if n is None or top[3] < n:
            child = next(top[1], None)
            if child is not None:
                if isinstance(child.tag, str) and (hit := heads.get(child)) is None:
                    stack.append([child, iter(child), [child.text or ""], len(child.text or "")])
                    continue
                # a comment or processing instruction gives only its tail (as itertext)
                for piece in (hit if isinstance(child.tag, str) else "", child.tail or ""):
                    top[2].append(piece)
                    top[3] += len(piece)
                continue
        head = "".join(top[2])[:n]
        heads[top[0]] = head
        stack.pop()
        if not stack:
            return head
        for piece in (head, top[0].tail or ""):
            stack[-1][2].append(piece)
            stack[-1][3] += len(piece)


def _subtree_sizes(doc) -> dict:
    """Per element: characters of text in its subtree (its own tail aside) plus the number
    of elements in it, in one bottom-up pass; lets the title search skip a heading holding
    the rest of the page without reading it (thousands of nested, unclosed headings made
    reading each one's text quadratic: a second for 10 KB)."""
    size: dict = {}
    for el in reversed(list(doc.iter())):
        size[el] = 1 + len(el.text or "") + sum(size[c] + len(c.tail or "") for c in el)
    return size


_LAYOUT_BLOCKS = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4"})


class _Stats:
    """Per-element subtree figures, computed in one bottom-up pass (no recursion).

    ``cjk``: Chinese characters in the subtree (own text and descendants, not the tail);
    ``links``: those inside ``<a>``; ``blocks``: p/div/br/h1–h4 descendants; ``table``:
    whether a ``<table>`` lies below; ``size``: as :func:`_subtree_sizes`. Looking these up
    keeps every later decision O(1), so a page of 500 nested tables costs no more than a
    flat one.
    """

    def __init__(self, root) -> None:
        self.cjk: dict = {}
        self.links: dict = {}
        self.blocks: dict = {}
        self.table: dict = {}
        self.size: dict = {}
        cjk, link_counts, block_counts, tables = self.cjk, self.links, self.blocks, self.table
        sizes = self.size
        for el in reversed(list(root.iter())):
            n = _cjk_count(el.text)
            size = 1 + len(el.text or "")
            links = blocks = 0
            table = False
            for child in el:
                tail = child.tail
                n += cjk[child] + (_cjk_count(tail) if tail else 0)
                size += sizes[child] + len(tail or "")
                links += link_counts[child]
                tag = child.tag
                blocks += block_counts[child] + (tag in _LAYOUT_BLOCKS)
                table = table or tables[child] or tag == "table"
            cjk[el] = n
            sizes[el] = size
            link_counts[el] = n if el.tag == "a" else links
            block_counts[el] = blocks
            tables[el] = table


_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_LINK_LISTS = frozenset({"ul", "ol", "dl", "div", "td", "table", "section"})
#: Text set in a zero font size (font-size:0, or the shorthand font:0/0 a) shows nothing: a copy mark a site slips between
#: a figure's digits or a sentence's words ("2<span style="font-size:0">8</span>0" is 20 on
#: screen). Kept, a figure of 表三 read 280.
_ZERO_FONT = re.compile(
    r"(?<![\w-])font-size\s*:\s*(?:0+(?:\.0*)?|\.0+)(?:px|pt|em|rem|%)?\s*(?:!\s*important\s*)?"
    r"(?:;|$)"
    # the shorthand with a zero size, "font:0/0 a" (a known way to hide text), "font: 0 sans-serif"
    r"|(?<![\w-])font\s*:\s*(?:(?:italic|oblique|normal|bold|bolder|lighter|small-caps|\d00)\s+)*"
    r"(?:0+(?:\.0*)?|\.0+)(?:px|pt|em|rem|%)?\s*(?:/|\s+[^\s;/\d])", re.IGNORECASE)
_FONT_SIZE = re.compile(r"(?<![\w-])font-size\s*:", re.IGNORECASE)
#: A table's own parts are never removed as hidden text: the grid would lose a cell.
_GRID_TAGS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th"})
#: Elements a page's stylesheet sizes by their tag (".article p {font-size:16px}"): inside a
#: zeroed container they show, though no inline style says so.
_SIZED_BY_SHEET = _GRID_TAGS | {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5",
                                "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre",
                                "center", "img"}


def _hidden(root) -> list:
    """The elements hidden by their style: display:none, visibility:hidden, or a zero font size
    (:data:`_ZERO_FONT`) that no element inside it may set back (:func:`_sized_again`: a
    container set to font-size:0 to close the gaps between inline blocks, its children sized
    again, shows). Whether an
    element has a sized one inside is worked out in one pass up the tree (asking each hidden
    element's descendants anew was quadratic in nested ones)."""
    hidden, zero = [], []
    for el in root.iter():
        style = el.get("style") if isinstance(el.tag, str) else None
        if not style:
            continue
        if _HIDDEN.search(style):
            hidden.append(el)
        elif _tag(el) not in _GRID_TAGS and _ZERO_FONT.search(style):
            zero.append(el)
    if zero:
        sized: dict = {}  # element → an element inside it may be sized again
        for el in reversed(list(root.iter())):
            sized[el] = any(sized.get(c, False) or (isinstance(c.tag, str) and _sized_again(c))
                            for c in el)
        hidden += [el for el in zero if not sized[el]]
    return hidden


def _sized_again(el) -> bool:
    """Whether ``el`` may set a font size again inside a zeroed container: inline (a size that
    is not zero itself), or through the page's stylesheet, which the reader does not apply — by
    its class or id, or by its tag (a paragraph, a block, a table). A zeroed wrapper around
    the article's paragraphs or a table, sized by ".content p" or ".c", lost them all."""
    style = el.get("style") or ""
    return (bool(_FONT_SIZE.search(style)) and not _ZERO_FONT.search(style)) or bool(
        el.get("class") or el.get("id")) or _tag(el) in _SIZED_BY_SHEET


#: A bar of a page's buttons or of its pager, a block holding nothing else: "【我要纠错】【打印本页】
#: 【关闭窗口】", "【分享到微信】", "分享到：微信 微博 QQ空间" (left under the signature, a share bar
#: made one report saved from two columns two fingerprints: stored twice), "相关附件：无", "第1页 共2页 首页 上一页 下一页 尾页" (a CMS splitting an article over
#: pages prints it under each part; "第2/3页"), "共38条 … 转到第 页". It sits inside the article's own box, where
#: the chrome's names (_CHROME_ATTR) do not reach, and ran on into the last section's text, holding
#: the signature and closing date in it; as a link list it was dropped only when its links were
#: 70 % of its words. One word of a bar at least (a block of figures is no bar: a cell's "1"+"2").
_BAR_PIECE = (r"打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|我要纠错|纠错|加入收藏|收藏本页|收藏|返回顶部"
              r"|分享到|分享|微信|微博|QQ空间|QQ好友|朋友圈"
              r"|返回|首页|上一页|下一页|尾页|末页|第\s*\d{1,4}\s*(?:/\s*\d{1,4}\s*)?页|共\s*\d{1,6}\s*[页条]|(?:相关)?附件\s*[:：]\s*无"
              r"|跳?转到?第?|GO|页|\d{1,4}")
_BAR_SEP = r"[\s【】\[\]|｜/·•:：]"
#: Each piece is taken once found, never split again (the lookahead and back-reference make the
#: step atomic): with backtracking, a run of page numbers ("12345678910…" of links 1–20) was cut
#: every way before a word outside the bar ("确定") failed the match, doubling the time per
#: page link (16 links 8 s, 20 several minutes).
_BAR = re.compile(rf"(?:(?=({_BAR_SEP}*(?:{_BAR_PIECE})))\1)+{_BAR_SEP}*", re.IGNORECASE)
_BAR_WORD = re.compile(r"打印|关闭|纠错|收藏|分享|返回|首页|上一页|下一页|尾页|末页|第\s*\d{1,4}\s*(?:/\s*\d{1,4}\s*)?页|共\s*\d{1,6}\s*页|附件")
_BAR_TAGS = frozenset({"div", "p", "span", "ul", "ol", "li", "dl", "dd", "dt", "section", "center",
                       "font"})
_BAR_MAX_CJK = 40
_BAR_MAX_SIZE = 400
#: What a pager says of the page it is on (分页文章: a CMS splits a long article over several
#: pages, each saved as a file of its own): "第1页 共2页", "共2页 第1页", "第1/2页". Read from a
#: bar (:data:`_BAR`) before it is dropped, so that a page lacking 四–六 (or its title) is said
#: to be one part of an article, not only a report missing them.
_PAGE_OF = re.compile(r"第\s*(\d{1,3})\s*页\s*[,，/、]?\s*共\s*(\d{1,3})\s*页"
                      r"|共\s*(\d{1,3})\s*页\s*[,，/、]?\s*第\s*(\d{1,3})\s*页"
                      r"|第\s*(\d{1,3})\s*/\s*(\d{1,3})\s*页")
#: A list's pager counts its items ("共38条 第1页 共4页"): a sidebar's list, not the article.
_LIST_PAGER = re.compile(r"共\s*\d{1,6}\s*条")
#: The pager a TRS CMS page writes by script, createPageHTML(page count, page index from 0,
#: name, extension): the page's own source (saved as "HTML only") holds no pager text.
_PAGE_SCRIPT = re.compile(r"createPageHTML\(\s*['\"]?(\d{1,3})['\"]?\s*,\s*['\"]?(\d{1,3})['\"]?\s*,")
#: Tags a pager's bar may be read from (a table-layout page's pager in a cell of its own).
_PAGER_TAGS = _BAR_TAGS | {"td"}
#: Inline tags: a bar word in one of them inside a sentence is the sentence's word ("在门户网站
#: <span>首页</span>开设专栏", a Word export's run), never a bar.
_INLINE_TAGS = frozenset({"span", "font", "b", "strong", "i", "em", "u", "a", "small", "big", "sup",
                          "sub", "label", "s", "strike", "ins", "mark", "o:p"})


def _drop_chrome(root) -> set[tuple[int, int]]:
    """Remove scripts, styles, navigation and site chrome that does not hold the report;
    return what the page's pager bars say of it (page, of pages), each read before it goes.

    Chrome is: the tags in ``_DROP_TAGS``; hidden elements (not one holding most of the
    page's text, which a script shows on load); <header>/<footer> and elements
    whose id/class names navigation, breadcrumbs, sharing, copyright …; and link lists
    (blocks whose Chinese text is ≥ 70 % inside <a>). An element holding a table is never
    chrome, nor is a named one holding 30 % of the page's Chinese text outside links.
    """
    doomed = [el for el in root.iter() if not isinstance(el.tag, str) or _tag(el) in _DROP_TAGS]
    for el in doomed:
        _remove(el)
    hidden = _hidden(root)
    if hidden:
        # a hidden element holding most of the page's text is the content a script shows
        # on load (a saved WeChat article: <div id="js_content" style="visibility: hidden">)
        # (each element's count in one pass up the tree: counting each hidden element's text
        # anew was quadratic in nested hidden elements, 5 s for 1,000 around 1 MB; removing
        # one changes no count of the elements after it, none is inside it)
        cjk: dict = {}
        for el in reversed(list(root.iter())):
            cjk[el] = _cjk_count(el.text) + sum(cjk.get(c, 0) + _cjk_count(c.tail) for c in el)
        total = cjk.get(root, 0)
        for el in hidden:
            if el.getparent() is not None and not cjk.get(el, 0) > 0.5 * total:
                _remove(el)
    stats = _Stats(root)
    counts, links = stats.cjk, stats.links
    total = counts.get(root, 0) or 1
    prose = total - links.get(root, 0) or 1  # Chinese text outside links: the report
    doomed, emptied = [], []
    block_text: dict = {}
    pages: set[tuple[int, int]] = set()
    for el in root.iter():
        tag = _tag(el)
        if tag in ("html", "body"):
            continue
        n = counts.get(el, 0)
        attrs = f"{el.get('id', '')} {el.get('class', '')}"
        chrome = n - links.get(el, 0) < 0.3 * prose and (
            tag in _CHROME_TAGS or bool(attrs.strip() and _CHROME_ATTR.search(attrs)))
        link_list = (tag in _LINK_LISTS and 4 <= n < 0.9 * total
                     and links.get(el, 0) >= 0.7 * n)
        is_bar = (tag in _PAGER_TAGS and 2 <= n <= _BAR_MAX_CJK
                  and stats.size.get(el, 0) <= _BAR_MAX_SIZE and _is_bar(text := _text(el)))
        if is_bar and (m := _PAGE_OF.search(text)) and not _LIST_PAGER.search(text):
            i, of = (int(m[1]), int(m[2])) if m[1] else (
                (int(m[4]), int(m[3])) if m[3] else (int(m[5]), int(m[6])))
            pages.add((i, of))
        bar = (is_bar and tag in _BAR_TAGS
               and (tag not in _INLINE_TAGS or _alone_in_block(el, text, block_text)))
        if (chrome or link_list or bar) and not stats.table.get(el):
            doomed.append(el)
        elif is_bar and tag == "td" and (row := el.getparent()) is not None and len(row) == 1:
            emptied.append(el)  # a layout table's pager row: emptied, the table's shape kept
    for el in doomed:
        if el.getparent() is not None:
            _remove(el)
    for el in emptied:
        el.text = None
        for child in list(el):
            el.remove(child)
    return pages


def _is_bar(text: str) -> bool:
    """Whether a block's whole text is a bar of buttons or a pager (:data:`_BAR`)."""
    return _BAR.fullmatch(text) is not None and _BAR_WORD.search(text) is not None


def _alone_in_block(el, text: str, block_text: dict) -> bool:
    """Whether an inline element's ``text`` is all the text of the block around it (the nearest
    ancestor not inline): a bar set in a <span> of its own, not a word of a sentence. Each
    block's text is read once into ``block_text`` (many bar-like spans in one long block)."""
    block = el.getparent()
    while block is not None and _tag(block) in _INLINE_TAGS:
        block = block.getparent()
    if block is None:
        return True
    if block not in block_text:
        block_text[block] = _WS.sub("", _text(block))
    return block_text[block] == _WS.sub("", text)


#: How deep pages held in an <iframe srcdoc> are opened (a srcdoc inside a srcdoc …).
_EMBED_DEPTH = 3
#: A block or line tag in a <textarea>'s text: the box holds the report's HTML source.
_MARKUP_TAG = re.compile(r"<(?:p|div|br|table|tr|td|span|h[1-6]|section|article|font|pre"
                         r"|strong|li|html|body|textarea|iframe)\b[^<>]{0,400}>", re.I)


def _open_embedded(doc, parser) -> bool:
    """Put in place the report a page holds where text extraction drops it as chrome: an
    <iframe srcdoc="…"> (a CMS's preview frame: the report's page is the attribute's HTML)
    becomes that page's body, a <textarea> (a read-only box the report was pasted into)
    becomes a <pre>. Only one holding more Chinese text than the rest of the page: a comment
    box or a frame beside a report stays chrome. True when, :data:`_EMBED_DEPTH` levels
    opened, a frame or box still holding more than the rest of the page is left."""
    from lxml import etree

    for _ in range(_EMBED_DEPTH):
        found = [el for el in doc.iter("iframe", "textarea")
                 if el.get("srcdoc") or _tag(el) == "textarea"]
        if not found:
            return False
        page = _cjk_count(_text(doc))
        opened = False
        for el in found:
            if el.getparent() is None:
                continue
            if _tag(el) == "textarea":
                own = _cjk_count(el.text)
                if 2 * own <= page:
                    continue
                markup = el.text or ""
                if not _MARKUP_TAG.search(markup):
                    pre = etree.Element("pre")
                    pre.text, pre.tail = el.text, el.tail
                    el.getparent().replace(el, pre)
                    continue
                # (an editor's box holding the report's HTML source, "<p>一、总体情况</p>…":
                # opened as a srcdoc is, not shown as tags on one line)
            else:
                markup = el.get("srcdoc") or ""
                if _cjk_count(markup) <= page:  # (a frame inside counts: its srcdoc is text)
                    continue
            try:
                inner = etree.fromstring(few_attributes(markup), parser=parser)
            except (etree.ParserError, etree.XMLSyntaxError, ValueError):
                continue
            if inner is None:
                continue
            box = etree.Element("div")
            body = inner.find("body")
            box.text = body.text if body is not None else None
            for child in list(inner if body is None else body):
                if _tag(child) != "head":
                    box.append(child)
            box.tail = el.tail
            el.getparent().replace(el, box)
            opened = True
        if not opened:
            return False
    page = _cjk_count(_text(doc))
    return any(_cjk_count(el.get("srcdoc")) > page if _tag(el) == "iframe"
               else 2 * _cjk_count(el.text) > page for el in doc.iter("iframe", "textarea"))


def _remove(el) -> None:
    """Remove ``el`` and its subtree but keep its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _main_content(body, stats: _Stats):
    """The element holding the report: descend while one child has ≥ 70 % of the Chinese text."""
    counts = stats.cjk
    node = body
    while True:
        total = counts.get(node, 0)
        if total == 0:
            return node
        best = max(node, key=lambda c: counts.get(c, 0), default=None)
        if best is None or counts.get(best, 0) < 0.7 * total:
            return node
        tag = _tag(best)
        if tag not in _CONTAINERS:
            return node  # never descend into a paragraph, heading, list or inline element
        if tag in ("table", "tbody", "thead", "tr") and not _is_layout_table(best, stats):
            return node
        if tag in ("td", "th") and not stats.blocks.get(best) and not stats.table.get(best):
            return node
        if total - counts.get(best, 0) > 1 and _HEADING.search(_text_outside(node, best)):
            return node  # report text lies beside the densest child too: keep it all
        node = best


def _text_outside(node, child) -> str:
    """The text of ``node`` that is not inside ``child`` (nor its tail)."""
    parts = [node.text or ""]
    for other in node:
        if other is not child:
            parts.append(_text(other) if isinstance(other.tag, str) else "")
        parts.append(other.tail or "")
    return "\n".join(parts)


def _own_rows(table) -> list:
    """The <tr> of ``table`` itself (directly or in thead/tbody/tfoot), not of nested tables."""
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(tr for tr in child if _tag(tr) == "tr")
    return rows


def _is_layout_table(el, stats: _Stats) -> bool:
    """A table used for page layout, not data: a cell holds long text in paragraphs, or
    paragraphs beside a nested table (a short report laid out in a table cell)."""
    table = el
    while table is not None and _tag(table) != "table":
        table = table.getparent()
    if table is None:
        return False
    rows = _own_rows(table)
    for tr in rows:
        cells = [cell for cell in tr if _tag(cell) in ("td", "th")]
        if len(cells) == 1 and stats.table.get(cells[0]):
            # a row that is one cell holding a table: a frame around a data table (a CMS's
            # bordered box), or a portal's page table whose rows are the report's paragraphs
            # (no <p>), its tables nested; a nested table beside other cells of its row is
            # a cell's own split value ("12" | "件"), flattened into that cell
            return True
    for tr in rows:
        for cell in tr:
            blocks = stats.blocks.get(cell, 0)
            if not blocks:
                continue
            cjk = stats.cjk.get(cell, 0)
            if cjk > 300 or (blocks >= 2 and cjk > 60 and stats.table.get(cell)):
                return True
    return False


#: Text coloured white or near it, or not at all: a copy mark invisible on a white page
#: (color:#fff, #ffffff, #fefefe — every channel 240 or more —, white, rgb(250,250,250),
#: rgba(255,255,255,.9), transparent, rgba(…,0); <font color=white>).
_NEAR_WHITE = (r"(?:#(?:f{3}|(?:f[0-9a-f]){3})\b|white\b|transparent\b"
               r"|rgba?\(\s*(?:2(?:4\d|5[0-5])\s*,\s*){2}2(?:4\d|5[0-5])\s*(?:,\s*[\d.]+%?\s*)?\)"
               r"|rgba\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*,\s*0?\.?0*%?\s*\))")
_WHITE = re.compile(r"(?<![\w-])color\s*:\s*" + _NEAR_WHITE, re.IGNORECASE)
_WHITE_FONT = re.compile(r"#?(?:f{3}|(?:f[0-9a-f]){3})|white|transparent", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
#: Figures a space apart that read as one figure grouped in thousands ("5 120", "1 234"): a
#: white run set apart so is set apart by "/" instead, which reads as two figures in one cell.
_THOUSANDS_SHAPE = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:\.\d+)?")


#: The page's own stylesheet (<style>; a linked one is never fetched): its rules, comments,
#: colour declarations, and a simple class selector (".w", "span.w"; the last part of
#: ".article .w").
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_COLOR = re.compile(r"(?<![\w-])color\s*:\s*([^;]+)", re.IGNORECASE)
_CSS_COMBINATOR = re.compile(r"[\s>+~]+")
_SIMPLE_CLASS = re.compile(r"(?:[a-z][a-z0-9]*)?\.(-?[_a-z][\w-]*)", re.IGNORECASE)


def _mark_class_white(doc) -> None:
    """Colour white inline (``color:#fff``) the elements of a class the page's own
    stylesheet colours white, so that a cell's white digits set by a class ("<style>.w{color:
    #fff}</style> … 20<span class="w">6</span>") are set apart as inline ones are
    (:func:`_cell_text`), not read into the figure (206). Simple class selectors only; an
    element's own inline colour wins, as in a browser."""
    css = " ".join(el.text for el in doc.iter("style") if el.text)
    if "color" not in css:
        return
    classes = set()
    for selectors, body in _CSS_RULE.findall(_CSS_COMMENT.sub(" ", css)):
        colors = _CSS_COLOR.findall(body)
        if colors and _WHITE.search("color:" + colors[-1]):
            for selector in selectors.split(","):
                last = _CSS_COMBINATOR.split(selector.strip())[-1]
                if m := _SIMPLE_CLASS.fullmatch(last):
                    classes.add(m[1])
    if not classes:
        return
    for el in doc.iter():
        names = el.get("class") if isinstance(el.tag, str) else None
        if names and not classes.isdisjoint(names.split()):
            style = el.get("style") or ""
            if not _CSS_COLOR.search(style):
                el.set("style", f"{style};color:#fff" if style.strip() else "color:#fff")


def _white(el) -> bool:
    return bool(_WHITE.search(el.get("style") or "")) or (
        _tag(el) == "font" and _WHITE_FONT.fullmatch((el.get("color") or "").strip()) is not None)


def _cell_text(cell) -> str:
    """A cell's inner text with whitespace collapsed; inner blocks and <br> become spaces.

    Digits coloured white beside the cell's other digits ("20<span style="color:#fff">6</span>",
    a copy mark that shows on a white page as nothing) are set apart by spaces: whether they
    show depends on the background, which is not rendered, so the cell reads as two figures
    and is reported, never as 206 (nor "<white>5</white>120" as 5 120, a figure grouped in
    thousands: "5/120"). A figure wholly in white (on a dark cell) is read as it is."""
    if len(cell) == 0:  # the usual leaf cell
        return _collapse(cell.text).strip() if cell.text else ""
    from lxml import etree

    parts: list[str | None] = []  # None: a white run's edge, a space when set apart
    white = 0  # depth inside white elements
    opened: list[bool] = []  # per open element: whether it is white (read once, at its start)
    digits = [False, False]  # a digit outside / inside white runs
    for event, el in etree.iterwalk(cell, events=("start", "end")):
        if el is cell:
            if event == "start" and el.text:
                parts.append(el.text)
                digits[0] = digits[0] or bool(_DIGIT.search(el.text))
            continue
        if event == "start":
            opened.append(_white(el))
            if opened[-1]:
                white += 1
                parts.append(None)
            if _tag(el) in _CELL_BLOCKS:
                parts.append(" ")
            if el.text:
                parts.append(el.text)
                digits[white > 0] = digits[white > 0] or bool(_DIGIT.search(el.text))
        else:
            if _tag(el) in _CELL_BLOCKS:
                parts.append(" ")
            if opened.pop():
                white -= 1
                parts.append(None)
            if el.tail:
                parts.append(el.tail)
                digits[white > 0] = digits[white > 0] or bool(_DIGIT.search(el.tail))
    if not all(digits):
        return _collapse("".join(p for p in parts if p is not None)).strip()
    text = _collapse("".join(" " if p is None else p for p in parts)).strip()
    return text.replace(" ", "/") if _THOUSANDS_SHAPE.fullmatch(text) else text


def _span(value: str | None, limit: int) -> int:
    if value is None:
        return 1
    try:
        n = int(str(value).strip().rstrip(";"))
    except (TypeError, ValueError):
        return 1
    return max(1, min(n, limit))


def _table_rows(table, budget: list[int] | None = None) -> list[list[str]]:
    """The table's rows as a grid, rowspan/colspan expanded (a value spanning columns
    beside other values is written once: :func:`~nlp_reports.ingest.normalize.unrepeat_values`).
    ``budget``: ``[characters]`` the page's span copies may still add (:data:`_MAX_COPIED`),
    shared by its tables; a span past it keeps the cell only.

    A well-formed table gives a rectangular grid. A row that lacks cells at its end (a lost
    ``<td>``) is NOT padded: its shortness is the only trace of the loss, and padding would
    pass it off as blank cells.
    """
    rows = _own_rows(table)
    if budget is None:
        budget = [_MAX_COPIED]
    grid: list[dict[int, str]] = [{} for _ in rows]  # row → column → text
    copies: list[list[int]] = [[] for _ in rows]  # row → columns repeating a spanned value
    value_spans: list[list[tuple[int, int]]] = [[] for _ in rows]  # row → (column, columns)
    label_spans: set[tuple[int, int]] = set()  # (column, columns) of a spanned label
    filled = width = 0
    for r, tr in enumerate(rows):
        c = 0
        line = grid[r]
        for cell in tr:
            if _tag(cell) not in ("td", "th"):
                continue
            while c in line:
                c += 1
            text = _cell_text(cell)
            rowspan = _span(cell.get("rowspan"), max(1, len(rows) - r))
            colspan = _span(cell.get("colspan"), _MAX_SPAN)
            copied = (rowspan * colspan - 1) * (len(text) + 1)
            if filled + rowspan * colspan > _MAX_GRID or copied > budget[0]:
                rowspan = colspan = 1  # absurd spans: keep the cell only
            else:
                budget[0] -= copied
            if rowspan > 1:  # a figure over several rows is no row's (MERGED_ROWS_MARK)
                text = merged_rows_value(text)
            for dr in range(rowspan):
                target = grid[r + dr]
                for dc in range(colspan):
                    target[c + dc] = text
            if colspan > 1 and is_value_cell(text):
                for dr in range(rowspan):
                    copies[r + dr].extend(range(c + 1, c + colspan))
                    value_spans[r + dr].append((c, colspan))
            elif colspan > 1:
                label_spans.add((c, colspan))
            filled += rowspan * colspan
            c += colspan
            width = max(width, c)
    for line, spare, spans in zip(grid, copies, value_spans, strict=True):
        unrepeat_values(line, spare)
        mark_merged_columns(line, spans, label_spans)  # a figure over columns: no column's
    absurd = len(rows) * width > _MAX_GRID  # do not pad millions of empty cells
    lines = [line for line in grid if line]  # a <tr> without cells is no row (editors
    # leave a trailing <tr></tr>)
    out = []
    last_text = max((i for i, line in enumerate(lines) if any(line.values())), default=-1)
    for i, line in enumerate(lines):
        if absurd:
            row = [line[c] for c in sorted(line)]
        else:  # holes inside a row stay "", but a row missing its last <td>s stays short
            row = [line.get(c, "") for c in range(max(line) + 1)]
        # an empty row is dropped, except the first one after the last row with text: a
        # row whose every cell was left blank (表四's one row, not reported) is the table's
        # data, and a blank filler row or an empty <tr> after it must not hide it
        if any(row) or (i == last_text + 1 and last_text >= 0 and len(row) > 1):
            out.append(_join_row_number(row))
    return out


#: A cell holding only a row's number: "1." "2、" "一、" "（三）" "(七)".
_ROW_NUMBER_CELL = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})[ \t]?[.、．]|[（(][ \t]?(?:\d{1,2}|[一二三四五六七八九十]{1,2})[ \t]?[)）]")
_LABEL_START = re.compile(r"[\u4e00-\u9fff“\"]")
_ROW_LABEL_MAX = 60


def _join_row_number(row: list[str]) -> list[str]:
    """A row whose number is boxed apart from its label, in a column of its own ("1." |
    "属于国家秘密" | 0 | 2 …, as a table drawn with a numbering column sets 表三's 不予公开 …
    rows): the two cells both read "1.属于国家秘密", as a label spanning two columns is
    repeated. Read apart, "1." looked like a value and the label lost its number, so the rows
    went unfound and 表三 unreadable. Only among a row's labels (no value before the number)
    and only in a row holding values after the label: a 序号 column of a table of problems
    and measures is left as it is. The row's first and last values are found once (asked
    anew at each number cell, a row of 1,000 columns of numbers and labels took seconds)."""
    first = next((k for k, t in enumerate(row) if is_value_cell(t)), len(row))
    last = next((k for k in range(len(row) - 1, -1, -1) if is_value_cell(row[k])), -1)
    for i in range(min(len(row) - 1, first + 1)):  # (no value before the number: i <= first)
        number, label = row[i], row[i + 1]
        if (_ROW_NUMBER_CELL.fullmatch(number) and _LABEL_START.match(label)
                and len(label) <= _ROW_LABEL_MAX and last >= i + 2):
            row[i] = row[i + 1] = number + label
            break
    return row


def _render(root, stats: _Stats) -> str:
    """Text of ``root``: blocks on their own lines, data tables as TAB rows between blank lines,
    an image (not an icon) as a line ``IMAGE_MARK``: a table pasted as a picture is then
    reported unreadable, not missing.

    Text is gathered raw and collapsed once, so a source line wrap between two inline
    elements (Word-exported HTML) is handled like one inside a text node.
    """
    from lxml import etree

    # \x01 = a block boundary (line break); \x00 = a line that stays blank (around tables);
    # \x02 i \x03 = table i, substituted after whitespace has been collapsed
    parts: list[str] = []
    tables: list[str] = []
    counters: dict = {}  # <ol> → items seen
    heads: dict = {}  # element → its text's first characters (_list_marker)
    budget = [_MAX_COPIED]  # (what the page's table spans may still copy: _table_rows)
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = _tag(el)
        if event == "start":
            if tag == "table" and not _is_layout_table(el, stats):
                caption = el.find("caption")
                lines = [_cell_text(caption)] if caption is not None else []
                lines += ["\t".join(row) for row in drop_blank_columns(_table_rows(el, budget))]
                if lines:
                    parts.append(f"\x01\x00\x01\x02{len(tables)}\x03\x01\x00\x01")
                    tables.append("\n".join(lines))
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS or tag == "br":
                parts.append("\x01")
            if tag == "img" and not _is_icon(el):
                alt = _heading_alt(el)
                parts.append(f"\x01{alt or IMAGE_MARK}\x01")
            if tag == "li":
                parts.append(_list_marker(el, counters, heads))
            if el.text and tag not in ("table", "tbody", "thead", "tfoot", "tr"):
                parts.append(el.text.replace("\n", "\x01") if tag == "pre" else el.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\x01")
            if el.tail and el is not root:
                parts.append(el.tail)
    out: list[str] = []
    for line in _collapse("".join(parts)).split("\x01"):
        line = line.strip()
        if line == "\x00":
            if out and out[-1]:
                out.append("")
        elif line.startswith("\x02") and line.endswith("\x03"):
            out.append(tables[int(line[1:-1])])
        elif line:
            out.append(line)
    return "\n".join(out).strip("\n")


#: An image's alt text that is a numbered section heading ("五、存在的主要问题及改进情况").
_ALT_HEADING = re.compile(r"[一二三四五六七八][、.．][\u4e00-\u9fff（）()、“”]{2,38}")


def _heading_alt(img) -> str | None:
    """The heading an image sets in type (a WeChat article's designed heading, its text only
    in alt or data-alt), read as the heading line; any other image is a picture."""
    for attr in ("alt", "data-alt", "title"):
        value = (img.get(attr) or "").strip()
        if value and _ALT_HEADING.fullmatch(value):
            return value
    return None


def _is_icon(img) -> bool:
    """An <img> drawn smaller than 60 px (a bullet, an icon), not content."""
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < 60:
            return True
    return False


#: An item that writes its own number or bullet ("1.", "一是", "(一)", "①", "▲").
_OWN_MARKER = re.compile(r"\s*(?:\d{1,2}\s*[.、．)）]|[(（]\s*[\d一二三四五六七八九十]|[一二三四五六七八九十]{1,2}\s*[、是.]"
                         r"|[①-⑳▲△●○■□◆◇★☆►▶➤•·-])")


_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.IGNORECASE)
#: list-style-type (or the type= letter) → Word's number format of the same look
_LIST_FORMATS = {
    "cjk-ideographic": "chineseCounting", "simp-chinese-informal": "chineseCounting",
    "trad-chinese-informal": "chineseCounting", "simp-chinese-formal": "chineseLegalSimplified",
    "cjk-heavenly-stem": "ideographTraditional", "decimal": "decimal",
    "decimal-leading-zero": "decimalZero", "lower-alpha": "lowerLetter",
    "lower-latin": "lowerLetter", "upper-alpha": "upperLetter", "upper-latin": "upperLetter",
    "lower-roman": "lowerRoman", "upper-roman": "upperRoman", "none": "none",
    "1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman",
}


def _list_format(li, parent) -> str | None:
    """The number format an <ol> item is drawn with (its style or type=, else the list's)."""
    for el in (li, parent):
        m = _LIST_STYLE.search(el.get("style", "") or "")
        if m and m.group(1).lower() in _LIST_FORMATS:
            return _LIST_FORMATS[m.group(1).lower()]
        kind = (el.get("type") or "").strip()
        if kind in _LIST_FORMATS:
            return _LIST_FORMATS[kind]
    return None


def _list_marker(li, counters: dict, heads: dict) -> str:
    """What a browser draws before a list item: "1." in an <ol> (from its start=) or the
    number in its list-style-type ("一、" for cjk-ideographic, "b." for lower-alpha …), "•"
    in a <ul>; nothing when the item writes its own marker. ``heads``: the render's
    :func:`_text_head` cache."""
    parent = li.getparent()
    ordered = parent is not None and _tag(parent) == "ol"
    if ordered:
        if parent not in counters:
            counters[parent] = _span(parent.get("start"), 10_000) - 1
        counters[parent] += 1
    if _OWN_MARKER.match(_text_head(li, 8, heads)):
        return ""
    if not ordered:
        return "•"
    fmt = _list_format(li, parent)
    if fmt is None or fmt == "decimal":
        return f"{counters[parent]}."
    if fmt == "none":
        return ""
    from nlp_reports.ingest.docx import _format_number

    number = _format_number(counters[parent], fmt)
    return f"{number}、" if fmt in ("chineseCounting", "chineseLegalSimplified",
                                    "ideographTraditional") else f"{number}."


def _names_report(text: str) -> bool:
    """A short text naming a 报告 (or a year's 年报: :data:`_YEAR_REPORT`) that is not one of
    the report's own section headings."""
    return (bool(_REPORT_WORD.search(text) or _YEAR_REPORT.search(text)) and len(text) < 120
            and not _SECTION_HEADING.match(text))


#: A title naming its year's 年报 ("某街道办事处2020年政府信息公开年报", older reports' usual
#: name): a title though it says no 报告. A year is required, so a column's name alone
#: ("政府信息公开年报" over a list of reports) is none. Without it such a page's <h1> was
#: no title, and the report lost its title line.
_YEAR_REPORT = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})年度?[^\n]{0,20}?年[报報]")


#: Largest subtree (characters of raw text, spaces and line breaks included, plus
#: elements) of an element read as a title candidate; a title is under 120 characters
#: once its white space is collapsed.
_TITLE_RAW_MAX = 1000


def _has_title_line(text: str, title: str) -> bool:
    """Whether a line of ``text`` holds ``title`` as a title, not quoted in a sentence ("现公布
    本区2023年政府信息公开工作年度报告。"): blanks aside, the line is the title, or holds it
    with no sentence punctuation around it (a longer title line holding a short <title>)."""
    key = _BLANK_RUN.sub("", title)
    for line in text.split("\n"):
        if title[:1] in line and key in (line := _BLANK_RUN.sub("", line)):
            if not _SENTENCE_MARK.search(line.replace(key, "", 1)):
                return True
    return False


_BLANK_RUN = re.compile(r"\s+")
_SENTENCE_MARK = re.compile(r"[。，,；;]")


def _title(doc) -> str | None:
    """The report title: a heading or ``title``-classed element naming a 报告, else <title>.

    A heading of the report's own sections is no title, though "六、其他需要报告的事项" names
    a 报告: pages that set the section headings in <h3> would give that as the title. Pages
    of the 政府网站集约化平台 name the article in ``<meta name="ArticleTitle">``, which comes
    before <title> (often the site's name only).

    A heading that is a link names another page (a list of earlier years' reports in a side
    column, "相关链接"), so it is taken only when nothing else names a report.
    """
    linked = None
    size = None
    for el in _title_candidates(doc):
        if size is None:
            size = _subtree_sizes(doc)
        text = _collapse(_text(el)).strip() if size[el] <= _TITLE_RAW_MAX else ""
        if _names_report(text):
            if not _is_link(el):
                return text
            linked = linked or text
    meta = _meta_fields(doc).get("articletitle", "")
    if _names_report(meta):
        return meta
    title = doc.find(".//title")
    if title is not None and title.text:
        for part in _TITLE_SPLIT.split(_collapse(title.text).strip()):
            if _REPORT_WORD.search(part) or _YEAR_REPORT.search(part):
                return part
    return linked


def _title_candidates(doc):
    """The elements that may hold the title, in the order they are tried: the h1–h4
    headings, then the elements whose id or class says ``title``."""
    yield from doc.iter("h1", "h2", "h3", "h4")
    for el in doc.iter():
        if isinstance(el.tag, str) and "title" in f"{el.get('id', '')} {el.get('class', '')}".lower():
            yield el


#: <meta name=…> of the 政府网站集约化平台 article template, read for the title and date
_META_NAMES = frozenset({"articletitle", "pubdate", "firstpublishedtime"})


def _meta_fields(doc) -> dict[str, str]:
    """The article's <meta name="ArticleTitle"/"PubDate"/…> contents (lower-cased names)."""
    fields: dict[str, str] = {}
    for el in doc.iter("meta"):
        name = (el.get("name") or "").strip().lower()
        if name in _META_NAMES and name not in fields:
            fields[name] = _collapse(el.get("content") or "").strip()
    return fields


_META_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _is_link(el) -> bool:
    """Whether ``el`` is (inside) an <a>, or most of its text is in <a> elements."""
    if el.tag == "a" or any(a.tag == "a" for a in el.iterancestors()):
        return True
    total = _cjk_count(_text(el))
    return total > 0 and sum(_cjk_count(_text(a)) for a in el.iter("a")) * 2 > total


# linear-time patterns (no scan restarts to the end of the page for each stray "<")
_INVISIBLE = re.compile(r"<(script|style|noscript|template)\b.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)",
                        re.IGNORECASE | re.DOTALL)
_LINE_TAGS = re.compile(r"<\s*(?:br|/?p|/?div|/?h[1-6]|/?li|/?tr|/?table|/title)\b[^<>]*>",
                        re.IGNORECASE)
_CELL_END = re.compile(r"<\s*/t[dh]\s*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]*>")


def _strip_tags(markup: str, *, keep_structure: bool = False) -> str:
    """Markup without tags (a fallback for pages lxml cannot hold); entities decoded."""
    import html as html_lib

    text = _INVISIBLE.sub(" ", markup)
    if keep_structure:
        text = _CELL_END.sub("\t", _LINE_TAGS.sub("\n", text))
        text = _ANY_TAG.sub("", text)
        lines = [_WS.sub(" ", html_lib.unescape(line)).strip() if "\t" not in line
                 else "\t".join(_collapse(c).strip() for c in
                                html_lib.unescape(line).rstrip("\t ").split("\t"))
                 for line in text.split("\n")]
        return "\n".join(line for line in lines if line)
    return html_lib.unescape(_ANY_TAG.sub(" ", text))


_PUBLISHED = re.compile(rf"{PAGE_DATE_KEY}\d{{4}}")


def _published_line(body, main, stats: _Stats) -> str | None:
    """A short "发布时间：2024-01-20 来源：…" line outside ``main`` (for the metadata)."""
    texts: dict = {}  # (each element's text read once: nested short elements share theirs)
    for el in body.iter():
        if not isinstance(el.tag, str) or el is main or not 4 <= stats.cjk.get(el, 0) <= 100:
            continue
        if stats.size[el] > _TITLE_RAW_MAX:  # (a short line, not thousands of nested elements)
            continue
        text = _collapse(_text_head(el, None, texts)).strip()
        if len(text) < 150 and _PUBLISHED.search(text):
            if any(a is main for a in el.iterancestors()):
                return None  # it is part of the rendered content already
            return text
    return None


#: a link to a document file (附件): the report published as an attachment
_DOC_LINK = re.compile(r"\.(?:pdf|docx?|wps|ofd|xlsx?|et|zip|rar|7z)(?:[?#]|$)", re.IGNORECASE)
_VIEWER = re.compile(r"\.pdf\b|pdfjs|viewer|\.ofd\b", re.IGNORECASE)
_REPORT_FILE = re.compile(r"报告|報告|年报|年報")
_TABLE_FILE = re.compile(r"附表|统计表|統計表|报表|報表")
_LINE_HEADING = re.compile(r"^[一二三四五六七八九十]{1,2}\s*[、.．]", re.MULTILINE)
#: a page whose own text (beside its title) is shorter than this, with no section heading
#: and no table, holds no report when it links the report as a file; when it only lists
#: reports, its own text must be shorter still (a short prose report has a site list too)
_STUB_CJK = 300
_LIST_CJK = 100


def _pointers(doc) -> tuple[list[str], int, list[str]]:
    """What a page points to instead of holding a report: the names of its attachment links
    that name a report (not an attached 统计表/附表) and of embedded document viewers
    (iframe/embed/object), how many links name a 报告, and the attachment links' hrefs."""
    found: list[str] = []
    hrefs: list[str] = []
    reports = 0
    for el in doc.iter("a", "iframe", "embed", "object"):
        if el.tag == "a":
            href = (el.get("href") or "").strip()
            name = _collapse(_text(el)).strip()
            if _REPORT_WORD.search(name):
                reports += 1
            label = name or href.rsplit("/", 1)[-1]
            # the report itself as a file, not a statistics table attached to a report; the
            # file named by the link's text when a download script serves it (download.jsp?id=5)
            if ((_DOC_LINK.search(href) or ("?" in href and _DOC_LINK.search(name)))
                    and _REPORT_FILE.search(label) and not _TABLE_FILE.search(label)):
                found.append(label)
                hrefs.append(href)
        else:
            src = (el.get("src") or el.get("data") or "").strip()
            if _VIEWER.search(src):
                found.append(f"<{el.tag}> {src[:120]}")
    return found, reports, hrefs


#: The most folders a link's path holds that :func:`saved_link` looks for on disk (a site's
#: "/module/download/2023/01/24/P02….pdf" has 6).
_LINK_DEPTH = 32


def saved_link(href: str, path: str | None) -> Path | None:
    """The file a page's link ``href`` names, when the crawl saved it: the link's last path
    part, URL-decoded, in the page's folder, or — a crawl mirroring the site's folders —
    at the link's path under one of the page's parent folders ("/module/download/P02….pdf"
    from www.x.gov.cn/art/2023/1/24/art_1.html is www.x.gov.cn/module/download/P02….pdf);
    a link with a query also as a crawler names the file it saved ("download.jsp?id=5",
    "download.jsp@id=5").
    A page read from a zip (``path`` = "<zip>/<member>") finds a neighbouring member the
    same way, as a crawl zipped whole keeps them. None when not found or without a path.
    Only the few candidate paths are looked at."""
    if not path:
        return None
    from urllib.parse import unquote, urlsplit

    try:
        link, query = urlsplit(href)[2:4]
    except ValueError:  # "http://[…" (an IPv6 host never closed): no path to look for
        return None
    parts = [unquote(x) for x in link.split("/") if x not in ("", ".")]
    # ("..", a hidden .ssh/.git part, a "/" or NUL decoded from %2F/%00: never a saved page's;
    # nor a path deeper than a site's, whose every folder up the way is looked at on disk for
    # a zip holding the rest: 1,000 parts took 6 s)
    if (not parts or len(parts) > _LINK_DEPTH
            or any(x.startswith(".") or os.sep in x or "\x00" in x for x in parts)):
        return None
    folder = Path(path).parent
    candidates = [folder / parts[-1]]
    if len(parts) > 1:  # (never from the file system's root: "/etc/passwd" is no crawl's)
        candidates += [up / Path(*parts) for up in (folder, *folder.parents)
                       if str(up) != up.anchor]
    if query and "/" not in query and os.sep not in query and "\x00" not in query:
        # a download script's file saved under its URL: wget's "download.jsp?id=5", or
        # "download.jsp@id=5" with Windows-safe names
        candidates = [c.with_name(f"{c.name}{mark}{query}") for c in candidates
                      for mark in ("@", "?")] + candidates
    member = not os.path.exists(path)  # (a zip's member: looked for among its neighbours)
    for c in candidates:
        if c == Path(path):  # a page linking itself names no other file to read
            continue
        try:
            if c.is_file():
                return c
            if member and not c.exists():
                from nlp_reports.corpus import archive

                if archive.exists(str(c)):
                    return c
        except OSError:  # a name too long for the file system, …: not saved
            continue
    return None


def saved_note(saved: Path, path: str | None) -> str:
    """What a refused page's message says of its linked file the crawl saved (``saved``, from
    :func:`saved_link`): the file's name when it lies in the page's folder, else its path.
    :func:`linked_file` reads the file back from the message (a batch's stored failure)."""
    where = ("in this folder" if saved.parent == Path(path or "").parent
             else f"saved with the page ({saved.as_posix()})")
    return f"the linked file {saved.name} is {where}: it is read on its own (tag or parse it)"


_SAVED_HERE = re.compile(r"the linked file (.+?) is in this folder: it is read on its own")
_SAVED_WITH = re.compile(r"the linked file .+? is saved with the page \((.+?)\): it is read "
                         r"on its own")


def linked_file(path: str, message: str) -> str | None:
    """The file a page refused as a stub (``path``, its failure ``message``) names as its
    report saved by the crawl (:func:`saved_note`); None when the message names none. A batch
    uses it to record the page as ``linked`` once that file's report is stored."""
    here = _SAVED_HERE.search(message)
    if here is not None:
        return os.path.join(os.path.dirname(path), here.group(1))
    with_page = _SAVED_WITH.search(message)
    return with_page.group(1) if with_page is not None else None


#: A page that only sends the browser on (跳转页面): <meta http-equiv="refresh" content="0;
#: url=…"> or a script setting location ("window.location.href = '…'", "location.replace(…)");
#: group 1 (refresh) or 2 (script) the address. Bounded pieces: linear on any input.
_REDIRECT = re.compile(
    r"""<meta\b[^>]{0,200}?http-equiv\s*=\s*["']?refresh["']?[^>]{0,200}?"""
    r"""content\s*=\s*["']?\s*\d{1,6}\s*[;,]\s*url\s*=\s*['"]?([^"'>\s]{1,500})"""
    r"""|\blocation(?:\.href)?\s*(?:=|\.(?:replace|assign)\s*\()\s*["']([^"'\s]{1,500})["']""",
    re.IGNORECASE)


#: Words only a report's own parts write ("第二部分", 主动公开, 依申请, 行政复议 …), never a
#: redirect page's "页面跳转中……请点击这里".
_REPORT_PART_WORDS = re.compile(r"第[一二三四五六七八九十]{1,2}部分|主动公开|依申请|行政复议|行政诉讼"
                                r"|存在的(?:主要)?问题|其他需要报告")


def _own_text(text: str, title: str | None) -> str | None:
    """The page's text without its title when it holds no table (a TAB) and no numbered
    heading (一、…): the text of a page that may be no report (:func:`_refuse_redirect`,
    :func:`_refuse_stub`); None for a page with a report's parts."""
    if "\t" in text or _LINE_HEADING.search(text):
        return None
    return text.replace(title, "", 1) if title else text


def _refuse_redirect(own: str, markup: str, path: str | None) -> None:
    """Raise NotAReportError when the page is only a redirect (跳转页面: "页面跳转中……"): its
    own text (:func:`_own_text`) too short for a report and a refresh or script sending the
    browser on. The crawl saved the stop on the way, not the report; the message names where
    it leads."""
    if _cjk_count(own) >= _LIST_CJK or _REPORT_PART_WORDS.search(own):
        return  # (a short report's parts: a "返回首页" script beside them sends nobody on)
    found = _REDIRECT.search(markup)
    if found is not None:
        target = found.group(1) or found.group(2)
        raise NotAReportError(
            f"the page holds no report text: it is a redirect page sending the browser to "
            f"{target[:200]}; save the page it leads to", path=path)


def _refuse_stub(own: str, pointers: tuple[list[str], int, list[str]], path: str | None
                 ) -> None:
    """Raise NotAReportError when the page, its own text ``own`` (:func:`_own_text`), holds
    no report but points to one: an attachment link (附件：….pdf), an embedded PDF viewer,
    or a list of reports. Such a page would otherwise parse to an empty report,
    indistinguishable from a report lacking everything. When the crawl saved the linked file
    (:func:`saved_link`), the message names it."""
    files, report_links, hrefs = pointers
    if not files and report_links < 2:
        return
    cjk = _cjk_count(own)
    if cjk >= _STUB_CJK or (not files and cjk >= _LIST_CJK):
        return
    if files:
        shown = "; ".join(files[:3]) + (f" (+{len(files) - 3} more)" if len(files) > 3 else "")
        saved = next((f for f in (saved_link(h, path) for h in hrefs) if f is not None), None)
        todo = saved_note(saved, path) if saved is not None else "download that file and parse it"
        raise NotAReportError(
            "the page holds no report text, only a link to or viewer of a file: "
            f"{shown}; {todo}", path=path)
    raise NotAReportError(
        f"the page holds no report text: it lists {report_links} links to reports; "
        "open the report's own page", path=path)


_SCRIPT_OPEN = re.compile(r"<script\b[^>]*>", re.I)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.I)
#: A JS string literal: '…', "…" or `…` (a template's ${…} read as its text); groups 1–3
#: hold the body of each kind
_JS_STRING = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"|`((?:[^`\\]|\\.)*)`", re.S)
#: document.write('…' + "…") — one way only to split the blanks and '+' between the pieces
#: (an ambiguous split backtracked exponentially on "document.write('a'  'b'  …" unclosed);
#: group 1 the pieces (the literal's own groups are not read here)
_WRITE_CALL = re.compile(
    rf"document\.write(?:ln)?\s*\(\s*((?:(?:{_JS_STRING.pattern})\s*(?:\+\s*)?)+)\)", re.S)
_JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "", "b": "", "f": "", "v": "", "0": ""}
#: Chinese characters a script's written markup must hold to be the page's content
_WRITTEN_MIN_CJK = 100
#: Scripts writing scripts that write the article, opened this deep
_WRITTEN_MAX_DEPTH = 3


def _js_unescape(literal: str) -> str:
    def one(m: re.Match) -> str:
        e = m.group(1)
        if e[0] in "ux" and len(e) > 1:
            return chr(int(e[1:], 16))
        return _JS_ESCAPES.get(e, e)
    text = _JS_ESCAPE.sub(one, literal)
    # "\ud83d\ude00" gives a surrogate pair: joined; a lone one (no character) replaced
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _written_by_script(markup: str, depth: int = 1) -> str:
    """``markup`` with each <script> that writes the article (document.write('<p>…</p>'),
    as some older CMS templates print the body) replaced by the markup it writes: scripts
    are dropped as chrome, and with them the report. Only string literals are read, and
    only when they hold a page's worth of Chinese text (a script writing a date or a
    counter stays a script). A script written by such a script is read the same way,
    up to 3 deep. One pass over the page: an unclosed <script> ends the scan."""
    out: list[str] = []
    at = 0
    while (start := _SCRIPT_OPEN.search(markup, at)) is not None:
        close = _SCRIPT_CLOSE.search(markup, start.end())
        if close is None:
            break
        code = markup[start.end():close.start()]
        written = []
        for call in _WRITE_CALL.finditer(code):
            written += [_js_unescape(a or b or c)
                        for a, b, c in _JS_STRING.findall(call.group(1))]
        html = "".join(written)
        if depth < _WRITTEN_MAX_DEPTH and "document.write" in html:
            html = _written_by_script(html, depth + 1)
        out.append(markup[at:start.start()])
        out.append(html if _cjk_count(_strip_tags(html)) >= _WRITTEN_MIN_CJK
                   else markup[start.start():close.end()])
        at = close.end()
    out.append(markup[at:])
    return "".join(out)


def _js_literals(text: str, pos: int, end: int) -> Iterator[re.Match]:
    """The string literals of the script ``text[pos:end]``, left to right, in one pass. A
    quote that opens no closed literal ends the search for that kind of quote: every later
    one fails the same way (finditer retried each of them to the script's end: a page whose
    script a crawler cut off after 15,000 escaped quotes \\' took 21 s of CPU)."""
    kinds = "'\"`"
    while kinds and (q := re.compile(f"[{kinds}]").search(text, pos, end)) is not None:
        m = _JS_STRING.match(text, q.start(), end)
        if m is None:
            kinds = kinds.replace(q.group(), "")
            pos = q.start() + 1
        else:
            yield m
            pos = m.end()


def _held_by_script(markup: str) -> str:
    """``markup`` with the article a script holds as data put in that script's place, when
    the page shows next to nothing without it (a single-page app saved as HTML only: its
    body an empty <div id="root">, the article in ``window.__INITIAL_STATE__ = {…"content":
    "<p>…</p>"…}``). The longest string literal of the page's scripts is read when it is
    markup (a <p>, <div>, <table> …) holding a page's worth of Chinese text; a page whose
    own text is there keeps its scripts as scripts (its data repeats the article): the
    caller asks only for a page of under ``_WRITTEN_MIN_CJK`` Chinese characters."""
    best: tuple[int, int, int, str] | None = None  # (cjk, start, end, html)
    at = 0
    while (start := _SCRIPT_OPEN.search(markup, at)) is not None:
        close = _SCRIPT_CLOSE.search(markup, start.end())
        if close is None:
            break
        for m in _js_literals(markup, start.end(), close.start()):
            body = m.group(1) or m.group(2) or m.group(3) or ""
            if len(body) < _WRITTEN_MIN_CJK or (best and len(body) <= best[0]):
                continue
            html = _js_unescape(body)
            n = _cjk_count(_strip_tags(html))
            if n >= _WRITTEN_MIN_CJK and _MARKUP_TAG.search(html) and (best is None or n > best[0]):
                best = (n, start.start(), close.end(), html)
        at = close.end()
    if best is None:
        return markup
    return markup[:best[1]] + best[3] + markup[best[2]:]


@dataclass(frozen=True)
class HtmlText:
    """An HTML page's report text (not yet normalized) and what its pager says of it."""

    text: str
    #: (page, of pages) when the page's pager says it is one page of an article split over
    #: several (分页文章, "第1页 共2页"; pages > 1 only); None when it says nothing, or
    #: pagers on it disagree
    article_page: tuple[int, int] | None = None


def html_to_text(markup: str, *, path: str | None = None) -> str:
    """Extract the report text of an HTML page (not yet normalized)."""
    return read_html(markup, path=path).text


def _article_page(pages: set[tuple[int, int]], markup: str) -> tuple[int, int] | None:
    """The one (page, of pages) the pagers of a page say (bars read in :func:`_drop_chrome`,
    and a TRS CMS's createPageHTML script, whose index counts from 0), when pages > 1 and
    the page lies among them; None when none says it, or two disagree."""
    pages = set(pages)
    if "createPageHTML" in markup:
        pages.update((int(m[2]) + 1, int(m[1])) for m in _PAGE_SCRIPT.finditer(markup))
    if len(pages) != 1:
        return None
    ((i, n),) = pages
    return (i, n) if 1 <= i <= n and n > 1 else None


def read_html(markup: str, *, path: str | None = None) -> HtmlText:
    """Extract the report text of an HTML page (not yet normalized), and which page of a
    paginated article it is when its pager says so."""
    from lxml import etree

    original = markup
    markup = _XML_DECL.sub("", markup, count=1)
    if "document.write" in markup:
        markup = _written_by_script(markup)
    if _NOT_XML_CHAR.search(markup):  # lxml parses them but refuses them in text it is given
        markup = _NOT_XML_CHAR.sub(" ", markup)
    if not markup.strip():
        raise EmptyInputError("the HTML page is empty", path=path)
    markup = few_attributes(markup)
    raw_cjk = _cjk_count(_strip_tags(markup))
    if raw_cjk < _WRITTEN_MIN_CJK and _SCRIPT_OPEN.search(markup):
        markup = _held_by_script(markup)
        raw_cjk = _cjk_count(_strip_tags(markup))
    # lxml's plain HTML parser (libxml2, as lxml.html uses) without lxml.html's element
    # classes, whose per-element lookup costs more than the whole extraction
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, recover=True,
                              huge_tree=True)
    try:
        doc = etree.fromstring(markup, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise EmptyInputError(f"the HTML page holds no content ({exc})", path=path) from exc
    if doc is None:
        raise EmptyInputError("the HTML page holds no content", path=path)
    if raw_cjk and _cjk_count(_text(doc)) < 0.8 * raw_cjk:
        # libxml2 drops what lies beyond its nesting limit (thousands of unclosed tags)
        log.warning("%s: the HTML is nested too deeply to parse; reading it as tagged text",
                    path or "<html>")
        return HtmlText(_strip_tags(markup, keep_structure=True).strip("\n"))
    if _open_embedded(doc, parser):
        raise NotAReportError(
            f"the page's text is in frames (<iframe srcdoc>, <textarea>) nested more than "
            f"{_EMBED_DEPTH} deep, which are not opened: save the innermost frame's page and "
            "parse that", path=path)
    # every element's Python proxy held to the end: lxml frees a proxy's node by walking up
    # to the nearest element that still has one, so each pass below (iter, find) that let
    # its proxies go one by one walked to the root for each: quadratic in nested elements
    # (1,000 nested <ul><li> spent more time freeing proxies than reading the page)
    _proxies = list(doc.iter())
    title = _title(doc)
    fields = _meta_fields(doc)
    pointers = _pointers(doc)
    _mark_class_white(doc)
    pages = _drop_chrome(doc)
    body = doc.find("body")
    if body is None:
        body = doc
    stats = _Stats(body)
    main = _main_content(body, stats)
    text = _render(main, stats)
    published = _published_line(body, main, stats)
    if published is None:  # the 集约化 template's <meta name="PubDate"> when no line says it
        date = _META_DATE.match(fields.get("pubdate") or fields.get("firstpublishedtime") or "")
        published = f"发布时间：{date.group()}" if date else None
    # the title counts as present only as a line of its own: a preamble quoting it ("现公布
    # 本区2023年政府信息公开工作年度报告") is no title line
    head = [line for line, present in ((title, _has_title_line), (published, str.__contains__))
            if line and not present(text[: len(line) + 800], line)]
    if head:  # the title and date line often sit outside the report's own element
        text = "\n".join([*head, text])
    own = _own_text(text, title)
    if own is not None:  # (before: its only words may be a <noscript>'s)
        _refuse_redirect(own, markup, path)
    if not text.strip():
        raise EmptyInputError("the HTML page holds no text", path=path)
    if own is not None:
        _refuse_stub(own, pointers, path)
    log.debug("%s: main content <%s id=%r class=%r>", path or "<html>", _tag(main),
              main.get("id"), main.get("class"))
    return HtmlText(text, _article_page(pages, original))
