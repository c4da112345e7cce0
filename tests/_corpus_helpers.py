"""Test helpers for the corpus layer: Reports built by hand and a keyword-rule fake tagger.

The fake tagger is duck-typed like ``nlp_reports.classify.Tagger`` (model_id, tag_many);
it lives only in the tests. Reports are written to disk as their JSON form and read back
by :func:`json_loader`, so batch tests exercise files, hashing and resume without
depending on the parser.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

from nlp_reports.errors import EmptyInputError, NotAReportError
from nlp_reports.parse.layout import TABLE3_COLUMNS, TABLE3_ROWS
from nlp_reports.report import Check, Metadata, Problem, Report, Section, Statement, Table

#: keyword → theme rules of the fake tagger
THEME_RULES: tuple[tuple[str, str], ...] = (
    ("人员", "staffing"),
    ("培训", "training"),
    ("重视", "awareness"),
    ("主动公开", "proactivity"),
    ("深度", "content_quality"),
    ("及时", "timeliness"),
    ("保密", "confidentiality"),
    ("解读", "interpretation"),
    ("平台", "platform"),
    ("网站", "platform"),
    ("制度", "institution"),
    ("考核", "supervision"),
    ("依申请", "application"),
    ("宣传", "publicity"),
)


@dataclass(frozen=True)
class FakePrediction:
    text: str
    kind: str
    kind_score: float
    kind_scores: dict
    themes: tuple
    theme_scores: dict


@dataclass(frozen=True)
class FakeTagged:
    statement: Statement
    prediction: FakePrediction
    model_kind: str
    layout_disagrees: bool


@dataclass
class FakeTagger:
    """Kind from the layout block (else keywords), themes from keywords."""

    model_id: str = "fake-model-1"
    name: str = "fake"
    fail_on: str | None = None  # a text fragment that makes tag_many raise
    calls: list = field(default_factory=list)

    def predict_one(self, text: str) -> FakePrediction:
        model_kind = ("problem" if any(k in text for k in ("不足", "不够", "问题", "欠缺"))
                      else "measure" if any(k in text for k in ("加强", "将", "推进", "完善"))
                      else "other")
        themes = tuple(dict.fromkeys(t for k, t in THEME_RULES if k in text))
        from nlp_reports.taxonomy import THEME_IDS

        themes = tuple(t for t in THEME_IDS if t in themes)
        return FakePrediction(text, model_kind, 0.9, {model_kind: 0.9}, themes,
                              {t: (0.9 if t in themes else 0.1) for t in THEME_IDS})

    def tag_many(self, reports):
        self.calls.append(len(reports))
        out = []
        for r in reports:
            tagged = []
            for s in r.statements:
                if self.fail_on and self.fail_on in s.text:
                    raise RuntimeError("fake tagger broke")
                p = self.predict_one(s.text)
                kind = s.block if s.block in ("problem", "measure") else p.kind
                final = FakePrediction(p.text, kind, p.kind_score, p.kind_scores, p.themes,
                                       p.theme_scores)
                tagged.append(FakeTagged(s, final, p.kind,
                                         s.block in ("problem", "measure") and s.block != p.kind))
            out.append(tagged)
        return out


def table3(values: dict[tuple[str, str], float | None] | None = None,
           received: float = 10.0) -> Table:
    """A consistent 表三 (I1–I3 hold) with ``received`` new requests all granted,
    then overridden by ``values`` {(row, column): value}."""
    rows = tuple(r for r, _ in TABLE3_ROWS)
    cols = tuple(c for c, _ in TABLE3_COLUMNS)
    grid = {(r, c): 0.0 for r in rows for c in cols}
    for c in ("natural_person", "total"):
        grid[("1", c)] = received
        grid[("3.1", c)] = received
        grid[("3.7", c)] = received
    grid.update(values or {})
    vals = tuple(tuple(grid[(r, c)] for c in cols) for r in rows)
    raw = tuple(tuple("" if v is None else f"{v:g}" for v in row) for row in vals)
    return Table(id="table3", title="收到和处理政府信息公开申请情况", rows=rows,
                 row_labels=tuple(lbl for _, lbl in TABLE3_ROWS), columns=cols,
                 column_labels=tuple(lbl for _, lbl in TABLE3_COLUMNS), values=vals, raw=raw)


def table4(review_total: float = 0.0, direct_total: float = 0.0,
           after_total: float = 0.0) -> Table:
    from nlp_reports.parse.layout import TABLE4_COLUMNS

    cols = tuple(c for c, _ in TABLE4_COLUMNS)
    vals = {c: 0.0 for c in cols}
    vals["review.upheld"] = vals["review.total"] = review_total
    vals["litigation_direct.upheld"] = vals["litigation_direct.total"] = direct_total
    vals["litigation_after_review.upheld"] = after_total
    vals["litigation_after_review.total"] = after_total
    row = tuple(vals[c] for c in cols)
    return Table(id="table4", title="行政复议、行政诉讼", rows=("count",), row_labels=("件数",),
                 columns=cols, column_labels=tuple(lbl for _, lbl in TABLE4_COLUMNS),
                 values=(row,), raw=(tuple(f"{v:g}" for v in row),))


def table2_1(issued: float, repealed: float, in_force: float) -> Table:
    return Table(id="table2.1", title="第二十条第（一）项", rows=("regulations", "normative_documents"),
                 row_labels=("规章", "行政规范性文件"), columns=("issued", "repealed", "in_force"),
                 column_labels=("本年制发件数", "本年废止件数", "现行有效件数"),
                 values=((0.0, 0.0, 0.0), (issued, repealed, in_force)),
                 raw=(("0", "0", "0"), (f"{issued:g}", f"{repealed:g}", f"{in_force:g}")))


def table2_8(fees: float | None) -> Table:
    return Table(id="table2.8", title="第二十条第（八）项", rows=("fees",), row_labels=("行政事业性收费",),
                 columns=("amount",), column_labels=("本年收费金额（单位：万元）",),
                 values=((fees,),), raw=(("" if fees is None else f"{fees:g}",),))


def local_cluster(n_workers: int = 2, *, processes: bool = True):
    """A Dask LocalCluster for the tests: one thread a worker, no dashboard on a fixed port
    (8787 taken by another run's cluster failed the test that asked for it)."""
    import distributed

    return distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1,
                                    processes=processes, dashboard_address=None,
                                    scheduler_kwargs={"dashboard_address": ":0"})


def make_report(agency: str, year: int, problems: list[str], measures: list[str], *,
                level: str = "county", region: str = "西藏", tables: tuple = (),
                checks: tuple = (), section6: str = "本年度未收取信息处理费。",
                section1: str | None = None, missing: tuple[int, ...] = (),
                errors: tuple = ()) -> Report:
    """A small 2021-format report with a section 五 of ``problems`` then ``measures``."""
    stmts = [Statement(i, t, "problem", f"{i + 1}.") for i, t in enumerate(problems)]
    stmts += [Statement(len(problems) + i, t, "measure", f"{i + 1}.")
              for i, t in enumerate(measures)]
    s1 = section1 or f"{year}年，{agency}认真贯彻落实政府信息公开条例，推进政务公开。"
    texts = {1: s1, 2: "主动公开情况见下表。", 3: "依申请公开情况见下表。", 4: "复议诉讼情况见下表。",
             5: "（一）存在的主要问题\n" + "\n".join(problems) + "\n（二）下步改进措施\n"
             + "\n".join(measures), 6: section6}
    titles = {1: "总体情况", 2: "主动公开政府信息情况", 3: "收到和处理政府信息公开申请情况",
              4: "政府信息公开行政复议、行政诉讼情况", 5: "存在的主要问题及改进情况", 6: "其他需要报告的事项"}
    sections = tuple(Section(n, titles[n], texts[n]) for n in range(1, 7) if n not in missing)
    return Report(
        metadata=Metadata(title=f"{agency}{year}年政府信息公开工作年度报告", agency=agency,
                          year=year, level=level, region=region, published=f"{year + 1}-01-15",
                          format="2021", source_format="txt"),
        sections=sections, statements=tuple(stmts), tables=tuple(tables),
        checks=tuple(checks), errors=tuple(errors))


def write_json_reports(folder: Path, reports: dict[str, Report]) -> list[Path]:
    """Write each report as its JSON form into ``folder/<name>.txt``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, r in reports.items():
        p = folder / f"{name}.txt"
        p.write_text(r.to_json(), encoding="utf-8")
        paths.append(p)
    return paths


def json_loader(path: str) -> Report:
    """Read a report written by :func:`write_json_reports` (module-level: picklable)."""
    text = Path(path).read_text(encoding="utf-8")
    if not text.strip():
        raise EmptyInputError("the file is empty", path=path)
    try:
        return Report.from_dict(json.loads(text))
    except (ValueError, KeyError, TypeError) as exc:
        raise NotAReportError(f"not a report: {exc}", path=path) from exc


__all__ = ["Check", "Problem", "FakeTagger", "make_report", "json_loader",
           "write_json_reports", "table3", "table4", "table2_1", "table2_8"]


_SUBJECTS = ("部分科室", "个别单位", "基层站所", "少数干部", "乡镇街道", "各股室", "网站栏目",
             "政务新媒体", "依申请公开办理", "政策解读", "保密审查", "信息发布", "业务培训",
             "考核评议", "公开平台", "公开目录", "便民服务", "公众参与", "办公室", "工作人员")
_PREDICATES = ("重视程度不够", "人员力量薄弱", "更新不够及时", "公开深度不够", "解读形式单一",
               "审查流程不规范", "答复质量不高", "培训覆盖面不广", "考核机制不健全",
               "平台功能不完善", "宣传引导不足", "主动公开范围不广", "制度执行不到位",
               "专业能力欠缺", "信息内容不够全面")
_MEASURES = ("加强", "完善", "推进", "健全", "优化", "规范", "强化", "落实")


def _synthetic_statement(rng, k: int) -> tuple[str, str]:
    subj = _SUBJECTS[rng.randrange(len(_SUBJECTS))]
    pred = _PREDICATES[rng.randrange(len(_PREDICATES))]
    if k % 2 == 0:
        return f"{subj}{pred}，存在问题第{rng.randrange(50)}项。", "problem"
    verb = _MEASURES[rng.randrange(len(_MEASURES))]
    return f"{verb}{subj}{pred[:2]}工作，切实提升第{rng.randrange(50)}项水平。", "measure"


def synthetic_store(path: Path, n_reports: int, *, seed: int = 0) -> Path:
    """A store of ``n_reports`` synthetic reports (agencies over years, with copying and
    boilerplate), written directly with preset predictions — for scale tests."""
    import random

    from nlp_reports.corpus import Store

    rng = random.Random(seed)
    tagger = FakeTagger()
    t3, t4 = table3(), table4(1, 1, 0)
    n_years = 8
    agencies = max(1, n_reports // n_years)
    with Store(path) as store:
        batch = []
        made = 0
        for a in range(agencies):
            prev: list[tuple[str, str]] = []
            for y in range(n_years):
                if made >= n_reports:
                    break
                stmts = [s for s in prev if rng.random() < 0.4]
                while len(stmts) < 10:
                    stmts.append(_synthetic_statement(rng, len(stmts)))
                prev = stmts
                report = make_report(f"第{a}号机关", 2018 + y,
                                     [t for t, k in stmts if k == "problem"],
                                     [t for t, k in stmts if k == "measure"],
                                     level=("county", "city", "township")[a % 3],
                                     tables=(t3, t4))
                words = [w for t, _ in stmts for w in (t[:2], t[2:4])]
                batch.append((f"r{made}.txt", report, tagger.tag_many([report])[0],
                              None, None, "m", words))
                made += 1
                if len(batch) >= 1000:
                    store.write_many(batch)
                    batch = []
        if batch:
            store.write_many(batch)
    return path


def mess_table_statuses(conn, ids: list[int], *, null_table: str = "table3") -> None:
    """Table statuses a reader must get right, in a synthetic store: report ``ids[0]``'s
    表三 unreadable, ``ids[1]``'s ``null_table`` with a NULL status, and ``ids[2]`` /
    ``ids[3]`` each holding 表三 twice, the first ok and the second unreadable or the
    other way round (the first of an id counts)."""
    conn.execute("UPDATE report_tables SET status = 'unreadable' WHERE report_id = ? "
                 "AND table_id = 'table3'", (ids[0],))
    conn.execute("UPDATE report_tables SET status = NULL WHERE report_id = ? "
                 "AND table_id = ?", (ids[1], null_table))
    for rid, first, second in ((ids[2], "ok", "unreadable"), (ids[3], "unreadable", "ok")):
        conn.execute("UPDATE report_tables SET status = ? WHERE report_id = ? AND "
                     "table_id = 'table3'", (first, rid))
        conn.execute("INSERT INTO report_tables SELECT report_id, table_id, ?, \"rows\", "
                     "\"columns\", \"values\", raw, title, row_labels, column_labels, problem "
                     "FROM report_tables WHERE report_id = ? AND table_id = 'table3'",
                     (second, rid))


def crashing_loader(path: str) -> Report:
    """Like :func:`json_loader`, but a file named ``crash*`` kills its worker process."""
    import os

    if Path(path).name.startswith("crash"):
        os._exit(3)
    return json_loader(path)


def audit_by_path(tmp_path: Path, reports: dict[str, Report]):
    """Store ``reports`` (name → Report, tagged by :class:`FakeTagger`) in a new store under
    ``tmp_path`` and return its audit table indexed by path."""
    from nlp_reports.corpus import Store, audit

    path = tmp_path / "audit.db"
    with Store(path) as s:
        for name, r in reports.items():
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    return audit(path).table.set_index("path")


def children(pid: int) -> list[int]:
    """The ids of the processes whose parent is ``pid`` (Linux: read from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):  # (gone meanwhile)
            continue
    return sorted(out)


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs: a zombie waiting to be reaped does not."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def store_of(path, reports, model_id: str = "m"):
    """A store at ``path`` holding ``reports`` (file name -> Report), tagged by FakeTagger."""
    from nlp_reports.corpus import Store

    tagger = FakeTagger()
    with Store(path) as s:
        for name, r in reports.items():
            s.write_report(name, r, tagger.tag_many([r])[0], model_id=model_id)
    return path


_SLOW_TAG_SCRIPT = """
import sys, time
sys.path.insert(0, {tests!r})
from _corpus_helpers import FakeTagger, json_loader
from nlp_reports.corpus.batch import tag_paths

def slow_loader(path):
    time.sleep({sleep!r})
    return json_loader(path)

import __main__
__main__.slow_loader = slow_loader
tag_paths([{folder!r}], {db!r}, loader=slow_loader, {options})
"""


def kill_9_once_stored(folder, db, *, options: str, sleep: float, at_least: int,
                       within: float, kids: set[int] | None = None) -> None:
    """Run ``tag_paths([folder], db, loader=<json_loader sleeping sleep s a file>, <options>)``
    in a child Python and kill -9 it once ``db`` holds ``at_least`` reports (or after
    ``within`` seconds); ``kids``, when given, collects the processes the child started.
    ``options``: the other arguments, as Python source (``"model=FakeTagger(), chunk_size=1"``)."""
    from nlp_reports.corpus import Store

    script = _SLOW_TAG_SCRIPT.format(tests=str(Path(__file__).parent), sleep=sleep,
                                     folder=str(folder), db=str(db), options=options)
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.time() + within
        stored = 0
        while time.time() < deadline and stored < at_least:
            time.sleep(0.05)
            if kids is not None:
                kids.update(children(proc.pid))
            if Path(db).exists():
                try:
                    with Store(db, readonly=True) as s:
                        stored = s.count("reports")
                except Exception:  # noqa: S110 - the writer may hold the file mid-creation
                    stored = 0
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=10)


def parsed_store(path, files):
    """A store at ``path`` holding ``files`` read by the real parser (load_report), in
    order, tagged by FakeTagger: a trial's folder of tests/data/ as the audit sees it."""
    from nlp_reports import load_report

    return store_of(path, {str(f): load_report(f) for f in files})


def folder_of(tmp_path: Path, name: str, files) -> Path:
    """A folder ``tmp_path/name`` holding copies of ``files`` (a year's reports to tag)."""
    src = tmp_path / name
    src.mkdir()
    for f in files:
        shutil.copy(f, src / f.name)
    return src


#: The head of a pool test's child script (``.format(tests=…, mode=…, tmp=…)`` with its
#: body): imports, a short pool end, MODE, TMP, a ``pids`` folder for the workers to sign
#: into, and the parent's pid. The child is a process of its own, so a hang or a signal
#: test cannot take pytest with it.
POOL_SCRIPT_HEAD = textwrap.dedent("""
    import json, multiprocessing.util, os, signal, struct, sys, time
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from _corpus_helpers import FakeTagger, alive, json_loader, make_report, write_json_reports
    from nlp_reports.corpus import batch, pool

    pool._POOL_END_SECONDS = 0.3
    MODE, TMP = {mode!r}, Path({tmp!r})
    PIDS = TMP / "pids"
    PIDS.mkdir()
    PARENT = os.getpid()
""")


def run_pool_script(body: str, tmp_path: Path, mode: str, *, timeout: float) -> dict:
    """Run :data:`POOL_SCRIPT_HEAD` + ``body`` in a child Python for ``mode``; the JSON its
    last line prints (``timeout``: a hang guard, the run itself takes seconds)."""
    script = (POOL_SCRIPT_HEAD + textwrap.dedent(body)).format(
        tests=str(Path(__file__).parent), mode=mode, tmp=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
