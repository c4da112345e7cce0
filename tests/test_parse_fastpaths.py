"""The parser's speed-ups (caches, fast paths, precompiled patterns) change no output.

Each fast path is checked against the plain formulation it replaced, on generated inputs,
and whole reports parse the same with cold and with warm caches.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nlp_reports.errors import BinaryInputError, EmptyInputError
from nlp_reports.ingest import normalize as norm
from nlp_reports.parse import checks, load_report, sections, tables
from nlp_reports.parse import metadata as meta

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"

_PLACES = st.sampled_from(["云南", "江苏", "内蒙古", "文山", "砚山", "东城", "南湖", "青禾", "枫林"])
_UNITS = st.sampled_from(["省", "自治区", "市", "州", "自治州", "地区", "县", "区", "旗", "镇", "局"])
_BITS = st.one_of(_PLACES, _UNITS, st.sampled_from(["人民政府", "，", "\n", "2023年", "的"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_BITS, max_size=14), st.tuples(_PLACES, _UNITS), st.integers(0, 14))
def test_chain_before_is_the_per_agency_search(bits, head_parts, at):
    """One compiled pattern with a back-reference finds what a per-head compile found."""
    head = "".join(head_parts)
    bits.insert(min(at, len(bits)), head)
    text = "".join(bits)
    plain = re.search(meta._CHAIN_BEFORE + re.escape(head), text)
    assert meta._chain_before(head, text) == (plain.group() if plain else None)


def _normalize_plain(text: str) -> str:
    """normalize_text without its fast paths (every substitution always run)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = norm._TO_CHANGE.sub(lambda m: norm._TABLE_STR[m.group()], text)
    text = norm._EMOJI.sub("", text)
    text = norm._MD_BOLD_LINE.sub(lambda m: norm._MD_STARS.sub("", m.group()), text)
    text = norm._MD_HEADING.sub("", text)
    text = re.sub(r" {2,}", " ", text)
    text = norm._SPACE_AROUND_TAB.sub("\t", text)
    return norm._EDGE_SPACE.sub("", text)


_CHARS = st.sampled_from(list(" \n\t\r\u3000\u00a0ab3３（）*#\u200b\x01资讯報告国📌\ufe0f") + ["  ", "**", "## "])


@settings(max_examples=400, deadline=None)
@given(st.lists(_CHARS, max_size=40).map("".join))
def test_normalize_fast_paths_change_nothing(text):
    assert norm.normalize_text(text) == _normalize_plain(text)


_PLAIN_CHARS = st.sampled_from(list("国的，。：；！？（）(1２３)“”—…·①■★、《》 \n\tAb%％") + ["\u3000"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PLAIN_CHARS, max_size=40).map("".join))
def test_normalize_plain_text_fast_path_both_sides(text):
    """Text of plain characters skips NFC and the table; other text takes the general path."""
    assert norm.normalize_text(text) == _normalize_plain(text)


def _composition_seconds() -> set[str]:
    """The second halves of canonical compositions (NFC may join one to the char before)."""
    seconds = set()
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<") and len(d.split()) == 2:
            seconds.add(chr(int(d.split()[1], 16)))
    return seconds


def test_plain_characters_are_left_alone_by_nfc_the_table_and_the_emoji_pattern():
    """Every code point of the fast path's class: NFC-stable in any company, never mapped."""
    seconds = _composition_seconds()
    one = re.compile(f"[{norm._PLAIN_CLASS}]")
    plain = [chr(cp) for cp in range(0x110000) if one.fullmatch(chr(cp))]
    assert len(plain) > 20_000  # the CJK block is in
    for ch in plain:
        d = unicodedata.decomposition(ch)
        assert not d or d.startswith("<"), hex(ord(ch))
        assert unicodedata.combining(ch) == 0, hex(ord(ch))
        assert ch not in seconds and ord(ch) not in norm._TABLE, hex(ord(ch))
        assert not norm._EMOJI.match(ch), hex(ord(ch))
    assert norm._PLAIN.fullmatch("".join(plain))
    for ch in "\u3000（）０Ａ．％\u00a0\u200b\x01\r📌\ufe0f\u0301\uf900":  # these must take the general path
        assert norm._PLAIN.fullmatch("国" + ch) is None, hex(ord(ch))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["資訊", "條例", "報告", "国", "的", "問題", "机关", "\n"]),
                max_size=60).map("".join))
def test_traditional_check_fast_path(text):
    head = text[:4000]
    hits = norm.TRADITIONAL_CHARS.intersection(head)
    if not hits:
        assert norm.detect_traditional(text) is False
    assert bool(norm._TRADITIONAL_ANY.search(head)) == bool(hits)


def test_heading_candidates_are_the_line_starts_of_the_multiline_pattern():
    text = "一、总体情况\n二、主动公开\n 三 依申请\n正文一、不是\n\u3000第四部分 复议\n(一)小标题\n五"
    text += "\n（二）小标题\n\u3000(三) x\n一二三\n第\n"
    for line_start, prefilter in ((sections._START_NUMERAL, sections._LINE_START_NUMERAL),
                                  (sections._START_BRACKET, sections._LINE_START_BRACKET)):
        plain = re.compile(r"^" + line_start, re.M)
        for start in range(len(text)):
            for end in (start, len(text) - 3, len(text)):
                want = [m.start() for m in plain.finditer(text, start, end)]
                got = list(sections._line_candidates(prefilter, text, start, end))
                assert got == want


def _reports() -> list[Path]:
    files = sorted(p for p in EXAMPLES.glob("*") if p.suffix in (".txt", ".html"))
    if not files:
        pytest.skip("examples/corpus is absent")
    return files[:12]


def test_reports_parse_the_same_with_cold_and_warm_caches():
    files = _reports()
    tables._LINE_CACHE.clear()
    tables._SKIP_LINES.clear()
    tables._PLAIN_ROWS.clear()
    sections._HEADING_LINES.clear()
    cold = [load_report(p).to_dict() for p in files]
    warm = [load_report(p).to_dict() for p in reversed(files)][::-1]
    assert warm == cold


def _read_rows_plain(lines, start, table, *, stop, expected, last):
    """tables._read_rows as it was before its fast path (one line a turn, _match per label)."""
    rows = tables._Rows(start=start)
    p = 0
    current = None
    i = start
    last_match = start
    while i < len(lines) and i - last_match <= tables._MAX_GAP:
        ln = lines[i]
        if ln.labels:
            stopped = False
            for norm in ln.labels:
                k = tables._match(norm, table, p)
                if k is None:
                    if rows.cells and stop.search(norm) and len(norm) <= tables._MAX_LABEL:
                        stopped = True
                        break
                    if current is not None:
                        exp = expected(current, rows)
                        if exp is not None and len(rows.cells[current]) >= exp:
                            current = None
                        elif not rows.cells[current] and i != last_match:
                            rows.unplaced.add(current)
                    continue
                current = table.specs[k].key
                rows.cells[current] = []
                rows.flat[current] = True
                p = k + 1
                last_match = i
            if stopped:
                break
            if rows.cells:  # numbers among the labels (two rows on one line): stray
                rows.stray += ln.buried
        if ln.cells:
            if current is None:
                if rows.cells:
                    rows.stray += len(ln.cells)
            else:
                rows.cells[current].extend(ln.cells)
                if ln.labels or len(ln.cells) > 1:
                    rows.flat[current] = False
        i += 1
        if current is not None and current == last:
            exp = expected(current, rows)
            if exp is not None and len(rows.cells[current]) >= exp:
                if (rows.cells[current] and i < len(lines) and not lines[i].labels
                        and rows.flat[current] and current not in rows.unplaced):
                    rows.cells[current].extend(lines[i].cells)  # a value too many
                    i += 1
                    more, j = 0, i  # values still going on one a line: a column's
                    while j < len(lines) and not lines[j].labels:
                        more += len(lines[j].cells)
                        j += 1
                    if more:
                        rows.unplaced.add(current)
                        rows.stray += more
                break
    rows.end = i
    return rows


_ROW_LINES = st.sampled_from([
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "(一)予以公开",
    "(二)部分公开", "1.属于国家秘密", "(七)总计", "四、结转下年度继续办理", "其他", "申请人情况",
    "行政复议", "0", "3", "12", "/", "", "0 1 2", "1\t2\t3", "予以公开 1 0 0 0 0 0 1",
    "总计\t2\t0\t0\t0\t0\t0\t2", "本年度办理结果", "规章", "行政许可", "10", "行政事业性收费",
    "二、上年结转 0 0 0 0 0 0 0 三、本年度办理结果", "行政处罚 76 行政强制 2",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ROW_LINES, max_size=120), st.integers(0, 5))
def test_read_rows_fast_loop_is_the_line_by_line_read(raws, start):
    """The tight loop over label-free lines reads what the line-by-line loop read."""
    lines = tables._split_lines("\n".join(raws))
    start = min(start, len(lines))
    for table, stop, expected, last in (
            (tables._T3, tables._T3_STOP, tables._t3_expected, "4"),
            (tables._T2, tables._T2_STOP, lambda key, rows: 1, "table2.8|fees")):
        fast = tables._read_rows(lines, start, table, stop=stop, expected=expected, last=last)
        plain = _read_rows_plain(lines, start, table, stop=stop, expected=expected, last=last)
        assert (fast.cells, fast.flat, fast.stray, fast.end, fast.unplaced) == (
            plain.cells, plain.flat, plain.stray, plain.end, plain.unplaced)


def test_split_lines_skips_blank_lines_as_before():
    text = "一、本年新收\n\n\n0\n\n \n3\t\n\n- 2 -\n\n\n\n总计\n\t\t\n" + "长" * 90 + "\n"
    plain = [tables._cut_line(raw) for raw in text.split("\n")]
    plain = [ln for ln in plain if ln is not None]
    for _ in range(2):  # cold (lines cut, blank ones noted), then warm (all looked up)
        got = tables._split_lines(text)
        assert [(ln.labels, ln.cells, ln.grid) for ln in got] == [
            (ln.labels, ln.cells, ln.grid) for ln in plain]
    known = "0\n3\t\n总计"  # every line known and none blank: the one-pass lookup
    assert [ln.labels for ln in tables._split_lines(known)] == [[], [], ["总计"]]


#: another channel or a comparison, written plainly (the look-behind checks.py avoids for speed)
_PLAIN_OTHER = re.compile(r"来信|信访|12345|热线|留言|咨询|建议|提案|(?<!复)议案|"
                          + checks._COMPARISON.pattern)


def _narrative_plain(text):
    """checks._narrative_figures without its skips: every line and sentence searched."""
    found = {}
    context = False
    for line in text.split("\n"):
        first = True
        for m in checks._SENTENCE.finditer(line):
            sent = m.group()
            if first and m.start() == 0:
                context = False
            first = False
            if _PLAIN_OTHER.search(sent):
                context = False
                continue
            if checks._APPLICATION.search(sent):
                context = True
                if checks._NOT_RECEIVED.search(sent) or checks._NO_APPLICATION.search(sent):
                    found.setdefault("received", set()).add(0)
                for r in checks._RECEIVED.finditer(sent):
                    gap = r.group("gap")
                    cut = max(sent.rfind("，", 0, r.start()), sent.rfind(",", 0, r.start()))
                    if ("申请" not in gap or checks._NOT_APPLICATION.search(gap)
                            or checks._SUBCOUNT.search(sent[cut + 1:r.start()])
                            or checks._SUBCOUNT.search(gap)):
                        continue
                    if r.group(0).startswith("新收"):
                        kind = "received"
                    elif checks._INCLUDES_CARRIED_AFTER.match(sent, r.end()):
                        kind = "received_incl"
                    elif checks._CARRIED.search(sent):
                        if not checks._CARRIED_APART.match(sent, r.end()):
                            continue
                        kind = "received"
                    else:
                        kind = "received"
                    found.setdefault(kind, set()).add(checks.parse_chinese_number(r.group(2)))
            if context:
                for kind, pat, _ in checks._FIGURES:
                    for f in pat.finditer(sent):
                        found.setdefault(kind, set()).add(checks.parse_chinese_number(f.group(1)))
            if "行政复议" in sent or "行政诉讼" in sent:
                for clause in checks._CLAUSE_SPLIT.split(sent):
                    neg = checks._NO_CASES.search(clause)
                    if neg and "政府信息公开" in sent:
                        span = clause[neg.start():]
                        for word, kind in (("行政复议", "review"), ("行政诉讼", "litigation")):
                            if word in span:
                                found.setdefault(kind, set()).add(0)
                        continue
                    if "政府信息公开" not in sent:
                        continue
                    for rx, kind in ((checks._REVIEW, "review"), (checks._LITIGATION, "litigation")):
                        for f in rx.finditer(clause):
                            found.setdefault(kind, set()).add(checks.parse_chinese_number(f.group(1)))
    found.pop(None, None)
    return {k: v - {None} for k, v in found.items() if v - {None}}


_NARRATIVE_BITS = st.sampled_from([
    "全年共收到政府信息公开申请5件", "其中予以公开2件", "部分公开1件", "不予公开3件", "办结4件",
    "结转下年度继续办理1件", "本年新收申请十二件", "未收到政府信息公开申请", "同比增长",
    "来信来访", "被申请行政复议1件", "政府信息公开行政诉讼2起", "未发生行政复议", "。", "；",
    "，", "\n", "\n\n", "工作平稳推进", "依申请公开", "含上年结转", "全年无政府信息公开申请",
    "今年没有受理依申请公开", "上年结转3件", "（含上年结转1件）", "全部或部分公开2件", "行政复议案件1件",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_NARRATIVE_BITS, max_size=30).map("".join))
def test_narrative_figures_skips_change_nothing(text):
    """Lines without a key phrase skipped, literals tested before the patterns: same figures."""
    assert all("申请" in phrase for phrase in checks._APPLICATION.pattern.split("|"))  # (_KEY)
    assert checks._narrative_figures(text) == _narrative_plain(text)


def _evaluate_plain(table, plan):
    """checks._evaluate by Table.get, one identity at a time (no getters, no memo)."""
    if table.status != "ok":
        return None
    out = []
    for x in plan:
        ops = [table.values[i][j] for i, j in (*x.lhs, *x.rhs)]
        if None in ops:
            out.append((x.cid, x.row, x.column, "not_assessable"))
            continue
        found, expected = float(sum(ops[:len(x.lhs)])), float(sum(ops[len(x.lhs):]))
        status = "pass" if abs(found - expected) < checks.TOLERANCE else "fail"
        out.append((x.cid, x.row, x.column, status, found, expected))
    return out


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_evaluate_with_and_without_blank_cells(data):
    """Tables without a blank take the fast branch, tables with one the general branch."""
    from nlp_reports.parse.layout import TABLE3_COLUMNS, TABLE3_ROWS
    from nlp_reports.report import Table

    rows = tuple(r for r, _ in TABLE3_ROWS)
    cols = tuple(c for c, _ in TABLE3_COLUMNS)
    cell = st.one_of(st.sampled_from([0.0, 1.0, 2.0]), st.none()) if data.draw(st.booleans()) \
        else st.sampled_from([0.0, 1.0, 2.0, 3.0])
    flat = data.draw(st.lists(cell, min_size=len(rows) * len(cols), max_size=len(rows) * len(cols)))
    values = tuple(tuple(flat[i:i + len(cols)]) for i in range(0, len(flat), len(cols)))
    t = Table("table3", "t", rows, rows, cols, cols, values, values, "ok", None)
    plan = checks._table3_plan(rows, cols, True)
    got = [(c.id, c.row, c.column, c.outcome) + ((c.found, c.expected) if c.outcome != "not_assessable"
                                                  else ()) for c in checks._evaluate(t, plan)]
    assert got == _evaluate_plain(t, plan)


def test_plain_row_memo_is_the_cells_own_reading():
    """A memoised row reads as its cells do: the same raw text gives the same cells."""
    text = "\n".join(["一、本年新收", "0", "1", "2", "3", "0", "0", "6", "二、上年结转",
                      "0", "0", "0", "0", "0", "0", "0", "(七)总计", "-1", "0", "/", "0", "0", "0", "1.5"])
    for counts in (True, False):
        tables._PLAIN_ROWS.clear()
        lines = tables._split_lines(text)
        rows = tables._read_rows(lines, 0, tables._T3, stop=tables._T3_STOP,
                                 expected=lambda row, rows: 7, last="4")
        row_defs = [("1", "一"), ("2", "二"), ("3.7", "总计")]
        cols = [(str(i), str(i)) for i in range(7)]
        cold = tables._build("table3", "t", row_defs, cols, rows.cells, rows.flat, "表三",
                             counts=counts)
        warm = tables._build("table3", "t", row_defs, cols, rows.cells, rows.flat, "表三",
                             counts=counts)
        assert cold == warm
        table = cold[0]
        for r, (rid, _) in enumerate(row_defs):
            cells = rows.cells[rid]
            assert table.raw[r] == tuple(c.raw for c in cells)
            plausible = all(c.kind == tables.NUM and (not counts or (c.value >= 0 and c.value.is_integer()))
                            for c in cells)
            assert (table.values[r] == tuple(c.value for c in cells)) if plausible else \
                (None in table.values[r])


def test_file_read_on_a_bare_descriptor_reads_on_after_short_reads(tmp_path, monkeypatch):
    """_read_file reads the whole file even when the system hands it over in small pieces,
    and a file over the limit is refused as with a buffered read."""
    import os as _os

    from nlp_reports import ingest
    from nlp_reports.errors import InputTooLargeError

    body = ("一、总体情况\n本机关共收到申请3件。\n" * 50).encode()
    path = tmp_path / "r.txt"
    path.write_bytes(body)
    assert ingest._read_file(str(path), 10_000) == body
    real_read = _os.read
    monkeypatch.setattr(ingest.os, "read", lambda fd, n: real_read(fd, min(n, 7)))
    assert ingest._read_file(str(path), 10_000) == body
    with pytest.raises(InputTooLargeError):
        ingest._read_file(str(path), len(body) - 1)
    monkeypatch.setattr(ingest.os, "stat", lambda p: _os.stat_result((0o100644, 0, 0, 1, 0, 0, 10, 0, 0, 0)))
    assert ingest._read_file(str(path), 10_000) == body  # the file "grew" since stat: read on
    with pytest.raises(InputTooLargeError):
        ingest._read_file(str(path), 100)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["資訊", "條例", "報告", "國", "国", "的", "問題", "机关", "\n", " ",
                                 "（", "３", "📌", "\r", "①", "，"]), max_size=60).map("".join))
def test_simplified_plain_scan_answers_the_traditional_check(text):
    """Text of plain simplified characters skips detect_traditional; other text runs it."""
    out, simple = norm._normalize(text)
    assert out == norm.normalize_text(text) == _normalize_plain(text)
    if simple:
        assert norm.detect_traditional(out.strip("\n")) is False
        assert not norm.TRADITIONAL_CHARS.intersection(text)
    else:
        assert norm.TRADITIONAL_CHARS.intersection(text) or norm._PLAIN.fullmatch(
            text.replace("\r", "\n")) is None
    if out.strip("\n").strip():
        from nlp_reports.ingest import _finish

        doc = _finish(text, "text", None, None)
        assert doc.traditional == norm.detect_traditional(out.strip("\n"))


def test_wide_forms_are_nfc_stable_and_mapped_to_one_ascii_character():
    """The full-width forms the wide-only path replaces by hand (normalize._WIDE): NFC leaves
    them and their neighbours alone, the table maps each to one ASCII character, and none is
    an emoji, so the general path's NFC and emoji steps change nothing the fast one skips."""
    seconds = _composition_seconds()
    assert {"（", "）", "％", "０", "Ａ"} <= norm._WIDE
    for ch in norm._WIDE:
        assert unicodedata.decomposition(ch).startswith("<wide>"), hex(ord(ch))
        assert unicodedata.combining(ch) == 0 and ch not in seconds, hex(ord(ch))
        assert len(norm._TABLE_STR[ch]) == 1 and norm._TABLE_STR[ch].isascii(), hex(ord(ch))
        assert not norm._EMOJI.match(ch), hex(ord(ch))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["（", "）", "％", "３", "Ｂ", "．", "国", "報", "，", "\n", "\r", " ",
                                 "\u3000", "①", "📌", "\u0301", "a"]), max_size=40).map("".join))
def test_wide_only_text_normalizes_as_the_general_path(text):
    """Plain simplified text with full-width forms takes the wide-only path: the same text as
    the general path, and told simple only when no traditional character is in it."""
    out, simple = norm._normalize(text)
    assert out == _normalize_plain(text)
    wide = norm._wide_only(text.replace("\r\n", "\n").replace("\r", "\n"))
    assert simple == (norm._PLAIN_SIMPLIFIED.fullmatch(text) is not None or wide is not None)
    if simple:
        assert not norm.TRADITIONAL_CHARS.intersection(text)
        assert norm.detect_traditional(out) is False


def test_symbol_prefilter_covers_the_symbol_marker_kinds():
    """statements._candidates skips the circled / paren_char / stop_char / bullet scans when
    _SYMBOL_MARKS finds nothing: every character that can open one of their matches is in it."""
    from nlp_reports.parse import statements

    kinds = [rx for kind, rx, _ in statements._MARKERS if kind in statements._SYMBOL_KINDS]
    assert len(kinds) == 4
    for cp in range(0x10000):
        ch = chr(cp)
        if any(rx.match(ch) for rx in kinds):
            assert statements._SYMBOL_MARKS.match(ch), hex(cp)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("一二三五九十0123456789、.．)）是x\n ")), max_size=30).map("".join))
def test_marker_patterns_that_start_with_a_class_match_as_the_plain_forms(text):
    """statements' cn_dun / num_dot / num_paren / cn_paren, rewritten for a fast scan, find the same."""
    from nlp_reports.parse import statements

    plain = {"cn_dun": rf"({statements._CN_NUM})[、.．]", "num_dot": rf"(\d{{1,2}})(?:{statements._DOT_AFTER_NUMBER}|、)",
             "num_paren": r"(\d{1,2})[)）]", "cn_paren": rf"({statements._CN_NUM})[)）]"}
    for kind, rx, _ in statements._MARKERS:
        if kind in plain:
            want = [(m.span(), m.group(1)) for m in re.finditer(plain[kind], text)]
            assert [(m.span(), m.group(1)) for m in rx.finditer(text)] == want


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("一二五九十)）(（是、。x \u3000\n")), max_size=30).map("".join),
       st.integers(0, 30))
@example("（一）公开不及时\n  二）回复偏慢", 0)
@example("（一）公开不及时\n二）回复偏慢", 1)
@example("　十二）不及时", 0)
def test_cn_paren_guard_keeps_every_line_start_candidate(text, start):
    """statements._candidates looks for a line opening with "一）" before scanning for cn_paren
    markers: the candidates are still every "一）" at a line start (blanks before it allowed)
    or at the block's start, by the plain pattern."""
    from nlp_reports.parse import statements

    start = min(start, len(text))
    want = []
    for m in re.compile(rf"({statements._CN_NUM})[)）]").finditer(text, start):
        k = m.start()
        while k > start and text[k - 1] in " \t\u3000":
            k -= 1
        if k == start or text[k - 1] == "\n":
            want.append((m.start(), m.end(), statements._CN[m.group(1)]))
    got = statements._candidates(text, start, len(text)).get("cn_paren", [])
    assert got == want


_BYTES_BITS = st.sampled_from([
    "一、总体情况\n".encode(), "本机关收到申请3件。".encode(), "資訊報告".encode(), b"\r\n", b"\r",
    b"\xef\xbb\xbf", b"\x00", b"\x01", b"\xff", "（３）".encode(), "📌".encode(), b"<html>", b" ",
    "国" .encode() * 30, "─".encode() * 40,
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_BYTES_BITS, max_size=40).map(b"".join))
def test_plain_utf8_fast_path_reads_as_decode_bytes(data):
    """Bytes the fast path takes decode as decode_bytes decodes them, other bytes go through
    decode_bytes itself, and read_document makes the document the general path makes."""
    from nlp_reports import ingest
    from nlp_reports.errors import ParseError
    from nlp_reports.ingest import encoding

    def outcome(f, *args, **kw):
        try:
            return f(*args, **kw)
        except ParseError as exc:
            return type(exc).__name__, str(exc)

    got = outcome(encoding.decode_text_file, data)
    want = outcome(encoding.decode_bytes, data)
    if isinstance(got, tuple) and len(got) == 3:
        assert got[:2] == want
        if got[2]:  # plain, but for the full-width forms it names (which it holds)
            wide = set() if got[2] is True else got[2]
            assert wide == {c for c in got[0] if c in norm._WIDE}
            plain = got[0].replace("\r", "\n")
            for c in wide:
                plain = plain.replace(c, "")
            assert norm._PLAIN_SIMPLIFIED.fullmatch(plain)
    else:
        assert got == want
    doc = outcome(ingest.read_document, data, filename="r.txt")
    real = encoding._wide_only
    try:
        encoding._wide_only = lambda text: None  # the general path for every input
        assert outcome(ingest.read_document, data, filename="r.txt") == doc
    finally:
        encoding._wide_only = real


def test_plain_utf8_leaves_the_defect_rules_to_decode_bytes():
    from nlp_reports.ingest import encoding

    boxes = "─".encode() * 1100  # plain characters, but 1000+ of them without a Chinese one
    assert encoding.decode_text_file("国".encode() + boxes) == ("国" + "─" * 1100, "utf-8", True)
    with pytest.raises(BinaryInputError):
        encoding.decode_text_file(boxes)
    for data in (b"\xef\xbb\xbf" + "国".encode(), "國".encode(), "（國）".encode()):
        text, codec, simple = encoding.decode_text_file(data)
        assert (text, codec) == encoding.decode_bytes(data) and not simple
    # full-width forms in a text otherwise plain are named, for the normalizer to map
    text, codec, simple = encoding.decode_text_file("（国）３".encode())
    assert (text, codec) == encoding.decode_bytes("（国）３".encode())
    assert simple == frozenset("（）３")
    with pytest.raises(EmptyInputError):
        encoding.decode_text_file(b"")
