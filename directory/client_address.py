"""The address of the client a request comes from."""


def client_ip(request):
    """The client's IP address, as the server that accepted the connection saw it."""
    return request.META.get("REMOTE_ADDR", "")
