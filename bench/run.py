"""The benchmark: the production server on loopback under wrk, at several directory sizes,
on SQLite and PostgreSQL, every figure also as a ratio to a baseline view measured in the
same run, and each target met or missed.

    python -m bench.run [--sizes 9,10000,100000] [--databases sqlite,postgres] [--seconds 5]
    python -m bench.run --load [--seconds 30]      # the 64-connection mix

Prints a Markdown report and writes it to bench/results.md (bench/load.md for --load).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .databases import DEFAULT_PREFIX, PYTHON, ROOT, database_url, environment, manage, prepare
from .load import load_report, load_test
from .nginx import nginx_comparison
from .report import plans_section, report
from .server import fetch, rss_mb, server, static_css, wrk

REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
DEEP_PAGE = 4000

# The pages measured (uncached unless said), with the query that makes them what they are.
PAGES = {
    "home": "/en/",
    "list": "/en/partners/",
    "filtered list": "/en/partners/?focus=child-sexual-exploitation&sort=-founded",
    "search": "/en/partners/?q=dziecko",
    "deep page": None,  # page 4,000 of the list, or its last page if it has fewer
    "focus area page": "/en/focus-areas/child-sexual-exploitation/",
    "partner page": "/en/partners/gifct/",
}


def pages_for(size):
    """The pages at this size: the deep page is page 4,000, or the last page if there are
    fewer (with one page, the list itself: its first page has no `page`)."""
    deep_page = min(DEEP_PAGE, -(-size // 24))
    query = f"?page={deep_page}" if deep_page > 1 else ""
    return {**PAGES, "deep page": PAGES["list"] + query}


def in_process_times(env, pages, plans=None, repeat=15):
    """Server time (median ms) and queries of each page rendered in-process, page cache
    off (bench/pages.py); with `plans`, the query plans of that page (or the slowest)."""
    options = {"pages": pages, "repeat": repeat, "plans": plans}
    output = subprocess.run(
        [PYTHON, "-m", "bench.pages", json.dumps(options)],
        cwd=ROOT,
        env={**env, "PAGE_CACHE": "0"},
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def row(base, path, seconds, headers=(), warm_up=False):
    """wrk on one address; then a request that waits its turn, so that requests still
    queued when wrk stopped do not slow down the next row. With `warm_up`, first a few
    requests from four connections, so that each worker has served the page once (the
    first search of a process loads dictionaries) and the row measures what follows."""
    if warm_up:
        wrk(base + path, 2, headers, connections=4)
        fetch(base + "/bench/baseline", timeout=120)
    figures = wrk(base + path, seconds, headers)
    fetch(base + "/bench/baseline", timeout=120)
    return figures


def cached_rows(base, pages, seconds):
    rows = {"baseline (fixed view)": row(base, "/bench/baseline", seconds)}
    rows["static file"] = row(base, static_css(base), seconds)
    _status, headers, _body = fetch(base + pages["list"])
    rows["list, cached (local memory)"] = row(base, pages["list"], seconds)
    # A session cookie that is not a staff session's still gets the cached page.
    made_up = "Cookie: __Host-sessionid=" + "x" * 32
    rows["list, cached, made-up session"] = row(base, pages["list"], seconds, [made_up])
    etag = f"If-None-Match: {headers['etag']}"
    rows["list, 304 revalidation"] = row(base, pages["list"], seconds, [etag])
    return rows


def http_rows(env, pages, seconds):
    """Every page over HTTP: cached, uncached, from Redis; and the workers' memory."""
    memory = {}
    with server(env) as (base, process):
        rows = cached_rows(base, pages, seconds)
        memory["cached server"] = rss_mb(process.pid)
    with server({**env, "PAGE_CACHE": "0"}) as (base, process):
        for name, path in pages.items():
            rows[f"{name}, uncached"] = row(base, path, seconds, warm_up=True)
        memory["uncached server"] = rss_mb(process.pid)
    if shutil.which("redis-cli"):
        subprocess.run(["redis-cli", "-u", REDIS, "FLUSHDB"], capture_output=True)
        with server({**env, "REDIS_URL": REDIS}) as (base, _process):
            fetch(base + pages["list"])
            rows["list, cached (Redis)"] = row(base, pages["list"], seconds)
    return rows, memory


def run(database, size, options):
    env = prepare(database, size, options.db_prefix, options.rebuild)
    pages = pages_for(size)
    plans = options.plans_page if options.plans else None
    load = os.getloadavg()[0]
    timings = in_process_times(env, pages, plans)
    load = (load, os.getloadavg()[0])
    rows, memory = ({}, {}) if options.in_process_only else http_rows(env, pages, options.seconds)
    return {
        "database": database,
        "size": size,
        "pages": pages,
        "baseline": rows["baseline (fixed view)"]["rps"] if rows else None,
        "rows": rows,
        "timings": timings,
        "load average": load,
        "memory": memory,
        "requests": int(sum(row["rps"] for row in rows.values()) * options.seconds),
    }


def arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="9,10000,100000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument(
        "--load", action="store_true", help="Only the load test: 64 connections, a page mix."
    )
    parser.add_argument("--seed", type=int, default=1, help="The load mix's seed (default 1).")
    parser.add_argument(
        "--in-process-only", action="store_true", help="Only the in-process server times."
    )
    parser.add_argument("--plans", metavar="PATH", help="Write the query plans of a page here.")
    parser.add_argument(
        "--plans-page", default="slowest", help="Whose plans (a page's name; default slowest)."
    )
    parser.add_argument(
        "--db-prefix",
        default=DEFAULT_PREFIX,
        help="The databases' name: PREFIX_<size> on PostgreSQL, bench/data/PREFIX-<size>.sqlite3.",
    )
    parser.add_argument(
        "--output", help="Where to write the report (default bench/results.md, bench/load.md)."
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="Generate the directories again, even if kept."
    )
    options = parser.parse_args()
    options.sizes = [int(size) for size in options.sizes.split(",")]
    options.databases = options.databases.split(",")
    return options


def main_load(options):
    results = []
    for database in options.databases:
        for size in options.sizes:
            print(f"load: {database}, {size} partners", flush=True)
            results.append(
                load_test(database, size, options.seconds, options.db_prefix, options.seed)
            )
    text = load_report(results, options.seconds, options.seed)
    Path(options.output or ROOT / "bench" / "load.md").write_text(text + "\n")
    print(text)


def main():
    options = arguments()
    if not shutil.which("wrk"):
        sys.exit("The benchmark needs wrk: apt-get install wrk")
    manage(environment(database_url("sqlite", 9, options.db_prefix)), "collectstatic", "--no-input")
    if options.load:
        return main_load(options)
    results = []
    output = Path(options.output or ROOT / "bench" / "results.md")
    for database in options.databases:
        for size in options.sizes:
            print(f"{database}, {size} partners", flush=True)
            results.append(run(database, size, options))
            # Written after every configuration, so a later failure loses nothing.
            output.write_text(report(results, None, options.seconds) + "\n")
            if options.plans:
                plans = [line for result in results for line in plans_section(result)]
                with open(options.plans, "w") as file:
                    file.write("\n".join(plans) + "\n")
    nginx = None if options.in_process_only else nginx_comparison(options)
    text = report(results, nginx, options.seconds)
    output.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
