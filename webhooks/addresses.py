"""Where a webhook may go: public http(s) addresses only, checked when saved and again when sent.

An endpoint could otherwise make the server POST to itself or its network (the cloud metadata
service at 169.254.169.254, Redis on 127.0.0.1:6379, intranet hosts). Named internal hosts are
allowed explicitly with settings.WEBHOOK_ALLOWED_HOSTS. At delivery the host is resolved once,
every address checked, and the connection made to the checked address (the name goes in the Host
header and TLS), so a DNS answer that changes between check and connect (rebinding) gets nowhere.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

import certifi
import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SCHEMES = {"http": 80, "https": 443}
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeURL(ValidationError):
    """A URL a webhook may not be sent to; the message says why, for the admin."""


def _embedded_ipv4(address):
    """IPv4 addresses an IPv6 address reaches: ::ffff:a.b.c.d, 6to4, Teredo, NAT64."""
    if address.version != 6:
        return []
    embedded = [address.ipv4_mapped, address.sixtofour, address.teredo and address.teredo[1]]
    if address in NAT64:
        embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [candidate for candidate in embedded if candidate]


def is_public(address):
    """True for an address on the public internet: not loopback, link-local, private, multicast,
    reserved, unspecified or documentation, nor an IPv6 form of one of those."""
    address = ipaddress.ip_address(address)
    if address.version == 6 and address.ipv4_mapped:
        return is_public(address.ipv4_mapped)
    if (
        not address.is_global
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    ):
        return False
    return all(is_public(embedded) for embedded in _embedded_ipv4(address))


def _is_allowed_host(hostname):
    allowed = {host.lower().rstrip(".") for host in settings.WEBHOOK_ALLOWED_HOSTS}
    return hostname.lower().rstrip(".") in allowed


def parse(url):
    """(scheme, hostname, port) of a URL a webhook may use; UnsafeURL otherwise."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UnsafeURL(_("Enter a valid URL.")) from error
    if parts.scheme not in SCHEMES:
        raise UnsafeURL(_("Only http:// and https:// addresses can receive webhooks."))
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise UnsafeURL(_("The address must not contain a user name or password."))
    if not parts.hostname:
        raise UnsafeURL(_("Enter a valid URL."))
    return parts.scheme, parts.hostname, port or SCHEMES[parts.scheme]


def checked_addresses(url):
    """The addresses the URL's host resolves to, all of them allowed; UnsafeURL otherwise."""
    _scheme, hostname, port = parse(url)
    try:
        answers = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        raise UnsafeURL(_("The host name could not be resolved."), code="unresolvable") from error
    addresses = list(dict.fromkeys(answer[4][0] for answer in answers))
    if not _is_allowed_host(hostname) and not all(is_public(address.split("%")[0]) for address in addresses):
        raise UnsafeURL(
            _(
                "This address is on a private or internal network, which webhooks may not reach. "
                "Ask the server's administrator to add the host to WEBHOOK_ALLOWED_HOSTS if it is meant."
            )
        )
    return addresses


def validate(url):
    """Checks a URL as it is saved: a named allowed host need not resolve yet."""
    _scheme, hostname, _port = parse(url)
    if not _is_allowed_host(hostname):
        checked_addresses(url)


def post(url, body, headers, timeout):
    """POST to the URL's checked address; returns the status code. Raises UnsafeURL, or urllib3's and
    socket's errors for a failed connection."""
    scheme, hostname, port = parse(url)
    address = checked_addresses(url)[0]
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    options = {"timeout": urllib3.Timeout(connect=timeout, read=timeout), "retries": False, "maxsize": 1}
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=hostname,
            assert_hostname=hostname,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            **options,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **options)
    with pool:
        # preload_content=False: only the status line matters, so a large reply body is never downloaded.
        response = pool.urlopen(
            "POST",
            path,
            body=body,
            headers={**headers, "Host": parts.netloc},
            redirect=False,
            preload_content=False,
        )
        response.close()
        return response.status
