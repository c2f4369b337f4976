"""The benchmark's report, in Markdown: the targets first, then every figure."""

from . import targets
from .server import CONNECTIONS


def target_section(results):
    lines = []
    for database in dict.fromkeys(result["database"] for result in results):
        mine = sorted(
            (result for result in results if result["database"] == database),
            key=lambda result: result["size"],
        )
        lines += [f"### Against the targets: {database}", ""]
        lines += targets.table(targets.bench_rows(database, mine), [r["size"] for r in mine])
        lines.append("")
    return lines


def http_table(result):
    if not result["rows"]:
        return []
    lines = [
        "| what | requests/s | × baseline | p50 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in result["rows"].items():
        lines.append(
            f"| {name} | {row['rps']:.0f} | {row['rps'] / result['baseline']:.2f} | "
            f"{row['p50']:.1f} | {row['p99']:.1f} | {row['errors']} {row['socket_errors']} |"
        )
    return [*lines, ""]


def result_section(result):
    lines = [
        f"### {result['database']}, {result['size']:,} partners",
        "",
        *http_table(result),
        "| page (uncached, in-process) | address | server ms (median) | processor ms | queries |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for name, timing in result["timings"].items():
        lines.append(
            f"| {name} | `{result['pages'][name]}` | {timing['ms']:.1f} "
            f"| {timing['cpu_ms']:.1f} | {timing['queries']} |"
        )
    before, after = result["load average"]
    lines += [
        "",
        f"Load average of the machine (1 minute) before and after the in-process "
        f"measurements: {before:.1f}, {after:.1f} (two cores; above 2, other work competed).",
    ]
    memory = ", ".join(
        f"{label}: " + " / ".join(f"{mb:.0f}" for mb in sizes)
        for label, sizes in result["memory"].items()
    )
    lines.append("")
    if memory:
        lines += [
            f"Worker memory after ~{result['requests']:,} requests (MB, per worker): {memory}",
            "",
        ]
    return lines


def nginx_section(nginx):
    ratio = nginx["page"]["rps"] / nginx["static"]["rps"]
    return [
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


def report(results, nginx, seconds):
    lines = [
        f"wrk, 2 threads, {CONNECTIONS} connections, {seconds} s a row; granian, 2 workers, on "
        "loopback; ratios are to the baseline view of the same run; server ms are in-process "
        "medians after a warm-up, page cache off.",
        "",
        *target_section(results),
    ]
    for result in results:
        lines += result_section(result)
    if nginx:
        lines += nginx_section(nginx)
    return "\n".join(lines)


def plans_section(result):
    """The query plans of the page measured with them, for the closing notes."""
    lines = []
    for name, timing in result["timings"].items():
        if "plans" not in timing:
            continue
        lines += [
            f"## {result['database']}, {result['size']:,} partners: {name} "
            f"(`{result['pages'][name]}`), {timing['ms']:.1f} ms median, "
            f"{timing['queries']} queries",
            "",
        ]
        for number, query in enumerate(timing["plans"], 1):
            lines += [
                f"### Query {number} ({query['ms']:.1f} ms when measured)",
                "",
                "```sql",
                query["sql"],
                "```",
                "",
                "```",
                query["plan"],
                "```",
                "",
            ]
    return lines
