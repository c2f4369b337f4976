"""The load test: 64 connections on a mix of public pages (bench/mix.py, bench/mix.lua),
page cache on, most of the mix's searches and filters new to it; errors, latency and worker
memory against the target (no errors, p99 at most 250 ms)."""

import re
import subprocess

from . import targets
from .databases import PYTHON, ROOT, WORK, prepare
from .server import fetch, rss_mb, server, wrk

CONNECTIONS = 64


def mix_file(env, size, seed):
    """The mix's addresses for this size, written by bench/mix.py (in a Django process:
    it reads the synthetic partners' vocabulary)."""
    path = WORK / f"mix-{size}-{seed}.txt"
    subprocess.run(
        [PYTHON, "-m", "bench.mix", str(size), str(path), "--seed", str(seed)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return path


def load_test(database, size, seconds, prefix, seed=1):
    env = prepare(database, size, prefix)
    path = mix_file(env, size, seed)
    with server(env) as (base, process):
        for address in ("/pl/", "/en/partners/", "/en/partners/?q=dziecko"):
            fetch(base + address)
        before = rss_mb(process.pid)
        figures = wrk(
            base,
            seconds,
            connections=CONNECTIONS,
            script=ROOT / "bench" / "mix.lua",
            script_args=(str(path), "2"),
        )
        after = rss_mb(process.pid)
    output = figures["output"]
    figures["server_errors"] = int(re.search(r"Server errors \(5xx\): (\d+)", output).group(1))
    figures["client_errors"] = int(re.search(r"Client errors \(4xx\): (\d+)", output).group(1))
    return {"database": database, "size": size, **figures, "before": before, "after": after}


def load_report(results, seconds, seed):
    lines = [
        f"wrk, 2 threads, {CONNECTIONS} connections, {seconds} s, on bench/mix.py's addresses "
        f"(seed {seed}); granian, 2 workers; page cache on (local memory). Errors are 5xx "
        "answers and socket errors (timeouts included); the mix asks for some 4xx on purpose.",
        "",
        f"| database | partners | requests/s | p50 ms | p99 ms | 5xx | socket errors | 4xx "
        f"| worker MB before / after | target: no errors, p99 ≤ {targets.LOAD_P99_MS} ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |",
    ]
    for row in results:
        memory = "/".join(f"{mb:.0f}" for mb in row["before"]) + " → "
        memory += "/".join(f"{mb:.0f}" for mb in row["after"])
        verdict = "met" if targets.load_met(row) else "**missed**"
        lines.append(
            f"| {row['database']} | {row['size']:,} | {row['rps']:.0f} | {row['p50']:.1f} "
            f"| {row['p99']:.1f} | {row['server_errors']} | {row['socket_errors'] or 0} "
            f"| {row['client_errors']} | {memory} | {verdict} |"
        )
    return "\n".join(lines)
