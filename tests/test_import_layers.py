"""Data flows one way: no module imports a layer above its own (README, *Architecture*).

Layers, bottom to top: the leaves (errors, report, taxonomy, formats, reasons and the private
``_*`` helpers) < ingest < parse < tokenize < classify < corpus < render < cli. tokenize stands
above parse: it reads the parser's sub-heading rules (``parse.headings.block_of``), and no
module of ingest or parse imports it. Every import of the package is read from the source
with :mod:`ast`, lazy ones (inside a function) included, as they reach up all the same.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pytest

import nlp_reports

PACKAGE = Path(nlp_reports.__file__).resolve().parent

#: First name under ``nlp_reports`` → layer (higher imports lower). "" is the package itself
#: (its ``__init__``: the lazy public API).
LAYERS: dict[str, int] = {
    "ingest": 1, "parse": 2, "tokenize": 3, "classify": 4, "corpus": 5, "render": 6,
    "cli": 7, "__main__": 7, "": 7,
}
#: The leaves: they import nothing of the package above them.
LEAVES = frozenset({"errors", "report", "taxonomy", "formats", "reasons"})

#: The lazy imports that still reach up, each with why (README names them). An entry that no
#: longer holds fails too, so the list only shrinks.
KNOWN_UPWARD: dict[tuple[str, str], str] = {
    ("nlp_reports.ingest.html", "nlp_reports.corpus.archive"):
        "a saved page's attachment looked for inside the .zip it came from (the member "
        "reader shares its open zips and zip-bomb limits with the batch's listing)",
    ("nlp_reports.classify.suggest", "nlp_reports.corpus.store"):
        "suggest(db=) reads its statements from a store (the public function stays one)",
}


def layer(module: str) -> int:
    """The layer of a module ``nlp_reports.X[.Y]`` by its first name X."""
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    if top in LEAVES or top.startswith("_") and top != "__main__":
        return 0
    if top not in LAYERS:
        raise AssertionError(f"{module}: in no layer; add it to LAYERS or LEAVES in "
                             f"{Path(__file__).name} (and to README's architecture list)")
    return LAYERS[top]


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _target(node: ast.ImportFrom, alias: ast.alias, root: Path) -> str:
    """The module a ``from nlp_reports[.X] import name`` reads: the submodule when ``name`` is
    one, a public name of the package where the package defines it, else the module."""
    base = node.module or ""
    sub = Path(root.parent, *base.split("."), alias.name)
    if sub.with_suffix(".py").is_file() or (sub / "__init__.py").is_file():
        return f"{base}.{alias.name}"
    if base == root.name:
        if alias.name == "__version__":
            return f"{base}._version"
        exports = getattr(nlp_reports, "_EXPORTS", {}) if root == PACKAGE else {}
        return exports.get(alias.name, base)
    return base


def package_imports(root: Path) -> list[tuple[str, str, int, bool]]:
    """(importer, imported, line, lazy) for every import of ``root``'s package in it."""
    out = []
    for path in sorted(root.rglob("*.py")):
        importer = module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        top_level = {id(n) for n in tree.body}
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and (
                    node.module == root.name or node.module.startswith(root.name + ".")):
                targets = [_target(node, a, root) for a in node.names]
            elif isinstance(node, ast.Import):
                # a bare "import nlp_reports" (for __file__, __version__) loads only _version
                targets = [a.name if a.name != root.name else f"{root.name}._version"
                           for a in node.names
                           if a.name == root.name or a.name.startswith(root.name + ".")]
            out.extend((importer, t, node.lineno, id(node) not in top_level) for t in targets)
    return out


@lru_cache(maxsize=1)
def ours() -> tuple[tuple[str, str, int, bool], ...]:
    """The package's own imports, read once (a few seconds on a loaded machine)."""
    return tuple(package_imports(PACKAGE))


def upward(imports: Sequence[tuple[str, str, int, bool]]) -> list[tuple[str, str, int, bool]]:
    return [i for i in imports if layer(i[1]) > layer(i[0])]


def test_no_module_imports_a_layer_above_its_own() -> None:
    found = upward(ours())
    new = [f"{a} (line {n}) imports {b}" for a, b, n, _ in found if (a, b) not in KNOWN_UPWARD]
    assert not new, "imports reaching up a layer:\n" + "\n".join(new)


def test_the_known_upward_imports_still_exist_and_stay_lazy() -> None:
    found = {(a, b): lazy for a, b, _, lazy in upward(ours())}
    assert set(KNOWN_UPWARD) <= set(found), (
        f"no longer imported (drop from KNOWN_UPWARD and README): {set(KNOWN_UPWARD) - set(found)}")
    assert all(found[k] for k in KNOWN_UPWARD), "an upward import at module level"


def test_the_formats_vocabulary_imports_nothing_of_the_package() -> None:
    assert not [i for i in ours() if i[0] == "nlp_reports.formats"]


def test_lower_layers_read_the_format_from_formats_not_parse() -> None:
    """The line-break repair and the tokenizer take the titles and table labels from formats."""
    by = {(a, b) for a, b, _, _ in ours()}
    assert ("nlp_reports.ingest.linebreaks", "nlp_reports.formats") in by
    assert ("nlp_reports.tokenize", "nlp_reports.formats") in by
    assert not {b for a, b in by if a.startswith("nlp_reports.ingest")
                and b.startswith("nlp_reports.parse")}


def test_one_folder_walk_at_the_bottom_serves_the_batch_and_classify() -> None:
    """classify's dataset and suggest walk folders with the batch's own walk (no recursion),
    read from a leaf, not from corpus.files."""
    from nlp_reports import _walk
    from nlp_reports.corpus import files

    assert not [i for i in ours() if i[0] == "nlp_reports._walk"]
    users = {a for a, b, _, _ in ours() if b == "nlp_reports._walk"}
    assert {"nlp_reports.corpus.files", "nlp_reports.classify.dataset",
            "nlp_reports.classify.suggest"} <= users
    assert files._walk is _walk.walk


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "nlp_reports"
    for name, source in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


@pytest.mark.parametrize(("files", "expected"), [
    # a lazy import of the parser from the line-break repair: what formats.py removed
    ({"ingest/__init__.py": "", "parse/__init__.py": "", "parse/headings.py": "T = 1\n",
      "ingest/linebreaks.py": "def f():\n    from nlp_reports.parse.headings import T\n"
                              "    return T\n"},
     [("nlp_reports.ingest.linebreaks", "nlp_reports.parse.headings", 2, True)]),
    # a leaf reaching for the store through a submodule named in "from package import"
    ({"corpus/__init__.py": "", "corpus/store.py": "",
      "report.py": "from nlp_reports.corpus import store\n"},
     [("nlp_reports.report", "nlp_reports.corpus.store", 1, False)]),
    # downward only: nothing found
    ({"ingest/__init__.py": "import nlp_reports.errors\n", "errors.py": "",
      "cli.py": "import nlp_reports\nfrom nlp_reports.ingest import x\n"}, []),
])
def test_the_check_finds_an_upward_import(tmp_path: Path, files: dict[str, str],
                                          expected: list[tuple[str, str, int, bool]]) -> None:
    assert upward(package_imports(_tree(tmp_path, files))) == expected


def test_a_module_in_no_layer_is_named() -> None:
    with pytest.raises(AssertionError, match="nlp_reports.newthing: in no layer"):
        layer("nlp_reports.newthing")
