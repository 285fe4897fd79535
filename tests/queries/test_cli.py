"""``aikg queries`` and ``aikg query`` as a user types them (in-process, through ``aikg.cli.main``)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from aikg.cli import main
from aikg.queries import load_queries


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        main(list(argv))
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_queries_lists_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "queries")
    assert code == 0
    lines = out.strip().splitlines()
    assert [line.split()[0] for line in lines] == list(load_queries())
    assert any(line.startswith("who-leads") and "Who leads which organisation  [org?, person?]" in line
               for line in lines)


def test_cli_queries_shows_one_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "queries", "neighbourhood")
    assert code == 0 and "# param entity (entity)" in out and "aikg query --named neighbourhood" in out


def test_cli_query_table_with_labels(capsys: pytest.CaptureFixture[str], mini_store_path: Path) -> None:
    code, out, _ = _run(capsys, "query", "--store", str(mini_store_path), "--labels",
                        "SELECT ?p ?o WHERE { ?p aikg:leads ?o } ORDER BY ?p")
    assert code == 0
    rows = out.splitlines()[2:-1]
    assert rows[0] == "Arthur Mensch  Mistral AI"
    assert len(rows) == len(set(rows))  # a fact stated by two documents is one row of the merged graph


def test_cli_query_named_with_params(capsys: pytest.CaptureFixture[str], mini_store_path: Path) -> None:
    code, out, err = _run(capsys, "query", "-s", str(mini_store_path), "--named", "who-leads", "--param",
                          "org=OpenAI", "-f", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["personLabel"], r["orgLabel"]) for r in rows] == [("Sam Altman", "OpenAI")]


def test_cli_query_from_file_and_stdin(capsys: pytest.CaptureFixture[str], mini_store_path: Path,
                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rq = tmp_path / "ask.rq"
    rq.write_text("ASK { ent:sam-altman aikg:leads ent:openai }", encoding="utf-8")
    assert _run(capsys, "query", "-s", str(mini_store_path), str(rq))[1] == "true\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT ?o WHERE { ent:openai aikg:basedIn ?o }"))
    code, out, _ = _run(capsys, "query", "-s", str(mini_store_path), "-", "-f", "json")
    assert code == 0
    assert json.loads(out)["results"]["bindings"] == [
        {"o": {"type": "uri", "value": "https://w3id.org/aikg/entity/san-francisco"}}]


def test_cli_query_construct_turtle(capsys: pytest.CaptureFixture[str], mini_store_path: Path) -> None:
    code, out, _ = _run(capsys, "query", "-s", str(mini_store_path), "-f", "turtle",
                        "CONSTRUCT WHERE { ent:openai aikg:basedIn ?o }")
    assert code == 0 and "ent:openai aikg:basedIn ent:san-francisco ." in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["SELECT ?x WHERE { ?x ?y }"], "aikg: [E301] SPARQL syntax error at line 1, column 26: "),
        (["INSERT DATA { ent:a ent:b ent:c }"], "aikg: [E306] SPARQL Update is not allowed here"),
        (["--named", "nope"], "aikg: [E303] no named query 'nope'"),
        (["--named", "who-leads", "--param", 'org=x" } ; DROP ALL ; #'], "aikg: [E311] unknown entity"),
        (["--named", "neighbourhood"], "aikg: [E304] query 'neighbourhood' needs entity"),
        (["SELECT * {}", "--named", "who-leads"], "aikg: [E001] give either a SPARQL query"),
        (["SELECT * {}", "--param", "a=b"], "aikg: [E001] --param goes with --named"),
        (["SELECT * {}", "-f", "yaml"], "aikg: [E001] unknown format 'yaml'"),
        (["SELECT * {}", "-f", "json", "--labels"], "aikg: [E001] --labels applies to table, csv and tsv"),
        (["SELECT * {}", "-f", "turtle"], "aikg: [E302] turtle output is for CONSTRUCT and DESCRIBE"),
    ],
)
def test_cli_query_errors_are_one_line(capsys: pytest.CaptureFixture[str], mini_store_path: Path,
                                       argv: list[str], message: str) -> None:
    code, out, err = _run(capsys, "query", "-s", str(mini_store_path), *argv)
    assert code == 1 and out == ""
    assert err.startswith(message) and err.count("\n") == 1, err


def test_cli_query_missing_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "query", "-s", str(tmp_path / "none"), "ASK {}")
    assert code == 1 and err.startswith("aikg: [E201] no aikg store at")


@pytest.mark.parametrize("command", ["queries", "query", "serve"])
def test_cli_commands_have_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = _run(capsys, command, "--help")
    assert code == 0 and "Usage:" in out and len(out.splitlines()) > 4
