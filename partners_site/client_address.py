"""The client's address: the one place that decides it, for the sign-in lockout and for
anything else that limits clients.

Behind PROXY_COUNT reverse proxies, each of which appends the address it was reached from
to X-Forwarded-For (or, like the shipped nginx, replaces the header with it), the client
is the address the outermost trusted proxy wrote: the PROXY_COUNT-th from the right.
Anything further left was sent by the client and is ignored. With no proxy, or when the
header does not hold as many addresses as there are proxies (a request that did not come
through them), the client is the connection's address.
"""

from django.conf import settings
from python_ipware import IpWare


def client_ip(request):
    """The address of the client that sent `request`, as a string."""
    proxies = settings.PROXY_COUNT
    if proxies:
        # python-ipware counts the proxies listed in the header after the client; the
        # nearest proxy is the connection itself, not in the header.
        resolver = IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=proxies - 1)
        address, _trusted = resolver.get_client_ip(request.META, strict=False)
        if address is not None:
            return str(address)
    return request.META.get("REMOTE_ADDR")
