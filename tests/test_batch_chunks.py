"""How a parallel batch cuts its files into chunks: full chunks, then small ones at the end."""

from __future__ import annotations

from _corpus_helpers import FakeTagger, json_loader, make_report, write_json_reports

from nlp_reports.corpus import batch


def test_the_last_chunks_are_small_so_no_worker_idles(tmp_path, monkeypatch):
    write_json_reports(tmp_path / "in", {
        f"r{i:03d}": make_report(f"第{i}县人民政府", 2022, [f"第{i}项问题。"], ["加强培训。"])
        for i in range(150)})
    sizes: list[int] = []

    def in_process(chunks, spec, loader, jobs, words, timeout):
        for chunk in chunks:
            sizes.append(len(chunk))
            yield batch.process_chunk(chunk, spec, loader, words, timeout)

    monkeypatch.setattr(batch, "_fork_available", lambda: True)
    monkeypatch.setattr(batch, "_run_forked", in_process)
    res = batch.tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(),
                          loader=json_loader, jobs=2, chunk_size=16)
    assert res.ok == 150 and sum(sizes) == 150
    tail = [n for n in sizes if n < 16]
    assert sizes[:len(sizes) - len(tail)] == [16] * (len(sizes) - len(tail))
    assert len(tail) > 2 and max(tail[1:]) <= 4 and sum(tail) <= 2 * 2 * 16 + 16

    sizes.clear()  # one process: every chunk full but the last
    (tmp_path / "c.db").unlink()
    batch.tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(),
                    loader=json_loader, jobs=1, chunk_size=16)
    assert sizes == []  # jobs=1 runs in-process without the forked runner
    assert batch._chunk_target(16, 1, 0) == 16 and batch._chunk_target(16, 2, 10) == 4


def test_default_chunks_are_larger_with_one_process(tmp_path, monkeypatch):
    write_json_reports(tmp_path / "in", {
        f"r{i:03d}": make_report(f"第{i}县人民政府", 2022, [f"第{i}项问题。"], ["加强培训。"])
        for i in range(150)})
    sizes: list[int] = []
    real = batch.process_chunk

    def counted(chunk, *args):
        sizes.append(len(chunk))
        return real(chunk, *args)

    monkeypatch.setattr(batch, "process_chunk", counted)
    res = batch.tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(),
                          loader=json_loader, jobs=1)
    assert res.ok == 150
    assert sizes == [batch.SERIAL_CHUNK_SIZE, batch.SERIAL_CHUNK_SIZE,
                     150 - 2 * batch.SERIAL_CHUNK_SIZE]
