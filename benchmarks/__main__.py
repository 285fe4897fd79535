"""``python -m benchmarks`` (``./run bench``): every benchmark, results as JSON and Markdown.

Writes ``benchmarks/results/latest.json`` (everything measured) and ``latest.md`` (the tables
the README shows). ``--size`` picks a preset; ``--quads`` and ``--docs`` override its numbers.
Absolute times depend on the machine and its load; the ratios are measured side by side in
the same run (interleaved), which is what the targets are about.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.report import render_markdown

SIZES: dict[str, dict[str, int]] = {
    "tiny": {"quads": 20_000, "docs": 8, "reps": 2, "max_reps": 2, "rounds": 1},  # smoke test, seconds
    "small": {"quads": 100_000, "docs": 40, "reps": 3, "max_reps": 5, "rounds": 2},
    "default": {"quads": 1_000_000, "docs": 120, "reps": 5, "max_reps": 15, "rounds": 5},  # < 10 min on a laptop
    "large": {"quads": 5_000_000, "docs": 1_000, "reps": 5, "max_reps": 15, "rounds": 3},
}
RESULTS = Path(__file__).resolve().parent / "results"


def _machine() -> dict[str, Any]:
    info: dict[str, Any] = {"python": platform.python_version(), "platform": platform.platform(),
                            "cpus": os.cpu_count()}
    try:
        info["load_average"] = os.getloadavg()
    except OSError:
        pass
    try:
        import psutil

        info["memory_gib"] = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    for package in ("spacy", "pyoxigraph", "rdflib", "oxrdflib"):
        try:
            from importlib.metadata import version

            info[package] = version(package)
        except Exception:
            pass
    return info


def _run_views(workdir: Path, args: argparse.Namespace) -> Any:
    try:
        from benchmarks import views  # type: ignore[attr-defined]
    except ImportError:
        return None
    run = getattr(views, "run", None)
    if run is None:
        return None
    offered = {"workdir": workdir / "views", "size": args.size, "seed": args.seed, "quads": args.quads,
               "docs": args.docs, "log": _log}
    params = inspect.signature(run).parameters
    accepts_all = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    return run(**{k: v for k, v in offered.items() if accepts_all or k in params})


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=list(SIZES), default="default", help="preset (default: %(default)s)")
    parser.add_argument("--quads", type=int,
                        help="store benchmark: quads in the document graphs (the stores also hold their merge)")
    parser.add_argument("--docs", type=int, help="extraction benchmark: synthetic documents (plus seeds and sample)")
    parser.add_argument("--only", default="extraction,store,views",
                        help="comma-separated parts to run: extraction, store, views (default: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--processes", type=int, default=None, help="extraction processes (default: all cores)")
    parser.add_argument("--profile", action="store_true", help="also profile a one-process build (cProfile)")
    parser.add_argument("--engines", default="aikg,pyoxigraph,rdflib",
                        help="store benchmark: the stores compared, comma-separated (default: %(default)s)")
    parser.add_argument("--union-view", action="store_true",
                        help="store benchmark: also time Oxigraph's union-default-graph view (slow joins)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results folder (default: benchmarks/results)")
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one, removed)")
    args = parser.parse_args(argv)
    preset = SIZES[args.size]
    args.quads = args.quads or preset["quads"]
    args.docs = args.docs or preset["docs"]
    parts = {p.strip() for p in args.only.split(",") if p.strip()}

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="aikg-bench-"))
    started = time.perf_counter()
    results: dict[str, Any] = {
        "command": "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:]),
        "date": datetime.now(UTC).isoformat(timespec="seconds"), "size": args.size,
        "machine": _machine(),
    }
    try:
        if "extraction" in parts:
            from benchmarks.extraction import profile_build, run_extraction_benchmark

            try:
                results["extraction"] = run_extraction_benchmark(
                    workdir / "extraction", n_documents=args.docs, seed=args.seed, rounds=preset["rounds"],
                    n_process=args.processes, log=_log)
            except ImportError as err:
                results["extraction"] = {"skipped": f"extraction layer not importable: {err}"}
            if args.profile:
                text = profile_build(workdir / "profile", n_documents=max(20, args.docs // 2), seed=args.seed)
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / "profile-build.txt").write_text(text, encoding="utf-8")
                results["profile"] = str(args.out / "profile-build.txt")
        if "store" in parts:
            from benchmarks.store import run_store_benchmark

            engines = tuple(e.strip() for e in args.engines.split(",") if e.strip())
            results["store"] = run_store_benchmark(workdir / "store", target_quads=args.quads, seed=args.seed,
                                                   reps=preset["reps"], max_reps=preset["max_reps"], engines=engines,
                                                   union_view=args.union_view, log=_log)
        if "views" in parts:
            views = _run_views(workdir, args)
            if views is not None:
                results["views"] = views
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    results["machine"]["load_average_end"] = os.getloadavg()
    results["seconds"] = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    (args.out / "latest.md").write_text(render_markdown(results), encoding="utf-8")
    _log(f"wrote {args.out / 'latest.json'} and {args.out / 'latest.md'} in {results['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
