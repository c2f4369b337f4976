"""Server time and queries of pages rendered in-process (Django's test client, page cache
off): what a cache miss costs, free of network and load-generator noise. Optionally the
query plans of one page: `EXPLAIN (ANALYZE, BUFFERS)` on PostgreSQL, `EXPLAIN QUERY PLAN`
on SQLite.

    python -m bench.pages '{"pages": {"list": "/en/partners/"}, "repeat": 15, "plans": "slowest"}'

Run with the environment of the database to measure (bench/run.py does); prints JSON.
"""

import json
import statistics
import sys
import time


def measure(client, path, repeat):
    """The median time (ms) of `repeat` requests after a first one, and the median of
    this process's processor time (the whole cost on SQLite, all but the database
    server's on PostgreSQL; less disturbed by other work on the machine); the queries of
    the last request, each with its SQL and time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    times, cpu = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    queries = [{"sql": query["sql"], "ms": float(query["time"]) * 1000} for query in captured]
    return {
        "ms": statistics.median(times),
        "cpu_ms": statistics.median(cpu),
        "queries": len(queries),
        "sql": queries,
    }


def sqlite_tree(rows):
    """EXPLAIN QUERY PLAN's rows (id, parent, unused, detail) as an indented tree."""
    depth, lines = {0: -1}, []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return "\n".join(lines)


def explain(sql):
    """The plan of one statement, as the database tells it."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return sqlite_tree(cursor.fetchall())


def plans(queries):
    """Each SELECT of a page's queries with its time and plan."""
    return [
        {**query, "plan": explain(query["sql"])}
        for query in queries
        if query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
    ]


def main(arguments):
    import django

    django.setup()
    from django.test import Client

    options = json.loads(arguments)
    client = Client(HTTP_HOST="127.0.0.1")
    result = {
        name: measure(client, path, options.get("repeat", 15))
        for name, path in options["pages"].items()
    }
    chosen = options.get("plans")
    if chosen:
        name = max(result, key=lambda page: result[page]["ms"]) if chosen == "slowest" else chosen
        result[name]["plans"] = plans(result[name]["sql"])
    for timing in result.values():
        del timing["sql"]
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
