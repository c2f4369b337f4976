"""The client's address behind the reverse proxies the deployment declares: what the
outermost trusted proxy wrote, never what the client put in X-Forwarded-For."""

import pytest
from axes.helpers import get_client_ip_address

from partners_site.client_address import client_ip


def request_from(rf, remote_addr, forwarded_for=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return rf.get("/en/admin/login/", **headers)


def test_without_proxies_the_connection_is_the_client(rf, settings):
    settings.PROXY_COUNT = 0
    assert client_ip(request_from(rf, "198.51.100.7", "203.0.113.66")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("forwarded_for", "client"),
    [
        # nginx replaces the header with the address it was reached from.
        ("198.51.100.7", "198.51.100.7"),
        # A proxy that appends: whatever the client sent stays on the left.
        ("203.0.113.66, 198.51.100.7", "198.51.100.7"),
        ("203.0.113.66,10.0.0.1 , 198.51.100.7", "198.51.100.7"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_one_proxy_the_address_it_wrote_is_the_client(rf, settings, forwarded_for, client):
    settings.PROXY_COUNT = 1
    assert client_ip(request_from(rf, "127.0.0.1", forwarded_for)) == client


def test_behind_a_cdn_and_nginx_the_address_the_cdn_wrote_is_the_client(rf, settings):
    settings.PROXY_COUNT = 2
    request = request_from(rf, "127.0.0.1", "203.0.113.66, 198.51.100.7, 192.0.2.10")
    assert client_ip(request) == "198.51.100.7"


@pytest.mark.parametrize("forwarded_for", [None, "", "not-an-address", "198.51.100.7"])
def test_a_request_that_did_not_come_through_every_proxy_is_the_connection(
    rf, settings, forwarded_for
):
    settings.PROXY_COUNT = 2 if forwarded_for == "198.51.100.7" else 1
    assert client_ip(request_from(rf, "192.0.2.44", forwarded_for)) == "192.0.2.44"


def test_the_sign_in_lockout_uses_the_same_address(rf, settings):
    settings.PROXY_COUNT = 1
    request = request_from(rf, "127.0.0.1", "203.0.113.66, 198.51.100.7")
    assert get_client_ip_address(request) == client_ip(request) == "198.51.100.7"
