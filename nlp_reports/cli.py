"""The ``nlp-reports`` command: parse arguments, call the Python API, format what it returns.

Nothing here does the work: each command is a few lines over a public function
(``load_report``, ``Tagger``, ``train``, ``evaluate``, ``tag_paths``, ``summarize``, ``audit``).
Heavy modules are imported inside the commands so ``nlp-reports --help`` starts fast.
Library errors (:class:`nlp_reports.errors.NlpReportsError`) become one line on stderr and
a non-zero exit, never a traceback: 2 for a usage error (an option value refused, as
argparse does), 1 otherwise (some inputs failed; the others were processed).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nlp_reports._version import __version__

if TYPE_CHECKING:
    from nlp_reports.corpus.batch import BatchResult, Progress
    from nlp_reports.corpus.summarize import Summary

log = logging.getLogger("nlp_reports")

EXIT_OK = 0
EXIT_FAILED = 1  # some inputs failed (the others were processed)
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + 2, as a shell says of a process a signal ended
EXIT_TERMINATED = 143  # SIGTERM (kill PID, a scheduler's time limit, systemctl stop): 128 + 15


class _Terminated(KeyboardInterrupt):
    """A SIGTERM while a command runs (:func:`_sigterm_interrupts`), raised where Python takes
    the signal. A KeyboardInterrupt, so that it ends the command as Ctrl-C does — every
    report stored whole, the workers ended, the interrupted line — but exits
    :data:`EXIT_TERMINATED`. Before, SIGTERM killed the process where it stood: no end line,
    a death by signal, and a --jobs run's workers left to die with it."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Within the block a SIGTERM raises :class:`_Terminated`; the default is put back after
    it. Only on the main thread (where Python handles signals) and where the default is in
    place: a caller of :func:`main` with a handler of its own keeps it."""
    import signal
    import threading

    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL):
        yield
        return
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _interrupt_exit(exc: KeyboardInterrupt) -> int:
    """The exit code of a command ended by ``exc``: 143 for SIGTERM, 130 for Ctrl-C."""
    return EXIT_TERMINATED if isinstance(exc, _Terminated) else EXIT_INTERRUPTED


def _interrupted(exc: KeyboardInterrupt) -> str:
    """The line a command ended by ``exc`` (Ctrl-C or SIGTERM) ends with, English and Chinese."""
    if isinstance(exc, _Terminated):
        return "interrupted by SIGTERM / 已中断（收到终止信号 SIGTERM）"
    return "interrupted / 已中断"


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _err_zh(failed: str, previous: str | None = None) -> str | None:
    """Under a failure's English line, what its reason means in Chinese and what to do (the
    audit's sentence, :mod:`nlp_reports.reasons`: one table): a reader of the Chinese half
    met every failure of tag and parse in English only. ``failed``: ``reason: message``;
    the same sentence as ``previous`` (the line above) is said as 同上. Returns the sentence."""
    from nlp_reports.reasons import failure_meaning_zh

    meaning = failure_meaning_zh(failed)
    if meaning:
        _err("    " + ("（原因同上）" if meaning == previous else meaning))
    return meaning


# --- parse -------------------------------------------------------------------------------


def _cmd_parse(args: argparse.Namespace) -> int:
    from nlp_reports.errors import MissingDependencyError, ParseError
    from nlp_reports.parse import load_report, load_reports
    from nlp_reports.reasons import failure_meaning_zh
    from nlp_reports.render import report_as_text

    load = load_report if args.no_split else load_reports
    failed = 0
    for path in args.files:
        try:
            found = load(Path(path) if path != "-" else sys.stdin.buffer.read())
        except ParseError as exc:
            found = [exc]
        except MissingDependencyError as exc:  # this file's format needs an extra: the
            # others are still parsed, as tag does
            found = [ParseError(str(exc), path=path, reason="missing_dependency")]
        for item in found if isinstance(found, list) else [found]:
            if isinstance(item, ParseError):  # the file, or one part of a compilation
                failed += 1
                cell = f"{item.reason}: {Exception.__str__(item)}"  # as a files row's failed
                if args.json:  # message_zh: the console's sentence, one table (reasons.py)
                    where = {"part": item.part, "parts": item.parts} if item.part else {}
                    _out(json.dumps({"source": path, **where,
                                     "error": {"reason": item.reason, "message": str(item),
                                               "message_zh": failure_meaning_zh(cell)}},
                                    ensure_ascii=False))
                else:
                    _err(f"error: {item}")
                    _err_zh(cell)
            elif args.json:
                _out(item.to_json(indent=2 if args.indent else None))
            else:
                _out(report_as_text(item))
    return EXIT_FAILED if failed else EXIT_OK


# --- classify / train / evaluate / suggest ------------------------------------------------


def _jobs(value: str) -> int:
    """``--jobs``: a number of processes, or -1 for one per CPU (0 and -2 are mistakes)."""
    n = int(value)
    if n == 0 or n < -1:
        raise argparse.ArgumentTypeError(
            f"{value}: give a number of processes (1, 2, …) or -1 for one per CPU")
    return n


def _seconds(value: str) -> float:
    """``--timeout``: seconds ≥ 0 (0: no limit)."""
    x = float(value)
    if not x >= 0:  # (NaN too)
        raise argparse.ArgumentTypeError(f"{value}: give seconds ≥ 0 (0: no limit)")
    return x


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="model directory (default: the shipped model) / 模型目录（默认用自带模型）")
    p.add_argument("--trust-model", action="store_true",
                   help="allow loading a model from outside the package (joblib runs code) / "
                        "允许加载包外的模型（加载时会执行其中的代码）")
    p.add_argument("--tokenizer", choices=["jieba", "rjieba"], default=None,
                   help="tokenizer engine (default: the fastest installed) / 分词引擎（默认用已安装的"
                        "最快者）")


def _load_tagger(args: argparse.Namespace):
    from nlp_reports.classify import Tagger

    return Tagger.load(args.model, trust=args.trust_model, tokenizer=args.tokenizer)


def _cmd_classify(args: argparse.Namespace) -> int:
    _single_threaded_blas()
    from nlp_reports.classify.dataset import read_lines

    explaining = args.explain or bool(args.theme) or args.top is not None
    if explaining:  # an unknown theme refused before the model loads
        from nlp_reports.classify.explain import theme_ids

        theme_ids(args.theme or None)
    # UTF-8, else GBK …; DataError if missing; "-" is stdin, as for cat and sort
    lines = read_lines(args.file if args.file not in (None, "-") else sys.stdin.buffer)
    tagger = _load_tagger(args)
    if not explaining:
        for pred in tagger.predict(lines, batch_size=args.batch_size):
            _out(json.dumps(pred.to_dict(), ensure_ascii=False))
        return EXIT_OK
    step = max(1, args.batch_size)
    for start in range(0, len(lines), step):  # a batch at a time: lines come out as they go
        for ex in tagger.explain(lines[start:start + step], top=5 if args.top is None else args.top,
                                 themes=args.theme or None, batch_size=step):
            _out(json.dumps({**ex.prediction.to_dict(), "explain": ex.to_dict()},
                            ensure_ascii=False))
    return EXIT_OK


def _top(value: str) -> int:
    """``--top``: a whole number ≥ 0 of contributions kept of each sign."""
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value}: give a whole number ≥ 0")
    return n


def _with_shipped(args: argparse.Namespace, paths: Sequence[str]) -> list[str]:
    """``paths`` after the shipped labeled corpus when ``--with-shipped`` was given (found
    wherever the package is installed: a wheel has no nlp_reports/data/labeled beside it)."""
    if not args.with_shipped:
        return list(paths)
    from nlp_reports.classify.dataset import shipped_labeled_files

    return [*map(str, shipped_labeled_files()), *paths]


def _train_command(args: argparse.Namespace) -> str:
    """The train command line as run (data paths after the shell's expansion, options given)."""
    import shlex

    argv = ["nlp-reports", "train", *args.data, "--out", args.out]
    if args.with_shipped:
        argv.append("--with-shipped")
    for flag, value in (("--dev", args.dev), ("--test", args.test),
                        ("--seed", args.seed or None), ("--thresholds", args.thresholds),
                        ("--tokenizer", args.tokenizer)):
        if value is not None:
            argv += [flag, str(value)]
    for spec in args.weight or ():
        argv += ["--weight", spec]
    return shlex.join(argv)


def _label_format() -> str:
    """The label-file format, for the --help of train and evaluate."""
    from nlp_reports.taxonomy import THEME_IDS

    return ("label files: JSONL, one {\"text\", \"kind\", \"themes\": [...]} per line, or "
            "CSV with the columns text, kind, themes (optional: family, split; without a "
            "family, a suggest CSV's source keeps one report's statements on one side of the "
            "split, and with neither a statement is grouped with its near-duplicates — a "
            "lead-in, an enumerator, another agency or year —, with a warning; a suggest "
            "CSV's block — the sub-heading the statement sat under, problem or measure — "
            "is a check: kinds against it are warned about, English and Chinese, "
            "never refused). kind: problem, measure or other (or in Chinese: 问题/存在问题/不足, "
            "措施/改进措施/整改/下一步, 其他/其它; docs/annotation-guidelines.md section 6). "
            "themes: theme ids "
            "separated by ; ； , ， 、 | / or spaces (or a JSON "
            f"list), from: {', '.join(THEME_IDS)} (in any case, or their Chinese names, "
            "人员力量 …; the kinds and themes are fixed; a misspelt one is refused with the "
            "one meant). Unlabeled CSV rows (no kind and no themes, "
            "or a suggest row with no kind) are skipped and their number logged; a suggest "
            "row with themes but no kind is skipped with a warning naming its line. "
            "UTF-8 is expected; GBK/GB18030 (Excel on Chinese Windows) is read too. A "
            "tab-separated file (.tsv, or Excel's \"Unicode text\" .txt) is read as the CSV; "
            "a workbook (.xlsx, .xls) is refused: save it as CSV UTF-8.")


def _weights(specs: list[str] | None) -> dict[str, str] | None:
    """``--weight NAME=N`` options as {file name: N} (train checks the names and numbers)."""
    if not specs:
        return None
    from nlp_reports.errors import UsageError

    out = {}
    for spec in specs:
        name, sep, value = spec.rpartition("=")
        if not sep or not name:
            raise UsageError(f"--weight takes FILE=N (e.g. unseen-1.jsonl=3), got {spec!r}")
        out[Path(name).name] = value
    return out


def _cmd_train(args: argparse.Namespace) -> int:
    from nlp_reports.classify import train
    from nlp_reports.classify.train import too_few_labels

    with _progress(args):
        result = train(args.data, out=args.out, tokenizer=args.tokenizer, dev=args.dev,
                       test=args.test, seed=args.seed, thresholds=args.thresholds,
                       command=_train_command(args), weights=_weights(args.weight),
                       with_shipped=args.with_shipped)
    _out(f"model written to {result.path}")
    for line in _figure_lines(result.metrics, result.shipped):
        _out(line)
    if result.card.get("metrics", {}).get("test_by_source"):
        from nlp_reports.classify.train import by_source_lines

        _out("  by source file:")
        for line in by_source_lines(result.card["metrics"]["test_by_source"]):
            _out(f"    {line}")
    if "kind_accuracy" in result.metrics:
        _out(f"(test figures on {result.metrics['n_test']} held-out statements"
             + ("; too few labels, see the warnings"
                if too_few_labels(result.card.get("warnings", ())) else "")
             + ")")
    from nlp_reports.classify.train import held_out_lines

    for line in held_out_lines(result.card.get("split", {}).get("test_by_file", {})):
        _out(line)
    _out(f"use it: nlp-reports tag … --model {result.path} --trust-model "
         f"(Python: Tagger.load({str(result.path)!r}, trust=True))")
    return EXIT_OK


def _figure_lines(metrics: dict, shipped: dict | None) -> list[str]:
    """train's test figures: the split sizes, then one row a figure with the new model, the
    keyword baseline and the shipped model on the SAME test statements (else the new
    model's figures sat beside the card's, which rest on other statements)."""
    from nlp_reports.classify.evaluate import fmt_figure

    lines = [f"  {k}: {metrics[k]}" for k in ("n_train", "n_dev", "n_test") if k in metrics]
    figures = [k for k in metrics if k not in ("n_train", "n_dev", "n_test")
               and not k.startswith(("baseline_", "shipped_"))]
    if not figures:
        return lines
    ship = bool(shipped)
    lines.append(f"  {'test figures':<22}{'new':>8}{'baseline':>10}"
                 + (f"{'shipped':>10}" if ship else ""))
    for k in figures:
        lines.append(f"  {k:<22}{fmt_figure(metrics[k], 8)}"
                     f"{fmt_figure(metrics.get('baseline_' + k), 10)}"
                     + (fmt_figure(metrics.get("shipped_" + k), 10) if ship else ""))
    if ship:
        lines.append(f"  (shipped: the shipped model {shipped['model_id'][:12]} on the same "
                     f"{metrics['n_test']} test statements"
                     + (f"; it was trained on {shipped['n_trained_on']} of them"
                        if shipped.get("n_trained_on") else "")
                     + ": what your data bought)")
    return lines


@contextlib.contextmanager
def _progress(args: argparse.Namespace):
    """train/evaluate run for minutes: the library's INFO lines (the start, each stage) go to
    stderr unless --quiet; the logger's level is given back afterwards."""
    logger = logging.getLogger("nlp_reports")
    before = logger.level
    if not args.quiet and logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)
    import warnings

    from nlp_reports.classify.dataset import DataWarning

    try:
        with warnings.catch_warnings():  # already logged (WARNING lines): not twice
            warnings.simplefilter("ignore", DataWarning)
            yield
    finally:
        logger.setLevel(before)


def _not_in_result(record: logging.LogRecord) -> bool:
    """A log filter: False for a warning the printed result says under its figures."""
    from nlp_reports.classify.dataset import IN_RESULT

    return not getattr(record, IN_RESULT, False)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from nlp_reports.classify import evaluate, format_evaluation

    logger = logging.getLogger("nlp_reports")
    if not args.json:  # the table ends with its warnings: not logged on stderr too
        logger.addFilter(_not_in_result)
    try:
        with _progress(args):
            base = _with_shipped(args, args.base or ())
            if base and args.cv is None:
                _err("error: --base and --with-shipped add data to the training folds of "
                     "--cv K: give --cv too")
                return EXIT_USAGE
            data = args.data[0] if len(args.data) == 1 else args.data  # (train takes several)
            result = evaluate(data, model=args.model, trust=args.trust_model,
                              tokenizer=args.tokenizer, cv=args.cv, base=base or None)
    finally:
        logger.removeFilter(_not_in_result)
    _out(json.dumps(result, ensure_ascii=False, indent=2) if args.json
         else format_evaluation(result))
    return EXIT_OK


def _cmd_suggest(args: argparse.Namespace) -> int:
    import warnings

    from nlp_reports.classify import suggest, write_suggestions
    from nlp_reports.classify.dataset import DataWarning

    if bool(args.corpus) == bool(args.db):
        _err("error: suggest draws from report files or folders, or from a store made by tag "
             "(--db STORE): give " + ("one of them" if not args.corpus else "one, not both"))
        return EXIT_USAGE
    if args.corpus:  # a mistyped folder: refused as tag refuses it, before the model loads
        from nlp_reports.corpus.batch import refuse_missing

        refuse_missing(args.corpus)
    tagger = _load_tagger(args)
    with warnings.catch_warnings():  # its DataWarnings are logged lines here: not twice
        warnings.simplefilter("ignore", DataWarning)
        rows = suggest(args.corpus or None, n=args.n, tagger=tagger, exclude=args.exclude or (),
                       db=args.db)
    write_suggestions(rows, args.out or sys.stdout)
    if args.out:
        _err(f"{len(rows)} statements to label written to {args.out}"
             + (f" (fewer than the {args.n} asked: no more distinct statements"
                + (" not in the --exclude files)" if args.exclude else ")")
                if len(rows) < args.n else ""))
    if args.db and rows:
        stored = sum(r["scored_by"] == "stored" for r in rows)
        _err(f"ranked by model {tagger.model_id[:12]} ({tagger.name}): "
             + ("the scores stored when the store was tagged with it"
                if stored == len(rows) else
                "scored again, the store was tagged with another model" if not stored else
                f"{stored} with the scores stored, {len(rows) - stored} scored again (their "
                "reports were tagged with another model)"))
    return EXIT_OK


# --- tag / export / summarize / audit -----------------------------------------------------


def _single_threaded_blas() -> None:
    """numpy's OpenBLAS starts a spinning thread per core when it loads (~0.06 s of CPU);
    tagging and classifying do no BLAS work, and that CPU is taken from the model's read in
    a thread and from --jobs workers. Call before numpy loads (once it is loaded the variable
    changes nothing here: it is left alone); a value the user set is kept. :func:`main`
    gives the caller its environment back when the command ends."""
    import os

    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _cmd_tag(args: argparse.Namespace) -> int:
    _single_threaded_blas()
    from nlp_reports.corpus import tag_paths

    try:
        result = tag_paths(
            args.paths, args.db, model=args.model, trust=args.trust_model,
            tokenizer=args.tokenizer, jobs=args.jobs, backend=args.backend,
            scheduler=args.scheduler, progress=_tag_progress(args),
            retag=args.retag, timeout=args.timeout, words=not args.no_words,
            split=not args.no_split,
        )
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (_Terminated)
        _err(_interrupted_line(args.db, terminated=isinstance(exc, _Terminated)))
        return _interrupt_exit(exc)
    shown = max(args.show_failures, 0)
    _err(result.summary_line(shown=shown))
    _err(_summary_zh(result, shown))
    said = None
    for failure in result.failures[:shown]:
        message = failure.message.removeprefix(f"{failure.path}: ")  # the path once per line
        _err(f"  failed: {failure.path}: {failure.reason}: {message}")
        said = _err_zh(f"{failure.reason}: {message}", said)
    extras = _missing_extras(result.failures)
    if extras:
        _err(extras)
    reverted = _own_tags_replaced(args, result)
    if reverted:
        _err(reverted)
    return EXIT_FAILED if result.failed else EXIT_OK


def _own_tags_replaced(args: argparse.Namespace, result: BatchResult) -> str | None:
    """The warning, English then Chinese, when a run without --model re-tagged reports a
    model of one's own had tagged: the shipped model's tags replace hers (a researcher, after
    retraining, adding this year's files with the README's plain ``tag`` command put the store
    back on the shipped model, said only in a clause of the end line). None otherwise, and
    when the models replaced were the shipped one's (an upgrade's re-tag is expected)."""
    if args.model is not None or not result.retagged or not result.previous_models:
        return None
    from nlp_reports.corpus import Store
    from nlp_reports.corpus.model_guard import is_shipped, keep_advice
    from nlp_reports.corpus.summarize import shipped_model_id

    if result.model_id is None or result.model_id != shipped_model_id():
        return None
    try:
        with Store(args.db, readonly=True) as store:
            known = {r["model_id"]: r for r in store.models(counts=False).to_dict("records")}
    except Exception:  # (the warning is worth less than the run's exit code)
        known = {}
    own = [known.get(m, {"model_id": m}) for m in result.previous_models
           if not is_shipped(m, known.get(m, {}).get("path"))]
    if not own:
        return None
    names = ", ".join(f"{r.get('name') or '?'} ({r['model_id'][:12]})" for r in own[:3])
    again = keep_advice(next((r.get("path") for r in own if r.get("path")), None))
    return (f"warning: {result.retagged} stored reports were re-tagged with the shipped model "
            f"(no --model given); before, reports were tagged with {names}. To keep your "
            f"model's tags, run the same command with {again}\n"
            f"    注意：未指定 --model，{result.retagged}份已入库报告已改用随包模型重新标注，"
            f"此前由 {names} 标注；如需沿用自己的模型，请加 {again} 原样再运行一次")


def _summary_zh(result: BatchResult, shown: int) -> str:
    """tag's end line in Chinese: the counts a reader checks (stored, skipped, failed) and
    where the failures are listed; the English line above says the rarer clauses."""
    n = result.ok - result.split_files + result.split_reports
    line = f"已入库{n}份报告" + (f"（来自{result.ok}个文件）" if result.split_files else "")
    line += f"，跳过{result.skipped}个已入库的文件"
    if result.duplicates:
        line += f"，{result.duplicates}个文件与已入库的报告相同"
    line += f"，{result.failed}个文件无法读取"
    hidden = result.failed - max(shown, 0)
    if result.failed and shown > 0:
        line += "；文件及原因如下" + (f"（只列出{shown}个，其余用 --show-failures 列出）"
                               if hidden > 0 else "")
    elif result.failed:
        line += "（用 --show-failures 列出）"
    if result.ignored:
        line += f"；另有{sum(c for _, c in result.ignored)}个其他文件不含报告，未读取"
    if result.retagged:  # (which model's tags a store holds: not a rare clause)
        was = "、".join(m[:12] for m in result.previous_models[:3])
        more = "等" if len(result.previous_models) > 3 else ""
        line += (f"；{result.retagged}份已入库报告改用模型{(result.model_id or '?')[:12]}"
                 f"重新标注（此前为{was}{more}）")
    if result.no_headings:  # (stored, not failed: the audit says why each one)
        line += (f"；已入库的报告中有{result.no_headings}份未找到各部分标题（如“一、总体情况”），"
                 "无法按六个部分核对，见 audit（parse_problems 列的 no_headings）")
    return line


def _missing_extras(failures: Sequence) -> str | None:
    """One line for every file an optional package was missing for (a base install meeting
    .pdf and .docx: one line per file before, a different extra on every other line): the
    one install command that reads them all, then the same tag command."""
    import re

    found = [re.search(r"nlp-reports\[(\w+)\]", f.message) for f in failures
             if f.reason == "missing_dependency"]
    extras = ",".join(sorted({m.group(1) for m in found if m}))
    if not extras:
        return None
    n = len(found)
    files = "file needs" if n == 1 else "files need"
    return (f"{n} {files} an optional package: pip install 'nlp-reports[{extras}]' (in a "
            f"clone of the project: pip install -e '.[{extras}]'), then run the same command "
            f"again: the stored reports are skipped, these files read / {n}个文件需要安装可选依赖："
            f"运行 pip install 'nlp-reports[{extras}]'（从项目源码安装的用 pip install -e "
            f"'.[{extras}]'），再原样运行一次本命令：已入库的报告会跳过，只读取这些文件")


def _tag_progress(args: argparse.Namespace) -> bool | Callable[[Progress], None]:
    """tag's progress: a bar on a terminal; else (sbatch, nohup, a pipe) a line on stderr
    when the files are found, at most every minute and at each tenth of them — a log that
    said nothing for hours until the end line; nothing with --quiet."""
    if args.quiet:
        return False
    if sys.stderr.isatty():
        return True
    return lambda progress: _err(progress.line())


def _interrupted_line(db: str, *, terminated: bool = False) -> str:
    """What a Ctrl-C of ``tag`` leaves: how many reports the store holds, and how to go on;
    ``terminated``: ended by SIGTERM instead (a ``kill``, a scheduler's time limit), said so.

    Why: "interrupted" alone left a researcher unsure whether the hour's work was kept;
    every report is written in its own transaction, so all of them but the one in flight are.
    """
    from nlp_reports.corpus.store import Store

    how, how_zh = (" by SIGTERM", "（收到终止信号 SIGTERM）") if terminated else ("", "")
    try:
        with Store(db, readonly=True) as store:
            held = store.count("reports")
    except Exception:  # no store yet, or not readable: say what is sure
        return (f"interrupted{how}; run the same command again to resume / 已中断{how_zh}；"
                "原样再运行一次本命令即可继续")
    noun = "report" if held == 1 else "reports"
    return (f"interrupted{how}: {held} {noun} stored in {db}, each whole; run the same "
            f"command again to resume (stored reports are skipped) / 已中断{how_zh}：{held}份"
            f"报告已完整存入 {db}；原样再运行一次本命令即可继续（已入库的报告会跳过）")


def _cmd_export(args: argparse.Namespace) -> int:
    from nlp_reports.corpus import export

    if args.table != "panel" and (args.agency_map or args.no_dedupe or args.balanced):
        _err("error: --agency-map, --no-dedupe and --balanced shape the agency × year panel: "
             "give --table panel")
        return EXIT_USAGE
    agency_map, ok = _agency_map(args)
    if not ok:
        return EXIT_USAGE
    if args.codebook and args.format == "jsonl":
        _err("error: --codebook is written beside csv, parquet or dta tables; for JSONL "
             "run nlp-reports codebook")
        return EXIT_USAGE
    written = export(args.db, args.out, format=args.format, table=args.table,
                     agency_map=agency_map, dedupe=not args.no_dedupe, codebook=args.codebook,
                     balanced=args.balanced)
    _err(f"wrote {', '.join(str(p) for p in written)}")
    return EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    from nlp_reports.corpus import Store

    with Store(args.db, readonly=True) as store:
        version = store.connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        counts = {t: store.count(t) for t in ("reports", "statements", "files")}
        files = store.query("SELECT status, COUNT(*) AS n FROM files GROUP BY status "
                            "ORDER BY status")
        models = store.models()
    if args.format == "json":
        from nlp_reports.corpus.summarize import records

        _out(json.dumps({"db": str(args.db), "schema_version": version[0] if version else None,
                         **counts, "files_by_status": dict(zip(files["status"], map(int,
                                                               files["n"]), strict=True)),
                         "models": records(models)}, ensure_ascii=False))
        return EXIT_OK
    by_status = ", ".join(f"{n} {s}" for s, n in zip(files["status"], files["n"], strict=True))
    _out(f"{args.db}: store schema {version[0] if version else '?'}; {counts['reports']} "
         f"reports, {counts['statements']} statements; {counts['files']} files"
         + (f" ({by_status})" if by_status else ""))
    _out(f"models ({len(models)}) / 标注模型（{len(models)}个）:")
    for m in models.to_dict("records"):
        name = m["name"] or "unknown model (tagged before the store recorded models) / 未知模型"
        _out(f"  {m['model_id']}  {name}: {m['reports']} reports now / 现有{m['reports']}份报告")
        for key in ("path", "created", "training_data_sha256", "sklearn_version", "tokenizer",
                    "provenance", "first_used", "last_used"):
            if m[key] is not None and m[key] == m[key]:
                _out(f"    {key}: {m[key]}")
        if isinstance(m["test_metrics"], str):
            test = json.loads(m["test_metrics"])
            shown = {k: test[k] for k in ("kind_accuracy", "theme_micro_f1", "theme_macro_f1",
                                          "n_test") if k in test}
            if shown:
                _out("    test: " + ", ".join(f"{k} {v}" for k, v in shown.items()))
    if len(models[models["reports"] > 0]) > 1:
        _err("warning: the stored reports were tagged by several models: their kinds and "
             "themes are two measurements; re-tag with one (tag … --retag) / 数据库中的报告由"
             "多个模型标注，类型和主题判断不可比，请用同一模型重新标注")
    return EXIT_OK


def _cmd_codebook(args: argparse.Namespace) -> int:
    from nlp_reports.corpus.codebook import render

    text = render(args.format, args.table or None)
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        # a CSV for Excel gets the byte-order mark every CSV of the package has
        out.write_text(text, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
        _err(f"codebook written to {out}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _agency_map(args: argparse.Namespace) -> tuple[dict[str, str] | None, bool]:
    """``--agency-map FILE`` read (None without it), and whether it could be: a bad file
    is a usage error (exit 2, one line saying which line of the file is wrong)."""
    if not getattr(args, "agency_map", None):
        return None, True
    from nlp_reports.corpus.summarize import read_agency_map
    from nlp_reports.errors import UsageError

    try:
        return read_agency_map(args.agency_map), True
    except UsageError as exc:
        _err(f"error: --agency-map: {exc}")
        return None, False


def _cmd_summarize(args: argparse.Namespace) -> int:
    from nlp_reports.corpus import summarize

    if args.quiet and not args.csv and not args.html and args.format is None:
        _err("error: summarize --quiet prints nothing: give --csv DIR or --html FILE "
             "(or drop --quiet)")
        return EXIT_USAGE
    agency_map, ok = _agency_map(args)
    if not ok:
        return EXIT_USAGE
    import warnings

    from nlp_reports.classify.dataset import DataWarning

    with warnings.catch_warnings(record=True) as caught:  # (a notebook's warning: a line here)
        warnings.simplefilter("always", DataWarning)
        summary = summarize(args.db, by=args.by or [], dedupe=args.dedupe,
                            agency_map=agency_map, agencies=args.agency or (),
                            years=args.year or (), folders=args.folder or ())
    for w in caught:
        if issubclass(w.category, DataWarning):  # several models mixed (标注模型不一)
            _err(f"warning: {w.message}")
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    if args.csv:  # before the page, which names the CSV files only once they exist
        written = summary.to_csv(args.csv)
        _err(f"{len(written)} CSV files written to {args.csv}")
    if args.html:
        summary.to_html(args.html, csv_dir=args.csv)
        _err(f"HTML report written to {args.html}")
    if args.format == "json":
        _write_parts(summary)
        _out()
    elif not args.quiet or args.format == "markdown":
        _out(summary.to_markdown())
    return EXIT_OK


def _write_parts(summary: Summary) -> None:
    """The summary's JSON on stdout as it comes (66 MB on 20,000 reports: no joined copy);
    on a UTF-8 stdout its big tables' bytes as they are, not decoded and encoded again."""
    out = sys.stdout
    raw = getattr(out, "buffer", None)
    if raw is None or (getattr(out, "encoding", None) or "").lower().replace("_", "-") not in (
            "utf-8", "utf8"):
        for part in summary.json_parts():  # (a GBK terminal's: each table encoded for it)
            out.write(part)
        return
    out.flush()
    for part in summary.json_bytes():
        if isinstance(part, str):
            out.write(part)
            out.flush()
        else:
            raw.write(part)


def _cmd_audit(args: argparse.Namespace) -> int:
    from nlp_reports.corpus import audit

    if args.headers != "en" and not (args.csv or args.missing_csv):
        _err("error: --headers names the columns of the CSV: give --csv FILE (or "
             "--missing-csv FILE) too")
        return EXIT_USAGE
    if args.html_rows is not None and not args.html:
        _err("error: --html-rows caps the rows of the HTML page: give --html FILE too / "
             "--html-rows 限定网页中列出的报告数，请同时给出 --html 文件")
        return EXIT_USAGE
    if bool(args.files) == bool(args.db):
        _err("error: give either --db STORE (a store `tag` made) or report files to check "
             "(nlp-reports audit 本年报告.docx 上年报告.pdf), not both / 请给出 --db 数据库，"
             "或直接给出要检查的报告文件，二者选一")
        return EXIT_USAGE
    agency_map, ok = _agency_map(args)
    if not ok:
        return EXIT_USAGE
    from nlp_reports.corpus.audit import parse_deadlines

    # read before files are tagged: a bad --deadline is exit 2 (main) at once, not after
    deadlines = parse_deadlines(args.deadline)
    query = dict(years=args.year or (), folders=args.folder or (), sort=args.sort,
                 agency_map=agency_map, agencies=args.agency or (), deadlines=deadlines)
    if args.files:
        import tempfile

        from nlp_reports.corpus import tag_paths

        _single_threaded_blas()
        # files given: tagged (with tag's default timeout) into a store that lives as long
        # as this command (nothing is left beside her files), so one report is checked,
        # against last year's when given too
        with tempfile.TemporaryDirectory(prefix="nlp-reports-audit-") as tmp:
            db = str(Path(tmp) / "audit.sqlite")
            batch = tag_paths(args.files, db)
            if not os.path.exists(db):  # not one file read (a folder without reports; a
                # name not there stopped tag_paths already): say so, as parse does, not that
                # the command's own temporary store is missing
                from nlp_reports.reasons import FAILURE_ZH

                for f in batch.failures:
                    _err(f"error: {f.path}: {f.message}")
                    if f.reason in FAILURE_ZH:
                        _err(f"    {FAILURE_ZH[f.reason]}：{f.path}")
                return EXIT_FAILED
            result = audit(db, **query)
            unread = batch.failures
    else:
        unread = ()
        result = audit(args.db, **query)
    if args.html:
        result.to_html(args.html, max_rows=args.html_rows)
        _err(f"audit written to {args.html}")
    if args.csv:
        result.to_csv(args.csv, headers=args.headers)
        _err(f"audit table written to {args.csv}")
    if args.missing_csv:
        result.missing_to_csv(args.missing_csv, headers=args.headers)
        _err(f"agencies with no report on the --year asked for written to {args.missing_csv}")
    if args.by:
        if args.format == "json":
            from nlp_reports.corpus.summarize import records

            _out(json.dumps(records(result.by(args.by)), ensure_ascii=False))
        else:
            _out(result.by_markdown(args.by))
    elif args.format != "json" and (args.format == "markdown" or not (args.html or args.csv)):
        # files checked before publishing: her findings first, the 30-column table after
        _out(result.to_markdown(findings_first=bool(args.files)))
    else:
        if args.format == "json":
            _out(result.to_json())
        for note in result.notes:  # the headline, which says them, is not printed
            _err(f"note: {note}")
    return _unread_exit(unread)


def _unread_exit(unread: Sequence) -> int:
    """``audit FILE…``'s exit code: 1 when a file given could not be read (``unread``: the
    run's failures), as ``tag``'s — a county office scripting the check before publishing
    saw 0 and went on —, said on stderr with the files (the audit lists them too)."""
    if not unread:
        return EXIT_OK
    files = "file" if len(unread) == 1 else "files"
    _err(f"{len(unread)} {files} could not be read: exit code 1 / {len(unread)}个文件无法读取，"
         "退出码为 1")
    for f in unread[:5]:
        _err(f"  failed: {f.path}: {f.reason}")
    if len(unread) > 5:
        _err(f"  … ({len(unread) - 5} more in the audit, column failed / 其余见审查结果 failed 列)")
    return EXIT_FAILED


# --- the parser ---------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nlp-reports",
        description="Parse, classify and summarize government information-disclosure annual "
        "reports (政府信息公开工作年度报告).",
    )
    parser.add_argument("--version", action="version", version=f"nlp-reports {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="log more (-v info, -vv debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "parse", help="parse report files into sections, statements, tables, checks "
                      "/ 解析报告：各部分、逐条表述、表格、勾稽校验",
        description="Parse report files: metadata, the six sections, the statements of "
                    "section 五, tables 二–四 and the checks (勾稽关系); a failed check is said "
                    "in Chinese under its line, the cell by its printed name. To check a "
                    "report before publishing (blank cells, the deadline, last year's report "
                    "too): nlp-reports audit FILE [LAST_YEAR_FILE]. / 解析报告：元数据、六个部分、"
                    "第五部分逐条表述、表二至表四和勾稽校验；校验不通过的，在该行下用中文写明应改的"
                    "单元格。发布前检查报告（另查未填报单元格、发布时限、与上年报告比较）请用 "
                    "nlp-reports audit 本年报告文件 上年报告文件。")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="report files (.txt .md .html .mht .docx .doc .wps .pdf .ofd; - for stdin; "
                        "Markdown and converters' text are read as text) / 报告文件（- 为标准输入）")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per report, one a line (docs/schema.md): a compilation "
                        "(汇编, 年鉴) gives one per report it holds, metadata.part/parts saying which; "
                        "a file not read gives its error, message_zh in Chinese "
                        "/ 每份报告输出一行 JSON；汇编文件中的每份报告各一行；无法读取的文件输出"
                        "其错误，message_zh 为中文原因说明")
    p.add_argument("--indent", action="store_true",
                   help="pretty-print the JSON / JSON 缩进排版")
    p.add_argument("--no-split", action="store_true",
                   help="refuse a compilation of several reports (not_a_report) instead of "
                        "reading each of its reports / 汇编文件（含多份报告）不拆分，作为无法读取处理")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("classify", help="classify statements, one per line, into kind and themes "
                                         "(JSONL) / 逐行判断表述的类型和主题")
    p.add_argument("file", nargs="?", help="a UTF-8 file with one statement per line (default, "
                   "or -: stdin)")
    p.add_argument("--batch-size", type=int, default=2048, help="statements per predict call")
    p.add_argument("--explain", action="store_true",
                   help="add an 'explain' object to each line: for each kind and each predicted "
                        "theme, the decision score as intercept + the words (block word) and "
                        "character n-grams (block char) that pushed it up or down (tf-idf × "
                        "weight), beside the probability; the layout evidence tag uses is no "
                        "part of it (docs/model-card.md, 'Why did it say that?') / 输出判定依据："
                        "各类型与所判主题的决策分数由哪些词和字符片段推高或拉低")
    p.add_argument("--top", type=_top, default=None, metavar="K",
                   help="with --explain: contributions shown of each sign (default 5) / "
                        "每个方向列出的特征数")
    p.add_argument("--theme", action="append", default=[], metavar="ID",
                   help="with --explain: explain this theme too, predicted or not — why NOT "
                        "staffing? (an id or Chinese name, repeatable; 'all' for the 13; "
                        "implies --explain) / 同时解释该主题（未判出时说明为何未判出）")
    _add_model_args(p)
    p.set_defaults(func=_cmd_classify)

    p = sub.add_parser("train", help="train a kind + theme model on labeled statements / 用自己的标注数据训练类型与主题模型",
                       description="Train a kind + theme model on labeled statements and write "
                                   "it to --out. Its test figures are printed beside the "
                                   "keyword baseline's and the shipped model's on the SAME "
                                   "test statements (column shipped): what your labels bought.",
                       epilog=_label_format())
    p.add_argument("data", nargs="+", help="labeled JSONL, CSV or TSV files or folders (text, kind, "
                   "themes[, split, family]; format below)")
    p.add_argument("--with-shipped", action="store_true",
                   help="also train on the labeled corpus shipped with the package (found "
                        "wherever it is installed, a wheel too): retrain on it and your labels")
    p.add_argument("--out", required=True,
                   help="output model directory, e.g. models/mine (written beside it and put in "
                        "place when complete: a failed run leaves a model already there as it "
                        "was; a folder holding other files is refused)")
    p.add_argument("--dev", help="extra dev statements: they tune the theme thresholds with --thresholds dev, and are otherwise trained on (default: the 'dev' split in DATA)")
    p.add_argument("--test", help="test file for the model card's metrics (default: the 'test' split)")
    p.add_argument("--seed", type=int, default=0,
                   help="random seed of the learners (the split is by family, never drawn)")
    p.add_argument("--thresholds", choices=["fixed", "dev", "oof"], default=None,
                   help="theme thresholds: one fixed value (default), tuned on dev, or tuned on "
                        "grouped out-of-fold predictions")
    p.add_argument("--tokenizer", choices=["jieba", "rjieba"], default=None,
                   help="tokenizer engine (default: the fastest installed; the model runs "
                        "unchanged with either)")
    p.add_argument("--weight", action="append", metavar="FILE=N",
                   help="count each statement of data file FILE N times (a sample weight; "
                        "repeatable; the others count once)")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="no progress lines on stderr (warnings and errors still)")
    p.set_defaults(func=_cmd_train)

    p = sub.add_parser("evaluate", help="per-theme P/R/F1, kind accuracy, confusion, baseline beside / 评估模型：各主题P/R/F1、类型准确率，并列关键词基线",
                       description="Score a model on labeled statements, the keyword baseline "
                                   "beside it; with --model DIR (a model you trained) the "
                                   "shipped model is scored on the same statements too (column "
                                   "'shipped'), also on those DIR was not trained on: whether "
                                   "your model is better.",
                       epilog=_label_format())
    p.add_argument("data", nargs="+", help="labeled JSONL, CSV or TSV files or folders (format "
                   "below), scored together as train reads them (my_labels.csv round2.csv)")
    p.add_argument("--cv", type=int, metavar="K",
                   help="k-fold cross-validation (grouped by template family; statements "
                        "with no family grouped by near-duplicate text, and the count said): "
                        "K trainings; "
                        "the keyword baseline and the shipped model as installed are scored "
                        "on the same statements beside them, and a NOTE says when the "
                        "baseline beats the model")
    p.add_argument("--base", nargs="+", metavar="DATA",
                   help="with --cv: labeled data added to every training fold and never "
                        "scored, e.g. the shipped corpus nlp_reports/data/labeled/*.jsonl beside "
                        "your own labels: how a model retrained on both does on yours")
    p.add_argument("--with-shipped", action="store_true",
                   help="with --cv: the shipped labeled corpus is --base (found wherever the "
                        "package is installed, a wheel too)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="no progress lines on stderr (warnings and errors still)")
    _add_model_args(p)
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("suggest", help="statements the model is least sure about, as a CSV to label / 挑出模型最没把握的表述，生成待标注的CSV",
                       description="The statements the model is least sure about, as a CSV to "
                                   "label (columns text, kind, themes to fill in, then the "
                                   "model's guesses, the block — problem or measure, the "
                                   "sub-heading the statement sat under, empty under none: "
                                   "train checks the kinds against it — the source file, "
                                   "its report's agency and year (empty for a statement "
                                   "list), and with --db the report's id in the store). "
                                   "From report files or "
                                   "folders (parsed), or from a store made by tag (--db: its "
                                   "statements, nothing parsed again; a store tagged with "
                                   "another model than --model is scored again with --model, "
                                   "and a line says which model ranked them).")
    p.add_argument("corpus", nargs="*", help="report files or folders, or a statements .txt/.jsonl "
                                             "(or --db instead)")
    p.add_argument("--db", metavar="STORE",
                   help="draw from the statements of a store made by 'tag --db STORE' instead "
                        "of parsing a folder again")
    p.add_argument("-n", type=int, default=50, help="how many statements")
    p.add_argument("--out", help="CSV path (default: stdout)")
    p.add_argument("--exclude", action="append", metavar="FILE",
                   help="a label file already made (a filled-in suggest CSV, a .tsv, a .jsonl, a .txt): "
                        "its statements are not suggested again (repeatable)")
    _add_model_args(p)
    p.set_defaults(func=_cmd_suggest)

    p = sub.add_parser("tag", help="parse, classify and store many reports in a SQLite store "
                                    "(resumable) / 批量解析、分类并存入数据库（可续跑）")
    p.add_argument("paths", nargs="+",
                   help="report files (.txt .md .html .mht .docx .doc .wps .pdf .ofd), folders (walked "
                        "for them; a browser's unfinished download, .crdownload or .part, is "
                        "read too and fails with its reason) or globs; a .zip is read in "
                        "place, each report in it stored as ZIP/MEMBER (a zip inside it, an "
                        "encrypted member or a zip bomb fails with what to do; .rar and .7z: "
                        "unpack them first); a crawler's .json/.jsonl/.csv dump holding "
                        "reports' text in a field fails naming the field to save as .txt. "
                        "A path given that is not there (a typo, a glob "
                        "matching nothing) stops the run before the store is opened: exit 2, "
                        "nothing read or recorded; a file that cannot be read inside a folder "
                        "is recorded as failed / 报告文件、文件夹或通配符；.zip 直接读取其中的报告，"
                        ".rar、.7z 请先解压；所给路径不存在（写错、通配符无匹配）时不打开数据库、"
                        "不读写任何内容，退出码 2")
    p.add_argument("--db", required=True,
                   help="SQLite store to create or resume; one tag run writes it at a time: "
                        "a second one stops at once (exit 1) naming the run that writes it "
                        "(<db>.lock; summarize, audit and export read it meanwhile) / "
                        "数据库文件（新建，或续跑已有的）；同一时间只能有一个 tag 写入，第二个会立即退出并说明"
                        "正在写入的任务")
    p.add_argument("--jobs", "-j", type=_jobs, default=1,
                   help="parallel processes (default: %(default)s; -1: one per CPU) / "
                        "并行进程数（-1：每个CPU核一个）")
    p.add_argument("--backend", choices=["joblib", "dask"], default="joblib",
                   help="how workers run (default: %(default)s) / 并行方式（dask 用于集群）")
    p.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786; files "
                   "go to the workers by absolute path: every worker must see them there, "
                   "and run the client's nlp_reports and model (checked before any file: "
                   "docs/scaling.md) / Dask 集群调度器地址；各节点须能按同一绝对路径读到文件")
    p.add_argument("--retag", action="store_true",
                   help="re-tag files already stored (a stored report tagged with another model "
                        "than this run's is re-tagged anyway). A store holding reports tagged "
                        "with a model of your own refuses a run without --model (exit 2, "
                        "nothing read or written): give your model's --model DIR --trust-model "
                        "on every run, or --model default (or --retag) to tag with the shipped "
                        "model on purpose (a store whose models cannot be read — locked "
                        "for a moment, edited by hand — is refused too, exit 1: run again or "
                        "name the model) / "
                        "已入库的文件重新分类（已入库报告所用模型与本次不同时也会重新分类）。数据库中有由自己"
                        "训练的模型标注的报告时，不加 --model 的运行会被拒绝（退出码 2，不读写任何内容）："
                        "每次运行都加 --model 模型文件夹 --trust-model，有意改用随包模型时加 --model default"
                        "（或 --retag）；无法读出数据库所用模型时同样拒绝（退出码 1），请重试或指定模型")
    p.add_argument("--no-split", action="store_true",
                   help="refuse a compilation (汇编: one file holding several reports) as "
                        "not_a_report, as before; by default each of its reports is stored, "
                        "reports.part 1 … N under the file's path, all or none, and the end "
                        "line says 'N files split into M reports' / 不拆分汇编（一个文件含多份报告），"
                        "按 not_a_report 记为失败")
    p.add_argument("--no-words", action="store_true",
                   help="store no vocabulary words (reports.words NULL: not segmented at tag "
                        "time): about a fifth less CPU and a quarter smaller store, for "
                        "very large runs; summarize segments the reports its vocabulary table "
                        "samples instead (the same table, about 0.4 ms a sampled report) / "
                        "不在入库时分词（词汇表所需分词由 summarize 在汇总时完成，结果相同）")
    p.add_argument("--timeout", type=_seconds, default=60.0, metavar="SECONDS",
                   help="fail a file whose parsing takes longer (reason 'timeout'; 0: no limit; "
                        "default: %(default)g; with --backend dask too, where the worker still "
                        "parsing it is then restarted — docs/scaling.md) / "
                        "单个文件解析的时限（秒），超时记为 timeout；0 为不限（Dask 上同样适用，"
                        "超时后重启仍在解析该文件的 worker）")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="no progress bar (on a terminal) or progress lines (stderr not a "
                        "terminal: sbatch, nohup, a file — a line at the start, about once a "
                        "minute and at each 10 %%) / 不显示进度条或进度行")
    p.add_argument("--show-failures", type=int, default=20, metavar="N",
                   help="list at most N failed files at the end (default: %(default)s); a "
                        "page that only links its report, whose linked file's report is "
                        "stored, is no failure (status linked, counted apart); a page the "
                        "site served instead of the report (404, 页面不存在, a login wall) "
                        "fails as error_page: download it again. Identical copies are "
                        "stored once, held by the copy one would cite (not a '(1)', '副本' "
                        "or server-numbered name when another copy has a title; then the "
                        "fewest folders deep), kept on every rerun: Store.duplicates() "
                        "lists the others / 结束时最多列出 N 个失败文件（默认%(default)s个），每个附中文原因和处理办法")
    _add_model_args(p)
    p.set_defaults(func=_cmd_tag)

    p = sub.add_parser(
        "export", help="export the store as JSONL, CSV, Parquet or Stata .dta / 导出数据库（JSONL、CSV、Parquet、Stata .dta）",
        description="Export the store as JSONL, CSV, Parquet or Stata .dta. CSV files are "
                    "UTF-8 with a byte-order mark; a blank cell is a figure not reported or "
                    "not read (0 is written 0); report_id (reports.id) stays with a file in "
                    "its store, re-tagged or corrected, so files of two exports join. dta: "
                    "Stata 14+ (format 118, Unicode), numbers typed, missing figures '.', "
                    "missing text \"\", no import options needed. Reading them in Stata or R: "
                    "docs/store-schema.md, Reading the exports in Stata and R.")
    p.add_argument("--db", required=True, help="the store `nlp-reports tag` made / tag 生成的数据库")
    p.add_argument("--format", choices=["jsonl", "csv", "parquet", "dta"], default="jsonl",
                   help="output format (default: %(default)s) / 导出格式（dta：Stata）")
    p.add_argument("--table", help="one table of the store (default: all, and models: "
                                   "the models that tagged the reports, by model_id; csv, "
                                   "parquet and dta only), or panel: one row per (agency, year) with the "
                                   "table figures (before 2019 the text's counts, "
                                   "*_narrative), theme dummies and copied share, any "
                                   "format (docs/summary.md, The agency × year panel) / 只导出一个表"
                                   "（默认全部，另有 models：标注所用模型）；panel：机关×年度面板数据")
    p.add_argument("--out", required=True,
                   help="output file (jsonl; a folder or a path ending in / gets "
                        "reports.jsonl, or panel.jsonl) or folder (csv, parquet, dta) / "
                        "输出文件（jsonl）或文件夹（csv、parquet、dta）")
    p.add_argument("--agency-map", metavar="FILE",
                   help="--table panel: a CSV of old,new agency names, one pair a line "
                        "(机构改革 renames: 国土资源局 → 自然资源局), as summarize --agency-map / "
                        "机构改革更名对照表（旧名称,新名称）")
    p.add_argument("--no-dedupe", action="store_true",
                   help="--table panel: one row per stored report, not one per "
                        "(agency, year) chosen as summarize --dedupe chooses / 面板每份报告一行，"
                        "不按机关×年度去重")
    p.add_argument("--balanced", action="store_true",
                   help="--table panel: a row for every agency × every year from the store's "
                        "first to its last year, has_report 0 (figures blank) where no report "
                        "was stored / 平衡面板：每个机关×每个年度一行，未收录报告的年度 "
                        "has_report 为0")
    p.add_argument("--codebook", action="store_true",
                   help="also write codebook.csv into --out: per column of the tables "
                        "written, its type, unit, meaning in English and Chinese and what a "
                        "blank means (csv, parquet, dta; nlp-reports codebook prints it all) / "
                        "另写出变量说明 codebook.csv（各列类型、单位、中英文含义）")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser(
        "info", help="what a store holds: counts and the models that tagged it / 数据库概况：报告数量与标注模型",
        description="What a store holds: its schema version, how many reports, statements "
                    "and files (by status), and the models that tagged its reports (the "
                    "store's models table: SHA-256, name, folder, created, training-data "
                    "SHA-256, scikit-learn version, tokenizer, the card's test figures, first "
                    "and last use, how many stored reports carry its tags now). A store tagged "
                    "by several models is warned about on stderr. Read only. / "
                    "数据库概况：报告、表述和文件数量，以及标注各报告的模型")
    p.add_argument("--db", required=True, help="the store `nlp-reports tag` made / tag 生成的数据库")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="text (default) or json / 输出格式")
    p.set_defaults(func=_cmd_info)

    p = sub.add_parser(
        "codebook", help="every exported column: type, unit, meaning (English, 中文), blank / 各导出列的类型、单位和含义（中英文）",
        description="The codebook of every column the exports write: the store tables "
                    "(export), the panel (export --table panel), the summary tables "
                    "(summarize --csv) and the audit (audit --csv, --missing-csv); one row "
                    "per table and column, a family of columns (p_*, theme_*) one row with "
                    "its members. The same text is docs/codebook.md and the variable labels "
                    "of export --format dta. Flags are 0/1 in every CSV and .dta file. / "
                    "变量说明：各导出文件每一列的类型、单位、中英文含义及空白的含义")
    p.add_argument("--format", choices=["csv", "json", "md"], default="csv",
                   help="csv (default; UTF-8 with BOM when written to --out), json or md")
    p.add_argument("--table", action="append", metavar="NAME",
                   help="only this table (repeatable): files, reports, sections, statements, "
                        "table_cells, checks, problems, panel, a summary table (overview …), "
                        "audit or audit_missing")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=_cmd_codebook)

    p = sub.add_parser(
        "summarize", help="themes, coverage, copying, tables across the stored reports / 汇总：各主题出现比例、问题与措施、沿用上年表述、表格统计",
        description="Summarize the stored reports: the headline names the model(s) that tagged "
                    "them (JSON: \"models\"; name and date from the store's models table; "
                    "several models: a warning on stderr), the notes say what a reader must know (in "
                    "English and Chinese), overview gives the share of reports stating any "
                    "problem or measure, table_stats the figures of 表三/表四 with the reports whose "
                    "表三 (with_table3) and 表四 (with_table4) were read (and, before 2019, "
                    "the text's, with the reports stating each). docs/summary.md / 汇总：标题下注明"
                    "标注模型；overview 给出写出问题、措施的报告所占比例；table_stats 中表三、表四"
                    "各项的分母分别为 with_table3、with_table4")
    p.add_argument("--db", required=True, help="the store `nlp-reports tag` made / tag 生成的数据库")
    p.add_argument("--by", action="append",
                   choices=["year", "level", "region", "agency", "format", "source_format",
                            "province", "prefecture", "folder", "tier"],
                   help="group by (repeatable); format is the layout scheme (2021, 2019, "
                        "legacy: older), source_format the file type (txt, html, docx, doc, pdf, mhtml); "
                        "province and prefecture (地级) are read from the region's name, "
                        "what it leaves unsaid filled from the gazetteer of real places "
                        "(昆山市 → 江苏省 · 苏州市, 海淀区 → 北京市, 杭州海关 → 浙江省 · 杭州市, "
                        "苏州工业园区 → 江苏省 · 苏州市, former names by the report's "
                        "year; a name two places share, 朝阳区, never alone), "
                        "folder is the first folder below the one all files share, "
                        "tier the administrative tier (a department at its government's: "
                        "省厅 province, 县局 county); agency is one row per agency as its years "
                        "are linked (…政府 = …人民政府, …政府办 = …人民政府办公室, 行署 = 行政公署, "
                        "河北省石家庄市… = 石家庄市…), "
                        "under its latest "
                        "name (docs/summary.md); groups are listed in their own order: "
                        "format legacy, 2019, 2021; level and tier national → township / "
                        "分组汇总（可重复）：年度、层级、地区、机关、文件夹等")
    p.add_argument("--format", choices=["markdown", "json"],
                   help="what to print on stdout (default: markdown, also with --csv/--html) / "
                        "屏幕输出格式（默认 Markdown）")
    p.add_argument("--csv", metavar="DIR",
                   help="write every summary table as CSV into DIR (created if absent) / "
                        "各汇总表另存为 CSV，写入该文件夹")
    p.add_argument("--html", metavar="FILE",
                   help="write a self-contained HTML report with charts (its folder is created); "
                        "each table named and explained in Chinese (what a share is of), the "
                        "copying section opened by the count of reports copying all, more "
                        "than half, half or less, or none of last year's section 五 / 自包含的 "
                        "HTML 报告：各表有中文名称和说明，“沿用本机关上年表述”一节开头给出各档报告数")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="print nothing on stdout when writing --csv/--html / 写出 --csv、--html "
                        "时屏幕上不输出")
    p.add_argument("--dedupe", action="store_true",
                   help="count one report per (agency, year): one whose year is not in "
                        "doubt (no year_conflict), then one with sections or 表三 over a "
                        "text with neither, then the one published last, "
                        "else the most complete (表三 read, fewest tables read only in part, "
                        "most statements), else the one "
                        "stored last (docs/summary.md) / 同一机关同一年度只计一份报告")
    p.add_argument("--agency-map", metavar="FILE",
                   help="a CSV of old,new agency names (机构改革 renames: 国土资源局 → "
                        "自然资源局): the renamed agency's years link across the rename in "
                        "every table (docs/summary.md, Renamed agencies) / 机构改革更名对照表"
                        "（旧名称,新名称），更名前后的年度连成一个机关")
    p.add_argument("--agency", action="append", metavar="NAME",
                   help="only the reports of this agency (repeatable; its years as linked: "
                        "行署 = 行政公署, …政府 = …人民政府, …政府办 = …人民政府办公室, --agency-map's "
                        "old and "
                        "new name alike) / 只汇总该机关的报告（可重复）")
    p.add_argument("--year", type=int, action="append", metavar="Y",
                   help="only the reports on year Y (repeatable); copying, cross_year and "
                        "problem_changes still compare them with the other stored years / "
                        "只汇总该年度的报告（可重复）")
    p.add_argument("--folder", action="append", metavar="NAME",
                   help="only the files in this top folder, as --by folder (repeatable); "
                        "the cross-year tables still read the other folders / "
                        "只汇总该顶层文件夹中的文件（可重复）")
    p.set_defaults(func=_cmd_summarize)

    p = sub.add_parser(
        "audit", help="one row per report: defects (data problems) first, then signals "
                      "(docs/audit.md) / 质量审查：逐份列出缺陷和提示",
        description="Audit reports: defects (data problems to fix) and signals (worth a look), "
                    "each finding in Chinese with the cell to fix. Give a store made by tag "
                    "(--db), or report files to check before publishing (this year's, and "
                    "last year's for the cross-year checks): then the findings come first and "
                    "the wide table after. Each report also says which of its agency's "
                    "last-year defects recur, are fixed or are new (last_year_zh, "
                    "--sort recurring). docs/audit.md. / 质量审查：逐份报告列出缺陷（应改正的"
                    "数据问题）和提示（值得一看），每条写明应改的单元格。可给出 tag 生成的数据库"
                    "（--db），或直接给出要检查的报告文件（本年度报告，可另给上年度报告）：此时先"
                    "列出审查意见，宽表格在后。每份报告另列本机关上一年度报告缺陷的整改情况"
                    "（未整改、已改正、新出现；--sort 再次出现的缺陷）。")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="report files to check without a store (instead of --db): this "
                        "year's report, and last year's for the cross-year checks and "
                        "copying, or a folder; exit 1 when one could not be read (listed "
                        "first), 2 when one is not there / 不建数据库，直接检查报告文件：本年度报告，"
                        "可另给上年度报告以核对跨年度数字、沿用上年表述，或一个文件夹；有文件无法读取时"
                        "退出码为 1，所给路径不存在时为 2")
    p.add_argument("--db", help="the store `nlp-reports tag` made / tag 生成的数据库")
    p.add_argument("--format", choices=["markdown", "json"],
                   help="what to print on stdout (default: markdown when neither --csv nor "
                        "--html is given, else nothing; with FILEs the findings in Chinese "
                        "come first, else they end it) / 屏幕输出格式（默认 Markdown；"
                        "给出报告文件时先列审查意见）")
    p.add_argument("--csv", metavar="FILE", help="write the audit table as CSV (opens in "
                                                 "Excel) / 审查结果另存为 CSV（可用 Excel 打开）")
    p.add_argument("--headers", choices=["en", "zh"], default="en",
                   help="the CSV's header row: the column ids (en, default: what scripts "
                        "read) or their Chinese names (zh: 机关, 年度, 缺陷数 …, docs/audit.md); "
                        "the values are the same but the level, in Chinese (部门, 县级（县、区、旗、县级市）…); "
                        "--missing-csv too (年度, 机关, 最近报告年度, 文件夹, 说明) "
                        "/ CSV 表头：列代码（默认）或中文列名（zh；--missing-csv 同样适用）")
    p.add_argument("--html", metavar="FILE",
                   help="write a self-contained, sortable HTML page of the audit; for 5 "
                        "reports or fewer it opens with one card per report, every finding "
                        "numbered in full / 审查结果另存为网页；不超过5份报告时先逐份列出完整的"
                        "审查意见")
    p.add_argument("--html-rows", type=_top, default=None, metavar="N",
                   help="the --html page lists the first N reports in --sort's order and "
                        "says how many more the CSV/JSON holds (default 5000; 0: all; its "
                        "counts count every report) / 网页最多列出前N份报告（默认5000；0为全部），"
                        "其余见 CSV/JSON")
    p.add_argument("--sort", default="defects", metavar="COLUMN",
                   help="order of every output (Markdown, CSV, JSON, HTML): default defects, "
                        "then signals, most first; a number column (year, counts) largest "
                        "first, a text column (agency, path, published) A to Z, a finding "
                        "column (published_late …) the reports with the finding first; an "
                        "id or its Chinese name (逾期公开) / 排序列（默认按缺陷数、提示数从多到少）")
    p.add_argument("--year", type=int, action="append", metavar="Y",
                   help="only the reports on year Y (repeatable; unread files stay listed) "
                        "/ 只列该年度的报告（可重复）")
    p.add_argument("--folder", action="append", metavar="NAME",
                   help="only the files in this top folder, as summarize --by folder "
                        "(repeatable) / 只列该顶层文件夹中的文件（可重复）")
    p.add_argument("--agency-map", metavar="FILE",
                   help="a CSV of old,new agency names, as summarize --agency-map: a renamed "
                        "agency's years link for copying and cross-year checks; rows keep the "
                        "name as written / 机构改革更名对照表（旧名称,新名称）")
    p.add_argument("--agency", action="append", metavar="NAME",
                   help="only the reports of this agency (repeatable), as summarize --agency "
                        "/ 只列该机关的报告（可重复）")
    p.add_argument("--deadline", action="append", metavar="LEVEL=MM-DD",
                   help="the publication deadline of a level's reports (2019 and later), "
                        "where the province sets another (repeatable): the 条例 names no date "
                        "for townships and streets, held by default to the departments' 01-31, "
                        "e.g. --deadline township=03-31 --deadline street=03-31; LEVEL: "
                        "township, street, department, national, county, city, province "
                        "(乡镇, 街道, 部门 …) / 设定某层级的公布时限（本省另有规定时）：条例未规定"
                        "乡镇、街道的时限，默认按部门的1月31日，如 --deadline 乡镇=03-31")
    p.add_argument("--missing-csv", metavar="FILE",
                   help="with --year: write every agency with a report on one of the three "
                        "years before but none on Y (year, agency, latest_year, folder, "
                        "note: a file named for Y that is an older report) as CSV / "
                        "与 --year 同用：未报送该年度报告的机关另存为 CSV")
    p.add_argument("--by", metavar="COLUMN",
                   help="print the audit counted per folder, level, year, region or agency "
                        "instead of per report: reports, reports with defects, defects, how "
                        "many reports have each defect, and with --year the agencies with no "
                        "report on it (--csv/--html still write one row per report) / "
                        "按文件夹、层级、年度、地区或机关汇总")
    p.set_defaults(func=_cmd_audit)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from nlp_reports import _regex_cache

    closed = _stand_in_streams()
    try:
        # the parser's ~380 patterns: ~0.08 s less at each start; SIGTERM ends as Ctrl-C does
        with _regex_cache.cached(), _sigterm_interrupts():
            return _main(argv)
    except KeyboardInterrupt as exc:  # before the command ran (the options read): as _run
        _err(_interrupted(exc))
        return _interrupt_exit(exc)
    finally:
        for name in closed:
            getattr(sys, name).close()
            setattr(sys, name, None)


class _ClosedStdout(io.TextIOBase):
    """Stands for a standard output the command was started without (``>&-``, a service):
    Python leaves ``sys.stdout`` None, and the first line printed ended in an AttributeError's
    traceback. Writing raises the OSError a closed descriptor gives, which ``_run`` reports
    in English and Chinese (exit 1); a command that prints nothing (``tag``) runs as usual."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed: nothing can be printed")


def _stand_in_streams() -> list[str]:
    """Put a stand-in where stdout or stderr is None (closed when the command started) —
    stderr goes nowhere (nowhere to say anything) — and return the names replaced."""
    closed = [name for name in ("stdout", "stderr") if getattr(sys, name) is None]
    for name in closed:
        setattr(sys, name, _ClosedStdout() if name == "stdout" else open(os.devnull, "w"))
    return closed


def _main(argv: Sequence[str] | None) -> int:
    from nlp_reports import _console

    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    typo = _console.ime_typo(argv, _console.option_strings(parser))
    if typo:  # ——db, －－jobs: argparse would take it for a path and ask for --db
        _err(f"error: {typo}")
        return EXIT_USAGE
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    split = _console.split_path_hint(getattr(args, "files", None) or getattr(args, "paths", None))
    if split:  # 第 3 组 unquoted: three "no such file" lines would not say why
        _err(f"error: {split}")
        return EXIT_USAGE
    with _console.printable_stdout() as warning:
        if warning:
            _err(warning)
        return _run(args)


def _file_in_the_way(exc: OSError, args: argparse.Namespace) -> tuple[str, str] | None:
    """(the output path asked for, the file standing where its folder should be) when a
    write failed on a file used as a folder (``--html ad.html/x.html``), else None. Why:
    the error said "ad.html: File exists", naming neither the output nor what was wrong."""
    if exc.errno not in (errno.EEXIST, errno.ENOTDIR) or not exc.filename:
        return None
    failed = os.fspath(exc.filename)
    for value in vars(args).values():
        if not isinstance(value, (str, os.PathLike)):
            continue
        asked = os.fspath(value)
        if asked != failed and not asked.startswith(failed.rstrip(os.sep) + os.sep):
            continue
        for folder in reversed(Path(asked).parents):
            if folder.exists() and not folder.is_dir():
                return asked, str(folder)
    return None


def _run(args: argparse.Namespace) -> int:
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("jieba").setLevel(max(level, logging.WARNING))  # jieba chatters on DEBUG
    import os

    from nlp_reports.errors import NlpReportsError, UsageError
    from nlp_reports.reasons import error_meaning_zh

    blas = os.environ.get("OPENBLAS_NUM_THREADS")  # (_single_threaded_blas)
    try:
        return args.func(args)
    except NlpReportsError as exc:  # the English particulars, then what to do in Chinese
        _err(f"error: {exc}")
        meaning = error_meaning_zh(exc)
        if meaning:
            _err("    " + meaning)
        # an option value the API refused: exit 2, as argparse does
        return EXIT_USAGE if isinstance(exc, UsageError) else EXIT_FAILED
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (_Terminated)
        _err(_interrupted(exc))
        return _interrupt_exit(exc)
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # an output path that cannot be written: say which and why
        in_the_way = _file_in_the_way(exc, args)
        if in_the_way:
            asked, blocker = in_the_way
            _err(f"error: {asked}: cannot be written: {blocker} is a file, not a folder")
            _err(f"    无法写入 {asked}：路径中的 {blocker} 是文件而不是文件夹；请换一个输出路径，"
                 "或移走、改名该文件后重新运行")
            return EXIT_FAILED
        where = f"{exc.filename}: " if exc.filename else ""
        _err(f"error: {where}{exc.strerror or exc}")
        if isinstance(sys.stdout, _ClosedStdout) and exc.errno == errno.EBADF:
            _err("    命令启动时标准输出已关闭，结果无法输出：请把输出重定向到文件（如 > 结果.txt）后重新运行")
        elif exc.filename:
            _err("    无法写入或读取上行所说的文件：检查路径和文件夹是否存在、是否有权限、磁盘是否已满")
        else:
            _err("    无法写入或读取文件：检查输出路径和文件夹是否存在、是否有权限、磁盘是否已满")
        return EXIT_FAILED
    finally:  # a caller of main() (a script, a notebook) keeps its own environment
        if blas is None:
            os.environ.pop("OPENBLAS_NUM_THREADS", None)
