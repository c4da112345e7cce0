"""The README and docs/ point at each other: every link, anchor and named section resolves.

The README was cut to a page and its details moved to docs/guide.md (readme26); a heading
renamed or moved later would leave a link to nowhere that no reader reports. These tests read
the Markdown as GitHub renders it: a link ``[x](docs/guide.md#anchor)`` must name an existing
file and one of its headings' anchors, and a textual reference ``docs/store-schema.md,
*Compilations*`` a heading or bold run-in label of that file.
"""

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [ROOT / "README.md", *DOCS]

LINK = re.compile(r"\[[^\]\n]*\]\(([^)\s]+)\)")
NAMED = re.compile(
    r"`?(docs/[\w.-]+\.md)`?(?:,|'s|\s*的)\s*(?:section\s*)?"
    r"(?:\*([^*\n]+)\*|“([^”\n]+)”|\"([^\"\n]+)\")"
)


def _outside_code(text: str) -> str:
    """The page without its fenced code blocks (a ``#`` comment there is no heading)."""
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -")
    return text.replace(" ", "-")


def _headings(path: Path) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*$",
                                            _outside_code(path.read_text("utf-8")), re.M)]


def _anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    for heading in _headings(path):
        slug = _slug(heading)
        n = seen.get(slug, 0)
        out.add(slug if n == 0 else f"{slug}-{n}")
        seen[slug] = n + 1
    return out


def _labels(path: Path) -> list[str]:
    """Headings and bold run-in labels (``* **Compilations** (…)``): what a reference names."""
    text = _outside_code(path.read_text("utf-8"))
    return _headings(path) + re.findall(r"\*\*([^*\n]+)\*\*", text)


def test_the_slug_is_githubs():
    assert _slug("Two commands / 两条命令") == "two-commands--两条命令"
    assert _slug("On a shared server, a class, a Windows terminal / 共享服务器、课堂、Windows 终端") \
        == "on-a-shared-server-a-class-a-windows-terminal--共享服务器课堂windows-终端"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_link_and_anchor_resolves(page):
    broken = []
    for target in LINK.findall(_outside_code(page.read_text("utf-8"))):
        if re.match(r"[a-z]+:", target):
            continue  # a web address: not checked offline
        file_part, _, anchor = target.partition("#")
        dest = (page.parent / file_part).resolve() if file_part else page
        if not dest.exists():
            broken.append(f"{target}: no file {dest.relative_to(ROOT)}")
        elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
            broken.append(f"{target}: no heading with that anchor in {dest.name}")
    assert not broken, broken


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_named_section_of_a_doc_exists(page):
    broken = []
    for m in NAMED.finditer(page.read_text("utf-8")):
        title = next(g for g in m.groups()[1:] if g).strip().rstrip(",.")
        dest = ROOT / m.group(1)
        if not dest.exists():
            broken.append(f"{m.group(1)}: no such file")
        elif not any(title in label for label in _labels(dest)):
            broken.append(f"{m.group(1)}: no section {title!r}")
    assert not broken, broken


def test_every_doc_path_named_anywhere_exists():
    named = set()
    for path in [*PAGES, *sorted((ROOT / "nlp_reports").rglob("*.py"))]:
        named |= set(re.findall(r"docs/[\w-]+\.md", path.read_text("utf-8")))
    assert named and all((ROOT / name).is_file() for name in named), \
        sorted(n for n in named if not (ROOT / n).is_file())


def test_the_readme_indexes_every_doc():
    readme = (ROOT / "README.md").read_text("utf-8")
    index = readme.split("## Docs / 文档", 1)[1].split("\n## ", 1)[0]
    for doc in DOCS:
        assert f"](docs/{doc.name})" in index, f"docs/{doc.name} is missing from the README's index"


def test_the_guide_shows_every_command():
    from nlp_reports.cli import build_parser

    guide = (ROOT / "docs" / "guide.md").read_text("utf-8")
    sub = next(a for a in build_parser()._actions
               if a.__class__.__name__ == "_SubParsersAction")
    missing = [name for name in sub.choices if f"nlp-reports {name}" not in guide]
    assert not missing, missing


def test_ci_runs_the_readmes_test_command():
    """.ci/run says it runs the README's test command: the same install and pytest call."""
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    test_cmd = next(b for b in blocks if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    ci_cmd = ci.split("# --- the README's test command (keep in sync) ---\n", 1)[1].splitlines()[0]

    def steps(cmd):  # quiet flags aside, the same steps in the same order
        return [" ".join(w for w in shlex.split(step) if w != "-q") for step in cmd.split("&&")]

    assert steps(test_cmd)[-len(steps(ci_cmd)):] == steps(ci_cmd)
    assert steps(test_cmd)[-1] == "python -m pytest -n auto"  # (pytest-xdist: every core)
