"""The production server behind the shipped nginx configuration (deploy/nginx.conf): the
client's address as the sign-in lockout sees it, and compression. Runs the real server
and the real nginx on loopback; skipped only where nginx is not installed."""

import gzip
import re
import sqlite3
from urllib.parse import urlencode

import pytest

from tests.live_servers import NGINX, manage, nginx_in_front, production_server, request

pytestmark = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (apt-get install nginx); .ci/run installs it"
)

LOGIN = "/en/admin/login/"
# Loopback addresses the test's clients connect from: nginx sees each as a distinct client.
ATTACKER = "127.0.0.2"
STAFF = "127.0.0.3"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """nginx in front of the production server, which trusts one proxy."""
    folder = tmp_path_factory.mktemp("behind-nginx")
    with (
        production_server(folder, PROXY_COUNT="1", ADMIN_REQUIRE_2FA="0") as (server, env),
        nginx_in_front(server) as front,
    ):
        yield {"front": front, "server": server, "env": env, "database": folder / "site.sqlite3"}


@pytest.fixture(scope="module")
def staff_account(site):
    manage(
        site["env"],
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        "User.objects.create_superuser('boss', 'boss@example.org', 'correct-horse')",
    )
    return "boss", "correct-horse"


def sign_in(front, username, password, source, spoofed=None):
    """The admin's sign-in form, filled in and sent, as a browser at `source` would (with
    forged forwarding headers, if given)."""
    forged = {"X-Forwarded-For": spoofed, "X-Real-IP": spoofed} if spoofed else {}
    _status, headers, page = request(front, LOGIN, headers=forged, source=source)
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    form = {
        "csrfmiddlewaretoken": token,
        "username": username,
        "password": password,
        "next": "/en/admin/",
    }
    status, _headers, _body = request(
        front,
        LOGIN,
        method="POST",
        body=urlencode(form),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            **forged,
        },
        source=source,
    )
    return status


def recorded_addresses(site):
    with sqlite3.connect(site["database"]) as database:
        return {row[0] for row in database.execute("SELECT ip_address FROM axes_accessattempt")}


def test_an_attacker_forging_its_address_is_locked_out_and_staff_still_sign_in(site, staff_account):
    username, password = staff_account
    statuses = [
        sign_in(site["front"], username, f"guess-{n}", ATTACKER, spoofed=f"203.0.113.{n}")
        for n in range(1, 6)
    ]
    # The fifth failure locks the attacker out, whatever address it claims to come from.
    assert statuses == [200, 200, 200, 200, 429]
    assert sign_in(site["front"], username, password, ATTACKER, spoofed="198.51.100.1") == 429
    assert recorded_addresses(site) == {ATTACKER}
    # The account's owner, elsewhere, signs in.
    assert sign_in(site["front"], username, password, STAFF) == 302


def test_anonymous_pages_are_compressed(site):
    _status, plain_headers, plain = request(site["front"], "/en/partners/")
    status, headers, compressed = request(
        site["front"], "/en/partners/", headers={"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert "Content-Encoding" not in plain_headers
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(compressed) == plain
    print(f"\nlist page through nginx: {len(plain)} bytes, gzip {len(compressed)} bytes")
    assert len(compressed) < len(plain) / 2


@pytest.mark.parametrize(
    "credentials",
    [
        {"Cookie": "__Host-csrftoken=0123456789abcdef0123456789abcdef"},
        {"Cookie": "__Host-sessionid=anything"},
        {"Authorization": "Basic Ym9zczpjb3JyZWN0LWhvcnNl"},
    ],
)
def test_nothing_answered_to_a_request_with_credentials_is_compressed(site, credentials):
    """A page answered to a browser that holds a cookie may repeat a secret tied to it
    (a CSRF token, a two-factor key on a staff page): compressed, its length would leak it
    (BREACH)."""
    for path in ("/en/partners/", LOGIN):
        _status, headers, _body = request(
            site["front"], path, headers={"Accept-Encoding": "gzip", **credentials}
        )
        assert "Content-Encoding" not in headers, path


def test_staff_pages_are_not_compressed(site, staff_account):
    username, password = staff_account
    _status, headers, page = request(site["front"], LOGIN, source=STAFF)
    csrf_cookie = headers["Set-Cookie"].split(";", 1)[0]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    status, headers, _body = request(
        site["front"],
        LOGIN,
        method="POST",
        body=urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": "/en/admin/",
            }
        ),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": csrf_cookie},
        source=STAFF,
    )
    assert status == 302
    cookies = "; ".join(value.split(";", 1)[0] for value in headers.get_all("Set-Cookie"))
    assert "sessionid=" in cookies
    status, headers, page = request(
        site["front"],
        "/en/admin/",
        headers={"Accept-Encoding": "gzip", "Cookie": cookies},
        source=STAFF,
    )
    assert status == 200
    assert b"boss" in page
    assert "Content-Encoding" not in headers
