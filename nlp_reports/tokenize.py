"""Word segmentation (分词) tuned to the annual-report genre, with two interchangeable engines.

:class:`Tokenizer` is a picklable callable ``text -> list[str]`` for scikit-learn's
``tokenizer=`` hook. It owns its segmenter — a private ``jieba.Tokenizer`` or an
``rjieba.Jieba`` (the Rust port, extra ``fast``) — and never touches jieba's global
instance. Both engines get the same dictionary: jieba's default one plus the genre's user
dictionary (``data/userdict.txt``, explicit frequencies) and, with the HMM off (the
default), they cut Chinese text identically, so a model trained with one runs unchanged
with the other (``tests/test_tokenize.py`` checks this on the labeled corpus).

After segmentation, tokens are normalised: full-width ASCII becomes half-width, whitespace
and punctuation are dropped, numbers become ``<num>``, and function words
(``data/stopwords.txt``) are removed unless ``stopwords=False``.

With the HMM off, the jieba engine cuts with :func:`_jieba_dag_cut` (jieba's algorithm in one
pass, same words, 2–3× faster than ``jieba.lcut``); :meth:`Tokenizer.encode_batch` segments a
batch and maps tokens straight to a model's integer ids, and :meth:`Tokenizer.encode_joined`
does the same for a batch joined by "\\0" in one segmenter call (the compiled classifier's path).
The rjieba engine loads its extension module without the package's ``__init__``, which would
build an unused default dictionary (:func:`_rjieba_class`).

jieba's prefix-dictionary cache goes to the user cache directory (``$NLP_REPORTS_CACHE``,
else ``$XDG_CACHE_HOME/nlp_reports``, else ``~/.cache/nlp_reports``), not the system temp.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

from nlp_reports.errors import MissingDependencyError, UsageError
from nlp_reports.formats import KNOWN_TITLES

log = logging.getLogger("nlp_reports")

ENGINES = ("jieba", "rjieba")
NUM_TOKEN = "<num>"
#: The code :meth:`Tokenizer.encode_batch` gives a token that normalisation drops.
DROPPED = -2
#: The code :meth:`Tokenizer.encode_joined` gives the "\0" between two texts.
SEPARATOR = -4

# Full-width ASCII (U+FF01–U+FF5E) → ASCII, ideographic space → space.
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
_PUNCT = set(
    " \t\r\n\u00a0\u3000!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    "，。、；：？！…—–·‘’“”《》〈〉【】〔〕（）「」『』￥～•●■□◆◇○①②③④⑤⑥⑦⑧⑨⑩"
)
_PUNCT_CHARS = "".join(sorted(_PUNCT))
_NUMBER = re.compile(r"[0-9][0-9.,%]*")
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
# The same without the full-width marks every report is full of (，；：？！（）) and the
# ideographic space: both engines split on them in either width and the normaliser drops
# them in either width, so a text with only these need not be translated (a slow call).
_FULL_WIDTH_THAT_MATTERS = re.compile("[\uff02-\uff07\uff0a\uff0b\uff0d-\uff19"
                                      "\uff1c-\uff1e\uff20-\uff5e]")
#: Above this many distinct tokens the normalisation memo is emptied (bounded memory).
_NORM_CACHE_MAX = 50_000
_norm_memos: dict[bool, dict[str, str]] = {}
_word_memos: dict[bool, _WordMemo] = {}


def _widen(text: str) -> str:
    """Full-width ASCII → half-width; ``str.translate`` only when there is any (it is slow)."""
    return text.translate(_WIDTH_TABLE) if _FULL_WIDTH.search(text) else text


def _widen_for_tokens(text: str) -> str:
    """:func:`_widen` where it can change a normalised token, else the text as it is."""
    return text.translate(_WIDTH_TABLE) if _FULL_WIDTH_THAT_MATTERS.search(text) else text


#: Digits followed by groups of three after an ASCII or a Chinese comma (1,234 ·
#: 12,345,678 · 2，361); :func:`_drop_commas` checks the first group is a thousands
#: number's (千分位: 1–3 digits, not starting with 0).
_THOUSANDS = re.compile(r"([0-9]+)((?:[,，][0-9]{3})+)(?![0-9])")
#: A comma between a digit and three (each width): the quick tests before :data:`_THOUSANDS`.
#: These and :data:`_DECIMAL_POINT` start with a literal, which the regex engine scans for
#: fast (a batch joined by "\0" is passed whole: ~0.2 µs a statement, against ~1.5 with a
#: digit class or a look-behind first).
_GROUP_COMMA = re.compile(r",(?<=[0-9],)(?=[0-9]{3}(?![0-9]))")
_CN_GROUP_COMMA = re.compile(r"，(?<=[0-9]，)(?=[0-9]{3}(?![0-9]))")
#: A decimal point between digits (98.5 · 2023.12.31).
_DECIMAL_POINT = re.compile(r"\.(?<=[0-9]\.)(?=[0-9])")


def _drop_commas(m: re.Match[str]) -> str:
    """A thousands-grouped number without its commas; figures in a list as they were."""
    head, groups = m.groups()
    if len(head) > 3 or head[0] == "0":
        return m.group()
    return head + groups.replace(",", "").replace("，", "")


def _join_numbers(text: str) -> str:
    """``text`` with the separators inside numbers taken out, so a number is one ``<num>``.

    Why: both engines cut a number at its comma or point (``1,234`` → 1 / , / 234), so a
    number with separators counted as two or three numbers in a text's features. The "%"
    after a number is punctuation and dropped anyway. A Chinese comma counts as a thousands
    comma too (tables write 2，361), because the compiled classifier widens it to "," before
    segmenting and every path must give the same tokens; figures it lists (1，2，3 ·
    0，264 · 12345,678) are no thousands grouping and stay apart."""
    if ("," in text and _GROUP_COMMA.search(text)) or _CN_GROUP_COMMA.search(text):
        text = _THOUSANDS.sub(_drop_commas, text)
    return _DECIMAL_POINT.sub("", text) if "." in text else text


def _normalise(tok: str, stop: frozenset[str]) -> str:
    """One segmented token normalised: "" to drop it (stopword, punctuation), ``<num>``, or itself."""
    if tok in stop:
        return ""
    first = tok[0]
    if first in _PUNCT:
        tok = tok.strip(_PUNCT_CHARS)
        if not tok:
            return ""
        first = tok[0]
    if first.isdigit() and _NUMBER.fullmatch(tok):
        return NUM_TOKEN
    return tok


class _WordMemo(dict):
    """Token → the word :meth:`Tokenizer.words_many` keeps ("" to drop it: a stopword,
    punctuation, or a blank token such as "\\u2002", which the normaliser keeps): a token
    not yet in it is normalised on lookup (``__missing__``), so one ``map`` over a text's
    tokens runs in C whether or not the text holds a new one (a number, a name: nearly
    every section 一 does)."""

    def __init__(self, stop: frozenset[str]) -> None:
        super().__init__()
        self.stop = stop

    def __missing__(self, tok: str) -> str:
        n = _normalise(tok, self.stop)
        word = self[tok] = n if n.strip() else ""
        return word


def _word_memo(with_stopwords: bool, stop: frozenset[str]) -> _WordMemo:
    """The per-process :class:`_WordMemo`, one per stopword setting (``stop``: its words)."""
    memo = _word_memos.get(with_stopwords)
    if memo is None:
        memo = _word_memos.setdefault(with_stopwords, _WordMemo(stop))
    return memo


def _norm_memo(with_stopwords: bool) -> dict[str, str]:
    """The per-process memo token → normalised token ("" = dropped), one per stopword setting.

    Segmenters emit a small vocabulary over and over, so normalising each distinct token once
    and then mapping with ``dict.__getitem__`` in C costs far less than a Python loop per token.
    """
    memo = _norm_memos.get(with_stopwords)
    if memo is None:
        memo = _norm_memos.setdefault(with_stopwords, {})
    return memo


# --- extraction noise (提取噪声): undone before a statement reaches the model ---------------

#: Characters extraction leaves that are never text: zero-width space/joiners, word joiner,
#: BOM, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: What may be extraction noise in a statement (a quick test; clean text rarely has any):
#: whitespace of any kind, an invisible character, a half-width "." after a Chinese
#: character, doubled punctuation, a leading 其一 / 一是， marker, an end that may be a page
#: number or a heading glued on (a digit, dash, 页 or 无, or a word headings end in), or a
#: traditional-only character (``_noise_hint`` adds those).
_NOISE_HINT_PATTERN = (
    rf"[\s\u200b-\u200d\u2060\ufeff\u00ad]|(?<=[{_HAN}])\.|([，。；：、！？,;:!?])\1"
    r"|(?:^|\x00)[ \t]*(?:其[一二三四五六七八九十]|[一二三四五六七八九十]{1,2}是[，,、：:])"
    r"|(?:[0-9０-９\-—–－页]|[题足施措算划路向排况项无][：:。.]?)(?=\x00|\Z)")


@lru_cache(maxsize=1)
def _noise_hint() -> re.Pattern[str]:
    """``_NOISE_HINT_PATTERN`` or any traditional-only character (ingest.normalize's list),
    compiled on first use: the import is not paid by a process that never predicts."""
    return re.compile(_NOISE_HINT_PATTERN + "|" + traditional_rx().pattern)


@lru_cache(maxsize=1)
def traditional_rx() -> re.Pattern[str]:
    """Any traditional-only character (ingest.normalize's list: forms OpenCC t2s converts)."""
    from nlp_reports.ingest.normalize import TRADITIONAL_CHARS

    return re.compile("[" + "".join(sorted(TRADITIONAL_CHARS)) + "]")


#: A whitespace run (line breaks included); kept as one space only between two ASCII
#: letters or digits (see _blank).
_BLANKS = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _han_period() -> re.Pattern[str]:
    """Half-width "."s that end a Chinese sentence (not a number's point, nor in a URL).
    Compiled on first use, as the other patterns only noisy statements need (each CJK
    range costs the regex compiler ~1 ms; most runs never need them)."""
    return re.compile(rf"(?<=[{_HAN}”’」』》）】])\.+(?![A-Za-z0-9])")

#: A leading enumeration marker ``features.strip_marker`` leaves (其一, 其一是, 一是 and the
#: punctuation after it), with the blanks around it.
_LEAD_MARKER = re.compile(
    r"^\s*(?:其[一二三四五六七八九十]{1,2}(?:是)?[，,、：:]?|[一二三四五六七八九十]{1,2}是[，,、：:])\s*")
#: A leading "四." marker: its point is no sentence end (strip_marker takes it whole).
_CN_POINT_MARKER = re.compile(r"[一二三四五六七八九十]{1,2}\.")
_REPEATED = re.compile(r"([，。；：、！？,;:!?])\1+")
_SENTENCE_END = "。；;！？!?.．"
_GAPS = r"[ \t\u3000\u00a0\r\n]"


@lru_cache(maxsize=1)
def _han_char() -> re.Pattern[str]:
    """A Chinese character: a glued heading is cut only after a sentence of at least four
    (never the number of a heading standing alone, "1.存在的主要问题")."""
    return re.compile(f"[{_HAN}]")


#: Words a sub-heading or section title ends in ("…改进措施", "…工作打算", "…需要报告的事项").
_TITLE_END = re.compile(r"(?:问题|不足|不足之处|措施|举措|打算|计划|思路|方向|安排|情况|事项)\Z")


def _page() -> str:
    from nlp_reports.ingest.normalize import PAGE_NUMBER

    return f"(?:{PAGE_NUMBER})"


# Page numbers and headings left in a text, built on ingest's PAGE_NUMBER (第 3 页, - 3 -,
# 3/5 …), each compiled on first use. A page number: on a line of its own (a bare 1–3
# digit number too), or at the end after a sentence end or a blank (a bare number too), or
# right after the text (not a bare number). A heading: after the last sentence end or a
# lead-in colon (maybe with a page number between), or after a blank when numbered — an
# optional number ((二), 二、, 2., 第二部分), a short phrase, maybe "：" and a "无" that was
# its section's body.


@lru_cache(maxsize=1)
def _inner_page_rx() -> re.Pattern[str]:
    """A page-number line inside a text."""
    return re.compile(rf"\n[ \t\u3000\u00a0]*(?:{_page()}|\d{{1,3}})[ \t\u3000\u00a0]*(?=\n)")


@lru_cache(maxsize=1)
def _tail_page_rx() -> re.Pattern[str]:
    """A page number at the end of a text."""
    page = _page()
    return re.compile(rf"(?:(?:(?<=[{_SENTENCE_END}])|{_GAPS}+)(?:{page}|\d{{1,3}})"
                      rf"|(?<=[^\d\s]){page}){_GAPS}*\Z")


@lru_cache(maxsize=1)
def _glued_heading_rx() -> re.Pattern[str]:
    """A heading glued at the end of a text."""
    page = _page()
    return re.compile(
        rf"(?:(?<=[{_SENTENCE_END}：:]){_GAPS}*(?:{page}{_GAPS}*)?"
        rf"|{_GAPS}+(?=[(（一二三四五六七八九十\d第]))"
        r"(?P<mark>[(（][ \t]{0,2}(?:[一二三四五六七八九十]{1,2}|\d{1,2})[ \t]{0,2}[)）][、.．]?"
        r"|[一二三四五六七八九十]{1,2}[、.．]|\d{1,2}[.．、]|第[一二三四五六七八九十]{1,2}部分[、:：]?)?"
        r"[ \t\u3000]*(?P<title>[^\s。，,；;！？!?：:]{2,26})[：:。]?"
        rf"(?:[ \t\u3000]*无[。.]?)?{_GAPS}*\Z")


def _is_heading(mark: str | None, title: str) -> bool:
    """Whether a short phrase after a statement's last sentence is a heading glued on: a
    known section title, or a sub-heading naming its block (headings.block_of) and ending in
    what it names — unnumbered only when it reads as nothing but a title."""
    if not _TITLE_END.search(title):
        return False
    # (the parser's sub-heading rules: tokenize stands above parse, which never imports it;
    # lazy, and parse/headings.py alone: the parser package imports the rest lazily)
    from nlp_reports.parse.headings import block_of

    if any(title.endswith(t) for t in KNOWN_TITLES):
        return True
    if block_of(title) is None:
        return False
    return bool(mark) or not re.search(r"[将要拟把对由在是已未不]", title)


#: How far from its end a page number or heading glued on may start (the regexes look there
#: only: a search for a match at the end tries every position before it).
_TAIL_REACH = 80


def _strip_tail(text: str) -> str:
    """``text`` without page numbers and headings glued at its end (any order, a few)."""
    for _ in range(4):
        before = text
        end = text.rstrip()[-2:]  # (quick tests first: what each can end in)
        m = (_tail_page_rx().search(text, max(0, len(text) - _TAIL_REACH))
             if end[-1:].isdecimal() or end[-1:] in _TAIL_CHARS else None)
        if m is not None:
            text = text[:m.start()]
            end = text.rstrip()[-2:]
        m = (_glued_heading_rx().search(text, max(0, len(text) - _TAIL_REACH))
             if end and (end[-1] in _TAIL_WORD_ENDS or end[-1] == "无"
                         or end[-1] in "：:。." and end[:1] in _TAIL_WORD_ENDS + "无") else None)
        if (m is not None and len(_han_char().findall(text, 0, m.start())) >= 4
                and (m.group("mark") or text[m.start() - 1] in _SENTENCE_END + "：:")
                and _is_heading(m.group("mark"), m.group("title"))):
            text = text[:m.start()]
        if text == before:
            break
    return text


def repair_extraction(text: str) -> str:
    """A statement with the noise of text extraction undone (提取噪声还原), for the model.

    Real statements come from scraped HTML, PDF text and .docx; the model learned from
    clean text. Undone here: zero-width characters, BOMs and soft hyphens (dropped);
    traditional characters (繁→简 with OpenCC, when the statement holds one of the
    traditional-only forms ``ingest.normalize`` knows: a statement is too short for the
    share test of ``detect_traditional``); page numbers on a line inside or left at the end
    ("- 3 -", "第 3 页", a bare number); a section title or sub-heading glued after the last
    sentence ("…。（二）下一步工作打算"); line breaks and blanks of any kind (a PDF's wrapped
    lines, letter-spaced text "加 强 队 伍", NBSP, ideographic spaces), kept as one space
    only between two ASCII letters or digits; half-width "." ending a Chinese sentence
    (→ "。"); doubled punctuation ("。。"); a leading 其一， / 一是， marker the model's own
    ``strip_marker`` leaves. Full width needs nothing here: the features map it themselves.

    Text without any of these comes back as it is (``tests/test_tokenize_noise_repair.py`` checks the
    shipped model's predictions are unchanged on the held-out and labeled statements).
    """
    if not _noise_hint().search(text):
        return text
    return _repair(text)


def _repair(text: str) -> str:
    """:func:`repair_extraction` of a text that may hold noise (no quick test first)."""
    original = text
    if not text.isascii():
        if not text.isprintable():  # (invisible characters are not; nor are blanks but " ")
            text = text.translate(_INVISIBLE)
        if traditional_rx().search(text):
            from nlp_reports.ingest.normalize import to_simplified

            text = to_simplified(text)
    if "\n" in text:
        text = _inner_page_rx().sub("", text)
    text = _strip_tail(text)  # while the blanks still set page numbers apart
    joined = " " in text or not text.isprintable()
    if joined:
        text = _BLANKS.sub(_blank, text).strip()
    m = _LEAD_MARKER.match(text)
    if m is not None and m.end() < len(text):
        text = text[m.end():]
    if "." in text:
        m = _CN_POINT_MARKER.match(text)
        head = m.end() if m else 0
        text = text[:head] + _han_period().sub("。", text[head:])
        joined = True
    once = _REPEATED.sub(r"\1", text)
    if joined or once != text:  # letter-spaced headings now joined, "。。" now one
        text = _strip_tail(once)
    return text if text else original


def _blank(m: re.Match[str]) -> str:
    """A whitespace run: one space between two ASCII letters/digits, else nothing."""
    s, e = m.span()
    text = m.string
    if 0 < s and e < len(text) and text[s - 1].isascii() and text[s - 1].isalnum() \
            and text[e].isascii() and text[e].isalnum():
        return " "
    return ""


def repair_extractions(texts: list[str]) -> list[str]:
    """:func:`repair_extraction` of each text; the list itself when none holds any hint of
    noise. The texts that may hold some are found for the whole batch at once
    (:func:`_maybe_noisy`): only those go through the regexes."""
    found = _maybe_noisy(texts)
    if not found:
        return texts
    out = list(texts)
    for i in found:
        out[i] = _repair(out[i])
    return out


_LEAD_CHARS = "其一二三四五六七八九十"
_TAIL_CHARS = "-—–－页无"
_TAIL_WORD_ENDS = "题足施措算划路向排况项"
_PUNCT_TWICE = "，。；：、！？,;:!?"


@lru_cache(maxsize=1)
def _hint_tables() -> tuple[Any, ...]:
    """Per code point (the BMP, and one more entry for anything above): does it hint at noise
    by itself (whitespace, an invisible or traditional-only character), is it a mark that
    must not repeat, a Chinese character, a possible last character (a digit, a dash, 页, 无
    / a word headings end in), one of the marks after such a word, a possible first one."""
    import numpy as np

    from nlp_reports.ingest.normalize import TRADITIONAL_CHARS

    def table(chars: Iterable[str]) -> Any:
        t = np.zeros(0x10001, dtype=bool)
        t[[ord(c) for c in chars]] = True
        return t

    blanks = [c for c in map(chr, range(0x3001)) if c.isspace()]  # (U+3000 is the last)
    single = table(blanks + list("\u200b\u200c\u200d\u2060\ufeff\u00ad") + list(TRADITIONAL_CHARS))
    han = np.zeros(0x10001, dtype=bool)
    for lo, hi in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)):
        han[lo:hi] = True
    tail = table("0123456789０１２３４５６７８９" + _TAIL_CHARS)
    return (single, table(_PUNCT_TWICE), han, tail, table(_TAIL_WORD_ENDS + "无"),
            table("：:。."), table(_LEAD_CHARS))


def _maybe_noisy(texts: Sequence[str]) -> list[int]:
    """Indices of the texts :data:`_NOISE_HINT_PATTERN` (or a traditional character) matches
    — maybe more, never fewer — found with table lookups over the batch's code points.

    Why: the regex scans ~6 µs a statement, a tenth of what the model costs; the lookups
    cost a fraction of a µs, and only the few texts found get the regexes
    (``tests/test_tokenize_noise_repair.py`` checks both paths agree on the labeled corpus).
    """
    import numpy as np

    if not texts:
        return []
    single, punct, han, tail, word_end, after_word, lead = _hint_tables()
    joined = "\0".join(texts) + "\0\0\0"  # (room to look two characters past the end)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    codes = np.minimum(codes, 0x10000).astype(np.intp)
    flag = single[codes]
    flag[1:] |= (codes[1:] == codes[:-1]) & punct[codes[1:]]
    flag[1:] |= (codes[1:] == 0x2E) & han[codes[:-1]]
    sep = np.flatnonzero(codes == 0)[:len(texts)]  # each text's end
    starts = np.concatenate(([0], sep[:-1] + 1))  # (np.r_ costs ~10 µs a call)
    doc = np.searchsorted(sep, np.flatnonzero(flag))  # texts with a flagged character
    last = codes[sep - 1]  # ("\0" for an empty text, the one before it: flags nothing)
    before = codes[np.maximum(sep - 2, 0)]
    empty = sep == starts
    ends = (tail[last] | word_end[last] | (after_word[last] & word_end[before])) & ~empty
    first = codes[starts]
    leads = lead[first] & ((first == ord("其")) | (codes[starts + 1] == ord("是"))
                           | (codes[starts + 2] == ord("是")))
    found = np.zeros(len(texts), dtype=bool)
    found[doc[doc < len(texts)]] = True
    found |= ends | leads
    return np.flatnonzero(found).tolist()


def cache_dir() -> Path:
    """The directory for jieba's dictionary cache and the model's data copy (created on
    demand; :func:`nlp_reports._regex_cache.cache_base`); RuntimeError with no home
    directory and neither ``NLP_REPORTS_CACHE`` nor ``XDG_CACHE_HOME`` set."""
    from nlp_reports._regex_cache import cache_base

    base = cache_base()
    if base is None:
        raise RuntimeError("Could not determine home directory (set NLP_REPORTS_CACHE).")
    return Path(base)


def available_engines() -> tuple[str, ...]:
    """The engines installed here, fastest first (found without importing them: jieba's
    import alone costs about half a second)."""
    from importlib.util import find_spec

    return tuple(name for name in ("rjieba", "jieba") if find_spec(name) is not None)


def default_engine() -> str:
    """The fastest engine that imports: rjieba when the ``fast`` extra is there, else jieba.

    Only the chosen engine is imported (it is about to be used anyway); an installed engine
    that fails to import (a broken wheel) is skipped with a warning.
    """
    for name in available_engines():
        try:
            if name == "rjieba":
                _rjieba_class()
            else:
                __import__(name)
        except ImportError as exc:
            log.warning("the %s tokenizer engine is installed but does not import (%s); "
                        "falling back to the next engine", name, exc)
            continue
        return name
    raise MissingDependencyError("jieba", None, "Word segmentation")


_rjieba_lock = threading.Lock()


def _rjieba_class() -> Any:
    """rjieba's ``Jieba`` class, preferably without running ``rjieba/__init__.py``.

    Why: that ``__init__`` builds a module-level default ``Jieba`` (its whole dictionary,
    ≈ 0.12 s of every start-up) which we never use — each Tokenizer builds its own. The
    compiled extension ``rjieba.rjieba`` alone loads in ~2 ms; it is registered in
    ``sys.modules`` under its own name, so a later ``import rjieba`` reuses it. Anything
    unexpected falls back to the plain import (which raises ImportError when broken).
    """
    with _rjieba_lock:
        pkg = sys.modules.get("rjieba")
        if pkg is not None:
            return pkg.Jieba
        ext = sys.modules.get("rjieba.rjieba")
        if ext is None:
            ext = _load_rjieba_extension()
        if ext is not None and hasattr(ext, "Jieba"):
            return ext.Jieba
        import rjieba

        return rjieba.Jieba


def _load_rjieba_extension() -> Any:
    """The ``rjieba.rjieba`` extension module loaded by itself, or None."""
    from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader
    from importlib.util import find_spec, module_from_spec, spec_from_loader

    try:
        spec = find_spec("rjieba")
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for suffix in EXTENSION_SUFFIXES:
                path = os.path.join(folder, "rjieba" + suffix)
                if os.path.isfile(path):
                    loader = ExtensionFileLoader("rjieba.rjieba", path)
                    module = module_from_spec(spec_from_loader("rjieba.rjieba", loader))
                    loader.exec_module(module)
                    sys.modules["rjieba.rjieba"] = module
                    return module
    except (ImportError, OSError, ValueError) as exc:
        log.debug("loading rjieba's extension directly failed (%s); importing the package", exc)
    return None


@lru_cache(maxsize=1)
def _user_words() -> tuple[tuple[str, int], ...]:
    text = resources.files("nlp_reports").joinpath("data/userdict.txt").read_text("utf-8")
    words = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _, freq = line.partition(" ")
        words.append((word, int(freq)))
    return tuple(words)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stopword list (``data/stopwords.txt``)."""
    text = resources.files("nlp_reports").joinpath("data/stopwords.txt").read_text("utf-8")
    return frozenset(
        w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")
    )


def userdict_hash() -> str:
    """SHA-256 of the user dictionary, recorded in model cards."""
    import hashlib

    data = resources.files("nlp_reports").joinpath("data/userdict.txt").read_bytes()
    return hashlib.sha256(data).hexdigest()


_build_lock = threading.Lock()
_segmenters: dict[tuple[str, bool, bool], Any] = {}


def _segmenter(engine: str, hmm: bool, userdict: bool):
    """A cut function ``text -> list[str]`` for the engine, built once per process."""
    key = (engine, hmm, userdict)
    cut = _segmenters.get(key)
    if cut is not None:
        return cut
    with _build_lock:
        cut = _segmenters.get(key)
        if cut is None:
            cut = _build(engine, hmm, userdict)
            _segmenters[key] = cut
    return cut


def _build(engine: str, hmm: bool, userdict: bool):
    words = _user_words() if userdict else ()
    if engine == "jieba":
        try:
            import jieba
        except ImportError:  # pragma: no cover - jieba is a core dependency
            raise MissingDependencyError("jieba", None, "Word segmentation") from None
        jlog = logging.getLogger("jieba")
        old_level = jlog.level
        jlog.setLevel(logging.WARNING)  # jieba logs "Building prefix dict…" at DEBUG to stderr
        try:
            tk = jieba.Tokenizer()
            try:  # (RuntimeError: no home directory to hold it)
                directory = cache_dir()
                directory.mkdir(parents=True, exist_ok=True)
                tk.tmp_dir = str(directory)
            except (OSError, RuntimeError):
                log.debug("no writable cache directory; jieba uses the temp dir", exc_info=True)
            tk.initialize()
            for word, freq in words:
                tk.add_word(word, freq)
        finally:
            jlog.setLevel(old_level)

        if not hmm:
            return _jieba_dag_cut(tk)

        def cut(text: str) -> list[str]:
            return tk.lcut(text, HMM=hmm)

        return cut
    if engine == "rjieba":
        try:
            jieba_class = _rjieba_class()
        except ImportError:
            raise MissingDependencyError("rjieba", "fast", "The rjieba tokenizer engine") from None
        seg = jieba_class()
        for word, freq in words:
            seg.add_word(word, freq, None)

        return partial(seg.cut, hmm=hmm)  # called from C: no Python frame per text
    raise UsageError(_unknown_engine(engine))


#: Above this many fragments the jieba fast path's dictionary memo is emptied.
_DAG_MEMO_MAX = 200_000
# jieba's re_eng ([a-zA-Z0-9]) as a set
_ENG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _jieba_dag_cut(tk: Any) -> Callable[[str], list[str]]:
    """``tk.lcut(text, HMM=False)`` for an initialised ``jieba.Tokenizer``, same words, faster.

    jieba builds a dict of candidate word ends per position (get_DAG), then scores the
    positions right to left with a generator of tuples and ``log`` per candidate (calc), then
    yields words through nested generators. Here one right-to-left pass walks the prefix
    dictionary and scores at once, with each word's ``log(freq) - log(total)`` memoised:
    the same floats compared in the same way (ties go to the longer word, as ``max`` over
    ``(score, end)`` tuples does), about twice as fast. ``tk`` must not change afterwards.
    """
    import math

    import jieba

    freq_get = tk.FREQ.get
    logtotal = math.log(tk.total)
    single = 0.0 - logtotal  # a character outside the dictionary: log(1) - log(total)
    absent, prefix = object(), object()
    # fragment → log(freq) - log(total) of a word, ``prefix`` (a mere prefix of words) or
    # ``absent``: one lookup a fragment instead of two; emptied when large (text fragments)
    memo: dict[str, Any] = {}
    memo_get = memo.get
    log = math.log
    eng = _ENG_CHARS
    han_split = jieba.re_han_default.split  # its blocks: han runs (the split's group) …
    skip_split = jieba.re_skip_default.split  # … and the rest: whitespace, or char by char

    def cut_block(sentence: str, out: list[str]) -> None:
        n = len(sentence)
        score = [0.0] * (n + 1)
        end = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            best = None
            i = k
            frag = sentence[k]
            while True:
                lp = memo_get(frag)
                if lp is None:
                    f = freq_get(frag)
                    lp = memo[frag] = absent if f is None else (log(f) - logtotal if f
                                                                else prefix)
                if lp is absent:
                    break
                if lp is not prefix:
                    v = lp + score[i + 1]
                    if best is None or v >= best:  # equal: the later (longer) word wins
                        best = v
                        e = i
                i += 1
                if i >= n:
                    break
                frag = sentence[k:i + 1]
            if best is None:
                best = single + score[k + 1]
                e = k
            score[k] = best
            end[k] = e
        x = 0
        buf = ""
        while x < n:
            y = end[x] + 1
            word = sentence[x:y]
            if y - x == 1 and word in eng:  # runs of single ASCII letters/digits are joined
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)

    def cut(text: str) -> list[str]:
        if len(memo) > _DAG_MEMO_MAX:
            memo.clear()
        out: list[str] = []
        for j, block in enumerate(han_split(text)):
            if j % 2:  # odd: the han blocks (the split's group)
                cut_block(block, out)
            elif len(block) == 1:
                out.append(block)
            elif block:
                for m, part in enumerate(skip_split(block)):
                    if m % 2:  # whitespace (or \r\n): one token
                        out.append(part)
                    else:
                        out.extend(part)  # anything else: character by character
        return out

    return cut


def _unknown_engine(engine: object) -> str:
    """The message for an engine that is not one of :data:`ENGINES`."""
    return (f"unknown tokenizer engine {engine!r}: the engines are "
            f"{' and '.join(map(repr, ENGINES))} (installed here: "
            f"{', '.join(available_engines()) or 'none'}), or None for the fastest installed")


class Tokenizer:
    """Segment a text into normalised words; a picklable scikit-learn ``tokenizer``.

    Parameters
    ----------
    engine : {"jieba", "rjieba"} or None, default=None
        The segmenter. None picks the fastest installed (rjieba with the ``fast`` extra).
    hmm : bool, default=False
        jieba's HMM for unknown words. Off by default: the two engines then agree exactly.
    stopwords : bool, default=True
        Drop function words (``data/stopwords.txt``).
    userdict : bool, default=True
        Load the genre dictionary (``data/userdict.txt``).

    As scikit-learn does, ``__init__`` only stores the parameters; an unknown ``engine``
    raises :class:`~nlp_reports.errors.UsageError` (a ValueError) naming the engines at the
    first call.

    In your own vectorizer pass ``lowercase=False`` and ``token_pattern=None``:
    ``TfidfVectorizer(tokenizer=Tokenizer(), lowercase=False, token_pattern=None)``. The
    default ``lowercase=True`` lowercases before the tokenizer sees the text, so the
    dictionary's Latin-letter terms (AB岗, AB角, A角, B角: the AB-post staffing system)
    split into ``ab`` + ``岗``; ``token_pattern=None`` silences scikit-learn's warning that
    the pattern is unused beside a tokenizer.

    Examples
    --------
    >>> tok = Tokenizer(engine="jieba")
    >>> tok("依申请公开工作人员身兼数职")
    ['依申请公开', '工作人员', '身兼数职']
    >>> tok("明确AB岗"), tok("明确ab岗")
    (['明确', 'AB岗'], ['明确', 'ab', '岗'])
    """

    def __init__(self, engine: str | None = None, *, hmm: bool = False,
                 stopwords: bool = True, userdict: bool = True) -> None:
        self.engine = engine
        self.hmm = hmm
        self.stopwords = stopwords
        self.userdict = userdict

    @property
    def engine_(self) -> str:
        """The engine actually used (``engine`` resolved)."""
        return self.engine or default_engine()

    def _cut(self):
        cut = self.__dict__.get("_cut_fn")
        if cut is None:
            engine = self.engine_
            if engine not in ENGINES:
                raise UsageError(_unknown_engine(engine))
            cut = _segmenter(engine, self.hmm, self.userdict)
            self.__dict__["_cut_fn"] = cut
            self.__dict__["_stop"] = stopwords() if self.stopwords else frozenset()
            self.__dict__["_norm"] = _norm_memo(self.stopwords)
        return cut

    def __call__(self, text: str) -> list[str]:
        d = self.__dict__
        cut = d.get("_cut_fn") or self._cut()
        norm = d["_norm"]
        tokens = cut(_join_numbers(_widen_for_tokens(text)))
        try:  # every token seen before: the whole filter runs in C
            return list(filter(None, map(norm.__getitem__, tokens)))
        except KeyError:
            pass
        if len(norm) > _NORM_CACHE_MAX:  # numbers and rare words: keep the memo bounded
            norm.clear()
        stop = d["_stop"]
        for tok in set(tokens).difference(norm):  # only the new ones, found in C
            norm[tok] = _normalise(tok, stop)
        try:
            return list(filter(None, map(norm.__getitem__, tokens)))
        except KeyError:  # another thread emptied the memo meanwhile
            return [n for n in (_normalise(tok, stop) for tok in tokens) if n]

    def words_many(self, texts: Sequence[str]) -> list[list[str]]:
        """``[list(filter(str.strip, self(text))) for text in texts]`` (the tokens less blank
        ones, as the batch stores them for vocabulary), segmented in one call to the engine.

        Why: a batch's vocabulary words segment ~30 new sentences a report; one engine call
        and one Python call per sentence, and the blank test per token, cost a fifth of their
        time. Here each distinct token is normalised and tested once (a per-process memo), the
        texts are joined by "\\0", which both engines emit as a token of its own (as
        :meth:`encode_joined` relies on), and cut apart after; should a text hold a "\\0", or
        the separators not come back one per gap, each text is segmented alone.
        """
        d = self.__dict__
        cut = d.get("_cut_fn") or self._cut()
        if not texts:
            return []
        joined = "\0".join(texts)
        if _FULL_WIDTH_THAT_MATTERS.search(joined):  # (one scan, not one a text)
            joined = "\0".join(map(_widen_for_tokens, texts))
        joined = _join_numbers(joined)
        gaps = len(texts) - 1
        if joined.count("\0") != gaps:  # a text holds a "\0"
            return [list(filter(str.strip, self(t))) for t in texts]
        tokens = cut(joined)
        memo = _word_memo(self.stopwords, d["_stop"])
        if len(memo) > _NORM_CACHE_MAX:  # numbers and rare words: keep the memo bounded
            memo.clear()
        kept = list(filter(None, map(memo.__getitem__, tokens)))  # ("\0" stays itself)
        if kept.count("\0") != gaps:
            return [list(filter(str.strip, self(t))) for t in texts]
        out: list[list[str]] = []
        start = 0
        find = kept.index
        for _ in range(gaps):
            end = find("\0", start)
            out.append(kept[start:end])
            start = end + 1
        out.append(kept[start:])
        return out

    def encode_batch(self, texts: Iterable[str], encode: Callable[[str], int],
                     memo: dict[str, int]) -> tuple[list[int], list[int]]:
        """(codes of all texts' segmented tokens, one after the other; tokens per text).

        A token's code is ``encode(normalised token)``, or :data:`DROPPED` (-2) for a token
        ``self(text)`` would drop: ``[encode(t) for t in self(text)]`` is the text's codes
        with the DROPPED ones left out. Why: a model maps tokens to integer ids anyway, so
        segment → normalise → id is one dict lookup per token (``memo``: raw token → code,
        owned by the caller, one per ``encode``), done in C for the whole batch.
        """
        cut = self._cut()
        matters = _FULL_WIDTH_THAT_MATTERS.search  # _widen_for_tokens, inlined
        tokens: list[str] = []
        lengths: list[int] = []
        for text in texts:
            raw = cut(_join_numbers(text.translate(_WIDTH_TABLE) if matters(text) else text))
            tokens += raw
            lengths.append(len(raw))
        return self._codes(tokens, encode, memo), lengths

    def encode_joined(self, joined: str, encode: Callable[[str], int],
                      memo: dict[str, int]) -> list[int]:
        """:meth:`encode_batch` of texts already joined by "\\0" (none containing one) and
        widened (no full-width ASCII left), in one segmenter call: the codes of all tokens,
        each "\\0" coded :data:`SEPARATOR`.

        Why: both engines split on any character outside a han block and emit it as a token
        of its own, so segmenting the joined batch gives each text's tokens with a "\\0"
        between them (``tests/test_tokenize_fast.py``), and one call replaces a Python loop.
        """
        memo["\0"] = SEPARATOR
        return self._codes(self._cut()(_join_numbers(joined)), encode, memo, joined=True)

    def _codes(self, tokens: list[str], encode: Callable[[str], int], memo: dict[str, int],
               *, joined: bool = False) -> list[int]:
        """The codes of segmented tokens through ``memo`` (see :meth:`encode_batch`); with
        ``joined``, "\\0" codes :data:`SEPARATOR`."""
        try:  # every token seen before: the whole batch maps in C
            return list(map(memo.__getitem__, tokens))
        except KeyError:
            pass
        if len(memo) > _NORM_CACHE_MAX:  # numbers and rare words: keep the memo bounded
            memo.clear()
        stop = self.__dict__["_stop"]
        for tok in set(tokens).difference(memo):
            n = _normalise(tok, stop)
            memo[tok] = encode(n) if n else DROPPED
        if joined:
            memo["\0"] = SEPARATOR
        try:
            return list(map(memo.__getitem__, tokens))
        except KeyError:  # another thread emptied the memo meanwhile
            codes = []
            for tok in tokens:
                n = _normalise(tok, stop)
                codes.append(SEPARATOR if joined and tok == "\0" else encode(n) if n
                             else DROPPED)
            return codes

    def _call_unmemoised(self, text: str) -> list[str]:
        """``self(text)`` token by token without the memo: the specification, for tests."""
        cut = self._cut()
        stop = self.__dict__["_stop"]
        return [n for n in (_normalise(tok, stop) for tok in cut(_join_numbers(_widen(text)))) if n]

    def cut(self, text: str) -> list[str]:
        """The raw segmentation (no normalisation or stopwords), for inspection: of the text
        as the tokenizer segments it (half-width, a number's separators out)."""
        return self._cut()(_join_numbers(_widen(text)))

    def __getstate__(self) -> dict[str, Any]:
        # The segmenter holds a lock (jieba) or a Rust object (rjieba): neither pickles.
        # Keep the parameters only; the segmenter is rebuilt lazily after unpickling.
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __repr__(self) -> str:
        return (f"Tokenizer(engine={self.engine!r}, hmm={self.hmm}, "
                f"stopwords={self.stopwords}, userdict={self.userdict})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tokenizer) and self.__getstate__() == other.__getstate__()

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.__getstate__().items())))

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """scikit-learn style parameters, so a Tokenizer clones with its vectorizer."""
        return {"engine": self.engine, "hmm": self.hmm, "stopwords": self.stopwords,
                "userdict": self.userdict}
