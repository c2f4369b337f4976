"""The benchmark: the production server on loopback under wrk, at several directory sizes,
on SQLite and PostgreSQL, every figure also as a ratio to a baseline view measured in the
same run.

    python -m bench.run [--sizes 9,10000,100000] [--databases sqlite,postgres] [--seconds 5]

Prints a Markdown report and writes it to bench/results.md.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
WORK = ROOT / "bench" / "data"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
CONNECTIONS = 16

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "CONTACT_EMAIL": "corrections@example.org",
    "SITE_URL": "http://127.0.0.1:8000",
    # Plain HTTP on loopback: no TLS in front of the server here.
    "SECURE_SSL_REDIRECT": "0",
}

# The pages measured (uncached unless said), with the query that makes them what they are.
PAGES = {
    "home": "/en/",
    "list": "/en/partners/",
    "filtered list": "/en/partners/?focus=child-sexual-exploitation&sort=-founded",
    "search": "/en/partners/?q=dziecko",
    "partner page": "/en/partners/gifct/",
    "deep page": None,  # page 4,000 of the list, or its last page if it has fewer
    "focus area page": "/en/focus-areas/child-sexual-exploitation/",
}
# Databases are named PREFIX_<size> (PostgreSQL) and bench/data/PREFIX-<size>.sqlite3.
PREFIX = "bench"


def environment(database_url, **extra):
    env = {**os.environ, **PRODUCTION, "DATABASE_URL": database_url}
    env.update(extra)
    return env


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def database_url(database, size):
    if database == "sqlite":
        return f"sqlite:///{WORK / f'{PREFIX}-{size}.sqlite3'}"
    return f"{POSTGRES}/{PREFIX}_{size}"


def prepare(database, size):
    """A database with the shipped directory and `size - 9` synthetic partners (kept
    between runs: building 100,000 partners takes a while)."""
    url = database_url(database, size)
    env = environment(url)
    if database == "postgres":
        with contextlib.suppress(subprocess.CalledProcessError):
            subprocess.run(
                ["psql", POSTGRES + "/postgres", "-qc", f"CREATE DATABASE {PREFIX}_{size}"],
                check=True,
                capture_output=True,
            )
    manage(env, "migrate", "--no-input")
    count = int(
        subprocess.run(
            [
                PYTHON,
                "manage.py",
                "shell",
                "-c",
                "from directory.models import Partner; print(Partner.objects.count())",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
    )
    if count != size:
        manage(env, "generate_partners", "--remove")
        manage(env, "load_directory_if_empty")
        if size > 9:
            started = time.monotonic()
            manage(env, "generate_partners", str(size - 9))
            print(f"  built {size} partners on {database} in {time.monotonic() - started:.0f} s")
        if database == "postgres":
            subprocess.run(["psql", url, "-qc", "VACUUM ANALYZE"], check=True)
    return env


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def server(env, workers=2):
    """The production server, as `make serve` starts it (with two workers)."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(BIN / "granian"),
            "--interface",
            "wsgi",
            "--workers",
            str(workers),
            "--blocking-threads",
            "1",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "partners_site.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Each worker loads the search dictionaries while starting: on a busy machine that
        # takes a while, so wait for up to two minutes (but not for a server that died).
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"The server did not start on {base}") from None
                time.sleep(0.2)
        yield base, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def wrk(url, seconds, headers=()):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout

    def latency(percent):
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not found:
            raise RuntimeError(f"wrk gave no {percent}% latency for {url}:\n{output}")
        value, unit = found.groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def static_css(base):
    _status, _headers, html = fetch(base + "/en/about/")
    return re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', html).group(1).decode()


def in_process_times(env, pages, repeat=15):
    """Server time (median, ms) and queries of each page, rendered in-process without the
    page cache: what a cache miss costs, free of network and load-generator noise."""
    script = r"""
import json, statistics, sys, time
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
pages, repeat, result = json.loads(sys.argv[1]), int(sys.argv[2]), {}
for name, path in pages.items():
    client.get(path)
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    result[name] = {"ms": statistics.median(times), "queries": len(queries)}
print(json.dumps(result))
"""
    output = subprocess.run(
        [PYTHON, "-c", script, json.dumps(pages), str(repeat)],
        cwd=ROOT,
        env={**env, "PAGE_CACHE": "0"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def rss_mb(pid):
    """Resident memory of the server's worker processes, in MB."""
    children = subprocess.run(
        ["pgrep", "-P", str(pid)], capture_output=True, text=True
    ).stdout.split()
    sizes = []
    for child in children:
        status = Path(f"/proc/{child}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sizes


def pages_for(size):
    deep_page = min(4000, -(-size // 24))
    return {**PAGES, "deep page": f"/en/partners/?page={deep_page}"}


def run(database, size, seconds):
    env = prepare(database, size)
    pages = pages_for(size)
    rows = []
    with server(env) as (base, process):
        baseline = wrk(base + "/bench/baseline", seconds)
        rows.append(("baseline (fixed view)", baseline))
        rows.append(("static file", wrk(base + static_css(base), seconds)))
        _status, headers, _body = fetch(base + pages["list"])
        rows.append(("list, cached (local memory)", wrk(base + pages["list"], seconds)))
        # A session cookie that is not a staff session's still gets the cached page.
        made_up = "Cookie: __Host-sessionid=" + "x" * 32
        rows.append(
            ("list, cached, made-up session", wrk(base + pages["list"], seconds, [made_up]))
        )
        rows.append(
            (
                "list, 304 revalidation",
                wrk(base + pages["list"], seconds, [f"If-None-Match: {headers['etag']}"]),
            )
        )
        requests = sum(row["rps"] for _name, row in rows) * seconds
        memory = rss_mb(process.pid)
    with server({**env, "PAGE_CACHE": "0"}) as (base, process):
        for name, path in pages.items():
            rows.append((f"{name}, uncached", wrk(base + path, seconds)))
        requests += sum(row["rps"] for _name, row in rows[-len(pages) :]) * seconds
        memory_uncached = rss_mb(process.pid)
    if shutil.which("redis-cli"):
        subprocess.run(["redis-cli", "-u", REDIS, "FLUSHDB"], capture_output=True)
        with server({**env, "REDIS_URL": REDIS}) as (base, _process):
            fetch(base + pages["list"])
            rows.append(("list, cached (Redis)", wrk(base + pages["list"], seconds)))
    timings = in_process_times(env, pages)
    return {
        "database": database,
        "size": size,
        "baseline": baseline["rps"],
        "rows": rows,
        "timings": timings,
        "memory": {"cached server": memory, "uncached server": memory_uncached},
        "requests": int(requests),
    }


# nginx's temporary folders, as deploy/nginx.conf names them.
TEMP_KINDS = ("body", "proxy", "fastcgi", "uwsgi", "scgi")


def nginx_comparison(seconds):
    """nginx serving a static file, and nginx serving a cached page from its proxy cache in
    front of the production server (deploy/nginx.conf)."""
    if not shutil.which("nginx"):
        return None
    env = prepare("sqlite", 9)
    with server(env) as (base, _process), tempfile.TemporaryDirectory() as prefix:
        port = free_port()
        upstream = base.removeprefix("http://")
        config = (ROOT / "deploy" / "nginx.conf").read_text()
        config = config.replace("{{ upstream }}", upstream).replace("{{ port }}", str(port))
        config = config.replace("{{ root }}", str(ROOT)).replace("{{ prefix }}", prefix)
        (Path(prefix) / "nginx.conf").write_text(config)
        # nginx's workers run as an unprivileged user: they must reach and write these.
        Path(prefix).chmod(0o755)
        for folder in ("cache", "logs", "tmp", *(f"tmp/{kind}" for kind in TEMP_KINDS)):
            (Path(prefix) / folder).mkdir(parents=True, exist_ok=True)
            (Path(prefix) / folder).chmod(0o777)
        subprocess.run(["nginx", "-p", prefix, "-c", f"{prefix}/nginx.conf"], check=True)
        try:
            front = f"http://127.0.0.1:{port}"
            for _ in range(3):
                fetch(front + "/en/partners/")
            static = wrk(front + static_css(front), seconds)
            page = wrk(front + "/en/partners/", seconds)
        finally:
            subprocess.run(
                ["nginx", "-p", prefix, "-c", f"{prefix}/nginx.conf", "-s", "stop"], check=False
            )
    return {"static": static, "page": page}


def report(results, nginx, seconds):
    lines = [
        f"wrk, 2 threads, {CONNECTIONS} connections, {seconds} s a row; granian, 2 workers, on "
        "loopback; ratios are to the baseline view of the same run.",
        "",
    ]
    for result in results:
        lines += [
            f"### {result['database']}, {result['size']:,} partners",
            "",
            "| what | requests/s | × baseline | p50 ms | p99 ms | errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, row in result["rows"]:
            lines.append(
                f"| {name} | {row['rps']:.0f} | {row['rps'] / result['baseline']:.2f} | "
                f"{row['p50']:.1f} | {row['p99']:.1f} | {row['errors']} {row['socket_errors']} |"
            )
        lines += [
            "",
            "| page (uncached, in-process) | server ms (median) | queries |",
            "| --- | ---: | ---: |",
        ]
        for name, timing in result["timings"].items():
            lines.append(f"| {name} | {timing['ms']:.1f} | {timing['queries']} |")
        memory = ", ".join(
            f"{label}: " + " / ".join(f"{mb:.0f}" for mb in sizes)
            for label, sizes in result["memory"].items()
        )
        lines += [
            "",
            f"Worker memory after ~{result['requests']:,} requests (MB, per worker): {memory}",
            "",
        ]
    if nginx:
        ratio = nginx["page"]["rps"] / nginx["static"]["rps"]
        lines += [
            "### nginx in front (deploy/nginx.conf)",
            "",
            "| what | requests/s | p50 ms | p99 ms |",
            "| --- | ---: | ---: | ---: |",
            *(
                f"| {label} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} |"
                for label, row in [
                    ("static file from nginx", nginx["static"]),
                    ("cached page from nginx's proxy cache", nginx["page"]),
                ]
            ),
            "",
            f"Cached page / static file: {ratio:.2f}",
            "",
        ]
    return "\n".join(lines)


def load_test(database, seconds):
    """64 connections on a mix of public pages (bench/mix.lua) for `seconds`: errors, and
    worker memory before and after."""
    env = prepare(database, 9)
    with server(env) as (base, process):
        for path in ("/pl/", "/en/partners/", "/en/partners/?q=dziecko"):
            fetch(base + path)
        before = rss_mb(process.pid)
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                "-c64",
                f"-d{seconds}s",
                "--latency",
                "--timeout",
                "10s",
                "-s",
                str(ROOT / "bench" / "mix.lua"),
                base,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        after = rss_mb(process.pid)
    return output, before, after


def main():
    global PREFIX
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="9,10000,100000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument(
        "--in-process-only", action="store_true", help="Only the in-process server times."
    )
    parser.add_argument(
        "--db-prefix", default=PREFIX, help="Name of the benchmark's databases (default: bench)."
    )
    parser.add_argument(
        "--load", action="store_true", help="Only the load test: 64 connections, a page mix."
    )
    options = parser.parse_args()
    PREFIX = options.db_prefix
    if not shutil.which("wrk"):
        sys.exit("The benchmark needs wrk: apt-get install wrk")
    if options.load:
        WORK.mkdir(exist_ok=True)
        manage(environment(database_url("sqlite", 9)), "collectstatic", "--no-input")
        for database in options.databases.split(","):
            output, before, after = load_test(database, options.seconds)
            print(f"## {database}\n{output}\nworker memory (MB): before {before}, after {after}")
        return
    WORK.mkdir(exist_ok=True)
    if options.in_process_only:
        for database in options.databases.split(","):
            for size in (int(size) for size in options.sizes.split(",")):
                timings = in_process_times(prepare(database, size), pages_for(size))
                print(f"### {database}, {size:,} partners\n")
                for name, timing in timings.items():
                    print(f"| {name} | {timing['ms']:.1f} | {timing['queries']} |")
        return
    manage(environment(database_url("sqlite", 9)), "collectstatic", "--no-input")
    results = []
    output = ROOT / "bench" / "results.md"
    for database in options.databases.split(","):
        for size in (int(size) for size in options.sizes.split(",")):
            print(f"{database}, {size} partners", flush=True)
            results.append(run(database, size, options.seconds))
            # Written after every configuration, so a later failure loses nothing.
            output.write_text(report(results, None, options.seconds) + "\n")
    text = report(results, nginx_comparison(options.seconds), options.seconds)
    output.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
