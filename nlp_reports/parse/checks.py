"""The accounting checks (勾稽关系): identities I1–I4 within the tables, and T1/T2 against the text.

* I1 per column of 表三: row 一 + row 二 = (七)总计 + row 四 (the identity the form prints);
* I2 per row of 表三: 总计 = the six applicant columns (and 法人或其他组织小计 = the five
  organisation columns, when that column exists);
* I3 per column of 表三: (七)总计 = the sum of all outcome rows;
* I4 per group of 表四: 总计 = 维持 + 纠正 + 其他 + 尚未审结;
* T1: figures quoted in section 一 agree with the tables (only figures that can be
  attributed without doubt; I5, 行政诉讼 = both litigation totals, is used here);
* T2: fees charged (表二 第二十条第（八）项) while section 六 says only "无".

Blank operands and unreadable tables give ``not_assessable``, never a guess. An operand
written as a none-mark ("—", "——", "/", "无" …: :data:`NONE_MARKS`; null in ``values``) is read
as 0 by the checks alone, each such cell named in the check's ``zero_read`` and message. See
``docs/schema.md`` (*checks*).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any

from nlp_reports.parse.layout import (
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_OUTCOME_ROWS,
    TABLE3_OUTCOME_ROWS_2019,
    TABLE4_GROUPS,
)
from nlp_reports.parse.metadata import HANZI_ZEROS
from nlp_reports.report import Check, Table

__all__ = ["run_checks", "TOLERANCE", "parse_chinese_number", "narrative_figures", "NONE_MARKS"]

#: What a report writes in a count cell for "none" (—, ——, －, -, /, 无 …): the cell is null in
#: ``Table.values`` (what was written, never 0: tables reads them so), and the checks read it as
#: 0, saying so. A blank ("") is not among them: a flattened page's empty line may be a dropped
#: figure as well as a blank cell.
NONE_MARKS = frozenset({"/", "／", "\\", "-", "--", "—", "——", "－", "–", "无", "空"})

#: Two values are equal when they differ by less than this (fees are decimals).
TOLERANCE = 1e-6

_ORG_COLUMNS = TABLE3_APPLICANT_COLUMNS[1:]
_RESULT_PARTS = ("upheld", "corrected", "other", "pending")


def _fmt(v: float | None) -> str:
    if v is None:
        return "blank"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


@dataclass(frozen=True)
class _Identity:
    """One identity ``found (+ found_plus) = sum(parts)`` with its cells as (row, column)
    indices into ``Table.values`` (None when not resolved: the table is unreadable)."""

    cid: str
    row: str | None
    column: str | None
    lhs: tuple[tuple[int, int], ...] | None
    rhs: tuple[tuple[int, int], ...] | None
    names: tuple[str, ...]  # "row/column" of every operand, lhs first
    what: str
    #: the operands out of the row-major flattened values of a rectangular table
    lhs_of: Callable[[Sequence[float | None]], tuple[float | None, ...]] | None = None
    rhs_of: Callable[[Sequence[float | None]], tuple[float | None, ...]] | None = None
    #: (table id, found, expected) → its pass/fail Check: the same sums recur across
    #: reports (rows of zeros above all), and a Check is immutable
    done: dict[tuple[str, float, float], Check] = field(
        default_factory=dict, compare=False, hash=False, repr=False)
    #: the one row all operands lie in (I2: 总计 and the applicant columns of one row), or None
    row_at: int | None = None
    #: that row's values → its Check (rows repeat across reports: no sums to redo)
    by_row: dict[tuple[float | None, ...], Check] = field(
        default_factory=dict, compare=False, hash=False, repr=False)
    #: (table id, operands, the none-marks as written) → the Check reading them as 0 (a
    #: column or row of "—" recurs across reports: its note is not written again)
    zeros: dict[tuple[Any, ...], Check] = field(
        default_factory=dict, compare=False, hash=False, repr=False)


class _Planner:
    """Builds the identities of one table shape; cells resolved only when ``resolve``."""

    def __init__(self, rows: tuple[str, ...], columns: tuple[str, ...], resolve: bool) -> None:
        self._r = {r: i for i, r in enumerate(rows)} if resolve else None
        self._c = {c: i for i, c in enumerate(columns)} if resolve else None
        self._ncols = len(columns)
        self.plan: list[_Identity] = []

    def add(self, cid: str, *, row: str | None, column: str | None, found: tuple[str, str],
            parts: Iterable[tuple[str, str]], what: str,
            found_plus: Iterable[tuple[str, str]] = ()) -> None:
        operands = (found, *found_plus)
        parts = tuple(parts)
        lhs = rhs = lhs_of = rhs_of = row_at = None
        if self._r is not None and self._c is not None:
            lhs = tuple((self._r[r], self._c[c]) for r, c in operands)
            rhs = tuple((self._r[r], self._c[c]) for r, c in parts)
            lhs_of, rhs_of = self._getter(lhs), self._getter(rhs)
            in_rows = {i for i, _ in (*lhs, *rhs)}
            if len(in_rows) == 1:
                row_at = in_rows.pop()
        names = tuple(f"{r}/{c}" for r, c in (*operands, *parts))
        self.plan.append(_Identity(cid, row, column, lhs, rhs, names, what, lhs_of, rhs_of,
                                   row_at=row_at))

    def _getter(self, cells: tuple[tuple[int, int], ...]
                ) -> Callable[[Sequence[float | None]], tuple[float | None, ...]]:
        at = [i * self._ncols + j for i, j in cells]
        if len(at) == 1:
            k = at[0]
            return lambda flat: (flat[k],)
        return itemgetter(*at)


def _evaluate(table: Table, plan: Sequence[_Identity]) -> list[Check]:
    """The Checks of a table's identities, in plan order."""
    if table.status != "ok":
        message = f"{table.id} is unreadable: {table.problem or 'incomplete'}"
        return [Check(x.cid, "not_assessable", table.id, x.row, x.column, message=message)
                for x in plan]
    values = table.values
    # a rectangular table (as read_tables builds them): operands taken by C-level getters
    flat = (list(chain.from_iterable(values))
            if set(map(len, values)) == {len(table.columns)} else None)
    out = []
    if flat is not None and None not in flat:  # no blank cell: no operand to test for None
        tid = table.id
        for x in plan:
            at = x.row_at
            if at is not None:  # a one-row identity: its Check is a function of the row
                try:
                    check = x.by_row.get(values[at])
                except TypeError:  # (a row given as a list: no key)
                    at = check = None
                if check is not None and check.table == tid:
                    out.append(check)
                    continue
            found_v = float(sum(x.lhs_of(flat)))  # type: ignore[misc]
            expected_v = float(sum(x.rhs_of(flat)))  # type: ignore[misc]
            check = x.done.get((tid, found_v, expected_v))
            if check is None:
                check = _checked(x, tid, found_v, expected_v)
            if at is not None:
                if len(x.by_row) >= _BY_ROW_MAX:
                    x.by_row.clear()
                x.by_row[values[at]] = check
            out.append(check)
        return out
    for x in plan:
        if flat is not None:
            lhs = x.lhs_of(flat)  # type: ignore[misc]
            rhs = x.rhs_of(flat)  # type: ignore[misc]
        else:
            lhs = tuple([values[i][j] for i, j in x.lhs])  # type: ignore[union-attr]
            rhs = tuple([values[i][j] for i, j in x.rhs])  # type: ignore[union-attr]
        if None in lhs or None in rhs:
            cells = [ij for ij, v in zip((*x.lhs, *x.rhs), (*lhs, *rhs), strict=True)  # type: ignore[misc]
                     if v is None]
            raw = table.raw
            try:
                written = tuple([raw[i][j] for i, j in cells])
            except IndexError:
                written = None
            key = (table.id, lhs, rhs, written)
            check = x.zeros.get(key)
            if check is None:
                check = _zero_checked(x, table, cells, lhs, rhs)
                if len(x.zeros) >= _DONE_MAX:
                    x.zeros.clear()
                x.zeros[key] = check
            out.append(check)
            continue
        found_v = float(sum(lhs))  # type: ignore[arg-type]
        expected_v = float(sum(rhs))  # type: ignore[arg-type]
        check = x.done.get((table.id, found_v, expected_v))
        out.append(_checked(x, table.id, found_v, expected_v) if check is None else check)
    return out


def _zero_checked(x: _Identity, table: Table, cells: Sequence[tuple[int, int]],
                  lhs: Sequence[float | None], rhs: Sequence[float | None]) -> Check:
    """The Check of an identity with null operands at ``cells``: pass/fail reading them as
    0 when each was written as a none-mark (named), else not_assessable naming the blanks."""
    read = _none_marks(table, cells)
    if read is None:
        blank = [n for n, v in zip(x.names, (*lhs, *rhs), strict=True) if v is None]
        return Check(x.cid, "not_assessable", table.id, x.row, x.column,
                     message=f"{x.what}: blank operand(s) {', '.join(blank)}")
    found_v = float(sum(v or 0.0 for v in lhs))
    expected_v = float(sum(v or 0.0 for v in rhs))
    ok = abs(found_v - expected_v) < TOLERANCE
    return Check(x.cid, "pass" if ok else "fail", table.id, x.row, x.column,
                 expected=expected_v, found=found_v,
                 message=(f"{x.what}: {_fmt(found_v)} {'=' if ok else '≠'} "
                          f"{_fmt(expected_v)}{_zero_note(read)}"),
                 zero_read=read)


def _none_marks(table: Table, cells: Sequence[tuple[int, int]]) -> tuple[str, ...] | None:
    """The null operand ``cells`` (row, column indices) as ``zero_read`` names ("row 3.1
    column natural_person: '—'") when every one was written as a none-mark, else None (a
    blank, or text that is no figure: the identity is not assessable)."""
    raw, rows, columns = table.raw, table.rows, table.columns
    out = []
    for i, j in cells:
        try:
            written = raw[i][j].strip()
        except (IndexError, AttributeError):
            return None
        if written not in NONE_MARKS:
            return None
        out.append(f"row {rows[i]} column {columns[j]}: '{written}'")
    return tuple(out)


def _zero_note(read: Sequence[str]) -> str:
    """A message's note on the cells read as 0: " (reading '—' in row 3.1 column total as 0)"."""
    cells = [r.rsplit(": ", 1) for r in read]
    return " (reading " + ", ".join(f"{mark} in {cell}" for cell, mark in cells) + " as 0)"


def _checked(x: _Identity, tid: str, found_v: float, expected_v: float) -> Check:
    """The pass/fail Check of an identity with these sums, remembered in ``x.done``."""
    ok = abs(found_v - expected_v) < TOLERANCE
    check = Check(x.cid, "pass" if ok else "fail", tid, x.row, x.column,
                  expected=expected_v, found=found_v,
                  message=f"{x.what}: {_fmt(found_v)} {'=' if ok else '≠'} {_fmt(expected_v)}")
    if len(x.done) >= _DONE_MAX:
        x.done.clear()
    x.done[(tid, found_v, expected_v)] = check
    return check


_DONE_MAX = 64
_BY_ROW_MAX = 256


# --- I1–I4 ---------------------------------------------------------------------------------


def _table3_checks(t3: Table) -> list[Check]:
    return _evaluate(t3, _table3_plan(t3.rows, t3.columns, t3.status == "ok"))


@lru_cache(maxsize=64)
def _table3_plan(rows: tuple[str, ...], columns: tuple[str, ...],
                 resolve: bool) -> tuple[_Identity, ...]:
    """I1–I3 of a 表三 shape (the same for every report of one layout: built once)."""
    plan = _Planner(rows, columns, resolve)
    outcome_rows = TABLE3_OUTCOME_ROWS_2019 if "3.6" in rows else TABLE3_OUTCOME_ROWS
    for col in columns:
        plan.add("I1", row=None, column=col, found=("3.7", col), found_plus=[("4", col)],
                 parts=[("1", col), ("2", col)],
                 what=f"column {col}: (七)总计 + 四 vs 一 + 二")
    for row in rows:
        plan.add("I2", row=row, column="total", found=(row, "total"),
                 parts=[(row, c) for c in TABLE3_APPLICANT_COLUMNS],
                 what=f"row {row}: 总计 vs the six applicant columns")
        if "legal_subtotal" in columns:
            plan.add("I2", row=row, column="legal_subtotal", found=(row, "legal_subtotal"),
                     parts=[(row, c) for c in _ORG_COLUMNS],
                     what=f"row {row}: 法人或其他组织小计 vs the five organisation columns")
    for col in columns:
        plan.add("I3", row="3.7", column=col, found=("3.7", col),
                 parts=[(r, col) for r in outcome_rows],
                 what=f"column {col}: (七)总计 vs the sum of the outcome rows")
    return tuple(plan.plan)


def _table4_checks(t4: Table) -> list[Check]:
    return _evaluate(t4, _table4_plan(t4.rows, t4.columns, t4.status == "ok"))


@lru_cache(maxsize=64)
def _table4_plan(rows: tuple[str, ...], columns: tuple[str, ...],
                 resolve: bool) -> tuple[_Identity, ...]:
    plan = _Planner(rows, columns, resolve)
    for group, label in TABLE4_GROUPS:
        plan.add("I4", row="count", column=group, found=("count", f"{group}.total"),
                 parts=[("count", f"{group}.{p}") for p in _RESULT_PARTS],
                 what=f"{label}: 总计 vs 维持 + 纠正 + 其他 + 尚未审结")
    return tuple(plan.plan)


# --- T1: the narrative of section 一 -------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
#: a figure: Arabic, with thousands separators ("1,204件": a provincial or national body's
#: counts), or a simple Chinese numeral
#: (a Chinese numeral whole, never its tail: "一千二百件" read "二百" as 200)
#: An estimate is no figure ("受理申请约30件", "30件左右", "不足10件"): the text
#: does not say the count, and none is guessed. Nor is a figure with a sign before it, a
#: blank between or not ("-5件", "- 5件", "负5件"): no count is negative.
_N = (r"(?<![约近逾\-−－﹣–负])(?<![约近逾\-−－﹣–负][ \t\u3000])(?<!大约|大概|超过|不到|不足|至少)(?<!不少于|不低于|不超过)(?:(?<![数几])|(?=\d))"  # (nor "约 30件", 数十件/几十件, a bound 至少/不少于30件, nor the 5 of "-5件")
      r"(\d{1,3}(?:,\d{3})+|\d{1,7}|(?<![零〇一二两三四五六七八九十百千万])[零〇一二两三四五六七八九十百千]{1,8})")
_UNIT = r"\s?(?:件|起|个)(?!左右|上下|以上|以下|之多|多)"
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def parse_chinese_number(s: str) -> int | None:
    """An Arabic numeral (37, 1,204) or a simple Chinese one (三, 十二, 二十, 一百零五,
    一千二百) as an int, else None."""
    if s.isdigit():
        return int(s)
    if "," in s:
        return int(s.replace(",", "")) if _THOUSANDS.fullmatch(s) else None
    total, current = 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            if current is not None and current != 0:  # two digits in a row: not simple
                return None
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current if current else 1) * 10
            current = None
        elif ch in "百千":
            if not current:
                return None
            total += current * (100 if ch == "百" else 1000)
            current = None
        else:
            return None
    return total + (current or 0) if "".join(c for c in s if c in "千百十") in ("", "千", "百", "十", "千百", "千十", "百十", "千百十") else None  # (each unit once, largest first: "十十", "三十三十" are no numeral, never 20, 60)


_SENTENCE_STOPS = "。；;！!？?"
_SENTENCE = re.compile(rf"[^{_SENTENCE_STOPS}\n]+")
_APPLICATION = re.compile(r"政府信息公开申请|依申请公开|公开申请")
_RECEIVED = re.compile(rf"(?:收到|受理|新收|接收|接到)(?P<gap>[^，,、。；;:：()（）\d]{{0,16}}?)"
                       rf"(?:共|共计|合计|总计)?{_N}{_UNIT}")
#: (信息公开申请 without 政府: a school, hospital or enterprise discloses under its own rules —
#: "本校全年未收到信息公开申请" — and says so; the zero is the received figure's alone)
_NOT_RECEIVED = re.compile(r"(?:未|没有)(?:收到|受理|接到|接收)[^，,。；;\d]{0,16}?"
                           r"(?:信息公开申请|依申请公开)")
_SUBCOUNT = re.compile(r"其中|通过|当面|网上|网络|信函|邮寄|传真|电子邮件|来信|来访|现场")
_SUBCOUNT_MAX = max(map(len, _SUBCOUNT.pattern.split("|")))  # (its longest word)
_NOT_APPLICATION = re.compile(r"来信|信访|12345|热线|咨询|留言|投诉|建议|提案")
_COMPARISON = re.compile(r"同比|较上年|比上年|与上年|去年|上一年|较\d{4}年|与\d{4}年")
_NO_APPLICATION = re.compile(r"(?:全年|本年度?|今年)(?:度)?(?:共)?(?:无|没有)(?:收到|受理)?(?:任何)?"
                             r"(?:(?:政府)?信息公开申请|依申请公开)")
#: Sentences about other channels (letters, hotlines, proposals): never application figures.
#: (议案 also matches inside 行政复议案件: :func:`_other_or_comparison` skips that; a look-behind
#: here would cost the literal scan 4× on every sentence)
_OTHER_TOPIC = re.compile(r"来信|信访|12345|热线|留言|咨询|建议|提案|议案")
_CARRIED = re.compile(r"上年(?:度)?结转|结转上年")
#: "含/包括/其中 上年结转" right after the received figure: it breaks that figure down
#: (elsewhere in the sentence it may break down another: "办结20件（含上年结转3件）").
_INCLUDES_CARRIED_AFTER = re.compile(r"[（(]?(?:[，,] ?)?(?:其中(?:包括|含)?|含|包括)上年(?:度)?结转")
#: The carried-over count as the clause right after the received figure ("…37件，上年结转
#: 4件"): the two are counted apart, so the received figure is row 一 alone ("41件，其中上年
#: 结转4件" and "（含上年结转4件）" break a total down and are not this).
_CARRIED_APART = re.compile(rf"[，,](?:另有|另)?上年(?:度)?结转(?:的)?(?:申请)?{_N}{_UNIT}")
_FIGURES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    # (the look-behinds come after the first character: a literal start is searched fast;
    # the third item is a literal every match holds, tested with ``in`` first)
    ("granted", re.compile(rf"予(?<!不予)(?<!部分予)以公开(?:的)?(?:共)?{_N}{_UNIT}"), "予以公开"),
    # (not "全部或部分公开11件", "予以公开和部分公开": the two outcomes together; but
    # "不予公开2件和部分公开3件" closes a list of figures: 和/及/与 only right after 公开/全部)
    ("partial", re.compile(rf"部(?<![或/]部)(?<!公开[和及与、]部)(?<!全部[和及与]部)分(?:予以)?公开"
                           rf"(?:的)?(?:共)?{_N}{_UNIT}"), "部分"),
    ("refused", re.compile(rf"不予(?:以)?公开(?:的)?(?:共)?{_N}{_UNIT}"), "不予"),
    ("closed", re.compile(rf"办(?<!未办)结(?:了)?(?:共)?{_N}{_UNIT}"), "办结"),
    ("carried", re.compile(rf"结转(?:至)?下(?:一)?年(?:度)?(?:继续)?(?:办理)?(?:共)?{_N}{_UNIT}"),
     "结转"),
)
_REVIEW = re.compile(rf"行政复议(?:案件|申请)?(?:共|共计)?{_N}{_UNIT}")
_LITIGATION = re.compile(rf"行政诉讼(?:案件)?(?:共|共计)?{_N}{_UNIT}")
_CLAUSE_SPLIT = re.compile(r"[，,]|[（(](?=其中)")
_NO_CASES = re.compile(r"(?:未|没有)(?:发生|收到|出现|被|受理)[^，,。；;\d]{0,24}")
#: A case said to arise from disclosure without 政府 (a school's, hospital's or enterprise's
#: "因信息公开申请提起的行政复议", "涉及信息公开的行政诉讼"): the cause stated before the case,
#: never a bare 信息公开 elsewhere in the sentence ("行政复议决定书依法信息公开" is no such case).
_DISCLOSURE_CASE = re.compile(r"(?:因|涉及|有关|关于|针对)[^，,。；;\d]{0,8}?信息公开"
                              r"[^，,。；;\d]{0,12}?(?:行政复议|行政诉讼)")
#: A sentence saying its cases are not about disclosure ("发生行政复议3件，均不涉及政府信息
#: 公开"): its 信息公开 makes no case a disclosure one.
_NOT_DISCLOSURE = re.compile(r"(?:不|未|没有|无)(?:涉及|属于|是|关于)[^，,。；;\d]{0,4}?信息公开"
                             r"|与(?:政府)?信息公开无关|非(?:政府)?信息公开")
#: The matters of cases other than disclosure that a case sentence names ("均为土地补偿纠纷",
#: "系不服工伤认定决定"), shared with the summary's reader of older reports' case parts.
CASE_MATTERS = r"征地|补偿|安置|工伤|土地|房屋|社会保险|社保|征收|拆迁"
#: The words by which a case sentence names what its cases are about ("系不服…", "均为…纠纷",
#: "涉及…", "案由") and the outcomes that are no matter ("均为维持"), shared likewise.
MATTER_WORDS = r"因|涉及|关于|针对|不服|不满|系|均为|皆为|都为|主要为|属于|案由|事由"
CASE_OUTCOMES = r"维持|撤销|驳回|确认|终止|撤回|胜诉|败诉|审结|结案|办结|已|和解|调解"
#: A clause naming a case about another matter ("全年发生行政复议1件（系不服我局行政处罚决定）",
#: "行政许可类行政复议2件", "（均为征地补偿纠纷）"): none of its figures is a disclosure case.
_OTHER_CASE = re.compile(r"处罚|许可|强制|审批|信访|" + CASE_MATTERS)
#: The disclosure cases as a part of all cases ("共发生行政复议案件5件，其中涉及政府信息公开的
#: 2件"): a 其中 clause naming 信息公开 and a count, the case named before it.
_PART_OF_CASES = re.compile(rf"\s*其中[^，,。；;\d]{{0,16}}?信息公开[^，,。；;\d]{{0,8}}?{_N}{_UNIT}")
#: What a case clause says its cases are about ("因政府信息公开及劳动争议引发", "涉及政府信息
#: 公开、工商登记的", "系不服我局作出的责令改正通知"): from the word naming the matter to the
#: case, its verb, a count or an outcome (:func:`_names_other_matter`).
_MATTER_WORD = re.compile(MATTER_WORDS + r"|有关")
_MATTER_END = re.compile(r"行政复议|行政诉讼|复议|诉讼|引发|引起|提起|提出|被申请|申请行政|导致|而"
                         r"|" + CASE_OUTCOMES +
                         rf"|[（(]?{_N}{_UNIT}|[（(]?(?:\d|零|〇)")
#: The words of a matter that is the disclosure itself (an application, its 答复 or 告知书, a
#: refusal or delay), of who and how, and the joining words: what is left of a matter without
#: them is another matter.
_DISCLOSURE_WORDING = re.compile(
    r"政府信息公开|信息公开|政府信息|申请人|申请|答复|告知书|告知|延期|逾期|期限|法定|不予公开"
    r"|部分公开|不公开|公开|决定|工作|事项|事务|类|方面|行为|问题"
    r"|(?:本|我|该)(?:机关|单位|部门|[局委办厅部院府处站所])"
    r"|作出|做出|对|的|不服|不满|有异议|异议|涉及|因|关于|有关|针对|系|均为|皆为|都为|主要|属于"
    r"|以及|及|和|与|或|等|原|要求|所|其|被|内容|内|未果|未|在|案由|事由|为|是|公民|法人"
    r"|[、\s（）()：:“”\"]")
#: Another matter joined to disclosure ("政府信息公开和户籍管理", "政府信息公开、工商登记").
_JOINED_AFTER = re.compile(r"信息公开(?:申请|答复|告知书?|工作|事项|类|方面)*(?:以及|及|和|与|、|或)"
                           r"(?!行政复议|行政诉讼|复议|诉讼|申诉|答复|告知|延期|逾期|不予公开|部分公开"
                           r"|政府信息|信息公开|依申请|申请)")
_JOINED_BEFORE = re.compile(r"([\u4e00-\u9fff]{2})(?:以及|(?<!涉)及|和|与|、|或)(?:政府)?信息公开")
_DISCLOSURE_END = ("答复", "申请", "告知", "告知书", "公开", "信息", "复议", "诉讼")


def _names_other_matter(clause: str) -> bool:
    """Whether a case clause names a matter other than disclosure (案件事由), alone or beside
    it: a count in it is of another matter, or a total over several, never the disclosure
    count. The matters are not listed (劳动争议, 户籍管理, 工商登记 … are endless): a matter
    named ("因…", "涉及…", "系…") is another unless it is said in disclosure words only."""
    if "纠纷" in clause or "争议" in clause or _OTHER_CASE.search(clause):
        return True
    if "信息公开" in clause:
        if _JOINED_AFTER.search(clause):
            return True
        for m in _JOINED_BEFORE.finditer(clause):
            if not m.group(1).endswith(_DISCLOSURE_END) and not _MATTER_WORD.search(m.group(1)):
                return True
    for m in _MATTER_WORD.finditer(clause):
        end = _MATTER_END.search(clause, m.end())
        matter = clause[m.end():end.start() if end else len(clause)]
        if re.search(r"[\u4e00-\u9fffA-Za-z]", _DISCLOSURE_WORDING.sub("", matter)):
            return True
    return False

#: figure → (table, rows summed, columns summed, what the text says). "3.3.*" is every
#: row of (三)不予公开.
_TARGETS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str]] = {
    "received": ("table3", ("1",), ("total",), "收到/受理申请"),
    "received_incl": ("table3", ("1", "2"), ("total",), "收到申请（含上年结转）"),
    "granted": ("table3", ("3.1",), ("total",), "予以公开"),
    "partial": ("table3", ("3.2",), ("total",), "部分公开"),
    "refused": ("table3", ("3.3.*",), ("total",), "不予公开"),
    "closed": ("table3", ("3.7",), ("total",), "办结"),
    "carried": ("table3", ("4",), ("total",), "结转下年度"),
    "review": ("table4", ("count",), ("review.total",), "行政复议"),
    "litigation": ("table4", ("count",),
                   ("litigation_direct.total", "litigation_after_review.total"), "行政诉讼"),
}


#: What makes a sentence count when no earlier one set the context (it sets or resets the
#: context, or adds a figure): a line entered without context and without it changes nothing.
#: Only a filter, so a wider pattern is as right: "申请" stands for the three _APPLICATION
#: phrases, which all hold it (公开申请 would be tried at every 公 of 公开: a slower scan).
_KEY = re.compile("|".join(p.pattern for p in (_OTHER_TOPIC, _COMPARISON))
                  + "|申请|行政复议|行政诉讼")


_OTHER_OR_COMPARISON = re.compile(f"{_OTHER_TOPIC.pattern}|{_COMPARISON.pattern}")


def _other_or_comparison(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] is about another channel or compares with another year
    (:data:`_OTHER_TOPIC`, :data:`_COMPARISON`); 议案 inside 复议案件 does not count."""
    end = len(text) if end is None else end
    m = _OTHER_OR_COMPARISON.search(text, start, end)
    while m is not None and m.group() == "议案" and m.start() > 0 and text[m.start() - 1] == "复":
        m = _OTHER_OR_COMPARISON.search(text, m.end(), end)
    return m is not None
#: A literal part of every _FIGURES pattern.
_FIGURE_HINT = re.compile(r"予以公开|部分|不予|办结|结转")


#: A line break right before a figure ("…公开申请\n13件"), or inside it before its unit
#: ("…公开申请9\n件"): a page wrap cut the sentence when the line before is long and ends
#: without punctuation (see _join_wrapped_figures). Both branches start at the "\n" (the
#: second's digit is looked behind it): a literal first character lets the scan jump from
#: line break to line break (``(?<=\d)\n`` first was tried at every character, 44 µs a 一).
_BREAK_BEFORE_FIGURE = re.compile(rf"\n(?:[ \t\u3000]*(?={_N}{_UNIT})"
                                  rf"|(?<=\d\n)[ \t\u3000]*(?={_UNIT}))")
_WRAP_LINE_MIN = 20
_NO_WRAP_END = frozenset("。！？!?；;：:")


#: A count set off by one blank on each side, as a PDF copy or a typist leaves Latin digits
#: among Chinese ("行政复议 1 件，行政诉讼 0 件", "同意公开 9 件"): read as written close up. Only
#: a figure with its unit after it; cells of a table spaced into columns ("受理申请数    8    12")
#: are left as they are.
_SPACED_COUNT = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]?(\d+)[ \u3000]?(?=[件宗份起])")


def _join_wrapped_figures(text: str) -> str:
    """``text`` with the line breaks a PDF viewer's copy put between a key word and its
    figure removed ("…全年新收政府信息公开申请\n13件，…"): the reader goes line by line, so
    the figure was lost. Only a break after a long line (a wrapped one, 20+ characters)
    that ends without punctuation counts."""
    out = []
    last = 0
    for m in _BREAK_BEFORE_FIGURE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        prev = text[line_start:m.start()].rstrip(" \t\u3000")
        if len(prev) >= _WRAP_LINE_MIN and prev[-1] not in _NO_WRAP_END:
            out.append(text[last:m.start()])
            last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


#: A list of all channels before the applicants' count ("申请人通过信函、网上申请等方式向我部
#: 申请公开政府信息200件"): no channel's sub-count (its 通过/信函/网上 would make it one), so
#: dropped (a 其中 before it still marks a part of another figure). Read here, so that T1 and
#: the summary's prose counts (:func:`nlp_reports.corpus.summarize.narrative_counts`) share it.
_CHANNEL_LIST = re.compile(r"通过[^，,。；;\d\n]{1,24}?等(?:多种)?(?:方式|渠道|途径)(?=向)")
#: The applicants' act as the count's verb, addressed to the body ("向我部申请公开政府信息200件"):
#: the applications received.
_APPLIED_TO = re.compile(r"(向[^，,。；;\d\n]{1,12}?)(?<![未没无])申请公开(?:政府)?信息"
                         r"(?=(?:共|共计)?[\d零〇一二两三四五六七八九十])")


def _applicants_wording(text: str) -> str:
    """``text`` with :data:`_CHANNEL_LIST` dropped and :data:`_APPLIED_TO` read as 收到政府
    信息公开申请 (each tried only on a text holding its literals)."""
    if "向" in text:
        if "通过" in text and "等" in text:
            text = _CHANNEL_LIST.sub("", text)
        if "申请公开" in text:
            text = _APPLIED_TO.sub(r"\1收到政府信息公开申请", text)
    return text


#: A comparison with another year, as :func:`without_comparisons` drops it (上一年 is left to
#: :data:`_COMPARISON`: its sentence stays skipped, as before).
_COMPARED = re.compile(r"同比|去年|较上年|比上年|与上年|较\d{4}年|与\d{4}年")
#: A sentence with its stop, or a line break: the units :func:`without_comparisons` works on.
_STOPPED_SENTENCES = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?|\n")
_CLAUSES = re.compile(r"[^，,]+[，,]?")
#: A change stated beside a comparison ("受理申请增加6件"): a clause giving the difference.
_CHANGE = re.compile(r"增加|减少|增长|下降|上升|回落|多出|少了|增多|翻番|持平")
#: A figure over several years ("自2008年条例施行以来，累计受理…386件"): no year's figure.
_CUMULATIVE = re.compile(r"累计|以来|历年|总计|合计")
#: A clause over several years whatever the clause order ("自2008年以来，累计受理申请386件，
#: 较上年增加32件": the clause kept would be no year's figure).
_OVER_YEARS = re.compile(r"累计|以来|历年")
#: 去年 naming the year the carried-over applications or cases came from ("其中去年结转3件"):
#: no comparison, read as 上年结转 (the readers' word for them).
_LAST_YEAR_CARRIED = re.compile(r"去年(?=度?结转)")


def without_comparisons(text: str) -> str:
    """``text`` with the clauses comparing with another year (与上年相比) dropped from a
    sentence that states the year's figure before them ("受理申请34件，比上年增加6件，其中予以
    公开12件" keeps the first and the last clause), or after them when no clause left states
    a change or a cumulative ("较上年减少12件的情况下，全年仍受理申请63件" keeps the second).
    Left whole, for the reader to skip: a sentence opening with the comparison whose figure
    is the change ("与上年相比，受理申请增加6件"), one with a clause over several years
    ("自2008年以来，累计受理申请386件，较上年增加32件"), and one whose comparing clause
    speaks of 结转; "去年结转" names no comparison and is read as 上年结转. Read before
    the T1 reader and the summary's prose counts
    (:func:`nlp_reports.corpus.summarize.narrative_counts`), so that both keep the year's
    figure of "全年新收申请35件，比上年略增" and neither reads the change."""
    if _COMPARED.search(text) is None:
        return text
    if "结转" in text:
        text = _LAST_YEAR_CARRIED.sub("上年", text)
    out = []
    for sentence in _STOPPED_SENTENCES.findall(text):
        if not _COMPARED.search(sentence):
            out.append(sentence)
            continue
        clauses = _CLAUSES.findall(sentence)
        compared = [c for c in clauses if _COMPARED.search(c)]
        rest = [c for c in clauses if not _COMPARED.search(c)]
        if not clauses or any("结转" in c for c in compared) \
                or any(_OVER_YEARS.search(c) for c in rest) or (
                _COMPARED.search(clauses[0])
                and (_CUMULATIVE.search(sentence) or any(_CHANGE.search(c) for c in rest))):
            out.append(sentence)
            continue
        kept = "".join(rest).rstrip("，,")
        stop = sentence[-1] if sentence[-1] in "。；;！!？?" else ""
        out.append(kept + stop)  # (its end kept: the next sentence is not joined to it)
    return "".join(out)


def _narrative_figures(text: str) -> dict[str, set[int]]:
    """Figures section 一 states about applications and cases, by kind (all values seen),
    the comparing clauses dropped first (:func:`without_comparisons`)."""
    if "\n" in text:
        text = _join_wrapped_figures(text)
    if " " in text or "\u3000" in text:
        text = _SPACED_COUNT.sub(r"\1", text)
    text = _applicants_wording(text)
    text = without_comparisons(text)
    found: dict[str, set[int]] = {}

    def add(kind: str, value: int | None) -> None:
        if value is not None:
            found.setdefault(kind, set()).add(value)

    context = False  # an earlier sentence of this paragraph was about applications
    n = len(text)
    line_start = 0
    while line_start <= n:  # line by line: sentences never span lines
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = n
        l0, l1 = line_start, line_end
        line_start = line_end + 1
        key = _KEY.search(text, l0, l1)
        if key is None:
            # nothing here sets the context or adds a figure (most of a long 一); a line
            # whose first sentence starts it resets the context (an empty line keeps it)
            if context and l0 < l1 and text[l0] not in _SENTENCE_STOPS:
                context = False
            if not context:
                continue
        # start of the next key phrase (l1: none); key phrases hold no sentence stop
        key_at = l1 if key is None else key.start()
        # what the line lacks no sentence of it has: those searches are skipped
        other = _other_or_comparison(text, l0 if key is None else key_at, l1)
        application = text.find("申请", l0, l1) >= 0  # (every _APPLICATION phrase holds it)
        figures = _FIGURE_HINT.search(text, l0, l1) is not None
        for m in _SENTENCE.finditer(text, l0, l1):
            s0 = m.start()
            if s0 == 0 or text[s0 - 1] == "\n":
                context = False
            if not context:
                # without context a sentence without a key phrase changes nothing
                if key_at < s0:
                    key = _KEY.search(text, s0, l1)
                    key_at = l1 if key is None else key.start()
                if key_at >= m.end():
                    continue
            sent = m.group()
            if other and _other_or_comparison(sent):
                context = False
                continue
            if application and "申请" in sent and _APPLICATION.search(sent):
                context = True
                if (("未" in sent or "没" in sent or "无" in sent)  # a literal of either
                        and (_NOT_RECEIVED.search(sent) or _NO_APPLICATION.search(sent))):
                    add("received", 0)
                # the clause before each figure (from the last comma) and whether it holds a
                # _SUBCOUNT word, carried on from figure to figure: searching the whole
                # clause again at each was quadratic in a long sentence without a comma
                clause_start, seen_to, subcount = -1, 0, False
                carried: bool | None = None  # (_CARRIED in the sentence: looked up once)
                for r in _RECEIVED.finditer(sent):
                    gap = r.group("gap")
                    at = r.start()
                    comma = max(sent.rfind("，", seen_to, at), sent.rfind(",", seen_to, at))
                    if comma >= 0:
                        clause_start, subcount, look = comma, False, comma + 1
                    else:  # the same clause, grown: a word ending after seen_to is new
                        look = max(clause_start + 1, seen_to - _SUBCOUNT_MAX + 1)
                    subcount = subcount or _SUBCOUNT.search(sent, look, at) is not None
                    seen_to = at
                    if ("申请" not in gap or _NOT_APPLICATION.search(gap)
                            or subcount or _SUBCOUNT.search(gap)):
                        continue
                    if r.group(0).startswith("新收"):
                        kind = "received"  # new applications only: row 一
                    elif _INCLUDES_CARRIED_AFTER.match(sent, r.end()):
                        kind = "received_incl"  # "22件（含上年结转3件）", "22件，其中上年结转3件"
                    elif carried or (carried is None and (carried := bool(_CARRIED.search(sent)))):
                        if not _CARRIED_APART.match(sent, r.end()):
                            continue  # carried-over applications mentioned: in the figure or not?
                        kind = "received"  # "收到申请37件，上年结转4件": counted apart
                    else:
                        kind = "received"
                    add(kind, parse_chinese_number(r.group(2)))
            if context and figures and _FIGURE_HINT.search(sent):
                for kind, pat, literal in _FIGURES:
                    if literal in sent:
                        for f in pat.finditer(sent):
                            add(kind, parse_chinese_number(f.group(1)))
            if "行政复议" in sent or "行政诉讼" in sent:
                # (once, not per clause)
                public = "政府信息公开" in sent or (
                    "信息公开" in sent and _DISCLOSURE_CASE.search(sent) is not None)
                if public and _NOT_DISCLOSURE.search(sent):
                    public = False
                clauses = _CLAUSE_SPLIT.split(sent)
                # a clause naming disclosure beside another matter ("…，主要涉及政府信息公开和
                # 劳动保障监察"): the sentence's counts are totals over both, none read
                if public and any("信息公开" in c and _names_other_matter(c) for c in clauses):
                    public = False
                # 信息公开 first named in a 其中 clause: the counts before it are all cases
                # (any matter), the clause's count the disclosure ones of the case named before
                part_at = next((i for i, c in enumerate(clauses) if "信息公开" in c),
                               None) if public else None
                if part_at is not None and not clauses[part_at].lstrip().startswith("其中"):
                    part_at = None
                for i, clause in enumerate(clauses):
                    if part_at is not None and i <= part_at:
                        if i == part_at and (f := _PART_OF_CASES.match(clause)):
                            named = {k for k, word in (("review", "行政复议"),
                                                       ("litigation", "行政诉讼"))
                                     if any(word in c for c in clauses[:i])}
                            if len(named) == 1 and "行政复议" not in clause \
                                    and "行政诉讼" not in clause:
                                add(named.pop(), parse_chinese_number(f.group(1)))
                                continue
                        if i < part_at:
                            continue
                    if _names_other_matter(clause):
                        continue
                    neg = _NO_CASES.search(clause)
                    if neg and public:
                        span = clause[neg.start():]
                        if "行政复议" in span:
                            add("review", 0)
                        if "行政诉讼" in span:
                            add("litigation", 0)
                        continue
                    if not public:
                        continue
                    for f in _REVIEW.finditer(clause):
                        add("review", parse_chinese_number(f.group(1)))
                    for f in _LITIGATION.finditer(clause):
                        add("litigation", parse_chinese_number(f.group(1)))
    return found


def narrative_figures(text: str) -> dict[str, set[int]]:
    """The figures a report's prose states about applications and cases (叙述中的数字), by
    kind: ``received`` (new applications, row 一), ``received_incl`` (with 上年结转),
    ``granted``, ``partial``, ``refused``, ``closed``, ``carried``, ``review``,
    ``litigation``, each with every value seen (several: the text does not say which one is
    the year's). The T1 check's reader, public so that the corpus summary reads the counts
    of reports without a 表三 (before 2019) by the same rules: clauses comparing with another
    year are dropped (:func:`without_comparisons`), sentences still comparing or about other
    channels (信访, 12345 …) are skipped, 无/未收到 reads 0."""
    return {kind: set(values) for kind, values in _narrative_figures(text).items()}


def _table_value(
    tables: Mapping[str, Table], kind: str
) -> tuple[float | None, str | None, str | None, str, str | None, tuple[str, ...]]:
    """The table figure a narrative kind is compared with.

    Returns (value, row, column, cells, why-not, zero_read): ``row``/``column`` are real ids,
    or None when the figure is a sum over several (``cells`` then names them, e.g.
    "3.3.*/total"); ``zero_read`` the cells written as a none-mark ("—") read as 0.
    """
    tid, rows, cols, row, column, cells = _TARGET_CELLS[kind]
    t = tables.get(tid)
    if t is None:
        return None, row, column, cells, f"{tid} not found", ()
    if t.status != "ok":
        return None, row, column, cells, f"{tid} is unreadable", ()
    if rows == ("3.3.*",):
        rows = _refusal_rows(t.rows)
    if any(r not in t.rows for r in rows) or any(c not in t.columns for c in cols):
        return None, row, column, cells, f"{tid} has no such cell", ()
    total, read = _cells_sum(t, [(r, c) for r in rows for c in cols])
    if total is None:
        blank = [f"{r}/{c}" for r in rows for c in cols if t.get(r, c) is None]
        return None, row, column, cells, f"blank operand(s) {', '.join(blank)}", ()
    return total, row, column, cells, None, read


def _cells_sum(t: Table, cells: Sequence[tuple[str, str]]) -> tuple[float | None, tuple[str, ...]]:
    """The sum of the ``cells`` (row id, column id) of ``t``, each cell looked up once, with
    those written as a none-mark read as 0 (named: ``zero_read``); None when one is blank or no
    figure. Raises KeyError for a cell ``t`` has not."""
    values = [t.get(r, c) for r, c in cells]
    if None not in values:
        return float(sum(values)), ()  # type: ignore[arg-type]
    read = _none_marks(t, [(t.rows.index(r), t.columns.index(c))
                           for (r, c), v in zip(cells, values, strict=True) if v is None])
    if read is None:
        return None, ()
    return float(sum(v or 0.0 for v in values)), read


#: kind → (table id, rows, columns, row id, column id, cells as named in messages): the part
#: of :func:`_table_value`'s answer that depends on the kind alone, worked out once.
_TARGET_CELLS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str | None, str | None,
                               str]] = {
    kind: (tid, rows, cols, rows[0] if len(rows) == 1 and "*" not in rows[0] else None,
           cols[0] if len(cols) == 1 else None,
           " + ".join(f"{r}/{c}" for r in rows for c in cols))
    for kind, (tid, rows, cols, _) in _TARGETS.items()
}


@lru_cache(maxsize=16)
def _refusal_rows(rows: tuple[str, ...]) -> tuple[str, ...]:
    """The rows of (三)不予公开 (3.3.1 …) among a 表三's row ids."""
    return tuple(r for r in rows if r.startswith("3.3."))


def _t1_checks(tables: Mapping[str, Table], narrative: str) -> list[Check]:
    checks: list[Check] = []
    for kind, values in _narrative_figures(narrative).items():
        tid, _, _, words = _TARGETS[kind]
        if len(values) != 1:
            continue  # the text quotes several different figures: not attributable
        said = float(next(iter(values)))
        value, row, column, cells, why, read = _table_value(tables, kind)
        if value is None:
            checks.append(Check("T1", "not_assessable", tid, row, column, found=said,
                                message=f"section 一 says {words} {_fmt(said)}; {why}"))
            continue
        ok = abs(value - said) < TOLERANCE
        note = " (I5: 行政诉讼 = both litigation totals)" if kind == "litigation" else ""
        parts, parts_read = _parts_value(tables[tid], kind)
        if parts is not None and abs(parts - value) >= TOLERANCE:
            read += tuple(r for r in parts_read if r not in read)
            # the cell read fails its own identity (I2 / I4): the clerk who corrects it must
            # hear now whether section 一 goes with the cell or with the parts
            what = _PARTS_WORDS[tid]
            if ok:
                ok = False
                note += (f"; but {what} sum to {_fmt(parts)}, not {_fmt(value)}: when that total "
                         "is corrected, section 一 must be too")
            elif abs(parts - said) < TOLERANCE:
                note += (f"; {what} sum to {_fmt(parts)}, as section 一 says: the total is the "
                         "cell to correct")
            else:
                note += f"; {what} sum to {_fmt(parts)}"
        checks.append(Check(
            "T1", "pass" if ok else "fail", tid, row, column, expected=value, found=said,
            message=(f"section 一 says {words} {_fmt(said)}; {tid} {cells} is "
                     f"{_fmt(value)}{note}{_zero_note(read) if read else ''}"),
            zero_read=read))
    return checks


#: How a T1 message names the cells a compared total should equal (I2's, I4's).
_PARTS_WORDS = {"table3": "the applicant columns of that row",
                "table4": "维持 + 纠正 + 其他 + 尚未审结 of that group"}


def _parts_value(t: Table, kind: str) -> tuple[float | None, tuple[str, ...]]:
    """What the cells a T1 figure is compared with add up to by their identity: 表三's six
    applicant columns of the row(s) (I2), 表四's four results of the group(s) (I4), with the
    parts written as a none-mark read as 0 (named: ``zero_read``); None when a part is blank
    or the figure is no total."""
    _, rows, cols, *_ = _TARGET_CELLS[kind]
    if rows == ("3.3.*",):
        rows = _refusal_rows(t.rows)
    if t.id == "table3" and cols == ("total",):
        parts = [(r, c) for r in rows for c in TABLE3_APPLICANT_COLUMNS]
    elif t.id == "table4" and all(c.endswith(".total") for c in cols):
        parts = [(r, f"{c[:-6]}.{p}") for r in rows for c in cols for p in _RESULT_PARTS]
    else:
        return None, ()
    try:
        return _cells_sum(t, parts)
    except KeyError:
        return None, ()


# --- T2: fees vs section 六 ----------------------------------------------------------------

_NOTHING = re.compile(
    r"(?:本(?:年度?|机关|单位|部门)?|今年)?(?:暂)?(?:无|没有)(?:其他)?(?:需要|需)?(?:报告|说明)?"
    r"(?:的)?(?:其他)?(?:事项|情况)?"
)
_PUNCT = re.compile(r"[\s。，,；;：:、.!！]+")


def _says_nothing(text: str) -> bool:
    body = _PUNCT.sub("", _content_of_six(text))
    return body == "" or _NOTHING.fullmatch(body) is not None


#: Lines below section 六's text that are none of its content: the sign-off (落款: the
#: agency's name and the date, on one line or two), a note on the release ("（此件公开发布）")
#: and an attachment list ("附件：1.…"), which the section finder keeps in 六 when they do
#: not end the text in the order it expects.
_DATE = (r"(?:(?:19|20)\d{2}\s{0,2}(?:年\s{0,2}\d{1,2}\s{0,2}月\s{0,2}\d{1,2}\s{0,2}日"
         r"|[-/.．]\d{1,2}[-/.．]\d{1,2})"
         rf"|[{HANZI_ZEROS}一二][{HANZI_ZEROS}一二三四五六七八九]{{3}}年[一二三四五六七八九十]{{1,2}}月"
         r"[一二三四五六七八九十]{1,3}日)"
         r"(?:\s{0,2}(?:星期|周)[一二三四五六日天])?")
_AGENCY = (r"[^\s。，,；;：:、！!？?]{2,30}?(?:人民政府|政府|局|委员会|委|办公室|办事处|厅|中心|院|部|署|管委会"
           r"|管理委员会|行署|公司|海关|队|站|所)")


@lru_cache(maxsize=1)
def _sign_off() -> re.Pattern[str]:
    """A sign-off line (agency and/or date; compiled on first use: ~1 ms, for the rare
    section 六 with more than one line)."""
    return re.compile(rf"(?:{_AGENCY})?\s{{0,12}}(?:{_DATE})|{_AGENCY}")

_RELEASE_NOTE = re.compile(r"[(（]此件[^()（）]{1,10}[)）]")
_ATTACHMENT = re.compile(r"^[ \t\u3000]*(?:附件|附表)(?:\d{1,2}|[一二三四五六七八九])?(?:下载)?[ \t\u3000]*(?:[:：]|$)",
                         re.MULTILINE)


def _content_of_six(text: str) -> str:
    """Section 六's text without an attachment list and the sign-off lines below it."""
    m = _ATTACHMENT.search(text)
    if m:
        text = text[:m.start()]
    lines = [line.strip(" \t\u3000") for line in text.split("\n")]
    lines = [line for line in lines if line]
    while len(lines) > 1 and (_sign_off().fullmatch(lines[-1])
                              or _RELEASE_NOTE.fullmatch(lines[-1])):
        lines.pop()
    return "\n".join(lines)


def _t2_check(tables: Mapping[str, Table], section6: str | None) -> Check:
    t = tables.get("table2.8")
    if t is None or "fees" not in t.rows or "amount" not in t.columns:
        return Check("T2", "not_assessable", "table2.8", "fees", "amount",
                     message="no fee cell (表二 第二十条第（八）项 本年收费金额)")
    if t.status != "ok" or t.get("fees", "amount") is None:
        return Check("T2", "not_assessable", "table2.8", "fees", "amount",
                     message="the fee cell is blank or unreadable")
    fee = float(t.get("fees", "amount"))  # type: ignore[arg-type]
    if fee <= 0:
        return Check("T2", "pass", "table2.8", "fees", "amount", found=fee,
                     message="no fees charged")
    if section6 is None:
        return Check("T2", "not_assessable", "table2.8", "fees", "amount", found=fee,
                     message=f"fees {_fmt(fee)} 万元 but the report has no section 六")
    if _says_nothing(section6):
        return Check("T2", "fail", "table2.8", "fees", "amount", found=fee,
                     message=f"fees {_fmt(fee)} 万元 charged but section 六 says only "
                             f"{section6.strip()[:30]!r}")
    return Check("T2", "pass", "table2.8", "fees", "amount", found=fee,
                 message=f"fees {_fmt(fee)} 万元 and section 六 reports something")


# --- entry point ---------------------------------------------------------------------------


def run_checks(tables: Sequence[Table], section_texts: Mapping[int, str]) -> list[Check]:
    """Every applicable check on one report's tables and text, in the order I1–I4, T1, T2.

    One Check per (identity, column / row / group) evaluated; tables that are absent give
    no checks, unreadable tables and blank operands give ``not_assessable``.
    """
    by_id = {t.id: t for t in tables}
    checks: list[Check] = []
    t3 = by_id.get("table3")
    if t3 is not None:
        checks.extend(_table3_checks(t3))
    t4 = by_id.get("table4")
    if t4 is not None:
        checks.extend(_table4_checks(t4))
    narrative = section_texts.get(1)
    if narrative:
        checks.extend(_t1_checks(by_id, narrative))
    if any(t.id.startswith("table2") for t in tables):
        checks.append(_t2_check(by_id, section_texts.get(6)))
    return checks
