"""A second real SPARQL server beside Oxigraph: Virtuoso 7 from Debian (``./run test`` installs
``virtuoso-opensource-7-bin`` when it runs as root; skipped where the binary is absent).

What it shows (issue 17): the remote store speaks the protocol as Virtuoso takes it (queries
answer, graphs included), and a server that cannot hold an aikg store is refused before
anything is written, in one coded line that names it and gives its own reason. Virtuoso cannot
hold one: its default graph is the union of all its graphs, with no plain default graph to keep
aikg's distinct merge in (it refuses ``INSERT DATA`` without ``GRAPH``: error SP031).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.server
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
SAMPLE = Path(__file__).parents[2] / "corpus" / "sample"
INI = """[Database]
DatabaseFile = {root}/db.db
ErrorLogFile = {root}/virtuoso.log
TransactionFile = {root}/db.trx
xa_persistent_file = {root}/db.pxa
[TempDatabase]
DatabaseFile = {root}/temp.db
TransactionFile = {root}/temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {root}
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if VIRTUOSO is None or ISQL is None:
        pytest.skip("Virtuoso 7 is not installed (Debian: apt-get install virtuoso-opensource-7-bin)")
    root = tmp_path_factory.mktemp("virtuoso")
    sql, http = _free_port(), _free_port()
    (root / "virtuoso.ini").write_text(INI.format(root=root, sql=sql, http=http))
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(root / "virtuoso.ini")], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        for _ in range(600):
            try:
                if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None:
                pytest.fail(f"virtuoso exited: {(root / 'virtuoso.log').read_text()[-2000:]}")
            time.sleep(0.1)
        else:
            pytest.fail("virtuoso did not answer within 60 s")
        # the anonymous SPARQL user may update (as aikg would need), so that refusals below are Virtuoso's model
        subprocess.run([ISQL, f"127.0.0.1:{sql}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                       check=True, capture_output=True, timeout=60)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _aikg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aikg", *args], capture_output=True, text=True, timeout=300)


def test_remote_virtuoso_queries_answer(virtuoso: str) -> None:
    update = httpx.post(virtuoso, data={"update": 'INSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/p> '
                                                  '"Mistral AI" , "caf\u00e9" } }'}, timeout=60)
    assert update.status_code == 200, update.text
    select = _aikg("query", "SELECT ?o WHERE { GRAPH <http://e/g> { ?s ?p ?o } } ORDER BY ?o", "--store", virtuoso,
                   "-f", "csv")
    assert select.returncode == 0, select.stderr
    assert select.stdout.splitlines() == ["o", "Mistral AI", "caf\u00e9"]
    construct = _aikg("query", "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://e/g> { ?s ?p ?o } }", "--store",
                      virtuoso, "-f", "nt")
    assert construct.returncode == 0, construct.stderr
    assert '<http://e/a> <http://e/p> "Mistral AI" .' in construct.stdout


def test_remote_virtuoso_store_refused_in_one_line(virtuoso: str) -> None:
    doc = sorted(SAMPLE.glob("*.md"))[0]
    built = _aikg("build", str(doc), "--store", virtuoso, "--quiet")
    assert built.returncode == 1
    lines = built.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"aikg: [E216] SPARQL server {virtuoso} cannot hold"), built.stderr
    assert "SP031" in lines[0]  # Virtuoso's own reason: no plain default graph
    documents = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <https://w3id.org/aikg/ontology#documentId> ?id } }"
    count = httpx.post(virtuoso, data={"query": documents}, headers={"Accept": "application/sparql-results+json"},
                       timeout=60)
    assert count.json()["results"]["bindings"][0]["n"]["value"] == "0"  # nothing was written
    asked = _aikg("query", "ASK { GRAPH ?g { ?s <https://w3id.org/aikg/ontology#documentId> ?id } }", "--store",
                  virtuoso)
    assert asked.returncode == 0 and asked.stdout.strip() == "false", asked.stderr
