"""Bytes → str for plain-text and HTML reports (编码识别), never mojibake.

Order: byte-order marks; a declared charset (HTML ``<meta>``); strict UTF-8; strict GB18030
(a superset of GBK/GB2312); Big5 when GB18030 gives text made of rare characters; UTF-8
with a few bad bytes; charset-normalizer last. Every candidate is checked: many U+FFFD,
control characters, or non-ASCII text without any CJK character means the decode is wrong.
"""

from __future__ import annotations

import codecs
import logging
import re
from functools import lru_cache

from nlp_reports.errors import BinaryInputError, DecodingError, EmptyInputError
from nlp_reports.ingest.normalize import COMMON_CHARS, _wide_only

log = logging.getLogger("nlp_reports")

__all__ = ["decode_bytes", "decode_text_file", "normalize_encoding_name"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# names seen in <meta charset> and HTTP headers → the codec we decode with
_ALIASES = {
    "gbk": "gb18030", "gb2312": "gb18030", "gb_2312": "gb18030", "gb_2312-80": "gb18030",
    "x-gbk": "gb18030", "cp936": "gb18030", "ms936": "gb18030", "euc-cn": "gb18030",
    "csgb2312": "gb18030", "chinese": "gb18030", "gb18030": "gb18030", "hz-gb-2312": "gb18030",
    "utf8": "utf-8", "utf-8": "utf-8", "unicode": "utf-8",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-x-big5": "big5hkscs", "cp950": "big5hkscs",
    "utf-16": "utf-16", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be",
}

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _cjk_run() -> re.Pattern[str]:
    """A run of CJK characters (compiled on first use: only an undecided encoding needs it,
    and each CJK range costs the regex compiler ~1 ms)."""
    return re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


_MIN_COMMON_SHARE = 0.35  # real Chinese prose: 0.6–0.9 of CJK chars are in COMMON_CHARS


def normalize_encoding_name(name: str) -> str | None:
    """Map a declared charset (``gb2312``, ``GBK``, ``utf8`` …) to a Python codec, or None."""
    key = name.strip().strip("\"'").lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def _defects(text: str, utf8: bytes | None = None) -> str | None:
    """Why ``text`` looks like a wrong decode, or None when it looks like real text.

    ``utf8``: the bytes ``text`` was strictly decoded from as UTF-8, where every control
    character is its own byte, so they are counted on the bytes (far faster).
    """
    n = len(text)
    if not n:
        return None
    bad = text.count("\ufffd")
    if bad > 8 or bad > n * 0.001:
        return f"{bad} undecodable characters"
    if utf8 is not None:
        controls = len(utf8) - len(utf8.translate(None, _CONTROL_BYTES))
    else:
        controls = len(_CONTROL.findall(text))
    if controls > 4 and controls > n * 0.002:
        return f"{controls} control characters"
    if n > 1000 and not text.isascii() and not _CJK.search(text):
        return "non-ASCII text without a single Chinese character"
    return None


def _common_share(text: str, sample: int = 1500, min_cjk: int = 20) -> float | None:
    """Share of CJK characters that are frequent ones; None when there are fewer than
    ``min_cjk`` to tell."""
    head = text[:sample]
    cjk = sum(map(len, _cjk_run().findall(head)))  # runs, not characters: far fewer matches
    if cjk < max(1, min_cjk):
        return None
    return sum(map(COMMON_CHARS.__contains__, head)) / cjk


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _check_empty(text: str, path: str | None) -> None:
    if not text.strip():
        raise EmptyInputError("the file is empty or holds only whitespace", path=path)


def _plausible(text: str) -> bool:
    if _defects(text):
        return False
    share = _common_share(text)
    return share is None or share >= _MIN_COMMON_SHARE


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a BOM: NULs in ASCII chars; the right byte order reads as Chinese."""
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        text = _strict(data, codec)
        if text is None or _defects(text):
            continue
        share = _common_share(text)
        if share is None:
            share = 1.0 if text.isascii() or _CJK.search(text) else 0.0
        if share >= _MIN_COMMON_SHARE and (best is None or share > best[0]):
            best = (share, text, codec)
    return (best[1], best[2]) if best else None


def decode_bytes(data: bytes, *, path: str | None = None,
                 declared: str | None = None) -> tuple[str, str]:
    """Decode report bytes; return ``(text, encoding)``.

    ``declared`` is a charset named by the document itself (HTML ``<meta charset>``); it
    is tried first but not trusted blindly. Raises :class:`EmptyInputError`,
    :class:`BinaryInputError` (NUL bytes, binary noise) or :class:`DecodingError`.
    """
    return _decode(data, path, declared, _UNTRIED)


_UNTRIED = object()


def _decode(data: bytes, path: str | None, declared: str | None,
            utf8: object) -> tuple[str, str]:
    """decode_bytes; ``utf8`` is ``data`` strictly decoded as UTF-8 already (None: it is not
    UTF-8), or _UNTRIED."""
    if not data or data.isspace():  # (= not data.strip(), without copying the bytes)
        raise EmptyInputError("the file is empty or holds only whitespace", path=path)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is None:
                raise DecodingError(
                    f"the file starts with a {codec.upper()} byte-order mark but is not valid "
                    f"{codec.upper()}; re-save it as UTF-8", path=path)
            text = text.lstrip("\ufeff")
            _check_empty(text, path)
            return text, codec
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found:
            _check_empty(found[0], path)
            return found
        raise BinaryInputError(
            "the file holds NUL bytes: it is binary data, not text (nor a .docx/.pdf we read)",
            path=path)

    if declared:
        codec = normalize_encoding_name(declared)
        if codec:
            text = _strict(data, codec)
            if text is not None and _plausible(text):
                return text, codec
            log.info("%s: declared charset %r does not fit the bytes; detecting",
                     path or "<bytes>", declared)

    text = _strict(data, "utf-8") if utf8 is _UNTRIED else utf8  # type: ignore[assignment]
    if text is not None:
        if _defects(text, data):
            repaired = _undo_double_decode(text)
            if repaired is not None:
                log.warning("%s: the text was %s decoded as Latin-1/Windows-1252 and saved "
                            "again as UTF-8 (乱码 like 'æ”¿åºœ'); decoded back",
                            path or "<bytes>", repaired[1].upper())
                return repaired[0], f"{repaired[1]}-double"
            raise BinaryInputError(
                f"the bytes look like binary data ({_defects(text)}), not a text report",
                path=path)
        return text, "utf-8"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:  # cut in the middle of the last character?
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            text = _strict(data[: exc.start], "utf-8")
            if text is not None and not _defects(text):
                log.info("%s: dropped an incomplete UTF-8 character at the end", path or "<bytes>")
                return text, "utf-8"

    found = _chinese_decode(data, path)
    if found is not None:
        return found
    text_codec = _charset_normalizer(data)
    if text_codec and _plausible(text_codec[0]):
        return text_codec
    if _looks_binary(data):
        raise BinaryInputError(
            "the bytes look like binary data, not a text report (nor a .docx/.pdf we read)",
            path=path)
    raise DecodingError(
        "no encoding decodes the file cleanly (tried UTF-8, GB18030/GBK, Big5, UTF-16); "
        "re-save it as UTF-8 or check that it is a text report", path=path)


def _chinese_decode(data: bytes, path: str | None) -> tuple[str, str] | None:
    """``(text, codec)`` of bytes that are not clean UTF-8, by the Chinese encodings: a
    strict GB18030 or Big5 decode that reads as common Chinese (≥ 0.6 of its Chinese
    characters frequent ones, or too few to tell) at once, else the best by that share, at
    least ``_MIN_COMMON_SHARE``, of those, UTF-8 holding GBK runs, and UTF-8 or GB18030 with
    a few bad bytes; None when none reads as Chinese."""
    candidates: list[tuple[float, str, str]] = []
    for codec in ("gb18030", "big5hkscs"):
        text = _strict(data, codec)
        if text is None or _defects(text):
            continue
        share = _common_share(text)
        if share is None or share >= 0.6:  # clearly right (or too short to tell): take it
            return text, codec
        candidates.append((share, codec, text))
    # UTF-8 with runs of GBK inside (a page whose footer or a pasted part comes from a GBK
    # include): the runs read as GB18030, scored below clean decodes of the whole file
    mixed = _utf8_with_gbk_runs(data)
    if mixed is not None and not _defects(mixed):
        share = _common_share(mixed, min_cjk=1)
        if share is not None:
            candidates.append((share - 0.02, "utf-8+gb18030", mixed))
    # a few bad bytes (a scraper's cut, a stray byte) in otherwise clean UTF-8 or GB18030
    for codec, bonus in (("utf-8", 0.01), ("gb18030", 0.0)):
        lenient = data.decode(codec, errors="replace")
        bad = lenient.count("\ufffd")
        if 0 < bad <= max(8, len(lenient) * 0.002):
            # a short text is judged on the few CJK characters it has (none: no share)
            share = _common_share(lenient, min_cjk=1) or 0.0
            candidates.append((share + bonus, codec, lenient))
    if candidates:
        share, codec, text = max(candidates)
        if share >= _MIN_COMMON_SHARE:
            if codec == "utf-8+gb18030":
                log.warning("%s: UTF-8 text holds runs of GBK/GB18030 bytes (two encodings in "
                            "one file); they were decoded as GB18030", path or "<bytes>")
            bad = text.count("\ufffd")
            if bad:
                log.warning("%s: %d bytes are not valid %s and were replaced by U+FFFD",
                            path or "<bytes>", bad, codec.upper())
            return text, codec
    return None


def _undo_double_decode(text: str) -> tuple[str, str] | None:
    """``(text, codec)`` decoded back when ``text`` is UTF-8 (or GBK) that a tool read as
    Latin-1 or Windows-1252 and wrote out as UTF-8 again (every Chinese character became
    2–3 Latin characters: "æ”¿åºœ" for 政府), else None. Each character is taken back to
    the byte it was read from (below U+0100 itself, else its Windows-1252 byte); the bytes
    must then decode strictly to plausible Chinese text."""
    if _CJK.search(text[:4000]):
        return None
    try:  # Latin-1 only: one C-level step
        return _repaired(text.encode("latin-1"))
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 0x100:
            out.append(code)
            continue
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            return None
    return _repaired(bytes(out))


def _repaired(data: bytes) -> tuple[str, str] | None:
    """The bytes a double decode came from, decoded as UTF-8 or else GB18030 (a GBK page
    read as Latin-1 the same way) when that gives plausible Chinese: (text, codec)."""
    for codec in ("utf-8", "gb18030"):
        repaired = _strict(data, codec)
        if repaired is None or not _CJK.search(repaired) or not _plausible(repaired):
            continue
        # Chinese text, not Latin text whose accented letters GB18030 pairs into Han
        # characters inside its words ("naïve" → "na茂ve"): Han characters come in runs,
        # seldom touching a Latin letter
        head = repaired[:20000]
        if len(_han_by_latin().findall(head)) < 0.1 * len(_CJK.findall(head)):
            return repaired, codec
    return None


@lru_cache(maxsize=1)
def _han_by_latin() -> re.Pattern[str]:
    """A Han character touching a Latin letter (compiled on first use: a double decode only)."""
    return re.compile(r"[A-Za-z][\u3400-\u9fff]|[\u3400-\u9fff](?=[A-Za-z])")


def _utf8_with_gbk_runs(data: bytes) -> str | None:
    """``data`` decoded as UTF-8 where it is valid and as GB18030 where it is not, or None
    when under half of its non-ASCII bytes are valid UTF-8 (then it is no UTF-8 file).

    Inside a GBK run, GB18030 goes on until ASCII or a valid 3- or 4-byte UTF-8 character
    (a GBK pair that happens to be one is misread, rarely); a run starts at a byte UTF-8
    refuses.
    """
    parts: list[str] = []
    pos = utf8_high = 0  # utf8_high: non-ASCII bytes that were valid UTF-8
    n = len(data)
    # UTF-8 is read in windows that double while they decode (each bad byte restarts at a
    # small one): decoding all the rest at each bad byte copied it, quadratic in the runs
    window = _FIRST_WINDOW
    while pos < n:
        chunk = data[pos:pos + window]
        try:  # (a character cut at a window's end is left for the next window)
            text, used = codecs.utf_8_decode(chunk, "strict", pos + len(chunk) >= n)
        except UnicodeDecodeError as exc:
            good = chunk[:exc.start]
            parts.append(good.decode("utf-8"))
            utf8_high += len(good) - len(good.translate(None, _HIGH_BYTES))
            pos += exc.start
            window = _FIRST_WINDOW
        else:
            parts.append(text)
            utf8_high += used - len(chunk[:used].translate(None, _HIGH_BYTES))
            pos += used
            window *= 2
            continue
        # a GB18030 run: two-byte chars, or four-byte ones (byte 2 and 4 in 30–39)
        while pos < n and data[pos] >= 0x80:
            b = data[pos:pos + 4]
            size = 4 if len(b) == 4 and 0x30 <= b[1] <= 0x39 and 0x30 <= b[3] <= 0x39 else 2
            try:
                parts.append(data[pos:pos + size].decode("gb18030"))
            except UnicodeDecodeError:
                parts.append("\ufffd")
                size = 1
            pos += size
            # back to UTF-8 at ASCII (the loop test) or at a valid 3- or 4-byte UTF-8 char
            # (Chinese); a 2-byte one (Latin, Greek, Cyrillic) is far likelier a GBK pair
            lead = data[pos] if pos < n else 0
            if lead >= 0xE0 and _strict(data[pos:pos + (3 if lead < 0xF0 else 4)], "utf-8"):
                break
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if utf8_high < 0.5 * high:
        return None
    return "".join(parts)


_HIGH_BYTES = bytes(range(0x80, 0x100))
_FIRST_WINDOW = 256  # bytes of UTF-8 decoded at once after a GB18030 run (doubling)


def decode_text_file(data: bytes, *,
                     path: str | None = None) -> tuple[str, str, bool | frozenset[str]]:
    """:func:`decode_bytes` for a file with no declared charset, and whether the text is
    plain UTF-8 of simplified characters (``normalize._PLAIN_SIMPLIFIED``): True, or the
    full-width forms it holds besides (（ ）０-９ …, ``normalize._wide_only``), else False.

    The common case is settled by one strict decode and one scan, whose answer the
    normalizer reuses (``normalize._normalize(text, simple)``); such text is what
    decode_bytes returns as "utf-8" (no BOM, NUL, U+FFFD or control character is plain, nor
    a full-width form). Anything else goes through decode_bytes, without decoding it as
    UTF-8 a second time. (A report's full-width brackets sent nearly half of the texts
    through decode_bytes and the normalizer's scans again: ~35 µs a report.)
    """
    text = _strict(data, "utf-8")
    if (text is not None and data and not data.isspace()  # (decode_bytes refuses blank bytes)
            and (wide := _wide_only(text)) is not None
            and (len(text) <= 1000 or text.isascii() or _CJK.search(text))):  # a _defects rule
        return text, "utf-8", frozenset(wide) or True
    return (*_decode(data, path, None, text), False)


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 2**20]).best()
    if best is None or not best.encoding:
        return None
    text = _strict(data, best.encoding)
    return (text, best.encoding) if text is not None else None


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    low = sum(1 for b in head if b < 0x20 and b not in b"\t\n\r\f\x1b")
    return low > len(head) * 0.01
