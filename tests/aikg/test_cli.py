"""The CLI as a user meets it: help everywhere, one-line errors, real work end to end."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from aikg.cli import app, main
from aikg.graph.errors import Errors as StoreErrors

AIKG = [sys.executable, "-m", "aikg"]


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*AIKG, *args], capture_output=True, text=True, cwd=cwd, input=stdin, timeout=600)


def test_cli_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    commands = _commands()
    assert {"build", "query", "view", "stats", "export", "remove", "validate", "import", "demo"} <= set(commands)
    for name in commands:
        main([name, "--help"])  # returns normally: exit status 0
        out = capsys.readouterr().out
        assert "Usage:" in out and len(out.splitlines()) > 3, name


@pytest.mark.parametrize(
    "args",
    [
        ["build"],
        ["query"],
        ["stats", "--no-such-option"],
        ["export", "--format", "rdfxml-please", "--store", "nowhere"],
        ["query", "SELECT * WHERE {?s ?p ?o}", "--format", "yaml", "--store", "nowhere"],
        ["stats", "--store", "/definitely/not/a/store"],
        ["view", "--out", "graph.png"],
        ["nosuchcommand"],
    ],
)
def test_cli_bad_arguments_one_line_nonzero(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code not in (0, None)
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("aikg: "), err


def test_cli_subprocess_error_is_one_line(tmp_path: Path) -> None:
    result = run("stats", "--store", str(tmp_path / "missing"))
    assert result.returncode == 1
    missing = tmp_path / "missing"
    assert result.stderr.strip().splitlines() == [f"aikg: {StoreErrors.E201.format(path=missing)}"]


def test_cli_query_syntax_error_names_line_and_column(built_sample: Path) -> None:
    result = run("query", "SELECT ?x WHERE {\n ?x ?y }", "--store", str(built_sample))
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "[E301]" in line and "line" in line and "column" in line


def test_cli_second_process_sees_build(built_sample: Path) -> None:
    result = run("query", "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a aikg:Document }",
                 "--store", str(built_sample), "--format", "json")
    assert result.returncode == 0, result.stderr
    count = json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"]
    assert int(count) == len(list((Path(__file__).parents[2] / "corpus" / "sample").glob("*.md")))


def test_cli_build_twice_changes_nothing(built_sample: Path, sample_dir: Path) -> None:
    export_before = run("export", "--store", str(built_sample), "--format", "nquads")
    result = run("build", str(sample_dir), "--store", str(built_sample), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "0 written" in result.stdout and "unchanged" in result.stdout
    export_after = run("export", "--store", str(built_sample), "--format", "nquads")
    assert sorted(export_before.stdout.splitlines()) == sorted(export_after.stdout.splitlines())


def test_cli_stats_view_validate_on_sample(built_sample: Path, tmp_path: Path) -> None:
    stats = run("stats", "--store", str(built_sample))
    assert stats.returncode == 0 and "Person" in stats.stdout and "leads" in stats.stdout
    view = run("view", "--store", str(built_sample), "--out", str(tmp_path / "g.html"))
    assert view.returncode == 0, view.stderr
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "Mistral AI" in page and "https://cdn" not in page
    validate = run("validate", "--store", str(built_sample))
    assert validate.returncode == 0, validate.stdout[-2000:]


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_cli_export_formats(built_sample: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"g.{fmt}"
    result = run("export", "--store", str(built_sample), "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000


def test_cli_build_seeds_end_to_end(seeds_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "seeds"
    result = run("build", str(seeds_dir), "--store", str(store), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "5 written" in result.stdout
    leads = run("query", "SELECT ?p ?o WHERE { ?p aikg:leads ?o }", "--store", str(store), "--format", "csv")
    assert "https://w3id.org/aikg/entity/sam-altman,https://w3id.org/aikg/entity/openai" in leads.stdout
    validate = run("validate", "--store", str(store))
    assert validate.returncode == 0, validate.stdout[-2000:]


def test_cli_build_reports_failures_and_exits_1(tmp_path: Path) -> None:
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    (corpus / "good.md").write_text("---\ntitle: Fine\n---\nArthur Mensch is the CEO of Mistral AI.", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x00\x01binary\x00")
    (corpus / "broken.jsonl").write_text("{oops\n", encoding="utf-8")
    result = run("build", str(corpus), "--store", str(tmp_path / "store"), "--quiet")
    assert result.returncode == 1
    assert "1 written, 0 unchanged (skipped), 2 failed" in result.stdout
    errors = result.stderr.strip().splitlines()
    assert any("bad.txt" in line and "binary" in line for line in errors)
    assert any("broken.jsonl:1" in line for line in errors)


def test_cli_eval_errors_show_sentences_by_predicate(built_sample: Path, tmp_path: Path) -> None:
    """``aikg eval --errors``: a spurious fact under its predicate with its sentence and extractor, a
    missed one with the sentences naming both ends (or why there are none); the table stays first."""
    gold = tmp_path / "gold.jsonl"
    line = {
        "document": "01-mistral-funding.md",
        "entities": [{"name": "Mistral AI", "type": "Organization"}, {"name": "Arthur Mensch", "type": "Person"},
                     {"name": "Google DeepMind", "type": "Organization"}],
        "relations": [{"subject": "Arthur Mensch", "predicate": "acquired", "object": "Google DeepMind"},
                      {"subject": "Nobody Labs", "predicate": "acquired", "object": "Mistral AI"}],
    }
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = run("eval", str(gold), "--store", str(built_sample), "--errors")
    assert result.returncode == 0, result.stderr
    table, _, errors = result.stdout.partition("\nrelations\n== ")
    assert table.startswith(f"{gold}\nentities") and "micro" in table
    groups = {block.split(":", 1)[0]: block for block in errors.split("\n== ")}
    acquired, raised = groups["acquired"], groups["raised"]
    assert "missed    Nobody Labs acquired Mistral AI  (subject not found)" in acquired
    missed = acquired.split("missed    Arthur Mensch acquired Google DeepMind", 1)[1]
    assert "previously worked as a researcher at Google DeepMind" in re.split(r"\n {4}\S", missed)[0]
    spurious = raised.split("spurious  Mistral AI raised €385 million\n", 1)[1]
    assert spurious.lstrip().startswith('"Mistral AI has closed a €385 million funding round')
    assert "  -- 01-mistral-funding.md" in raised and "[" in spurious.splitlines()[0]
    assert "\nentities\n== " in result.stdout  # spurious entities by type follow the relations


def test_cli_view_focus_follows_stated_facts_unless_co_mentions_are_asked(built_sample: Path, tmp_path: Path) -> None:
    def entities(*extra: str) -> int:
        out = tmp_path / f"v{len(extra)}.html"
        result = run("view", "--store", str(built_sample), "--out", str(out), "--focus", "Mistral AI", "--depth", "1",
                     *extra)
        assert result.returncode == 0, result.stderr
        return out.read_text(encoding="utf-8").count('"shape"')

    assert entities() < entities("--co-mentions")
