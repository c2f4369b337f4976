"""The production server (granian, two workers, as `make serve` runs it) never serves a page
rendered before a change committed by another process: the shell, loaddata, a command."""

import os
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from bench.server import server
from tests.live_servers import manage, served_environment

# Fresh connections, so that both workers answer some of them.
ROUNDS = 24
GIFCT = "/en/partners/gifct/"
LIST = "/en/partners/"


@pytest.fixture(scope="session")
def collected_static():
    """The hashed static files the production storage needs, as `make serve` collects."""
    manage(served_environment("sqlite://:memory:"), "collectstatic", "--no-input")


@pytest.fixture
def served_database(tmp_path):
    """A database of its own for the server, on the suite's kind of database."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'served.sqlite3'}"
        return
    import psycopg

    given = connection.settings_dict
    name = f"{given['NAME']}_served"
    options = {
        key: value
        for key, value in {
            "host": given["HOST"],
            "port": given["PORT"],
            "user": given["USER"],
            "password": given["PASSWORD"],
        }.items()
        if value
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **options) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = given["USER"] + (f":{given['PASSWORD']}" if given["PASSWORD"] else "")
    yield f"postgres://{auth}@{given['HOST']}:{given['PORT'] or 5432}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **options) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def status_and_body(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def answers(base, path):
    """What the server answers for `path` to ROUNDS requests, each on a new connection."""
    return [status_and_body(base + path) for _ in range(ROUNDS)]


def worker_cpu_ticks(process):
    """CPU time so far of each of the server's worker processes."""
    workers = subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True, check=True
    ).stdout.split()
    return {
        pid: sum(map(int, Path(f"/proc/{pid}/stat").read_text().split()[13:15])) for pid in workers
    }


def shell(env, code):
    manage(env, "shell", "-c", code)


@pytest.mark.parametrize("shared_by", ["generation file", "Redis"])
def test_after_a_change_in_another_process_every_worker_serves_the_new_page(
    collected_static, served_database, tmp_path, shared_by
):
    if shared_by == "Redis":
        redis_url = os.environ.get("TEST_REDIS_URL")
        if not redis_url:
            pytest.skip("set TEST_REDIS_URL (a Redis database the tests may use) to run")
        env = served_environment(served_database, REDIS_URL=redis_url)
    else:
        env = served_environment(
            served_database, PAGE_CACHE_GENERATION_FILE=str(tmp_path / "generation")
        )
    manage(env, "migrate", "--no-input")
    manage(env, "loaddata", "partners")
    with server(env) as (base, process):
        before = worker_cpu_ticks(process)
        assert {status for status, _body in answers(base, GIFCT)} == {200}
        assert all(GIFCT in body for _status, body in answers(base, LIST))
        # Both workers rendered the pages, and keep them in their own caches.
        after = worker_cpu_ticks(process)
        assert len(after) == 2
        assert all(after[pid] > before[pid] for pid in after)

        # Unpublished from the shell with a bulk update, which sends no model signal.
        shell(
            env,
            "from directory.models import Partner; "
            "Partner.objects.filter(slug='gifct').update(is_published=False)",
        )
        assert {status for status, _body in answers(base, GIFCT)} == {404}
        assert not any(GIFCT in body for _status, body in answers(base, LIST))

        # loaddata in another process publishes it again, as the fixture says.
        manage(env, "loaddata", "partners")
        assert {status for status, _body in answers(base, GIFCT)} == {200}
        assert all(GIFCT in body for _status, body in answers(base, LIST))

        # A rename saved from the shell.
        shell(
            env,
            "from directory.models import Partner; "
            "p = Partner.objects.get(slug='gifct'); p.name_en = 'Renamed forum'; p.save()",
        )
        assert all("Renamed forum" in body for _status, body in answers(base, GIFCT))
