"""The expensive anonymous outputs (sitemap sections, full exports), timed in-process.

    DATABASE_URL=... .venv/bin/python -m bench.outputs [--once] [PATH ...]

Each address is fetched in a fresh process (production settings, the page cache on): the
first request, then the same request again (not with --once), with the bytes sent and how
much the process's peak resident memory grew. Use it on a database filled by
`generate_partners`.
"""

import json
import os
import subprocess
import sys

DEFAULT_PATHS = [
    "/sitemap.xml",
    "/sitemap-partners.xml",
    "/en/partners.csv",
    "/en/partners.json",
    "/pl/partnerzy.csv?lang=all",
    "/en/partners.csv?type=charity",
]

ONE_ADDRESS = r"""
import json, resource, sys, time
import django
django.setup()
from django.test import Client

client = Client()
client.get("/robots.txt")  # imports and connections, outside the figures


def fetch(path):
    start = time.perf_counter()
    response = client.get(path)
    # Counted as it arrives, not joined: the figures are the server's, not the client's.
    if response.streaming:
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    return response.status_code, time.perf_counter() - start, size


before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
status, first, size = fetch(sys.argv[1])
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
_status, repeat, _size = fetch(sys.argv[1]) if sys.argv[2] == "repeat" else (0, 0, 0)
print(json.dumps({"status": status, "first_s": first, "repeat_s": repeat, "bytes": size,
                  "peak_memory_growth_mb": grown / 1024}))
"""


def measure(path, repeat=True):
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "bench-outputs-not-secret",
        "ALLOWED_HOSTS": "testserver",
        "CONTACT_EMAIL": "bench@localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "partners_site.settings",
        **os.environ,
    }
    output = subprocess.run(
        [sys.executable, "-c", ONE_ADDRESS, path, "repeat" if repeat else "once"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=1800,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(paths, repeat=True):
    print("| address | status | first request s | repeat s | bytes | peak memory growth MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for path in paths:
        result = measure(path, repeat)
        again = f"{result['repeat_s']:.3f}" if repeat else "–"
        print(
            f"| `{path}` | {result['status']} | {result['first_s']:.2f} | {again} | "
            f"{result['bytes']:,} | {result['peak_memory_growth_mb']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    arguments = sys.argv[1:]
    once = "--once" in arguments
    main([path for path in arguments if path != "--once"] or DEFAULT_PATHS, repeat=not once)
