"""Webhooks reach only public addresses, unless a host is allowed by name (SSRF)."""

import socket

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.webhooks.conftest import run_worker
from webhooks.addresses import is_public
from webhooks.models import WebhookDelivery, WebhookEndpoint

ENDPOINTS = "wagtailsnippets_webhooks_webhookendpoint"

INTERNAL = [
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:6379/",
    "http://127.8.9.10/",
    "http://localhost:8000/",
    "http://[::1]:8080/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://172.31.255.255/",
    "http://192.168.1.1/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://[fe80::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of 169.254.169.254
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
    "http://0.0.0.0/",
    "http://[::]/",
    "http://224.0.0.1/",
    "http://239.255.255.250/",
    "http://[ff02::1]/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
    "http://100.64.0.1/",
    "http://2130706433/",  # 127.0.0.1 written as one number
]


INTERNAL_MESSAGE = (
    "该地址属于内网或保留地址，网络钩子不能发往这里。"
    "如确需使用，请让服务器管理员把该主机加入 WEBHOOK_ALLOWED_HOSTS。"
)


@pytest.fixture(autouse=True)
def _nothing_allowed(settings):
    settings.WEBHOOK_ALLOWED_HOSTS = []


def endpoint_error(url):
    with pytest.raises(ValidationError) as error:
        WebhookEndpoint(name="内网", url=url).full_clean()
    return error.value.message_dict["url"]


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_addresses_are_refused_when_saved(db, url):
    assert INTERNAL_MESSAGE in endpoint_error(url)


@pytest.mark.parametrize("url", ["ftp://203.0.113.7/hook", "file:///etc/passwd", "gopher://8.8.8.8/"])
def test_other_schemes_are_refused(db, url):
    assert "只能向 http:// 或 https:// 地址发送网络钩子。" in endpoint_error(url)


@pytest.mark.parametrize(
    "url", ["https://user:pass@8.8.8.8/hook", "https://token@8.8.8.8/", "http://:x@8.8.8.8/"]
)
def test_credentials_in_the_url_are_refused(db, url):
    assert "地址中不能包含用户名或密码。" in endpoint_error(url)


def test_unresolvable_hosts_are_refused(db):
    assert endpoint_error("https://no-such-host.invalid/hook") == ["无法解析该主机名。"]


@pytest.mark.parametrize("url", ["https://8.8.8.8/hook", "http://[2001:4860:4860::8888]:8443/x?y=1"])
def test_public_addresses_are_accepted(db, url):
    WebhookEndpoint(name="公网", url=url).full_clean()


def test_allowed_hosts_may_be_internal(db, settings):
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1", "Hooks.Intranet"]
    WebhookEndpoint(name="本机", url="http://127.0.0.1:9000/hook").full_clean()
    WebhookEndpoint(name="内网", url="http://hooks.intranet/hook").full_clean()  # need not resolve yet
    assert endpoint_error("http://127.0.0.2:9000/hook")


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("2001:4860:4860::8888", True), ("::ffff:8.8.8.8", True), ("192.0.2.1", False)],
)
def test_is_public(address, public):
    assert is_public(address) is public


def test_admin_form_shows_the_reason(admin_client, home):
    response = admin_client.post(
        reverse(f"{ENDPOINTS}:add"),
        {"name": "元数据", "url": "http://169.254.169.254/latest/", "secret": "s" * 64, "active": "on"},
    )
    assert response.status_code == 200
    assert "网络钩子不能发往这里" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


@pytest.fixture
def resolver(monkeypatch):
    """DNS under the test's control: names map to scripted answers, one per lookup (the last repeats)."""
    real = socket.getaddrinfo
    answers, lookups = {}, []

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return real(host, port, *args, **kwargs)
        lookups.append(host)
        address = answers[host][min(len(lookups), len(answers[host])) - 1]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers, lookups


def test_delivery_checks_the_address_again(resolver, draft, commit, receiver):
    """A name that was public when saved and points inside when sent (DNS rebinding) is refused."""
    answers, _ = resolver
    answers["hooks.example.org"] = ["127.0.0.1"]
    port = receiver.server.server_port
    WebhookEndpoint.objects.create(name="换了地址", url=f"http://hooks.example.org:{port}/hook/")
    with commit():
        draft.save_revision().publish()
    run_worker()

    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_error) == ("failed", "目标地址不允许")


def test_delivery_connects_to_the_address_it_checked(settings, resolver, draft, commit, receiver):
    """The host is looked up once per attempt; a second answer (the rebinding) is never asked for."""
    settings.WEBHOOK_ALLOWED_HOSTS = ["hooks.example.org"]
    answers, lookups = resolver
    answers["hooks.example.org"] = ["127.0.0.1", "10.9.9.9"]
    port = receiver.server.server_port
    WebhookEndpoint.objects.create(name="内网前端", url=f"http://hooks.example.org:{port}/hook/")
    with commit():
        draft.save_revision().publish()
    run_worker()

    [request] = receiver.requests
    assert request["headers"]["Host"] == f"hooks.example.org:{port}"
    assert lookups == ["hooks.example.org"]
    assert WebhookDelivery.objects.get().status == "succeeded"


def test_unresolvable_host_at_delivery_is_reported_generically(draft, commit, settings):
    settings.WEBHOOKS_RETRY_DELAYS = []
    WebhookEndpoint.objects.create(name="没了", url="http://gone.invalid/hook")
    with commit():
        draft.save_revision().publish()
    run_worker()
    assert WebhookDelivery.objects.get().last_error == "无法解析主机"
