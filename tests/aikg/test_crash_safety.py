"""Kill a build with SIGKILL mid-batch: the store must hold only whole documents, and a rerun
must end with exactly what an uninterrupted build gives."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aikg.graph.namespaces import RUN
from aikg.graph.store import open_store
from aikg.graph.validate import validate_store
from aikg.pipeline import build

pytestmark = pytest.mark.model
DOCS = 24
WRITE_EVERY = 4  # the victim writes 4 documents at a time (--write-every), in 6 batches


def _corpus(tmp_path: Path, sample_dir: Path) -> Path:
    bodies = [p.read_text(encoding="utf-8").split("---", 2)[-1].strip() for p in sorted(sample_dir.glob("*.md"))]
    path = tmp_path / "batch.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number in range(DOCS):
            body = bodies[number % len(bodies)]
            handle.write(json.dumps({"id": f"n{number:03d}", "title": f"Copy {number}",
                                     "text": f"{body}\n\nEdition {number}."}) + "\n")
    return path


def _build(corpus: Path, store: Path, *options: str) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "aikg", "build", str(corpus), "--store", str(store), *options]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _stable_quads(store_dir: Path) -> set[tuple[str, ...]]:
    """Quads without the run's own description and links (run ids and times differ by design)."""
    with open_store(store_dir, read_only=True) as store:
        return {tuple(map(str, quad)) for quad in store.quads()
                if not str(quad[0]).startswith(str(RUN)) and not str(quad[2]).startswith(str(RUN))}


def test_crash_safety_sigkill_mid_batch(tmp_path: Path, sample_dir: Path) -> None:
    corpus = _corpus(tmp_path, sample_dir)

    # the uninterrupted build, in this process (its pipelines are the test session's, loaded once)
    assert build([corpus], tmp_path / "reference").ok

    # progress shown (to know when to kill), spaCy batches of 2 so that documents come one by one
    victim = _build(corpus, tmp_path / "victim", "--write-every", str(WRITE_EVERY), "--batch-size", "2")
    assert victim.stderr is not None
    os.set_blocking(victim.stderr.fileno(), False)
    seen, deadline = b"", time.monotonic() + 600
    while time.monotonic() < deadline:
        chunk = victim.stderr.read() or b""
        seen += chunk
        done = [int(n) for n in re.findall(rb"(\d+)/%d" % DOCS, seen)]
        # past the first batch written (documents are written WRITE_EVERY at a time), before the end
        if done and max(done) >= WRITE_EVERY + (DOCS - WRITE_EVERY) // 4:
            break
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL

    # the kill may land inside a write (then a read-only open refuses the store, E211): opening it for
    # writing undoes that unfinished write, as the next build would
    with open_store(tmp_path / "victim") as store:
        written = len(store.documents())
        assert 0 < written < DOCS, f"kill landed outside the batch ({written} documents written)"
        assert validate_store(store) == []  # only whole, valid documents

    rerun = _build(corpus, tmp_path / "victim", "--quiet")
    assert rerun.wait(timeout=900) == 0
    assert _stable_quads(tmp_path / "victim") == _stable_quads(tmp_path / "reference")
    for process in (victim, rerun):  # their stderr pipes are ours to close (else ResourceWarnings)
        if process.stderr is not None:
            process.stderr.close()
