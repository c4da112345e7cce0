"""Hostile inputs (issue 5 item 2) to the Word 97–2003 .doc reader
(nlp_reports.ingest.doc) given hand-made OLE files whose FIB, piece table, text boxes,
fields, tables and sector chains hold absurd counts and offsets, and the walk's sniff of a
crawled OLE file without a suffix (corpus.files.sniff_report). Each input must give text or
the project's own error, within a CPU budget (process_time), in memory bounded by the file,
not by what its structures claim.

The .doc files are built here (a compound file of 512-byte sectors, a Word 97 FIB, a Clx)
around short fictional text written for these tests.
"""

from __future__ import annotations

import os
import struct
import time
import tracemalloc
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile import _outcome

from nlp_reports.errors import BinaryInputError, InputTooLargeError, ParseError
from nlp_reports.ingest import read_document
from nlp_reports.ingest.doc import _NO_LISTS, _NONE, _lines, _Lists, _Props

pytest.importorskip("olefile")

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
_END, _FREE, _FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
_TEXT_AT = 2048  # where the text starts in the WordDocument stream
_REPORT = ("青禾乡人民政府2023年政府信息公开工作年度报告\r一、总体情况\r"
           "2023年，我乡坚持以公开为常态、不公开为例外，全年主动公开信息126条。\r"
           "五、存在的主要问题及改进情况\r一要加强培训；二要完善审核机制。\r")


def _ole(streams: dict[str, bytes]) -> bytes:
    """A compound file (version 3) holding ``streams``, each padded to 4 KB or more so that
    it lies in the main FAT (no mini stream)."""
    names = list(streams)
    datas = [v + b"\0" * (max(4096, len(v) + -len(v) % 512) - len(v)) for v in streams.values()]
    n_dir = -(-(len(names) + 1) * 128 // 512)
    n_data = sum(len(d) // 512 for d in datas)
    n_fat = 1
    while n_fat * 128 < n_fat + n_dir + n_data:
        n_fat += 1
    fat = [_FATSECT] * n_fat + [n_fat + k + 1 for k in range(n_dir - 1)] + [_END]
    starts = []
    for d in datas:
        starts.append(len(fat))
        fat += [len(fat) + j + 1 for j in range(len(d) // 512 - 1)] + [_END]
    fat += [_FREE] * (n_fat * 128 - len(fat))
    head = bytearray(512)
    head[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", head, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<II", head, 0x2C, n_fat, n_fat)
    struct.pack_into("<IIIIII", head, 0x34, 0, 4096, _END, 0, _END, 0)
    struct.pack_into("<109I", head, 0x4C, *range(n_fat), *[_FREE] * (109 - n_fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        e = bytearray(128)
        u = name.encode("utf-16-le") + b"\0\0"
        e[:len(u)] = u
        struct.pack_into("<HBB", e, 64, len(u), kind, 1)
        struct.pack_into("<III", e, 68, _FREE, right, child)
        struct.pack_into("<IQ", e, 116, start, size)
        return bytes(e)

    dirs = entry("Root Entry", 5, 1, _FREE, _END, 0) + b"".join(
        entry(name, 2, _FREE, k + 2 if k + 1 < len(names) else _FREE, starts[k], len(datas[k]))
        for k, name in enumerate(names))
    dirs += b"\0" * (n_dir * 512 - len(dirs))
    return bytes(head) + struct.pack(f"<{len(fat)}I", *fat) + dirs + b"".join(datas)


def _clx(pieces: list[tuple[int, int, int, bool]]) -> bytes:
    """A Clx of pieces (cp start, cp end, byte offset in WordDocument, 8-bit)."""
    cps = [pieces[0][0]] + [p[1] for p in pieces]
    pcds = b"".join(struct.pack("<HIH", 0, p[2] * 2 | 0x40000000 if p[3] else p[2], 0)
                    for p in pieces)
    plc = struct.pack(f"<{len(cps)}I", *cps) + pcds
    return b"\x02" + struct.pack("<I", len(plc)) + plc


def _doc(text: str, pieces=None, ccp: int | None = None, table_tail: bytes = b"",
         fclcb: dict[int, tuple[int, int]] | None = None) -> bytes:
    """A .doc of ``text`` (UTF-16LE at _TEXT_AT): its pieces (one by default), ccpText,
    bytes after the Clx in the table stream, and FibRgFcLcb97 pairs {index: (fc, lcb)}."""
    body = text.encode("utf-16-le")
    clx = _clx(pieces or [(0, len(text), _TEXT_AT, False)])
    word = bytearray(_TEXT_AT + len(body))
    struct.pack_into("<HHHH", word, 0, 0xA5EC, 0xC1, 0, 0)
    struct.pack_into("<H", word, 0x0A, 0x0200)  # the table stream is 1Table
    struct.pack_into("<H", word, 32, 14)  # csw
    struct.pack_into("<H", word, 62, 22)  # cslw
    struct.pack_into("<I", word, 64 + 12, len(text) if ccp is None else ccp)
    struct.pack_into("<H", word, 152, 93)  # cbRgFcLcb
    for k, (fc, lcb) in {33: (0, len(clx)), **(fclcb or {})}.items():
        struct.pack_into("<II", word, 154 + 8 * k, fc, lcb)
    word[_TEXT_AT:] = body
    return _ole({"WordDocument": bytes(word), "1Table": clx + table_tail})


def _cpu(f, *args, **kw):
    t = time.process_time()
    try:
        out = f(*args, **kw)
    except ParseError as exc:
        out = exc
    return out, time.process_time() - t


def test_the_hand_made_doc_reads():
    doc = read_document(_doc(_REPORT), filename="qinghe.doc")
    assert doc.source_format == "doc"
    assert doc.text.splitlines()[0] == "青禾乡人民政府2023年政府信息公开工作年度报告"
    assert "一要加强培训；二要完善审核机制。" in doc.text


# --- pieces that all point at the same bytes ------------------------------------------------


def test_pieces_repeating_the_same_bytes_are_refused_not_multiplied():
    # 400 pieces of 12 bytes each naming the one page of text: a 40 KB file read as 6.4M
    # characters (0.9 s, 78 MB); 40,000 of them (480 KB) would have been 640M characters
    page = "本年度主动公开政府信息若干条。\r" * 1000
    n = len(page)
    pieces = [(k * n, (k + 1) * n, _TEXT_AT, False) for k in range(400)]
    data = _doc(page, pieces, ccp=400 * n)
    assert len(data) < 50_000
    out, cpu = _cpu(read_document, data, filename="repeat.doc")
    assert isinstance(out, BinaryInputError) and "more text than" in str(out)
    assert cpu < 0.5, f"{cpu:.2f} CPU s"
    # the same text in two pieces of its own bytes reads
    half = len(_REPORT) // 2
    two = [(0, half, _TEXT_AT, False), (half, len(_REPORT), _TEXT_AT + 2 * half, False)]
    assert read_document(_doc(_REPORT, two), filename="two.doc").text == \
        read_document(_doc(_REPORT), filename="one.doc").text


# --- text boxes ---------------------------------------------------------------------------------


def _boxes_doc(n: int, pieces_count: int) -> bytes:
    """``n`` text boxes anchored in the main text (n \\x08 marks), the text in
    ``pieces_count`` pieces."""
    main = "\x08" * n + "\r"
    story = ("文本框内说明。\r" * (n // 4 + 1))[:2 * n]
    text = main + story
    step = max(1, len(text) // pieces_count)
    cuts = [*range(0, len(text), step), len(text)]
    pieces = [(a, b, _TEXT_AT + 2 * a, False) for a, b in zip(cuts, cuts[1:], strict=False)
              if a < b]
    clx = _clx(pieces)
    spa = struct.pack(f"<{n + 1}I", *range(n + 1)) + b"".join(
        struct.pack("<I", 1000 + k) + bytes(22) for k in range(n))
    txbx = struct.pack(f"<{n + 1}I", *(2 * k for k in range(n)), len(story)) + b"".join(
        bytes(14) + struct.pack("<I", 1000 + k) + bytes(4) for k in range(n))
    return _doc(text, pieces, ccp=len(main), table_tail=spa + txbx,
                fclcb={40: (len(clx), len(spa)), 56: (len(clx) + len(spa), len(txbx))})


def test_many_text_boxes_over_many_pieces_are_read_in_linear_time():
    # each box walked every piece: 4,000 boxes over 12,000 pieces (a 400 KB file) took 7.3 s,
    # 2,000 over 6,000 1.9 s
    data = _boxes_doc(4000, 12000)
    out, cpu = _cpu(read_document, data, filename="boxes.doc")
    assert not isinstance(out, ParseError), out
    story = ("文本框内说明。\r" * 1001)[:8000]  # each box two characters of it, in order
    assert out.text.replace("\n", "") == story.replace("\r", "")
    assert cpu < 1.0, f"{cpu:.2f} CPU s"


# --- the OLE container: sector chains ----------------------------------------------------------


def _stream_entry(data: bytes, name: str) -> int:
    """Where the directory entry of stream ``name`` starts in ``data``."""
    return data.index(name.encode("utf-16-le") + b"\0\0")


def test_a_looping_sector_chain_under_a_huge_size_is_refused():
    # the WordDocument's entry says 4 GB and its chain loops back to its first sector:
    # olefile read the same sectors 20 s long into 9 GB of memory (a 16 KB file)
    data = bytearray(_doc(_REPORT))
    entry = _stream_entry(bytes(data), "WordDocument")
    first = struct.unpack_from("<I", data, entry + 116)[0]
    struct.pack_into("<Q", data, entry + 120, 0xFFFFFFFF)
    struct.pack_into("<I", data, 512 + 4 * (first + 2), first)  # third sector → first
    tracemalloc.start()
    try:
        out, cpu = _cpu(read_document, bytes(data), filename="loop.doc")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(out, BinaryInputError) and "larger than the file" in str(out)
    assert cpu < 0.5 and peak < 20 * 2**20, (cpu, peak)


def test_a_looping_chain_within_the_files_size_is_bounded():
    data = bytearray(_doc(_REPORT))
    entry = _stream_entry(bytes(data), "WordDocument")
    first = struct.unpack_from("<I", data, entry + 116)[0]
    struct.pack_into("<I", data, 512 + 4 * first, first)  # the first sector loops on itself
    out, cpu = _cpu(_outcome, bytes(data), "self.doc")
    assert cpu < 1.0


# --- the FIB, the piece table, fields ---------------------------------------------------------


@pytest.mark.parametrize("case", [
    {"ccp": 0xFFFFFFFF},  # the main text longer than anything
    {"pieces": [(0, 3, 0x3FFFFFF0, False)]},  # a piece past the stream
    {"pieces": [(0, 0xFFFFFFF0, _TEXT_AT, False)]},  # a piece of 4G characters
    {"pieces": [(0, 5, _TEXT_AT, True), (5, 0x7FFFFFFF, _TEXT_AT, True)]},
    *({"fclcb": {k: (fc, lcb)}} for k in (1, 13, 40, 56, 73, 74)
      for fc, lcb in ((0xFFFFFFF0, 0xFFFFFFFF), (0, 0xFFFFFFFF), (3, 1 << 20))),
    {"table_tail": struct.pack("<h", 32767) + bytes(28 * 2000),
     "fclcb": {73: (1, 2 + 28 * 2000), 74: (1, 4)}},  # 32,767 lists claimed
])
def test_absurd_counts_and_offsets_give_text_or_our_error(case):
    out, cpu = _cpu(_outcome, _doc(_REPORT, **case), "absurd.doc")
    assert cpu < 1.0, f"{cpu:.2f} CPU s"


def test_fields_nested_ten_thousand_deep_or_never_closed():
    nested = "\x13" * 10_000 + "PAGE" + "\x14" * 10_000 + "1" + "\x15" * 10_000 + "正文。\r"
    out, cpu = _cpu(read_document, _doc(_REPORT + nested), filename="fields.doc")
    assert not isinstance(out, ParseError) and out.text.endswith("正文。") and cpu < 1.0
    unclosed = _REPORT + "\x13" * 100_000 + "以下全是域代码\r"
    out, cpu = _cpu(read_document, _doc(unclosed), filename="open.doc")
    assert not isinstance(out, ParseError) and cpu < 1.0
    assert "以下全是域代码" not in out.text and "一要加强培训" in out.text


@SETTINGS
@given(st.dictionaries(st.sampled_from([1, 2, 13, 33, 40, 56, 73, 74]),
                       st.tuples(st.sampled_from([0, 1, 7, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF]),
                                 st.sampled_from([0, 1, 4, 16, 34, 0xFFFF, 0xFFFFFFFF])),
                       max_size=4),
       st.sampled_from([None, 0, 1, 0xFFFF, 0xFFFFFFFF]))
def test_random_fib_offsets_and_lengths(fclcb, ccp):
    _, cpu = _cpu(_outcome, _doc(_REPORT, ccp=ccp, fclcb=fclcb), "fib.doc")
    assert cpu < 1.0


# --- tables (the text stream's marks, with made-up paragraph properties) ---------------------


def _tdef(cells: list[tuple[int, int, int]]) -> bytes:
    """A sprmTDefTable operand: cells (left edge, right edge, merge flags)."""
    return bytes([len(cells)]) + b"".join(
        struct.pack("<h", e) for e in [cells[0][0], *(c[1] for c in cells)]) + b"".join(
        struct.pack("<H", c[2]) + bytes(18) for c in cells)


class _Marks:
    """The paragraph properties of given marks (byte offset → props)."""

    lists = _Lists(b"", _NO_LISTS)

    def __init__(self, marks):
        self.marks = marks

    def props(self, fc):
        return self.marks.get(fc, _NONE)


def _table_lines(rows, cell_text) -> tuple[list[str], int]:
    """Read rows [(cells, sprmTDefTable or None)] whose cell texts ``cell_text`` gives."""
    parts, marks, pos = [], {}, 0
    for k, (count, tdef) in enumerate(rows):
        for c in range(count):
            text = cell_text(k, c) + "\x07"
            parts.append(text)
            pos += len(text)
            marks[2 * (pos - 1)] = _Props(True, False, None, 0, 0)
        parts.append("\x07")
        pos += 1
        marks[2 * (pos - 1)] = _Props(True, True, tdef, 0, 0)
    text = "".join(parts) + "表后正文。\r"
    return _lines(text.encode("utf-16-le"), [(0, len(text), 0, False)],
                  SimpleNamespace(ccp_text=len(text)), _Marks(marks)), len(text)


def test_a_row_of_100000_cells_and_400_rows_of_255():
    (lines, _), cpu = _cpu(_table_lines, [(100_000, None)], lambda k, c: str(c % 10))
    assert max(line.count("\t") for line in lines) == 99_999 and lines[-1] == "表后正文。"
    assert cpu < 4.0, f"{cpu:.2f} CPU s"
    grid = _tdef([(20 * k, 20 * k + 20, 0) for k in range(255)])
    (lines, _), cpu = _cpu(_table_lines, [(255, grid)] * 400, lambda k, c: "数")
    assert sum(line.count("数") for line in lines) == 255 * 400
    assert cpu < 4.0, f"{cpu:.2f} CPU s"


def test_a_merged_cell_bomb_is_bounded_by_the_input():
    # a cell of 6,000 characters spanning the grid, merged down 20,000 rows
    grid = _tdef([(100 * k, 100 * k + 100, 0) for k in range(255)])
    rows = [(255, grid), (1, _tdef([(0, 25500, 0)]))] + [(1, _tdef([(0, 25500, 0x20)]))] * 20_000
    text = "合并单元格里很长的一段文字" * 500
    (lines, size), cpu = _cpu(_table_lines, rows, lambda k, c: text if k == 1 else "")
    assert sum(map(len, lines)) < 2 * size + 2_000_000 and cpu < 3.0


# --- a crawled OLE file without a suffix --------------------------------------------------------


def _sparse(path, head: bytes, size: int) -> None:
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(size)


def test_a_2_gb_sparse_ole_file_without_a_suffix_is_sniffed_from_its_directory(tmp_path):
    # sniff_report read it whole (head += fh.read()): 2 GB file, 4 GB of memory, each walk
    from nlp_reports.corpus.files import sniff_report

    doc = _doc(_REPORT)
    path = tmp_path / "content" / "5102257"
    path.parent.mkdir()
    try:
        _sparse(path, doc, 2 * 2**30)
    except OSError:
        pytest.skip("no sparse files here")
    xls = bytearray(doc)
    at = _stream_entry(doc, "WordDocument")
    xls[at:at + 24] = "Workbook\0\0\0\0".encode("utf-16-le")
    _sparse(tmp_path / "content" / "5102258", bytes(xls), 2 * 2**30)
    tracemalloc.start()
    try:
        t = time.process_time()
        found = [sniff_report(path), sniff_report(tmp_path / "content" / "5102258")]
        cpu = time.process_time() - t
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == [True, False]  # a .doc (then refused as too large, listed), an .xls not
    assert peak < 4 * 2**20 and cpu < 0.5, (peak, cpu)
    with pytest.raises(InputTooLargeError):
        read_document(path)
    small = tmp_path / "content" / "5102259"
    small.write_bytes(doc)  # under the size limit: read whole, as before
    assert sniff_report(small)
    os.unlink(path)


# --- section 五: labelled items in digits ("不足1、…⏎不足2、…", a288b6f) --------------------


def test_many_lines_opening_with_a_lone_labelled_digit_are_read_in_linear_time():
    # each line "不足5、…" searched the whole of 五 for a "不足4、"/"不足6、" line: 16,000
    # such lines (176 KB) took 27 s, 8,000 6.8 s
    from nlp_reports import load_report

    items = ["不足5、政策解读形式较为单一。", "问题7、依申请公开答复文书不够规范。",
             "措施3.加强对基层工作人员的业务培训。"]
    body = "\n".join(items[k % 3] for k in range(16_000))
    text = ("白沙镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n2024年，我镇公开信息212条。\n"
            f"五、存在的主要问题及改进情况\n{body}\n六、其他需要报告的事项\n无。\n")
    report, cpu = _cpu(load_report, text.encode("utf-8"), filename="baisha.txt")
    assert not isinstance(report, ParseError), report
    assert len(report.statements) >= 1000
    assert cpu < 4.0, f"{cpu:.2f} CPU s"


def test_list_instances_claiming_overrides_that_are_not_there():
    # 65,536 LFOs (1 MB) each claiming 255 level overrides, no LfoData: a loop of 16.7M
    # steps (0.9 s; a 50 MB file 43 s). The numbering is left out, the text read
    lfos = 65_536
    lst = struct.pack("<h", 0)
    lfo = struct.pack("<I", lfos) + (struct.pack("<iII", 1, 0, 0) + bytes([255, 0, 0, 0])) * lfos
    at = len(_clx([(0, len(_REPORT), _TEXT_AT, False)]))
    data = _doc(_REPORT, table_tail=lst + lfo,
                fclcb={73: (at, len(lst)), 74: (at + len(lst), len(lfo))})
    out, cpu = _cpu(read_document, data, filename="lfo.doc")
    assert not isinstance(out, ParseError) and "一要加强培训" in out.text
    assert cpu < 0.3, f"{cpu:.2f} CPU s"
