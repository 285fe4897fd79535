"""The import layers hold: each folder imports only what its place in the data flow allows.

documents -> extract -> graph -> queries -> the application (aikg/: CLI, build, server, API).
The contract between extraction and the graph is ``aikg.extract.records``; the CLI is the top.
Imports are read with ``ast`` (module level and inside functions alike), so a lazy import that
crosses a layer is caught too.
"""

from __future__ import annotations

import ast

import pytest

from tests.helpers import REPO

#: folder -> (aikg modules it may import, third-party packages it must not import)
RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "documents": (("aikg.errors", "aikg.documents", "aikg.extract.records"), ("rdflib", "pyoxigraph", "oxrdflib")),
    "extract": (("aikg.errors", "aikg.extract"), ("rdflib", "pyoxigraph", "oxrdflib", "pyshacl", "pyvis")),
    "graph": (("aikg.errors", "aikg.graph", "aikg.extract.records"), ()),
    "queries": (("aikg.errors", "aikg.graph", "aikg.queries", "aikg.extract.records"), ()),
}
#: Only the CLI itself (and ``python -m aikg``) imports the CLI.
CLI_MODULES = ("aikg.cli",)


def imported_modules(source: str) -> set[str]:
    """Every module a Python source imports (absolute names; relative imports are within a package)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"aikg.{alias.name}" for alias in node.names
                         if node.module == "aikg" and not alias.name.startswith("__"))
    return found


def _allowed(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def violations(source: str, allowed: tuple[str, ...], banned: tuple[str, ...]) -> list[str]:
    """The imports of ``source`` that cross its layer. The root package itself (``import aikg``,
    ``from aikg import __version__``) is open to all: it only re-exports lazily."""
    crossed = []
    for module in sorted(imported_modules(source)):
        if module.startswith("aikg.") and not _allowed(module, allowed):
            crossed.append(module)
        elif _allowed(module, banned):
            crossed.append(module)
    return crossed


@pytest.mark.parametrize("folder", sorted(RULES))
def test_layers_each_folder_imports_only_its_layer(folder: str) -> None:
    allowed, banned = RULES[folder]
    crossed = {str(path.relative_to(REPO)): found for path in sorted((REPO / folder).rglob("*.py"))
               if (found := violations(path.read_text(encoding="utf-8"), allowed, banned))}
    assert crossed == {}


def test_layers_nothing_below_the_cli_imports_it() -> None:
    importers = [str(path.relative_to(REPO)) for folder in ("aikg", *RULES) for path in (REPO / folder).rglob("*.py")
                 if not path.name.startswith("cli") and path.name != "__main__.py"
                 and any(_allowed(m, CLI_MODULES) or m.startswith("aikg.cli_")
                         for m in imported_modules(path.read_text(encoding="utf-8")))]
    assert importers == []


@pytest.mark.parametrize(
    ("folder", "source"),
    [
        ("extract", "import rdflib\n"),
        ("extract", "def f():\n    from aikg.graph.store import open_store\n"),
        ("graph", "from aikg.extract.kb import load_knowledge_base\n"),
        ("graph", "from aikg import pipeline\n"),
        ("queries", "from aikg.server import create_app\n"),
        ("documents", "import pyoxigraph as ox\n"),
    ],
)
def test_layers_checker_catches_a_crossing(folder: str, source: str) -> None:
    allowed, banned = RULES[folder]
    assert violations(source, allowed, banned)


@pytest.mark.parametrize(
    ("folder", "source"),
    [("graph", "from aikg.extract.records import EntityType\nimport aikg\n"), ("extract", "import spacy\n")],
)
def test_layers_checker_accepts_the_contract(folder: str, source: str) -> None:
    allowed, banned = RULES[folder]
    assert violations(source, allowed, banned) == []
