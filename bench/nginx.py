"""nginx in front of the production server (deploy/nginx.conf): a static file from nginx
against a cached page from nginx's proxy cache."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from .databases import ROOT, prepare
from .server import fetch, free_port, server, static_css, wrk

# nginx's temporary folders, as deploy/nginx.conf names them.
TEMP_KINDS = ("body", "proxy", "fastcgi", "uwsgi", "scgi")


def configure(prefix, upstream, port):
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    config = config.replace("{{ upstream }}", upstream).replace("{{ port }}", str(port))
    config = config.replace("{{ root }}", str(ROOT)).replace("{{ prefix }}", prefix)
    (Path(prefix) / "nginx.conf").write_text(config)
    # nginx's workers run as an unprivileged user: they must reach and write these.
    Path(prefix).chmod(0o755)
    for folder in ("cache", "logs", "tmp", *(f"tmp/{kind}" for kind in TEMP_KINDS)):
        (Path(prefix) / folder).mkdir(parents=True, exist_ok=True)
        (Path(prefix) / folder).chmod(0o777)


def nginx_comparison(options):
    if not shutil.which("nginx"):
        return None
    env = prepare("sqlite", 9, options.db_prefix)
    with server(env) as (base, _process), tempfile.TemporaryDirectory() as prefix:
        port = free_port()
        configure(prefix, base.removeprefix("http://"), port)
        subprocess.run(["nginx", "-p", prefix, "-c", f"{prefix}/nginx.conf"], check=True)
        try:
            front = f"http://127.0.0.1:{port}"
            for _ in range(3):
                fetch(front + "/en/partners/")
            static = wrk(front + static_css(front), options.seconds)
            page = wrk(front + "/en/partners/", options.seconds)
        finally:
            subprocess.run(
                ["nginx", "-p", prefix, "-c", f"{prefix}/nginx.conf", "-s", "stop"], check=False
            )
    return {"static": static, "page": page}
