"""The notebooks run from top to bottom on the sample corpus, are stored without outputs, show
readable tables (no NaN, None or 2.805000e+09), can be opened (JupyterLab, ``./run notebook``) and
are published as offline HTML under docs/notebooks/ (``./run notebooks-html``).

Each notebook is executed with nbclient in a fresh kernel of this interpreter (``python3``),
from a temporary working directory, so a notebook that breaks, or that depends on where it is
started, fails the suite. They build the graph with spaCy, hence the ``model`` marker.
"""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAMES = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
#: what a reader should never see in a table: missing values spelt out, amounts in e-notation
UNREADABLE = re.compile(r">\s*(?:NaN|None|NaT|<NA>)\s*<|\d\.\d+e[+-]\d\d")


def _publisher() -> ModuleType:
    spec = importlib.util.spec_from_file_location("publish", NOTEBOOKS / "publish.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in folder.rglob("*") if p.is_file()}


def test_notebooks_are_there() -> None:
    assert {"01-first-tour.ipynb", "02-who-matters.ipynb", "03-money-and-power.ipynb"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_without_outputs(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, name
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, f"{name}: strip outputs before committing"


@pytest.mark.model
@pytest.mark.timeout(900)
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs(name: str, tmp_path: Path) -> None:
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    before = _snapshot(NOTEBOOKS.parent / "notebooks")
    client = NotebookClient(notebook, kernel_name="python3", timeout=600, allow_errors=False,
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any(o.get("output_type") in {"display_data", "execute_result"} for o in outputs)
    tables = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})
              and "<table" in o["data"]["text/html"]]
    assert tables, name
    for table in tables:
        assert not UNREADABLE.search(table), f"{name}: {UNREADABLE.search(table)} in a table"
    assert _snapshot(NOTEBOOKS.parent / "notebooks") == before, "a notebook wrote into the repository"


def test_notebooks_can_be_opened() -> None:
    """JupyterLab is in the environment and ``./run notebook`` opens the folder of notebooks."""
    assert importlib.util.find_spec("jupyterlab") is not None
    run = (ROOT / "run").read_text(encoding="utf-8")
    assert re.search(r'^  notebook\)\n    install\n(?:    .*\n)*?    exec "\$VENV/bin/jupyter" lab notebooks', run,
                     re.MULTILINE)
    assert re.search(r"^  notebooks-html\)\n    install\n    exec .*notebooks/publish\.py", run, re.MULTILINE)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_published_offline(name: str) -> None:
    """Each notebook has an executed HTML page that loads no script or style sheet from the network."""
    page = (ROOT / "docs" / "notebooks" / name).with_suffix(".html").read_text(encoding="utf-8")
    assert _publisher().remote_references(page) == []
    assert "jp-OutputArea-output" in page and "<table" in page, "published without outputs"
    assert not re.search(r"\d\.\d+e\+0\d", page)


SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed articles are not next to the checkout")
@pytest.mark.parametrize("name", NAMES)
def test_a_published_page_holds_no_sentence_of_the_seed_articles(name: str) -> None:
    # the seeds may be read by tests, never copied into the repository; a page shows evidence sentences
    page = html.unescape((ROOT / "docs" / "notebooks" / name.replace(".ipynb", ".html")).read_text(encoding="utf-8"))
    windows = [sentence[5:55] for path in SEEDS.iterdir() if path.is_file()
               for sentence in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8", errors="replace"))
               if len(sentence.strip()) >= 60]
    assert windows
    assert [w for w in windows if w in page] == []


def test_notebook_publisher_removes_remote_scripts() -> None:
    publish = _publisher()
    page = ('<head><script src="https://cdnjs.test/require.min.js"></script><link rel="stylesheet" '
            'href="https://cdn.test/x.css"><script>var a = 1;</script></head><a href="https://ok.test/">link</a>')
    assert len(publish.remote_references(page)) == 2
    cleaned = publish.offline(page)
    assert publish.remote_references(cleaned) == [] and "var a = 1" in cleaned and "https://ok.test/" in cleaned
