import re

import pytest
from django.urls import reverse

from webhooks.models import WebhookDelivery, WebhookEndpoint

ENDPOINTS = "wagtailsnippets_webhooks_webhookendpoint"
DELIVERIES = "wagtailsnippets_webhooks_webhookdelivery"


@pytest.fixture
def delivery(endpoint):
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        action="published",
        payload={"event": "e1", "action": "published", "page": {"id": 1}},
        status_code=500,
        attempts=2,
        last_error="HTTP 500",
    )


def test_admin_adds_an_endpoint_with_a_generated_secret(admin_client, home, settings):
    settings.WEBHOOK_ALLOWED_HOSTS = ["www.example.com"]  # the test machine resolves no outside name
    page = admin_client.get(reverse(f"{ENDPOINTS}:add")).content.decode()
    assert "网络钩子端点" in page and "密钥" in page
    secret = re.search(r'name="secret"[^>]*value="([0-9a-f]{64})"', page).group(1)

    response = admin_client.post(
        reverse(f"{ENDPOINTS}:add"),
        {
            "name": "前端",
            "url": "https://www.example.com/hook",
            "secret": secret,
            "active": "on",
            "on_moved": "on",
        },
    )
    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret == secret
    assert (endpoint.on_moved, endpoint.on_published) == (True, False)
    assert secret in admin_client.get(reverse(f"{ENDPOINTS}:edit", args=[endpoint.pk])).content.decode()


def test_delivery_log_is_read_only(admin_client, delivery):
    listing = admin_client.get(reverse(f"{DELIVERIES}:list"))
    assert listing.status_code == 200
    assert "网络钩子投递记录" in listing.content.decode()
    assert reverse(f"{DELIVERIES}:add") not in listing.content.decode()

    inspect = admin_client.get(reverse(f"{DELIVERIES}:inspect", args=[delivery.pk]))
    assert inspect.status_code == 200
    assert "HTTP 500" in inspect.content.decode()

    assert admin_client.get(reverse(f"{DELIVERIES}:add")).status_code != 200
    assert admin_client.get(reverse(f"{DELIVERIES}:edit", args=[delivery.pk])).status_code != 200
    assert admin_client.post(reverse(f"{DELIVERIES}:delete", args=[delivery.pk])).status_code == 302
    assert not WebhookDelivery.objects.exists()


def test_editors_cannot_see_webhooks(editor_client, delivery):
    for url in (reverse(f"{ENDPOINTS}:list"), reverse(f"{DELIVERIES}:list")):
        assert editor_client.get(url).status_code != 200
    assert "/admin/snippets/webhooks/" not in editor_client.get(reverse("wagtailadmin_home")).content.decode()
