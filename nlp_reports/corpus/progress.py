"""The progress of a batch run (进度): count, rate and ETA.

:func:`_progress` gives what ``tag_paths`` updates as files are done: a tqdm bar on stderr
(``progress=True``), or :class:`Progress` records given to a callable when the files are
found, then at most every :data:`PROGRESS_SECONDS` and at each tenth of them
(:class:`_ProgressLines`; ``tag`` logs ``Progress.line()`` when stderr is not a terminal).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("nlp_reports")


def _rate(rate: float) -> str:
    """A rate with three significant figures, not in e-notation: ``4,410``, ``215``,
    ``16.3``, ``0.515`` (``:.3g`` printed "4.41e+03 reports/s" on a folder of small files)."""
    if rate >= 100:
        return f"{round(rate, -len(str(int(rate))) + 3):,.0f}"
    return f"{rate:.3g}"


@dataclass(frozen=True)
class Progress:
    """Where a :func:`tag_paths` run stands (进度), as given to its ``progress`` callback.

    ``done`` counts the files settled so far (tagged, failed, skipped as already stored,
    recorded as duplicates) of the ``total`` found; ``skipped`` (already stored, settled at
    once) is left out of the rate, so a resumed run's estimate is that of the work left.
    """

    done: int
    total: int
    failed: int
    skipped: int
    seconds: float  #: since the files were found

    @property
    def rate(self) -> float:
        """Files tagged (or failed) a second, the skipped ones left out."""
        return (self.done - self.skipped) / self.seconds if self.seconds > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        """The time the rest should take at :attr:`rate` (None before any rate)."""
        return (self.total - self.done) / self.rate if self.rate > 0 else None

    def line(self) -> str:
        """One line for a log, English then Chinese: ``12,800 of 30,000 files done (42 %), 1
        failed, 35 reports/s, about 8 min left / 已完成 …``; a resumed run's ``42 of 52 files
        done (80 %; 42 already stored), …`` — done, not "tagged": those were not tagged again
        ("tagged 42 of 52 … 42 already stored" read as a contradiction)."""
        if not self.done:
            return f"tagging {self.total:,} files / 开始处理 {self.total:,} 个文件"
        pct = 100 * self.done // max(self.total, 1)
        stored = f"; {self.skipped:,} already stored" if self.skipped else ""
        stored_zh = f"；其中 {self.skipped:,} 个已在库中" if self.skipped else ""
        en = (f"{self.done:,} of {self.total:,} files done ({pct} %{stored}), "
              f"{self.failed:,} failed")
        zh = (f"已完成 {self.done:,} / {self.total:,} 个文件（{pct}%{stored_zh}），"
              f"失败 {self.failed:,} 个")
        if self.rate > 0:
            rate = _rate(self.rate)
            en += f", {rate} reports/s"
            zh += f"，每秒 {rate} 份"
        left = self.seconds_left
        if left is not None:
            minutes = left / 60
            if minutes < 1:
                en, zh = en + ", under a minute left", zh + "，预计不到 1 分钟完成"
            elif minutes < 90:
                en += f", about {minutes:.0f} min left"
                zh += f"，预计还需约 {minutes:.0f} 分钟"
            else:
                en += f", about {minutes / 60:.1f} h left"
                zh += f"，预计还需约 {minutes / 60:.1f} 小时"
        return f"{en} / {zh}"


#: A ``progress`` callback of :func:`tag_paths` is called at most this often (seconds)…
PROGRESS_SECONDS = 60.0
#: … and at each tenth of the files (10 %, 20 % … 90 %; the end line says the rest).
PROGRESS_STEPS = 10
#: The clock of the progress lines (a test replaces it with a fake one).
_progress_clock = time.monotonic


class _ProgressLines:
    """Calls ``report`` with a :class:`Progress` when the run starts, then at most every
    :data:`PROGRESS_SECONDS` and at each tenth of the files; :meth:`update` as tqdm's.

    Why: under sbatch or nohup stderr is no terminal, there is no bar, and a run of 30,000
    reports said nothing for hours until its end line.
    """

    def __init__(self, total: int, report: Callable[[Progress], None],
                 counts: Callable[[], tuple[int, int]]) -> None:
        self.total, self.report, self.counts = total, report, counts
        self.done = 0
        self.start = self.last = _progress_clock()
        self.step = 0  # tenths reported
        if total:  # (nothing to tag: the end line says why)
            self._say()

    def _say(self) -> None:
        failed, skipped = self.counts()
        self.report(Progress(self.done, self.total, failed, skipped,
                             self.last - self.start))

    def update(self, n: int = 1) -> None:
        self.done += n
        if self.done >= self.total:
            return
        now = _progress_clock()
        step = PROGRESS_STEPS * self.done // max(self.total, 1)
        if step > self.step or now - self.last >= PROGRESS_SECONDS:
            self.step, self.last = step, now
            self._say()

    def close(self) -> None:
        pass


def _progress(total: int, enabled: bool | Callable[[Progress], None],
              counts: Callable[[], tuple[int, int]] = lambda: (0, 0)) -> Any:
    """The run's progress: None, a tqdm bar on stderr (``True``), or lines handed to a
    callback (:class:`_ProgressLines`)."""
    if callable(enabled):
        return _ProgressLines(total, enabled, counts)
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, unit="report", dynamic_ncols=True,
                desc="tagging")
