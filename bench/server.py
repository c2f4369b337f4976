"""The production server on loopback, and wrk to load it."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from .databases import PYTHON, ROOT

BIN = Path(PYTHON).parent
CONNECTIONS = 16


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(base, process):
    # Each worker loads the search dictionaries while starting: on a busy machine that
    # takes a while, so wait for up to two minutes (but not for a server that died).
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=5)
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"The server did not start on {base}") from None
            time.sleep(0.2)


@contextlib.contextmanager
def server(env, workers=2):
    """The production server, as `make serve` starts it (with two workers)."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(BIN / "granian"),
            *("--interface", "wsgi", "--workers", str(workers), "--blocking-threads", "1"),
            *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
            "partners_site.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, process)
        yield base, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def parse_wrk(output, url=""):
    """Requests/s, median and 99th percentile latency (ms) and errors from wrk's output."""

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


def wrk(url, seconds, headers=(), connections=CONNECTIONS, script=None, script_args=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    command += [url, *(["--", *script_args] if script_args else [])]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return {**parse_wrk(output, url), "output": output}


def fetch(url, headers=None, timeout=30):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, dict(response.headers), response.read()


def static_css(base):
    _status, _headers, html = fetch(base + "/en/about/")
    return re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', html).group(1).decode()


def rss_mb(pid):
    """Resident memory of the server's worker processes, in MB."""
    children = subprocess.run(
        ["pgrep", "-P", str(pid)], capture_output=True, text=True
    ).stdout.split()
    sizes = []
    for child in children:
        with contextlib.suppress(FileNotFoundError):
            status = Path(f"/proc/{child}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sizes
