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
    digest, raw = ModelFileReader(path).result()
    assert digest == sha256_file(path)
    with gzip.open(path, "rb") as fh:
        assert raw == fh.read()
    assert load_model(path, raw) == load_model(path) == obj


def test_reader_leaves_other_files_to_the_plain_path(tmp_path: Path) -> None:
    path = tmp_path / "model.joblib"
    path.write_bytes(pickle.dumps([1, 2, 3]))  # not gzip: joblib's reader takes it
    digest, raw = ModelFileReader(path).result()
    assert digest == sha256_file(path) and raw is None
    two = tmp_path / "two.joblib"  # two gzip members: gzip.open reads both, so must it
    two.write_bytes(gzip.compress(b"ab") + gzip.compress(b"cd"))
    assert ModelFileReader(two).result()[1] is None


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
