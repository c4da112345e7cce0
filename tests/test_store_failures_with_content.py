"""Store.failures_with_content: a batch's "did a copy of this file fail in this run?" look-up.

The store reads whether any file failed since the run began once and keeps that answer
until it records a failure itself; these tests hold it to the plain query's answers."""

from __future__ import annotations

import hashlib
import random

from nlp_reports.corpus import Store
from nlp_reports.corpus.store import _now


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _plain(store: Store, shas: list[str], since: str) -> dict[str, list[tuple[str, str, str]]]:
    """The look-up as written before the kept answer: one query, no shortcut."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for sha in shas:
        for path, reason, message in store.connection.execute(
                "SELECT path, reason, message FROM files WHERE status = 'failed' "
                "AND tagged_at >= ? AND sha256 = ? ORDER BY path", (since, sha)):
            out.setdefault(sha, []).append((path, reason, message))
    return out


def test_a_failure_recorded_after_an_empty_answer_is_found(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        old = _sha("上一次运行中损坏的文件")
        store.record_failure("archive/2019/县政府报告.pdf", "unreadable", "truncated PDF",
                             sha256=old, size=812)
        since = _now()
        scan = _sha("扫描件，无文字层")
        # the earlier run's failure is not this run's
        assert store.failures_with_content([old, scan], since=since) == {}
        store.record_failure("乡镇/2023/某镇年报.pdf", "no_text", "scanned pages only",
                             sha256=scan, size=40_960)
        assert store.failures_with_content([old, scan], since=since) == {
            scan: [("乡镇/2023/某镇年报.pdf", "no_text", "scanned pages only")]}
        # a second copy failing later is found too (the answer is not kept past a write)
        store.record_failure("备份/某镇年报 (1).pdf", "no_text", "scanned pages only",
                             sha256=scan, size=40_960)
        assert [p for p, _, _ in store.failures_with_content([scan], since=since)[scan]] == [
            "乡镇/2023/某镇年报.pdf", "备份/某镇年报 (1).pdf"]


def test_a_linked_page_turned_back_to_failed_is_found(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        since = _now()
        page = _sha("<html>请点击下载附件：2022年报告.docx</html>")
        message = "holds no report; the linked file 2022年报告.docx holds it"
        store.record_failure("网站/公开/index.html", "not_a_report", message, sha256=page,
                             size=2_311)
        store.set_linked([("网站/公开/index.html", "网站/公开/2022年报告.docx")])
        assert store.failures_with_content([page], since=since) == {}  # linked: no failure
        store.set_linked([("网站/公开/index.html", None)])  # the linked file is gone
        assert store.failures_with_content([page], since=since) == {
            page: [("网站/公开/index.html", "not_a_report", message)]}


def test_same_answers_as_the_plain_query(tmp_path):
    rng = random.Random(20231)
    contents = [_sha(f"第{i}份文件的内容") for i in range(12)]
    with Store(tmp_path / "s.sqlite") as store:
        times = [_now()]
        for step in range(120):
            op = rng.random()
            path = f"批次{rng.randrange(4)}/文件{rng.randrange(30):02d}.txt"
            sha = rng.choice(contents)
            if op < 0.25:
                store.record_failures([(path, rng.choice(["unreadable", "no_report", "error"]),
                                        f"第{step}步", sha, 100 + step, None)])
            elif op < 0.35:
                store.record_duplicates([(path, sha, 10, "批次0/文件00.txt", None)])
            elif op < 0.45:
                store.set_linked([(path, rng.choice([None, "批次0/文件01.txt"]))])
            elif op < 0.5:
                times.append(_now())
            else:
                since = rng.choice(times)
                asked = rng.sample(contents, rng.randrange(1, len(contents)))
                assert store.failures_with_content(asked, since=since) == _plain(
                    store, asked, since), step
