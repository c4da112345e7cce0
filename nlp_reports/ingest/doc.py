"""Word 97–2003 .doc reports (and WPS .wps saved in the same format) → text (extra ``docx``:
olefile).

Chinese government sites publish many annual reports as .doc attachments. The text is read
from the file's piece table ([MS-DOC]): the OLE compound file's ``WordDocument`` stream
starts with the FIB, which names the table stream (``0Table``/``1Table``), the length of
the main document (``ccpText``: headers, footnotes and comments come after it and are left
out; text boxes anchored in it are read, before the paragraph holding the anchor, as the
.docx reader does) and where the Clx is; the Clx's PlcPcd lists the pieces of text, each 8-bit (cp1252)
or UTF-16LE (all Chinese text). Fields (域) keep their result and drop their code. Headings
numbered by Word (自动编号: "一、" kept in the list definition, not the text) get their
number back from the lists (PlfLst, PlfLfo; sprmPIlfo/sprmPIlvl, on the paragraph or its
style), as the .docx reader does.

Tables come out as :mod:`~nlp_reports.ingest.docx` writes them, so a report saved as .doc
is parsed as the same report saved as .docx: one line per row, cells joined by TAB, blank
lines around the table. Each cell ends in \\x07 and each row in one more \\x07 (the row-end
paragraph, told apart by its properties: sprmPFTtp in the paragraph's PAPX); the row's
sprmTDefTable gives its cells' edges, so a cell spanning columns of the table's grid is
repeated in each (a value only once) and a vertically merged cell repeats the text above,
as the .docx reader does. A table that lays out the page (one cell, or a cell of
report-length text) is read as its paragraphs and nested tables (sprmPItap 2,
sprmPFInnerTableCell/sprmPFInnerTtp), as the .docx reader does.
"""

from __future__ import annotations

import bisect
import io
import logging
import re
import struct
from types import SimpleNamespace
from typing import NamedTuple

from nlp_reports.errors import (
    BinaryInputError,
    MissingDependencyError,
    UnsupportedFormatError,
)
from nlp_reports.ingest.docx import (
    _MAX_COPIED,
    _MAX_SPAN,
    _format_number,
    is_layout_cell,
    place_cell,
    table_lines,
)
from nlp_reports.ingest.normalize import (
    IMAGE_MARK,
    is_value_cell,
    mark_merged_columns,
    merged_rows_value,
    unrepeat_values,
)

log = logging.getLogger("nlp_reports")

__all__ = ["doc_to_text"]

_ENCRYPTED = ("the .doc is encrypted (password-protected: a password is needed to open it), so "
              "its text cannot be read; ask the agency for an unprotected copy, or open it in "
              "Word/WPS with the password and save it again without one")
_RESAVE = "re-download the file or open and re-save it in Word/WPS/LibreOffice"

_WS = re.compile(r"\s+")
#: Cell edges this close (twips: 1/1440 inch, here 0.25 mm) are one edge of the table's grid:
#: rows of one table differ by rounding (2771 above, 2772 below a merged 行政复议).
_SAME_EDGE = 15
#: The FIB's nFib of Word 97 and later (0xC1; some writers put 0xC0): Word 6/95 files (101–105)
#: have another FIB and piece table, not read.
_WORD97 = 0xC0

# sprms read from a paragraph's properties (PAPX)
_SPRM_IN_TABLE = 0x2416  # sprmPFInTable
_SPRM_TTP = 0x2417  # sprmPFTtp: the paragraph is a table row's end mark
_SPRM_ITAP = 0x6649  # sprmPItap: table depth
_SPRM_INNER_CELL = 0x244B  # sprmPFInnerTableCell
_SPRM_INNER_TTP = 0x244C  # sprmPFInnerTtp
_SPRM_HUGE = 0x6646  # sprmPHugePapx: the properties are in the Data stream
_SPRM_TDEF = 0xD608  # sprmTDefTable: the row's cell edges and merge flags
_SPRM_CHG_TABS = 0xC615  # sprmPChgTabs (its own length rule)
_SPRM_ILVL = 0x260A  # sprmPIlvl: the list level of a numbered paragraph
_SPRM_ILFO = 0x460B  # sprmPIlfo: its list (1-based index of an LFO; 0: none)
#: Word's number formats (nfc) → the w:numFmt names the .docx reader renders
_NFC = {0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter",
        10: "ideographDigital", 11: "japaneseCounting", 14: "decimalFullWidth",
        18: "decimalEnclosedCircle", 22: "decimalZero", 23: "bullet",
        27: "decimalEnclosedParen", 28: "decimalEnclosedCircleChinese",
        30: "ideographTraditional", 33: "taiwaneseCounting", 35: "taiwaneseCountingThousand",
        37: "chineseCounting", 38: "chineseLegalSimplified", 39: "chineseCountingThousand",
        255: "none"}
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # spra → operand bytes (6: variable)


class _Corrupt(Exception):
    """Raised inside this module for a structure that is out of bounds."""


def _u16(b: bytes, at: int) -> int:
    if at < 0 or at + 2 > len(b):
        raise _Corrupt(f"a 2-byte field at {at} is past the end ({len(b)} bytes)")
    return b[at] | b[at + 1] << 8


def _u32(b: bytes, at: int) -> int:
    if at < 0 or at + 4 > len(b):
        raise _Corrupt(f"a 4-byte field at {at} is past the end ({len(b)} bytes)")
    return int.from_bytes(b[at:at + 4], "little")


def _sprms(grpprl: bytes):
    """(sprm, operand bytes) of a grpprl; stops at a sprm cut by the end."""
    at, n = 0, len(grpprl)
    while at + 2 <= n:
        sprm = grpprl[at] | grpprl[at + 1] << 8
        at += 2
        spra = sprm >> 13
        if spra == 6:
            if sprm == _SPRM_TDEF:
                if at + 2 > n:
                    return
                size = max(0, (grpprl[at] | grpprl[at + 1] << 8) - 1)
                at += 2
            elif at + 1 > n:
                return
            else:
                size = grpprl[at]
                at += 1
                if sprm == _SPRM_CHG_TABS and size == 255:
                    return  # (a long tab list: nothing we read comes after it in practice)
        else:
            size = _OPERAND[spra]
        if at + size > n:
            return
        yield sprm, grpprl[at:at + size]
        at += size


class _Fib:
    """What we read of the File Information Block at the start of ``WordDocument``."""

    def __init__(self, word: bytes) -> None:
        if _u16(word, 0) != 0xA5EC:
            raise _Corrupt("the WordDocument stream does not start with a Word FIB")
        self.version = _u16(word, 2)  # nFib: 101–105 Word 6/95, 193 (0xC1) on: Word 97
        flags = _u16(word, 0x0A)
        self.encrypted = bool(flags & 0x0100)
        self.table_stream = "1Table" if flags & 0x0200 else "0Table"
        csw = _u16(word, 32)
        at = 34 + 2 * csw
        cslw = _u16(word, at)
        lw = at + 2
        if cslw < 4:
            raise _Corrupt("the FIB's FibRgLw97 is too short")
        self.ccp_text = _u32(word, lw + 12)
        # where the text boxes' story starts: after the footnotes, headers, comments, endnotes
        self.txbx_start = self.ccp_text + sum(_u32(word, lw + at) for at in (16, 20, 28, 32))
        at = lw + 4 * cslw
        cb_fclcb = _u16(word, at)
        fclcb = at + 2
        if cb_fclcb < 34:
            raise _Corrupt("the FIB's FibRgFcLcb97 is too short")
        self.fc_clx, self.lcb_clx = _u32(word, fclcb + 33 * 8), _u32(word, fclcb + 33 * 8 + 4)
        self.fc_stsh, self.lcb_stsh = _u32(word, fclcb + 8), _u32(word, fclcb + 12)
        self.fc_bte_papx = _u32(word, fclcb + 13 * 8)
        self.lcb_bte_papx = _u32(word, fclcb + 13 * 8 + 4)
        self.fc_spa, self.lcb_spa = _u32(word, fclcb + 40 * 8), _u32(word, fclcb + 40 * 8 + 4)
        boxes = cb_fclcb > 56
        self.fc_txbx = _u32(word, fclcb + 56 * 8) if boxes else 0
        self.lcb_txbx = _u32(word, fclcb + 56 * 8 + 4) if boxes else 0
        lists = cb_fclcb > 74
        self.fc_lst = _u32(word, fclcb + 73 * 8) if lists else 0
        self.lcb_lst = _u32(word, fclcb + 73 * 8 + 4) if lists else 0
        self.fc_lfo = _u32(word, fclcb + 74 * 8) if lists else 0
        self.lcb_lfo = _u32(word, fclcb + 74 * 8 + 4) if lists else 0


def _pieces(table: bytes, fib: _Fib, stream_size: int) -> list[tuple[int, int, int, bool]]:
    """The PlcPcd of the Clx: (cp start, cp end, byte offset in WordDocument, 8-bit).

    The pieces may read no more than twice the ``stream_size`` bytes of the WordDocument
    stream: pieces that each point at the same bytes (a few hundred 12-byte entries over one
    page of text) would make a 40 KB file millions of characters of text."""
    clx = table[fib.fc_clx:fib.fc_clx + fib.lcb_clx]
    if fib.lcb_clx == 0 or len(clx) < fib.lcb_clx:
        raise _Corrupt("the piece table (Clx) is missing or cut off")
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers of pieces; skipped
        at += 3 + _u16(clx, at + 1)
    if at >= len(clx) or clx[at] != 0x02:
        raise _Corrupt("the piece table (Clx) has no Pcdt")
    lcb = _u32(clx, at + 1)
    plc = clx[at + 5:at + 5 + lcb]
    if len(plc) < lcb or lcb < 16 or (lcb - 4) % 12:
        raise _Corrupt("the piece table (PlcPcd) has a wrong size")
    n = (lcb - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc)
    pieces = []
    total = 0
    for i in range(n):
        start, end = cps[i], cps[i + 1]
        if end < start:
            raise _Corrupt("the piece table's character positions go backwards")
        fc = _u32(plc, 4 * (n + 1) + 8 * i + 2)
        compressed = bool(fc & 0x40000000)
        fc &= 0x3FFFFFFF
        total += (end - start) * (1 if compressed else 2)
        if total > 2 * stream_size:
            raise _Corrupt("the piece table names more text than the WordDocument stream "
                           "holds (pieces repeating the same bytes)")
        pieces.append((start, end, fc // 2 if compressed else fc, compressed))
    return pieces


class _Paragraphs:
    """The table properties of paragraphs, looked up by the byte offset of their mark
    (the PAPX FKPs named by the PlcBtePapx)."""

    def __init__(self, word: bytes, table: bytes, data: bytes | None, fib: _Fib) -> None:
        self.word, self.data = word, data
        self.damaged = False
        try:
            self.styles = _styles(table, fib)
            self.lists = _Lists(table, fib)
        except (_Corrupt, IndexError, struct.error, ValueError) as exc:
            log.warning("a .doc's list numbering is damaged (%s): numbers are left out", exc)
            self.styles, self.lists = {}, _Lists(b"", _NO_LISTS)
        plc = table[fib.fc_bte_papx:fib.fc_bte_papx + fib.lcb_bte_papx]
        self.pages: list[int] = []
        if fib.lcb_bte_papx < 12 or len(plc) < fib.lcb_bte_papx or (fib.lcb_bte_papx - 4) % 8:
            self.bounds: list[int] = []
            return
        n = (fib.lcb_bte_papx - 4) // 8
        self.bounds = list(struct.unpack_from(f"<{n + 1}I", plc))
        self.pages = [v & 0x3FFFFF for v in struct.unpack_from(f"<{n}I", plc, 4 * (n + 1))]
        self._fkps: dict[int, tuple[list[int], bytes]] = {}

    def _fkp(self, pn: int) -> tuple[list[int], bytes]:
        if pn not in self._fkps:
            page = self.word[pn * 512:pn * 512 + 512]
            if len(page) < 512:
                raise _Corrupt("a paragraph-properties page (FKP) is past the end")
            crun = page[511]
            if 4 * (crun + 1) + 13 * crun > 511:
                raise _Corrupt("a paragraph-properties page (FKP) holds too many runs")
            self._fkps[pn] = (list(struct.unpack_from(f"<{crun + 1}I", page)), page)
        return self._fkps[pn]

    def props(self, fc: int) -> _Props:
        """The table and list properties of the paragraph whose mark is at byte ``fc``;
        outer table only (a nested table's marks read as paragraphs of the outer cell).
        Damaged properties read as none: the text is kept, a table's cells then come as
        lines."""
        if self.damaged:
            return _NONE
        try:
            return self._props(fc)
        except (_Corrupt, IndexError, struct.error) as exc:
            log.warning("a .doc's paragraph properties are damaged (%s): its tables are read "
                        "as lines", exc)
            self.damaged = True
            return _NONE

    def _props(self, fc: int) -> _Props:
        i = bisect.bisect_right(self.bounds, fc) - 1
        if i < 0 or i >= len(self.pages):
            return _NONE
        rgfc, page = self._fkp(self.pages[i])
        j = bisect.bisect_right(rgfc, fc) - 1
        if j < 0 or j >= len(rgfc) - 1:
            return _NONE
        at = page[4 * len(rgfc) + 13 * j] * 2
        if at == 0:
            return _NONE  # no properties: the style's defaults
        cb = page[at] if at < 511 else 0
        if cb:
            grpprl = page[at + 1:at + 2 * cb]
        else:
            cb = page[at + 1] if at + 1 < 511 else 0
            grpprl = page[at + 2:at + 2 + 2 * cb]
        istd = grpprl[0] | grpprl[1] << 8 if len(grpprl) >= 2 else 0
        return self._read(grpprl[2:], istd)

    def _read(self, grpprl: bytes, istd: int, huge: bool = False) -> _Props:
        in_table = ttp = inner_cell = inner_ttp = False
        tdef = None
        itap = 0
        ilfo = ilvl = None
        for sprm, arg in _sprms(grpprl):
            if sprm == _SPRM_HUGE and not huge and self.data is not None and len(arg) == 4:
                offset = int.from_bytes(arg, "little")
                size = _u16(self.data, offset)
                return self._read(self.data[offset + 2:offset + 2 + size], istd, True)
            if sprm == _SPRM_IN_TABLE:
                in_table = bool(arg[0])
            elif sprm == _SPRM_TTP:
                ttp = bool(arg[0])
            elif sprm == _SPRM_ITAP:
                itap = int.from_bytes(arg, "little")
            elif sprm == _SPRM_INNER_CELL:
                inner_cell = bool(arg[0])
            elif sprm == _SPRM_INNER_TTP:
                inner_ttp = bool(arg[0])
            elif sprm == _SPRM_TDEF:
                tdef = arg
            elif sprm == _SPRM_ILFO:
                ilfo = int.from_bytes(arg, "little", signed=True)
            elif sprm == _SPRM_ILVL:
                ilvl = arg[0]
        if ilfo is None or ilvl is None:  # from the paragraph style (样式的编号)
            style_lfo, style_lvl = self.styles.get(istd, (0, 0))
            ilfo = style_lfo if ilfo is None else ilfo
            ilvl = style_lvl if ilvl is None else ilvl
        if itap > 1 or inner_cell or inner_ttp:  # a nested table (表中表)
            return _Props(True, False, tdef, ilfo, ilvl, True, inner_cell or inner_ttp,
                          inner_ttp)
        return _Props(in_table or itap == 1, ttp, tdef, ilfo, ilvl)


class _Props(NamedTuple):
    """What the reader uses of a paragraph's properties."""

    in_table: bool
    row_end: bool  # the mark ends a table row (sprmPFTtp)
    tdef: bytes | None  # the row's sprmTDefTable operand
    ilfo: int  # its list (1-based LFO index; 0: not numbered)
    ilvl: int  # its list level
    nested: bool = False  # in a table inside a table's cell
    inner_cell_end: bool = False  # the mark ends a nested table's cell (or row)
    inner_row_end: bool = False  # … a nested table's row


_NONE = _Props(False, False, None, 0, 0)
#: A FIB's list fields when the lists cannot be read (no list then).
_NO_LISTS = SimpleNamespace(fc_lst=0, lcb_lst=0, fc_lfo=0, lcb_lfo=0)


def _styles(table: bytes, fib: _Fib) -> dict[int, tuple[int, int]]:
    """Paragraph style (istd) → (ilfo, ilvl) of the numbering it sets or inherits (a
    heading style numbered 一、二、): read from the style sheet (STSH)."""
    stsh = table[fib.fc_stsh:fib.fc_stsh + fib.lcb_stsh]
    if len(stsh) < 6:
        return {}
    cb_stshi = _u16(stsh, 0)
    count, cb_base = _u16(stsh, 2), _u16(stsh, 4)
    own: dict[int, tuple[int | None, int | None, int]] = {}  # istd → ilfo, ilvl, base
    at = 2 + cb_stshi
    for istd in range(count):
        cb_std = _u16(stsh, at)
        std = stsh[at + 2:at + 2 + cb_std]
        at += 2 + cb_std
        if len(std) < max(cb_base, 10) or std[2] & 0x0F != 1:  # stk 1: a paragraph style
            continue
        base = (std[2] | std[3] << 8) >> 4
        name = cb_base
        cch = _u16(std, name)
        upx = name + 2 + 2 * cch + 2  # after the name and its terminating 0
        cb_upx = _u16(std, upx)
        ilfo = ilvl = None
        for sprm, arg in _sprms(std[upx + 4:upx + 2 + cb_upx]):  # (the upx's istd first)
            if sprm == _SPRM_ILFO:
                ilfo = int.from_bytes(arg, "little", signed=True)
            elif sprm == _SPRM_ILVL:
                ilvl = arg[0]
        own[istd] = (ilfo, ilvl, base)
    resolved: dict[int, tuple[int, int]] = {}
    for istd in own:
        ilfo = ilvl = None
        seen = 0
        k = istd
        while k in own and seen < 16 and (ilfo is None or ilvl is None):
            lfo, lvl, base = own[k]
            ilfo = lfo if ilfo is None else ilfo
            ilvl = lvl if ilvl is None else ilvl
            k, seen = base, seen + 1
        if ilfo:
            resolved[istd] = (ilfo, ilvl or 0)
    return resolved


class _Lists:
    """Word's automatic numbering (自动编号) of a .doc, rendered as text as the .docx reader
    does: "一、总体情况" numbered by Word holds only "总体情况" in the text stream. The
    list definitions (PlfLst and its LVLs) and list instances (PlfLfo) come from the table
    stream; one counter per list, as in Word."""

    def __init__(self, table: bytes, fib: _Fib) -> None:
        self.levels: dict[int, dict[int, tuple[int, str, str]]] = {}  # lsid → levels
        self.lfos: list[int] = []  # LFO index - 1 → lsid
        self.restarts: set[tuple[int, int]] = set()  # (ilfo, ilvl) starting anew
        self.counters: dict[int, list[int]] = {}
        if fib.lcb_lst < 2 or fib.lcb_lfo < 4:
            return
        lst = table[fib.fc_lst:fib.fc_lst + fib.lcb_lst]
        count = int.from_bytes(lst[:2], "little", signed=True)
        at = fib.fc_lst + fib.lcb_lst  # the LVLs follow the PlfLst
        for k in range(max(0, min(count, (len(lst) - 2) // 28))):
            lstf = lst[2 + 28 * k:2 + 28 * (k + 1)]
            lsid = int.from_bytes(lstf[:4], "little", signed=True)
            levels: dict[int, tuple[int, str, str]] = {}
            for ilvl in range(1 if lstf[26] & 1 else 9):
                level, at = _lvl(table, at)
                levels[ilvl] = level
            self.levels[lsid] = levels
        lfo = table[fib.fc_lfo:fib.fc_lfo + fib.lcb_lfo]
        count = min(_u32(lfo, 0), (len(lfo) - 4) // 16)
        self.lfos = [int.from_bytes(lfo[4 + 16 * k:8 + 16 * k], "little", signed=True)
                     for k in range(count)]
        at = fib.fc_lfo + 4 + 16 * count  # LfoData, one per LFO: its level overrides
        for k in range(count):
            overrides = lfo[4 + 16 * k + 12]
            at += 4
            for _ in range(overrides):
                # (LFOs claiming 255 overrides each that are not there: 1 MB of them was a
                # 0.9 s loop, 50 MB 43 s)
                if at + 8 > len(table):
                    raise _Corrupt("a list's level overrides (LfoData) are past the end of "
                                   "the table stream")
                flags = table[at + 4]
                at += 8
                if flags & 0x10:  # fStartAt: the list starts again (重新开始编号)
                    self.restarts.add((k + 1, flags & 0x0F))
                if flags & 0x20:  # fFormatting: an LVL follows
                    _, at = _lvl(table, at)

    def label(self, ilfo: int, ilvl: int) -> str:
        """The number label of a paragraph of list ``ilfo`` at level ``ilvl``, or ""."""
        if ilfo <= 0 or ilfo > len(self.lfos):
            return ""
        lsid = self.lfos[ilfo - 1]
        levels = self.levels.get(lsid)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(lsid, [0] * 9)
        if (ilfo, ilvl) in self.restarts:
            self.restarts.discard((ilfo, ilvl))
            counters[ilvl] = 0
        counters[ilvl] = levels[ilvl][0] if counters[ilvl] == 0 else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        _, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return ""
        out = []
        for ch in text:
            k = ord(ch)
            if k < 9:  # a placeholder: the number of level k
                if k in levels:
                    out.append(_format_number(counters[k] or levels[k][0], levels[k][1]))
            else:
                out.append(ch)
        return "".join(out)


def _lvl(table: bytes, at: int) -> tuple[tuple[int, str, str], int]:
    """The LVL at ``at``: (start, number format, number text) and where the next begins."""
    if at + 28 > len(table):
        raise _Corrupt("a list level (LVL) is past the end of the table stream")
    start = int.from_bytes(table[at:at + 4], "little", signed=True)
    nfc = table[at + 4]
    cb_chpx, cb_papx = table[at + 24], table[at + 25]
    at += 28 + cb_papx + cb_chpx
    cch = _u16(table, at)
    text = table[at + 2:at + 2 + 2 * cch].decode("utf-16-le", "replace")
    return (max(0, min(start, 10**6)), _NFC.get(nfc, "decimal"), text), at + 2 + 2 * cch


def _cell_edges(tdef: bytes | None) -> list[tuple[int, int, int]]:
    """The cells of a row from its sprmTDefTable: (left edge, right edge, merge flags)."""
    if not tdef:
        return []
    count = tdef[0]
    edges = [int.from_bytes(tdef[1 + 2 * k:3 + 2 * k], "little", signed=True)
             for k in range(count + 1) if 3 + 2 * k <= len(tdef)]
    tcs = 1 + 2 * (count + 1)
    cells = []
    for k in range(min(count, len(edges) - 1)):
        at = tcs + 20 * k
        flags = tdef[at] | tdef[at + 1] << 8 if at + 2 <= len(tdef) else 0
        cells.append((edges[k], edges[k + 1], flags))
    return cells


def _grid_rows(table: list[tuple[list[str], list[tuple[int, int, int]]]],
               budget: list[int]) -> list[list[str]]:
    """A table's rows on its grid, as :func:`nlp_reports.ingest.docx._table_rows` reads a
    .docx: a cell spanning grid columns is repeated in each (a value beside other values only
    once); a vertically merged cell repeats the text above; old-style horizontal merges
    (fMerged) continue the cell before. ``budget``: what the document's merged cells may
    still repeat, shared by its tables (:func:`nlp_reports.ingest.docx.place_cell`)."""
    edges = sorted({x for _, cells in table for left, right, _ in cells for x in (left, right)})
    grid = [x for k, x in enumerate(edges) if k == 0 or x - edges[k - 1] > _SAME_EDGE]
    rows: list[list[str]] = []
    above: dict[int, str] = {}
    started: dict[int, int] = {}  # column → the row its vertical merge started in
    merged: set[tuple[int, int]] = set()  # (row, column) of a figure merged over rows
    label_spans: set[tuple[int, int]] = set()  # (column, columns) of labels spanning columns
    for texts, cells in table:
        if len(cells) != len(texts) or len(grid) > 4 * _MAX_SPAN:
            rows.append(texts)  # no usable cell edges: the cells as they come
            above = dict(enumerate(texts))
            continue
        row: dict[int, str] = {}
        copies: list[int] = []
        spans: list[tuple[int, int]] = []  # (column, columns) of values spanning columns
        last_col = None
        for text, (left, right, flags) in zip(texts, cells, strict=True):
            col = bisect.bisect_right(grid, left + _SAME_EDGE) - 1
            span = max(1, min(bisect.bisect_right(grid, right + _SAME_EDGE) - 1 - col, _MAX_SPAN))
            if flags & 0x02 and not flags & 0x01 and last_col is not None:  # fMerged
                text = row.get(last_col, "")
            continuing = bool(flags & 0x20) and not flags & 0x40  # fVertMerge, not restart
            if continuing:
                text = above.get(col, "")
                if merged_rows_value(text) != text and col in started:
                    merged.update({(started[col], col), (len(rows), col)})
            elif flags & 0x20:
                started[col] = len(rows)
            if span > 1:
                (spans.append((col, span)) if is_value_cell(text) else label_spans.add((col, span)))
            place_cell(row, copies, col, span, text, continuing, budget)
            last_col = col
        unrepeat_values(row, copies)
        mark_merged_columns(row, spans, label_spans)  # a figure over columns: no column's
        above = row
        rows.append([row.get(c, "") for c in range(max(row) + 1)] if row else [])
    for r, c in merged:  # a figure over several rows is no row's (MERGED_ROWS_MARK)
        if c < len(rows[r]):
            rows[r][c] = merged_rows_value(rows[r][c])
    return rows


class _TextBoxes:
    """The text boxes (文本框) of the main document: the shapes anchored in it (PlcSpaMom:
    anchor CP → shape id) and their text in the text-box story (PlcftxbxTxt, each box's
    lid the shape's id). A title set in a box is text of the report, as the .docx reader
    reads it (before the paragraph the box is anchored in)."""

    def __init__(self, word: bytes, table: bytes, pieces, fib: _Fib) -> None:
        self.anchors: dict[int, int] = {}  # CP of an anchor in the main text → shape id
        self.spans: dict[int, tuple[int, int]] = {}  # shape id → its CPs in the box story
        self.word, self.pieces, self.start = word, pieces, fib.txbx_start
        self.ends = [end for _, end, _, _ in pieces]  # (in CP order)
        self.done: set[int] = set()
        spa = table[fib.fc_spa:fib.fc_spa + fib.lcb_spa]
        txbx = table[fib.fc_txbx:fib.fc_txbx + fib.lcb_txbx]
        if len(spa) < fib.lcb_spa or len(txbx) < fib.lcb_txbx or fib.lcb_spa < 34 \
                or fib.lcb_txbx < 30:
            return
        n = (fib.lcb_spa - 4) // 30
        cps = struct.unpack_from(f"<{n}I", spa)
        self.anchors = {cp: int.from_bytes(spa[4 * (n + 1) + 26 * k:4 * (n + 1) + 26 * k + 4],
                                           "little") for k, cp in enumerate(cps)}
        n = (fib.lcb_txbx - 4) // 26
        cps = struct.unpack_from(f"<{n + 1}I", txbx)
        for k in range(n):
            at = 4 * (n + 1) + 22 * k + 14
            lid = int.from_bytes(txbx[at:at + 4], "little")
            if lid and cps[k] <= cps[k + 1]:
                self.spans.setdefault(lid, (cps[k], cps[k + 1]))

    def lines(self, spid: int) -> list[str]:
        """The non-blank paragraphs of the box of shape ``spid`` (once: a box is read with
        the first paragraph anchoring it)."""
        if spid in self.done or spid not in self.spans:
            return []
        self.done.add(spid)
        first, last = self.spans[spid]
        parts = []
        # the pieces holding the box's text (not a walk over all pieces per box: a document
        # of 4,000 boxes in 12,000 pieces took 7 s)
        k = bisect.bisect_right(self.ends, self.start + first)
        for start, end, offset, compressed in self.pieces[k:]:
            if start >= self.start + last:
                break
            a, b = max(start, self.start + first), min(end, self.start + last)
            if a >= b:
                continue
            width = 1 if compressed else 2
            raw = self.word[offset + (a - start) * width:offset + (b - start) * width]
            parts.append(raw.decode("cp1252" if compressed else "utf-16-le", "replace"))
        out, hidden = [], 0
        for ch in "".join(parts):  # field codes dropped, control characters too
            if ch == "\x13":
                hidden += 1
            elif ch in "\x14\x15":
                hidden = max(0, hidden - 1)
            elif not hidden:
                out.append("\n" if ch in "\r\x07\x0b" else ch if ch == "\t" or ch >= " " else "")
        return [x for x in "".join(out).split("\n") if x.strip()]


class _Cell:
    """A table cell being read: its paragraphs (text, list, level) and nested tables, in
    order, and the text of every paragraph in it, nested ones too (the data cell's text)."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, int, int] | list] = []  # a paragraph, or a nested table
        self.texts: list[str] = []

    def text(self) -> str:
        return _WS.sub(" ", " ".join(self.texts)).strip()

    def is_layout(self) -> bool:
        """A cell of report-length text, or paragraphs of text beside a nested table
        (:func:`nlp_reports.ingest.docx._is_layout_table`)."""
        return is_layout_cell([len(b[0].strip()) for b in self.blocks if isinstance(b, tuple)],
                              any(isinstance(b, list) for b in self.blocks))


def _lines(word: bytes, pieces, fib: _Fib, paragraphs: _Paragraphs,
           boxes: _TextBoxes | None = None) -> list[str]:
    """The main document's lines, tables as TAB-separated rows."""
    lists = paragraphs.lists
    anchored: list[int] = []  # shapes anchored in the paragraph being read (\x08)
    lines: list[str] = []
    line: list[str] = []  # the paragraph being read
    cell = _Cell()  # the table cell being read
    cells: list[_Cell] = []  # the cells of the table row being read
    table: list[tuple[list[_Cell], list[tuple[int, int, int]]]] = []
    inner_cell: list[str] = []  # the paragraphs of a nested table's cell being read
    inner_cells: list[str] = []  # … of its row
    inner: list[tuple[list[str], list[tuple[int, int, int]]]] = []  # … its rows
    fields: list[bool] = []  # for each open field: its result is being read (past \x14)
    hidden = 0  # open fields whose code is being read (their text is dropped)
    picture = False
    ccp = fib.ccp_text
    budget = [_MAX_COPIED]  # (what the tables' merged cells may still repeat: _grid_rows)

    def end_inner() -> None:
        if inner:
            cell.blocks.append(_grid_rows(inner, budget))
            inner.clear()

    def end_table() -> None:
        every = [c for row, _ in table for c in row]
        if len(every) == 1 or any(c.is_layout() for c in every):  # a layout table (版式表格)
            for c in every:  # its paragraphs and tables, as if outside it
                for block in c.blocks:
                    if isinstance(block, list):
                        lines.extend(table_lines(block))
                    else:
                        text, ilfo, ilvl = block
                        lines.append((lists.label(ilfo, ilvl) if ilfo > 0 else "") + text)
        else:
            lines.extend(table_lines(_grid_rows([([c.text() for c in row], edges)
                                                  for row, edges in table], budget)))
        table.clear()

    for start, end, offset, compressed in pieces:
        if start >= ccp:
            break
        end = min(end, ccp)
        width = 1 if compressed else 2
        raw = word[offset:offset + (end - start) * width]
        if len(raw) < (end - start) * width:
            raise _Corrupt("a piece of text is past the end of the WordDocument stream")
        text = raw.decode("cp1252", "replace") if compressed else raw.decode("utf-16-le",
                                                                               "replace")
        for k, ch in enumerate(text):
            if ch == "\x13":  # a field (域): \x13 code \x14 result \x15
                fields.append(False)
                hidden += 1
                continue
            if ch == "\x14":
                if fields and not fields[-1]:
                    fields[-1] = True
                    hidden -= 1
                continue
            if ch == "\x15":
                if fields and not fields.pop():
                    hidden -= 1
                continue
            if ch in "\r\x07":
                props = paragraphs.props(offset + k * width)
                para = "".join(line)
                line.clear()
                if props.nested and ch == "\r":  # a paragraph of a table inside a cell
                    if props.inner_row_end:
                        inner.append((inner_cells[:], _cell_edges(props.tdef)))
                        inner_cells.clear()
                        inner_cell.clear()
                        continue
                    inner_cell.append(para)
                    cell.texts.append(para)
                    if props.inner_cell_end:
                        inner_cells.append(_WS.sub(" ", " ".join(inner_cell)).strip())
                        inner_cell.clear()
                elif ch == "\x07" and props.row_end:  # a row's end
                    table.append((cells[:], _cell_edges(props.tdef)))
                    cells.clear()
                    cell = _Cell()
                elif ch == "\x07" or props.in_table:  # a cell's end, a paragraph in a cell
                    end_inner()
                    cell.blocks.append((para, props.ilfo, props.ilvl))
                    cell.texts.append(para)
                    if ch == "\x07":
                        cells.append(cell)
                        cell = _Cell()
                else:
                    if table:
                        end_table()
                    if cells or cell.texts:  # cell marks with no row end: keep their text
                        lines.append("\t".join([*(c.text() for c in cells), cell.text()]))
                        cells.clear()
                        cell = _Cell()
                    label = lists.label(props.ilfo, props.ilvl) if props.ilfo > 0 else ""
                    for spid in anchored:  # its text boxes first, as the .docx reader
                        lines.extend(boxes.lines(spid))
                    lines.append(label + para)
                    if picture:
                        lines.append(IMAGE_MARK)
                        picture = False
                anchored.clear()
                continue
            if hidden:
                continue  # a field's code (域代码)
            if ch in "\x0b\x0c\x0e":  # line, page/section and column breaks (in a cell: a
                line.append("\n")  # space, as the cell's whitespace is collapsed)
            elif ch == "\x1e":
                line.append("-")  # non-breaking hyphen
            elif ch == "\x01":
                picture = not (cell.texts or cells)  # an inline picture (in a table: its cell)
            elif ch == "\x08" and boxes is not None and start + k in boxes.anchors:
                anchored.append(boxes.anchors[start + k])  # a drawn shape: a text box?
            elif ch == "\t" or ch >= " ":
                line.append(ch)
            # other control characters (\x08 drawn objects, \x1f optional hyphens, \x02
            # footnote numbers, \x05 comment marks …) have no text
    if table:
        end_table()
    if cells or cell.texts:
        lines.append("\t".join([*(c.text() for c in cells), cell.text()]))
    if line:
        lines.append("".join(line))
    if picture:
        lines.append(IMAGE_MARK)
    return lines


def _read_stream(ole, name: str, file_size: int) -> bytes:
    """The stream ``name`` of ``ole``, refused when its directory entry gives it more bytes
    than the whole file holds: olefile follows the sector chain for the size the entry
    gives, so a chain that loops back on itself under a size of 4 GB read the same sectors
    into 9 GB of memory for 20 s (a 16 KB file)."""
    size = ole.get_size(name)
    if size > file_size:
        raise _Corrupt(f"the {name} stream's size ({size} bytes) is larger than the file "
                       f"({file_size} bytes)")
    return ole.openstream(name).read()


def doc_to_text(data: bytes, *, path: str | None = None) -> str:
    """Extract the main text of a Word 97–2003 binary file (not yet normalized)."""
    try:
        import olefile
    except ImportError as exc:
        raise MissingDependencyError("olefile", "docx", "Reading .doc/.wps files") from exc
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise UnsupportedFormatError(
                    "an OLE (legacy MS Office) file without a Word document in it: a "
                    "spreadsheet or presentation (.xls/.et/.ppt), an older WPS file, or a "
                    "damaged .doc; export the report as .docx, .pdf or .txt (soffice --headless "
                    "--convert-to docx FILE)", path=path)
            word = _read_stream(ole, "WordDocument", len(data))
            fib = _Fib(word)
            if fib.encrypted:
                raise UnsupportedFormatError(_ENCRYPTED, path=path)
            if fib.version < _WORD97:
                raise UnsupportedFormatError(
                    f"a Word 6.0/95 file (format version {fib.version}), older than the Word "
                    "97–2003 .doc we read; open it in Word/WPS/LibreOffice and save it as "
                    ".docx (soffice --headless --convert-to docx FILE)", path=path)
            if not ole.exists(fib.table_stream):
                raise _Corrupt(f"the {fib.table_stream} stream the FIB names is missing")
            table = _read_stream(ole, fib.table_stream, len(data))
            extra = _read_stream(ole, "Data", len(data)) if ole.exists("Data") else None
    except (UnsupportedFormatError, MemoryError):
        raise
    except Exception as exc:  # olefile raises OSError, struct.error, IndexError … on damage
        raise BinaryInputError(f"not a readable .doc ({type(exc).__name__}: {exc}); {_RESAVE}",
                               path=path) from exc
    try:
        pieces = _pieces(table, fib, len(word))
        try:
            boxes: _TextBoxes | None = _TextBoxes(word, table, pieces, fib)
        except (_Corrupt, struct.error, IndexError, ValueError) as exc:
            log.warning("%s: the .doc's text boxes are damaged (%s): left out", path or "<doc>",
                        exc)
            boxes = None
        lines = _lines(word, pieces, fib, _Paragraphs(word, table, extra, fib), boxes)
    except (_Corrupt, struct.error, IndexError, ValueError, KeyError) as exc:
        raise BinaryInputError(f"a damaged .doc ({exc}); {_RESAVE}", path=path) from exc
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
