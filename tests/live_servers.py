"""The real production server (granian, as `make serve` runs it) and the shipped nginx
configuration in front of it, started by tests on free loopback ports and stopped after."""

import contextlib
import http.client
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.server import free_port, server

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
)
# nginx's temporary folders, as deploy/nginx.conf names them.
NGINX_FOLDERS = (
    "cache",
    "logs",
    "tmp",
    *(f"tmp/{kind}" for kind in ("body", "proxy", "fastcgi", "uwsgi", "scgi")),
)
STARTUP_SECONDS = 60


def request(base, path, method="GET", headers=None, body=None, source="127.0.0.1"):
    """One HTTP request from the loopback address `source`: (status, headers, body)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30, source_address=(source, 0))
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def wait_until_answering(base, path, process):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} stopped with status {process.returncode}")
        with contextlib.suppress(OSError):
            request(base, path)
            return
        time.sleep(0.2)
    raise RuntimeError(f"{base}{path} did not answer within {STARTUP_SECONDS} s")


# What configures the site in the environment the tests run in (with DEBUG on, on the
# suite's database), and what lets the browser tests use the ORM in an event loop: none of
# it reaches a production process.
NOT_FOR_PRODUCTION = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CONTACT_EMAIL",
    "SITE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "PAGE_CACHE",
    "PAGE_CACHE_GENERATION_FILE",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_in_project(args, env):
    """Python with `args` in the project folder, in a process of its own with `env`."""
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def development_environment(**settings):
    """The environment the tests run in, with DEBUG on, the site's settings and `settings`."""
    return {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "partners_site.settings",
        **settings,
    }


def production_environment(**settings):
    """The environment of a production process a test starts: DEBUG off, the settings
    production requires, and `settings`."""
    env = {key: value for key, value in os.environ.items() if key not in NOT_FOR_PRODUCTION}
    env.update(
        DJANGO_SETTINGS_MODULE="partners_site.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="partners.example.org",
        SITE_URL="https://partners.example.org",
        CONTACT_EMAIL="corrections@partners.example.org",
    )
    env.update(settings)
    return env


def served_environment(database_url, **settings):
    """The production environment of a server on loopback, over plain HTTP."""
    return production_environment(
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        **settings,
    )


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


@contextlib.contextmanager
def production_server(folder, **extra_env):
    """granian with the production settings and the shipped directory in a fresh SQLite
    database in `folder`; yields (base URL, environment)."""
    env = served_environment(
        f"sqlite:///{Path(folder) / 'site.sqlite3'}",
        DJANGO_SETTINGS_MODULE="tests.settings_live_server",
        **extra_env,
    )
    manage(env, "migrate", "--no-input")
    manage(env, "load_directory_if_empty")
    with server(env, workers=1) as (base, _process):
        yield base, env


def unprivileged_user():
    """Who nginx runs as when the tests run as root: nobody."""
    if os.geteuid() != 0:
        return None
    return pwd.getpwnam("nobody")


@contextlib.contextmanager
def nginx_in_front(upstream):
    """nginx with deploy/nginx.conf (placeholders filled in, in the foreground) in front of
    `upstream`; yields its base URL."""
    prefix = Path(tempfile.mkdtemp(prefix="nginx-test-"))
    user = unprivileged_user()
    port = free_port()
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    for placeholder, value in {
        "upstream": upstream.removeprefix("http://"),
        "port": str(port),
        "root": str(ROOT),
        "prefix": str(prefix),
    }.items():
        config = config.replace("{{ " + placeholder + " }}", value)
    # In the foreground, so that this process owns it and stops it.
    config = config.replace("daemon on;", "daemon off;")
    (prefix / "nginx.conf").write_text(config)
    for folder in NGINX_FOLDERS:
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    if user:
        for path in [prefix, *prefix.rglob("*")]:
            os.chown(path, user.pw_uid, user.pw_gid)
    process = subprocess.Popen(
        [
            NGINX,
            "-p",
            str(prefix),
            "-c",
            str(prefix / "nginx.conf"),
            "-e",
            str(prefix / "logs" / "error.log"),
        ],
        user=user.pw_uid if user else None,
        group=user.pw_gid if user else None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base, "/healthz", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(prefix, ignore_errors=True)


def append_from_another_process(path):
    """Append a byte to the file `path` from a Python process of its own, as another worker
    or a command moving the page cache's generation would."""
    subprocess.run(
        [sys.executable, "-c", "import sys; open(sys.argv[1], 'ab').write(b'.')", str(path)],
        check=True,
    )
