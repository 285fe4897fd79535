"""Markdown tables from the benchmark results (``benchmarks/results/latest.md``)."""

from __future__ import annotations

from typing import Any

__all__ = ["render_markdown"]


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _x(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}x" if value >= 10 else f"{value:.2f}x"


def _extraction(ext: dict[str, Any]) -> list[str]:
    if "skipped" in ext:
        return ["## Extraction", "", f"Skipped: {ext['skipped']}", ""]
    lines = [
        "## Extraction throughput",
        "",
        f"{ext['documents']} documents ({ext['corpus']}), {ext['words']:,} words, {ext['n_process']} processes, "
        f"batch size {ext['batch_size']}, median of {ext['rounds']} interleaved rounds; models: "
        + ", ".join(ext["models"].values()) + ".",
        "",
        "| variant | seconds | words/s | ratio to bare spaCy | median of per-round ratios |",
        "|---|---:|---:|---:|---:|",
    ]
    paired = ext.get("paired_ratio_to_bare_spacy", {})
    for name, seconds in ext["median_seconds"].items():
        lines.append(f"| {name} | {seconds:.1f} | {ext['words_per_second'][name]:,.0f} | "
                     f"{ext['ratio_to_bare_spacy'][name]:.2f} | "
                     + (f"{paired[name]:.2f} |" if name in paired else "- |"))
    lines += ["", "Target: `aikg build` >= 0.80x bare spaCy.", ""]
    return lines


def _store(store: dict[str, Any]) -> list[str]:
    graph = store["graph"]
    lines = [
        "## Store",
        "",
        f"Synthetic graph: {graph['documents']:,} documents, {graph['quads']:,} quads in the document graphs "
        f"(one named graph per document), plus their distinct merge ({graph.get('default_graph_triples', 0):,} "
        f"triples) as the default graph: {graph.get('store_quads', graph['quads']):,} quads in each store. "
        "Every engine holds the same quads and queries the default graph"
        + ("" if store.get("same_data", True) else " (**but the loaded quad counts differ**)") + ". "
        "Each engine in its own process; queries interleaved across engines, median of the runs"
        + _runs(store.get("runs")) + ".",
        "",
        "| engine | load | seconds | quads/s | peak memory loading (MiB) | peak memory querying (MiB) "
        "| on disk (MiB) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    how = {"documents": "`write_documents` per batch, as `aikg build`", "bulk": "bulk load of the N-Quads"}
    for engine, load in store["load"].items():
        if "error" in load:
            lines.append(f"| {engine} | {load.get('mode')} | error: {load['error']} | | | |")
            continue
        querying = store.get("memory", {}).get(engine)
        label = "`Dataset.parse` of the N-Quads" if engine == "rdflib" else how.get(load.get("mode", ""), "")
        disk = "in memory" if engine == "rdflib" else f"{load.get('disk_mib', 0):,.0f}"
        lines.append(f"| {engine} | {label} | {load['seconds']:.1f} | {load['quads'] / load['seconds']:,.0f} | "
                     f"{load['rss_mib']:,.0f} | {'-' if querying is None else f'{querying:,.0f}'} | {disk} |")
    runners: list[str] = []
    for entry in store["queries"]:
        for runner in [*entry["median_ms"], *entry.get("timeout_s", {}), *entry.get("errors", {})]:
            if runner not in runners:
                runners.append(runner)
    lines += [
        "",
        "Query medians in milliseconds (`>Ns`: stopped after N seconds; `err`: the engine failed, see below; "
        "`-`: not run). `aikg` is `KnowledgeStore.select` (rdflib terms), `aikg-fast` the same store through "
        "`KnowledgeStore.select_values` (lexical values).",
        "",
        "| query | kind | rows | " + " | ".join(runners)
        + " | rdflib / aikg | aikg / pyoxigraph | aikg-fast / pyoxigraph |",
        "|---|---|---:|" + "---:|" * (len(runners) + 3),
    ]
    summary = {row["name"]: row for row in store["summary"]["queries"]}
    failures: dict[str, str] = {}
    for entry in store["queries"]:
        cells = []
        for runner in runners:
            if runner in entry["median_ms"]:
                cells.append(_ms(entry["median_ms"][runner]))
            elif runner in entry.get("timeout_s", {}):
                cells.append(f">{entry['timeout_s'][runner]:.0f}s")
            elif runner in entry.get("errors", {}):
                cells.append("err")
                failures.setdefault(f"{runner}: {entry['errors'][runner]}", entry["name"])
            else:
                cells.append("-")
        row = summary.get(entry["name"], {})
        flag = "" if entry.get("rows_agree", True) else " (row counts differ)"
        speedup = _x(row.get("rdflib_to_aikg"))
        if "rdflib_to_aikg_at_least" in row:
            speedup = ">" + _x(row["rdflib_to_aikg_at_least"])
        answer_rows = entry.get("rows", {})
        size = answer_rows.get("aikg", answer_rows.get("pyoxigraph", next(iter(answer_rows.values()), None)))
        lines.append(f"| {entry['name']}{flag} | {entry['kind']} | {'-' if size is None else f'{size:,}'} | "
                     + " | ".join(cells)
                     + f" | {speedup} | {_x(row.get('aikg_to_pyoxigraph'))} "
                     f"| {_x(row.get('aikg-fast_to_pyoxigraph'))} |")
    if failures:
        lines += ["", "Failures: " + "; ".join(f"{message} (first in {name})" for message, name in failures.items())
                  + "."]
    add = store.get("add_document") or {}
    if isinstance(add, dict) and add and "error" not in add:
        lines += ["", "Adding one document (`replace_document`, median over new documents):", "",
                  "| store size (quads) | ms per document | quads per document |", "|---:|---:|---:|"]
        for value in add.values():
            lines.append(f"| {value['store_quads']:,} | {value['median_ms']:.1f} | {value['doc_quads']:.0f} |")
    targets = store["summary"]["targets"]
    lines += ["", "| target | measured |", "|---|---:|"]
    for name, value in targets.items():
        lines.append(f"| {name} | {'-' if value is None else f'{value:,.2f}'} |")
    return [*lines, ""]


def render_markdown(results: dict[str, Any]) -> str:
    """The Markdown report: machine, command, then one section per benchmark that ran."""
    machine = results.get("machine", {})
    lines = [
        "# Benchmark results",
        "",
        f"`{results.get('command', 'python -m benchmarks')}` on {results.get('date', '?')}: "
        f"{machine.get('cpus')} CPUs, {machine.get('memory_gib', '?')} GiB, Python {machine.get('python')}, "
        f"spaCy {machine.get('spacy')}, pyoxigraph {machine.get('pyoxigraph')}, rdflib {machine.get('rdflib')}; "
        f"load average {_load(machine.get('load_average'))} at the start, "
        f"{_load(machine.get('load_average_end'))} at the end; {results.get('seconds', 0):.0f} s in all.",
        "",
    ]
    if "extraction" in results:
        lines += _extraction(results["extraction"])
    if "store" in results:
        lines += _store(results["store"])
    views = results.get("views")
    if isinstance(views, dict) and isinstance(views.get("markdown"), str):
        lines += [views["markdown"], ""]
    elif isinstance(views, str):
        lines += [views, ""]
    elif isinstance(views, list) and views and all(isinstance(row, dict) for row in views):
        lines += ["## Views (benchmarks/views.py)", "", *_table(views), ""]
    return "\n".join(lines)


def _table(rows: list[dict[str, Any]]) -> list[str]:
    keys: list[str] = []
    for row in rows:
        keys += [k for k in row if k not in keys]

    def cell(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:,.3g}" if value < 100 else f"{value:,.0f}"
        return str(value)

    return ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys),
            *("| " + " | ".join(cell(row.get(k, "")) for k in keys) + " |" for row in rows)]


def _load(value: Any) -> str:
    if not value:
        return "?"
    return "/".join(f"{v:.1f}" for v in value)


def _runs(runs: dict[str, Any] | None) -> str:
    """How many times each query ran: more often when it is short, where noise weighs most."""
    if not runs:
        return ""
    if runs["max"] <= runs["min"]:
        return f" (up to {runs['min']} each, fewer once a query has taken {runs['budget_s']:g} s)"
    return (f" ({runs['min']} to {runs['max']} each: a query runs again while its runs add up to less than "
            f"{runs['short_budget_s']:g} s, at least {runs['min']} times unless they pass {runs['budget_s']:g} s)")
