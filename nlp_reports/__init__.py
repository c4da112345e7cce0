"""nlp_reports: parse, classify and summarize government information-disclosure annual reports.

The public API (``__all__``) is imported lazily, so ``import nlp_reports`` and
``nlp-reports --help`` stay fast: jieba, scikit-learn and pandas load only when used.

>>> from nlp_reports import load_report, Tagger
>>> report = load_report("report.txt")            # doctest: +SKIP
>>> tagged = Tagger.load().tag(report)            # doctest: +SKIP
"""

from __future__ import annotations

import sys
from types import TracebackType  # (loaded before: re, the command's script's first import)


def _interrupted_at_start(kind: type[BaseException], value: BaseException,
                          tb: TracebackType | None) -> None:
    """``sys.excepthook`` of the ``nlp-reports`` command (:func:`_command_hook`): a Ctrl-C
    no ``try`` catches ends the command as ``cli.main`` ends it — "interrupted / 已中断",
    exit 130 — instead of a traceback; anything else is printed as Python prints it."""
    if not issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    import os

    try:
        sys.stderr.write("interrupted / 已中断\n")
        sys.stderr.flush()
    finally:
        os._exit(130)  # (nothing to finish: no command ran)


def _command_hook() -> None:
    """When this process is the ``nlp-reports`` command (its script, or ``python -m
    nlp_reports``), install :func:`_interrupted_at_start`.

    Why: the command's script imports ``nlp_reports.cli`` under no ``try``, and a Ctrl-C in
    the ~0.05 s Python takes to import it (46 Ctrl-C in 60 at a random moment of the first
    0.15 s of ``nlp-reports --help``) ended in a traceback; ``cli.main`` catches every later
    one. Done first, before the package's own imports; a program that imports the package
    keeps its own hook."""
    main = sys.modules.get("__main__")
    path = (getattr(main, "__file__", None) or "").replace("\\", "/")
    argv = getattr(sys, "orig_argv", [])
    # (python -m: __main__ is not the module run yet, and has no file)
    run_m = not path and "-m" in argv[:-1] and argv[argv.index("-m") + 1] == "nlp_reports"
    # the script's name exactly, as installers write it (a Windows launcher runs
    # nlp-reports.exe/__main__.py): a program of one's own named "nlp-reports-tally.py" that
    # imports the package is not the command and keeps its hook, its traceback and its atexit
    parts = path.rsplit("/", 2)
    name = parts[-2] if path.endswith(".exe/__main__.py") and len(parts) > 1 else parts[-1]
    if name in _COMMAND_SCRIPTS or run_m:
        sys.excepthook = _interrupted_at_start


#: The file names the ``nlp-reports`` command's script has (pip, on POSIX and on Windows).
_COMMAND_SCRIPTS = frozenset(("nlp-reports", "nlp-reports.exe", "nlp-reports-script.py",
                              "nlp-reports-script.pyw"))


_command_hook()

import importlib  # noqa: E402 - after the hook: a Ctrl-C while they load is the command's
import logging  # noqa: E402
from typing import Any  # noqa: E402

from nlp_reports._version import __version__ as __version__  # noqa: E402

logging.getLogger("nlp_reports").addHandler(logging.NullHandler())

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "load_report": "nlp_reports.parse.load",
    "load_reports": "nlp_reports.parse.load",
    "Report": "nlp_reports.report",
    "Metadata": "nlp_reports.report",
    "Section": "nlp_reports.report",
    "Statement": "nlp_reports.report",
    "Table": "nlp_reports.report",
    "Check": "nlp_reports.report",
    "Problem": "nlp_reports.report",
    "SCHEMA_VERSION": "nlp_reports.report",
    "Tokenizer": "nlp_reports.tokenize",
    "Tagger": "nlp_reports.classify",
    "Prediction": "nlp_reports.classify",
    "train": "nlp_reports.classify",
    "evaluate": "nlp_reports.classify",
    "suggest": "nlp_reports.classify",
    "KeywordBaseline": "nlp_reports.classify",
    "Store": "nlp_reports.corpus",
    "tag_paths": "nlp_reports.corpus",
    "summarize": "nlp_reports.corpus",
    "audit": "nlp_reports.corpus",
    "export": "nlp_reports.corpus",
    "panel": "nlp_reports.corpus",
    "THEMES": "nlp_reports.taxonomy",
    "KINDS": "nlp_reports.taxonomy",
    "errors": "nlp_reports.errors",
}

__all__ = sorted(["__version__", *_EXPORTS])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nlp_reports' has no attribute {name!r}")
    mod = importlib.import_module(module)
    value = mod if name == "errors" else getattr(mod, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
