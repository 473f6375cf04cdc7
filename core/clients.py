"""Who is asking: the client's address, trusting X-Forwarded-For only from our own proxies."""

import functools
import ipaddress

from django.conf import settings


def _networks():
    return _parse_networks(tuple(settings.TRUSTED_PROXIES))


@functools.cache
def _parse_networks(entries):
    """Parsed once per setting value: every counted hit and throttled request asks."""
    return [ipaddress.ip_network(entry, strict=False) for entry in entries]


def _is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request):
    """REMOTE_ADDR, or, when it is a trusted proxy, the right-most forwarded address that is not one.

    Anyone can send X-Forwarded-For; only the entries our own proxies appended can be believed, so
    the list is read from the right and the first address not in TRUSTED_PROXIES is the client.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks()
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if not _is_trusted(address, networks):
            return address
    return remote
