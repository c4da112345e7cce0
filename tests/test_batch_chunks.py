"""How a parallel batch cuts its files into chunks: full chunks, then small ones at the end."""

from __future__ import annotations

from _corpus_helpers import FakeTagger, json_loader, make_report, write_json_reports

from nlp_reports.corpus import batch, pool, worker


def test_the_chunks_shrink_toward_the_end_so_no_worker_idles(tmp_path, monkeypatch):
    write_json_reports(tmp_path / "in", {
        f"r{i:03d}": make_report(f"第{i}县人民政府", 2022, [f"第{i}项问题。"], ["加强培训。"])
        for i in range(150)})
    sizes: list[int] = []

    def in_process(chunks, spec, loader, jobs, words, timeout, head=None, ending=None):
        for chunk in chunks:
            sizes.append(len(chunk))
            yield worker.process_chunk(chunk, spec, loader, words, timeout)

    monkeypatch.setattr(pool, "_fork_available", lambda: True)
    monkeypatch.setattr(pool, "_run_forked", in_process)
    res = batch.tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(),
                          loader=json_loader, jobs=2, chunk_size=16)
    assert res.ok == 150 and sum(sizes) == 150
    full = sizes.index(next(n for n in sizes if n < 16))
    assert full >= 2 and sizes[:full] == [16] * full  # full chunks while much is left
    tail = sizes[full:]
    assert tail == sorted(tail, reverse=True)  # then ever smaller ones
    assert max(tail[-3:]) <= batch.TAIL_CHUNK_FILES < tail[0]
    assert len(sizes) < 150 / batch.TAIL_CHUNK_FILES

    sizes.clear()  # one process: every chunk full but the last
    (tmp_path / "c.db").unlink()
    batch.tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(),
                    loader=json_loader, jobs=1, chunk_size=16)
    assert sizes == []  # jobs=1 runs in-process without the forked runner
    assert batch._chunk_full(16, 1, 16, 1, 10**9) and not batch._chunk_full(15, 10**6, 16, 1, 1)


def test_near_the_end_a_chunk_of_big_reports_holds_fewer_files():
    left = 60 * (20_000 + batch.REPORT_WEIGHT)  # what is left weighs the same
    small, big = 3_000 + batch.REPORT_WEIGHT, 40_000 + batch.REPORT_WEIGHT

    def files(weight: int) -> int:
        return next(n for n in range(1, 65) if batch._chunk_full(n, n * weight, 64, 2, left))

    assert batch.TAIL_CHUNK_FILES <= files(big) < files(small) < 64


def test_default_chunks_are_larger_with_one_process(tmp_path, monkeypatch):
    write_json_reports(tmp_path / "in", {
        f"r{i:03d}": make_report(f"第{i}县人民政府", 2022, [f"第{i}项问题。"], ["加强培训。"])
        for i in range(150)})
    sizes: list[int] = []
    real = worker.process_chunk

    def counted(chunk, *args):
        sizes.append(len(chunk))
        return real(chunk, *args)

    monkeypatch.setattr(pool, "process_chunk", counted)
    res = batch.tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(),
                          loader=json_loader, jobs=1)
    assert res.ok == 150
    assert sizes == [batch.SERIAL_CHUNK_SIZE, batch.SERIAL_CHUNK_SIZE,
                     150 - 2 * batch.SERIAL_CHUNK_SIZE]
