"""The benchmark's databases: one per database server and directory size, built once with
`generate_partners` (which also updates the planner's statistics) and kept between runs."""

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WORK = ROOT / "bench" / "data"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
# Databases are named <prefix>_<size> on PostgreSQL, bench/data/<prefix>-<size>.sqlite3.
DEFAULT_PREFIX = "bench"

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


def environment(database_url, **extra):
    env = {**os.environ, **PRODUCTION, "DATABASE_URL": database_url}
    env.update(extra)
    return env


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        text=True,
    )
    return result.stdout


def database_url(database, size, prefix=DEFAULT_PREFIX):
    if database == "sqlite":
        return f"sqlite:///{WORK / f'{prefix}-{size}.sqlite3'}"
    return f"{POSTGRES}/{prefix}_{size}"


def partner_count(env):
    output = manage(
        env,
        "shell",
        "-c",
        "from directory.models import Partner; print(Partner.objects.count())",
        capture=True,
    )
    return int(output.split()[-1])


def prepare(database, size, prefix=DEFAULT_PREFIX, rebuild=False):
    """The environment of a database with the shipped directory and `size - 9` synthetic
    partners, built unless it already has `size` partners (or `rebuild` is set)."""
    WORK.mkdir(exist_ok=True)
    url = database_url(database, size, prefix)
    env = environment(url)
    if database == "postgres":
        with contextlib.suppress(subprocess.CalledProcessError):
            subprocess.run(
                ["psql", POSTGRES + "/postgres", "-qc", f"CREATE DATABASE {prefix}_{size}"],
                check=True,
                capture_output=True,
            )
    manage(env, "migrate", "--no-input")
    if rebuild or partner_count(env) != size:
        manage(env, "generate_partners", "--remove")
        manage(env, "load_directory_if_empty")
        if size > 9:
            started = time.monotonic()
            manage(env, "generate_partners", str(size - 9))
            print(f"  built {size} partners on {database} in {time.monotonic() - started:.0f} s")
    return env
