"""Loading a model file: the threaded read/hash/inflate gives what the plain path gives."""

from __future__ import annotations

import gzip
import pickle
from pathlib import Path

import pytest

from nlp_reports.classify.modelcard import (
    ModelFileReader,
    dump_model,
    load_model,
    sha256_file,
)


def test_reader_matches_plain_read(tmp_path: Path) -> None:
    obj = {"weights": list(range(5000)), "name": "测试模型"}
    path = tmp_path / "model.joblib"
    dump_model(obj, path)
    digest, raw = ModelFileReader(path, sha256_file(path)).result()
    assert digest == sha256_file(path)
    with gzip.open(path, "rb") as fh:
        assert raw == fh.read()
    assert load_model(path, raw) == load_model(path) == obj


def test_reader_leaves_other_files_to_the_plain_path(tmp_path: Path) -> None:
    path = tmp_path / "model.joblib"
    path.write_bytes(pickle.dumps([1, 2, 3]))  # not gzip: joblib's reader takes it
    digest, raw = ModelFileReader(path, sha256_file(path)).result()
    assert digest == sha256_file(path) and raw is None
    two = tmp_path / "two.joblib"  # two gzip members: gzip.open reads both, so must it
    two.write_bytes(gzip.compress(b"ab") + gzip.compress(b"cd"))
    assert ModelFileReader(two, sha256_file(two)).result()[1] is None


def test_reader_of_a_missing_file_defers_the_error(tmp_path: Path) -> None:
    assert ModelFileReader(tmp_path / "nope.joblib").result() == (None, None)
    with pytest.raises(FileNotFoundError):
        load_model(tmp_path / "nope.joblib")


def test_installed_version_is_importlib_metadata_s() -> None:
    from importlib import metadata

    from nlp_reports.classify.modelcard import installed_version

    for name in ("scikit-learn", "numpy", "jieba", "charset-normalizer"):
        assert installed_version(name) == metadata.version(name)
    assert installed_version("no-such-distribution-xyz") is None


def test_reader_inflates_only_a_file_of_the_expected_hash(tmp_path: Path) -> None:
    """Nothing of a file that fails its checksum is inflated (a corrupted or replaced file
    may be a gzip bomb): the hash is checked first, in the thread too."""
    path = tmp_path / "model.joblib"
    dump_model({"w": list(range(1000))}, path)
    good = sha256_file(path)
    assert ModelFileReader(path, expected="0" * 64).result() == (good, None)
    assert ModelFileReader(path).result() == (good, None)  # no expected hash: no inflate
    digest, raw = ModelFileReader(path, expected=good).result()
    assert digest == good and pickle.loads(raw) == {"w": list(range(1000))}


def test_tagger_load_inflates_nothing_of_a_modified_model(tmp_path: Path, monkeypatch) -> None:
    import shutil
    import zlib

    from nlp_reports.classify import Tagger
    from nlp_reports.errors import ModelIntegrityError

    shipped = Path(__file__).resolve().parents[1] / "models" / "default"
    if not (shipped / "model.joblib").is_file():
        pytest.skip("no shipped model")
    model = tmp_path / "m"
    shutil.copytree(shipped, model)
    data = (model / "model.joblib").read_bytes()
    # a gzip stream other than the recorded one (here: the same pickle, recompressed)
    (model / "model.joblib").write_bytes(gzip.compress(gzip.decompress(data), 1))
    inflated = []
    real = zlib.decompress

    def spy(*args, **kwargs):
        inflated.append(len(args[0]))
        return real(*args, **kwargs)

    monkeypatch.setattr(zlib, "decompress", spy)
    with pytest.raises(ModelIntegrityError):
        Tagger.load(model, trust=True)
    assert inflated == []


@pytest.mark.parametrize("sha_text, card_bytes", [
    ("", None),  # an empty checksum file
    ("  \n", None),
    (None, b"[1, 2]"),  # a card that is no JSON object
    (None, "{\"a\": 1}".encode("utf-16")),  # a card that is no UTF-8
])
def test_garbled_card_or_checksum_file_is_a_model_integrity_error(tmp_path: Path, sha_text,
                                                                   card_bytes) -> None:
    from nlp_reports.classify import Tagger
    from nlp_reports.errors import ModelIntegrityError

    model = tmp_path / "m"
    model.mkdir()
    dump_model({"w": 1}, model / "model.joblib")
    if sha_text is not None:
        (model / "model.joblib.sha256").write_text(sha_text)
    if card_bytes is not None:
        (model / "meta.json").write_bytes(card_bytes)
    with pytest.raises(ModelIntegrityError):
        Tagger.load(model, trust=True)
