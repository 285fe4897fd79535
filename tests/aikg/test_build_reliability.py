"""``aikg build`` when the machine fails it (issue 17): a full disk, a killed build's workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from aikg.graph.store import open_store

SAMPLE = Path(__file__).parents[2] / "corpus" / "sample"
PER_GRAPH = "SELECT ?d (COUNT(*) AS ?n) WHERE { GRAPH ?d { ?s ?p ?o } } GROUP BY ?d"


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in {"Z", "X"}


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except FileNotFoundError:
            pass
    return found


def _gone_within(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("imports_pipeline", [True, False], ids=["aikg", "control"])
def test_build_forked_worker_dies_with_its_parent(tmp_path: Path, imports_pipeline: bool) -> None:
    """A process forked by a process that imported the build (as spaCy's and our extraction
    pools are) ends when that process is SIGKILLed; the control, without the import, outlives
    it (so the test can fail)."""
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent(f"""
        import multiprocessing, time
        if {imports_pipeline}:
            import aikg.pipeline
        if __name__ == "__main__":
            child = multiprocessing.get_context("fork").Process(target=time.sleep, args=(120,))
            child.start()
            print(child.pid, flush=True)
            time.sleep(120)
    """))
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    try:
        assert _alive(child)
        parent.kill()
        parent.wait(timeout=10)
        assert _gone_within([child], 5) is imports_pipeline
    finally:
        parent.stdout.close()  # the pipe is ours to close (else a ResourceWarning)
        if _alive(child):
            os.kill(child, signal.SIGKILL)


@pytest.mark.model
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_build_killed_leaves_no_extraction_workers(tmp_path: Path) -> None:
    """SIGKILL of ``aikg build -j 2`` while its extraction workers run: they exit too."""
    docs = [str(p) for p in sorted(SAMPLE.glob("*.md"))]
    build = subprocess.Popen([sys.executable, "-m", "aikg", "build", *docs, "--store", str(tmp_path / "store"),
                              "--quiet", "-j", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    workers: list[int] = []
    while time.monotonic() < deadline and build.poll() is None and len(workers) < 2:
        workers = _children(build.pid)
        time.sleep(0.05)
    if build.poll() is not None:
        pytest.fail("the build ended before its workers were seen")
    build.kill()
    build.wait(timeout=10)
    try:
        assert workers and _gone_within(workers, 10), [p for p in workers if _alive(p)]
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.model
def test_build_disk_full_is_one_line_and_the_summary(tmp_path: Path, built_sample: Path) -> None:
    """A full disk (RLIMIT_FSIZE: writes past 100 kB fail with EFBIG, as ENOSPC would): one coded
    line naming the store, the build summary, exit 1; the next build recovers and the store then
    holds what a clean build of the sample (``built_sample``) makes."""
    docs = [str(p) for p in sorted(SAMPLE.glob("*.md"))]
    store = tmp_path / "store"
    script = tmp_path / "full.py"
    script.write_text(textwrap.dedent("""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
        from aikg.cli import main
        main(sys.argv[1:])
    """))
    full = subprocess.run([sys.executable, str(script), "build", *docs, "--store", str(store), "--quiet"],
                          capture_output=True, text=True, timeout=600)
    assert full.returncode == 1
    errors = full.stderr.splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"aikg: failed: [E215] store {store} is out of disk space"), \
        full.stderr
    assert full.stdout.count("\n") == 1 and " failed; " in full.stdout and f"store: {store}" in full.stdout
    again = subprocess.run([sys.executable, "-m", "aikg", "build", *docs, "--store", str(store), "--quiet"],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    with open_store(store, read_only=True) as recovered, open_store(built_sample, read_only=True) as fresh:
        assert dict(recovered.select(PER_GRAPH)) == dict(fresh.select(PER_GRAPH))
        assert len(recovered) == len(fresh)
