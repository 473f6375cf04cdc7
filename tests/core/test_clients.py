import pytest
from django.test import RequestFactory

from core.clients import client_address


def request_from(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_forwarded_header_from_an_untrusted_peer_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_a_trusted_proxy_names_the_client(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request_from("127.0.0.1", "198.51.100.1")) == "198.51.100.1"


def test_addresses_forged_before_the_proxy_are_skipped(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = request_from("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.7")
    assert client_address(request) == "198.51.100.1"


@pytest.mark.parametrize("forwarded", ["", "10.0.0.3", "not-an-address"])
def test_a_proxy_without_a_usable_client_falls_back_to_itself(settings, forwarded):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    expected = "not-an-address" if forwarded == "not-an-address" else "10.0.0.2"
    assert client_address(request_from("10.0.0.2", forwarded)) == expected
