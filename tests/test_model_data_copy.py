"""The model's data-only copy (模型数据副本): a Tagger loaded from it is the Tagger loaded
from the model file — same bundle bit for bit, same predictions — and a missing, corrupt or
foreign copy is ignored and written again."""

from __future__ import annotations

import json
import pickle
import zlib
from pathlib import Path

import pytest

from nlp_reports.classify import compiled
from nlp_reports.classify import modelcard as mc
from nlp_reports.classify.compiled import bundle_from_data, bundle_to_data, same_bundle
from nlp_reports.classify.tagger import Tagger

DATA = Path(__file__).parents[1] / "nlp_reports" / "data"


def _shipped_bundle() -> compiled.ModelBundle:
    model_dir, _ = mc.resolve_model_dir(None, trust=False)
    raw = zlib.decompress((model_dir / mc.MODEL_FILE).read_bytes(), 31)
    return pickle.loads(raw)  # noqa: S301 - the shipped model


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out: list[str] = []
    for f in sorted(DATA.rglob("*.jsonl"))[:3]:
        for line in f.read_text("utf-8").splitlines()[:400]:
            if line.strip():
                out.append(json.loads(line)["text"])
    assert len(out) > 300
    return out


def _round_trip(header: dict, payload: bytearray) -> compiled.ModelBundle:
    header = json.loads(json.dumps(header, sort_keys=True))  # as the file holds it
    return bundle_from_data(header, memoryview(bytearray(payload)))


@pytest.fixture(scope="module")
def plain() -> compiled.ModelBundle:
    return _shipped_bundle()


@pytest.fixture(scope="module")
def data(plain: compiled.ModelBundle) -> tuple[dict, bytearray]:
    return bundle_to_data(plain)


def test_copy_pickles_to_the_same_bytes_and_predicts_the_same(
        plain: compiled.ModelBundle, data: tuple[dict, bytearray], texts: list[str]) -> None:
    copy = _round_trip(*data)
    assert all("_lazy_vocabulary" in v.__dict__ for v in copy.vectorizers)
    assert mc.stable_pickle(copy) == mc.stable_pickle(plain)  # decodes the vocabularies
    assert all(list(a.__getstate__()) == list(b.__getstate__())
               for a, b in zip(plain.vectorizers, copy.vectorizers, strict=True))
    fresh = _round_trip(*data)
    k1, t1 = plain.predict_all(texts)
    k2, t2 = fresh.predict_all(texts)
    assert k1.tobytes() == k2.tobytes() and t1.tobytes() == t2.tobytes()
    # the per-text path reads the vocabulary: decoded on first use, the same
    for a, b in zip(plain.vectorizers, fresh.vectorizers, strict=True):
        for text in texts[:50]:
            (ia, va), (ib, vb) = a.row(text), b.row(text)
            assert ia.tobytes() == ib.tobytes() and va.tobytes() == vb.tobytes()
        assert a.vocabulary == b.vocabulary


def test_the_vocabulary_is_decoded_once_across_threads(data: tuple[dict, bytearray]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    vec = _round_trip(*data).vectorizers[1]
    with ThreadPoolExecutor(4) as pool:
        seen = list(pool.map(lambda _: vec.vocabulary, range(8)))
    assert all(v is seen[0] for v in seen) and "_lazy_vocabulary" not in vec.__dict__


def test_same_bundle_sees_a_changed_weight(plain: compiled.ModelBundle,
                                           data: tuple[dict, bytearray]) -> None:
    copy = _round_trip(*data)
    assert same_bundle(plain, copy)
    copy.weights[3, 2] += 1e-6
    assert not same_bundle(plain, copy)


def test_a_bundle_a_copy_cannot_hold_is_refused(plain: compiled.ModelBundle) -> None:
    vec = plain.vectorizers[0]
    kept = vec.preprocessor
    vec.preprocessor = str.lower  # not one of the known functions
    try:
        with pytest.raises(ValueError):
            bundle_to_data(plain)
    finally:
        vec.preprocessor = kept


def _copy_file(cache: Path) -> Path:
    [path] = (cache / "models").glob("*.data")
    return path


def test_tagger_writes_then_uses_the_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          texts: list[str]) -> None:
    monkeypatch.setenv("NLP_REPORTS_CACHE", str(tmp_path))
    first = Tagger.load(tokenizer=_engine())
    path = _copy_file(tmp_path)
    assert path.name == f"{first.model_id}.data"
    calls = []
    real = mc.load_model
    monkeypatch.setattr(mc, "load_model", lambda *a, **k: calls.append(a) or real(*a, **k))
    second = Tagger.load(tokenizer=first.tokenizer_engine)
    assert calls == []  # not unpickled: read from the copy
    assert second.model_id == first.model_id
    assert first.predict(texts[:200]) == second.predict(texts[:200])


@pytest.mark.parametrize("damage", ["flip", "truncate", "other_model", "other_code"])
def test_a_bad_copy_is_ignored_and_written_again(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 data: tuple[dict, bytearray],
                                                 damage: str) -> None:
    monkeypatch.setenv("NLP_REPORTS_CACHE", str(tmp_path))
    model_id = mc.sha256_file(mc.resolve_model_dir(None, trust=False)[0] / mc.MODEL_FILE)
    path = mc.data_copy_path(tmp_path, model_id)
    if damage == "other_model":  # a sound copy of another model under this model's name
        mc.write_data_copy(path, "0" * 64, *data)
    elif damage == "other_code":  # written by another version of compiled.py
        with monkeypatch.context() as m:
            m.setattr(mc, "_code_stamp", lambda: "f" * 64)
            mc.write_data_copy(path, model_id, *data)
    else:
        mc.write_data_copy(path, model_id, *data)
        raw = bytearray(path.read_bytes())
        if damage == "flip":
            raw[-5] ^= 0xFF
        else:
            del raw[len(raw) // 2:]
        path.write_bytes(bytes(raw))
    assert mc.read_data_copy(path, model_id) is None
    calls = []
    real = mc.load_model
    monkeypatch.setattr(mc, "load_model", lambda *a, **k: calls.append(a) or real(*a, **k))
    tagger = Tagger.load(tokenizer=_engine())
    assert len(calls) == 1  # the model file, not the copy
    assert tagger.model_id == model_id
    assert mc.read_data_copy(path, model_id) is not None  # written again, sound


def test_an_unwritable_cache_leaves_loading_alone(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NLP_REPORTS_CACHE", str(blocker))  # a file: no directory under it
    tagger = Tagger.load(tokenizer=_engine())
    assert tagger.predict(["加强政府信息公开培训"])[0].kind in ("problem", "measure", "other")


def test_only_the_newest_copies_are_kept(tmp_path: Path) -> None:
    header, payload = {"bundle": None}, bytearray(b"x" * 100)
    for i in range(mc.DATA_COPIES_KEPT + 2):
        mc.write_data_copy(mc.data_copy_path(tmp_path, f"{i:064d}"), f"{i:064d}", header,
                           payload)
    kept = sorted(p.name for p in (tmp_path / "models").glob("*.data"))
    assert len(kept) == mc.DATA_COPIES_KEPT
    assert mc.read_data_copy(mc.data_copy_path(tmp_path, f"{mc.DATA_COPIES_KEPT + 1:064d}"),
                             f"{mc.DATA_COPIES_KEPT + 1:064d}") is not None


def _engine() -> str:
    from nlp_reports.tokenize import available_engines

    return "rjieba" if "rjieba" in available_engines() else "jieba"


def test_a_mapped_copy_is_the_read_copy_and_writing_it_leaves_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: tuple[dict, bytearray],
        texts: list[str]) -> None:
    model_id = "a" * 64
    path = mc.data_copy_path(tmp_path, model_id)
    mc.write_data_copy(path, model_id, *data)
    before = path.read_bytes()
    mapped = mc.read_data_copy(path, model_id)
    with monkeypatch.context() as m:  # where no map can be made (Windows): read into memory
        m.setattr(mc, "_map_copy", lambda fd, size: None)
        read = mc.read_data_copy(path, model_id)
    assert mapped is not None and read is not None
    assert mapped[0] == read[0] and bytes(mapped[1]) == bytes(read[1])
    a, b = bundle_from_data(*mapped), bundle_from_data(*read)
    assert same_bundle(a, b)
    for x, y in zip(a.predict_all(texts[:100]), b.predict_all(texts[:100]), strict=True):
        assert x.tolist() == y.tolist()
    mapped[1][0] ^= 0xFF  # the payload is writable (copy on write) ...
    assert path.read_bytes() == before  # ... and the file stays as it was
