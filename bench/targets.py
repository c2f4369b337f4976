"""The targets the benchmark checks, each met or missed, per database across the sizes.

A result (bench/run.py) is a dict: database, size, baseline (requests/s), rows (name ->
wrk figures), timings (page -> in-process median ms and queries), memory (label -> MB per
worker).
"""

# In-process median server time of an uncached page, at every size.
SERVER_MS = {"postgres": 25, "sqlite": 60}
TARGET_PAGES = [
    "home",
    "list",
    "filtered list",
    "search",
    "deep page",
    "focus area page",
    "partner page",
]
# Over HTTP, as a ratio to the baseline of the same run: (row, at least, sizes it applies to).
RATIOS = [
    ("list, uncached", 0.1, {9}),
    ("partner page, uncached", 0.3, {9}),
    ("list, cached (local memory)", 0.8, None),
    ("list, 304 revalidation", 0.9, None),
    ("list, cached (Redis)", 0.6, None),
]
MEMORY_MB = 200
LOAD_P99_MS = 250


def _row(target, cells):
    """A target's row: its cells (size -> (text, met or None where it does not apply))
    and its verdict over the sizes it applies to."""
    missed = [size for size, (_text, met) in cells.items() if met is False]
    judged = [met for _text, met in cells.values() if met is not None]
    if not judged:
        verdict = "not measured"
    elif missed:
        verdict = "**missed** at " + ", ".join(f"{size:,}" for size in missed)
    else:
        verdict = "met"
    return {"target": target, "cells": cells, "verdict": verdict}


def _cell(value, met, text):
    if value is None:
        return ("–", None)
    return (text if met is None or met else f"**{text}**", met)


def server_time_rows(database, results):
    bound = SERVER_MS[database]
    rows = []
    for page in TARGET_PAGES:
        cells = {}
        for result in results:
            timing = result["timings"].get(page)
            ms = timing and timing["ms"]
            cells[result["size"]] = _cell(ms, ms is not None and ms <= bound, f"{ms or 0:.1f}")
        rows.append(_row(f"{page}: server ms ≤ {bound}", cells))
    return rows


def query_rows(results):
    rows = []
    for page in TARGET_PAGES:
        counts = {r["size"]: r["timings"][page]["queries"] for r in results if page in r["timings"]}
        same = len(set(counts.values())) <= 1
        cells = {size: _cell(count, same, str(count)) for size, count in counts.items()}
        rows.append(_row(f"{page}: same queries at every size", cells))
    return rows


def ratio_rows(results):
    rows = []
    for name, least, sizes in RATIOS:
        cells = {}
        for result in results:
            wrk = result["rows"].get(name)
            ratio = wrk and wrk["rps"] / result["baseline"]
            applies = sizes is None or result["size"] in sizes
            met = (ratio is not None and ratio >= least) if applies else None
            cells[result["size"]] = _cell(ratio, met, f"{ratio or 0:.2f}×")
        where = "" if sizes is None else " at " + ", ".join(f"{size:,}" for size in sorted(sizes))
        rows.append(_row(f"{name} ≥ {least}× baseline{where}", cells))
    return rows


def memory_row(results):
    cells = {}
    for result in results:
        sizes = [mb for worker in result["memory"].values() for mb in worker]
        largest = max(sizes) if sizes else None
        cells[result["size"]] = _cell(
            largest, largest is not None and largest < MEMORY_MB, f"{largest or 0:.0f}"
        )
    return _row(f"largest worker < {MEMORY_MB} MB", cells)


def bench_rows(database, results):
    """Every target's row for one database: `results` of its sizes, smallest first."""
    results = sorted(results, key=lambda result: result["size"])
    return [
        *server_time_rows(database, results),
        *query_rows(results),
        *ratio_rows(results),
        memory_row(results),
    ]


def load_met(figures):
    """The load test's target: no server or socket errors, p99 at most 250 ms."""
    return (
        figures["server_errors"] == 0
        and not figures["socket_errors"]
        and figures["p99"] <= LOAD_P99_MS
    )


def table(rows, sizes):
    """Markdown: a target per row, a column per size, and the verdict."""
    lines = [
        "| target | " + " | ".join(f"{size:,}" for size in sizes) + " | |",
        "| --- | " + " | ".join("---:" for _size in sizes) + " | --- |",
    ]
    for row in rows:
        cells = [row["cells"].get(size, ("–", None))[0] for size in sizes]
        lines.append(f"| {row['target']} | " + " | ".join(cells) + f" | {row['verdict']} |")
    return lines
