import json
import time
from datetime import datetime

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.webhooks.conftest import run_worker, verifies
from webhooks.models import WebhookDelivery, WebhookEndpoint


def publish(page, commit):
    with commit():
        page.save_revision().publish()


def test_publish_sends_signed_payload(endpoint, receiver, draft, commit):
    publish(draft, commit)
    assert receiver.requests == []  # publishing only queued it
    run_worker()

    [request] = receiver.requests
    assert verifies(request, endpoint.secret)
    assert not verifies(request, WebhookEndpoint(name="x", url=receiver.url).secret)
    body = json.loads(request["body"])
    draft.refresh_from_db()
    assert body["action"] == "published"
    assert body["page"] == {
        "id": draft.pk,
        "type": "articles.ArticlePage",
        "title": "草稿文章",
        "url": draft.get_full_url(),
    }
    assert body["page"]["url"].startswith("http://localhost/")
    assert datetime.fromisoformat(body["time"]).utcoffset() is not None
    assert request["headers"]["X-Webhook-Event"] == body["event"]
    assert abs(int(request["headers"]["X-Webhook-Timestamp"]) - time.time()) < 60
    assert request["headers"]["Content-Type"].startswith("application/json")

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.status_code, delivery.attempts) == ("succeeded", 200, 1)
    assert delivery.payload == body


def test_tampered_body_fails_verification(endpoint, receiver, draft, commit):
    publish(draft, commit)
    run_worker()
    [request] = receiver.requests
    assert not verifies(
        {**request, "body": request["body"].replace(b"published", b"deleted")}, endpoint.secret
    )


def test_unpublish_sends(endpoint, receiver, article, commit):
    with commit():
        article.unpublish()
    run_worker()
    [request] = receiver.requests
    body = json.loads(request["body"])
    assert (body["action"], body["page"]["id"]) == ("unpublished", article.pk)


def test_move_sends_old_and_new_url(endpoint, receiver, home, article, commit):
    old_url = article.get_full_url()
    other = SectionPageFactory(parent=home, title="通知公告")
    with commit():
        article.move(other, pos="last-child")
    run_worker()
    [request] = receiver.requests
    body = json.loads(request["body"])
    article.refresh_from_db()
    assert body["action"] == "moved"
    assert body["page"]["old_url"] == old_url
    assert body["page"]["url"] == article.get_full_url() != old_url


def test_reorder_keeps_urls_and_sends_nothing(endpoint, receiver, section, article, commit):
    ArticlePageFactory(parent=section)
    with commit():
        article.move(section, pos="last-child")
    run_worker()
    assert receiver.requests == []


def test_delete_sends_for_each_live_page(endpoint, receiver, section, article, draft, commit):
    urls = {section.pk: section.get_full_url(), article.pk: article.get_full_url()}
    with commit():
        section.delete()
    run_worker()
    bodies = [json.loads(request["body"]) for request in receiver.requests]
    assert {body["action"] for body in bodies} == {"deleted"}
    assert {body["page"]["id"]: body["page"]["url"] for body in bodies} == urls  # the draft stays quiet


def test_failing_receiver_is_retried(endpoint, receiver, draft, commit):
    receiver.statuses = [500]
    publish(draft, commit)
    run_worker()

    first, second = receiver.requests
    assert first["body"] == second["body"]
    assert verifies(second, endpoint.secret)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.status_code, delivery.attempts) == ("succeeded", 200, 2)
    assert delivery.last_error == ""


def test_retry_waits_for_its_delay(settings, endpoint, receiver, draft, commit):
    settings.WEBHOOKS_RETRY_DELAYS = [3600]
    receiver.statuses = [503]
    publish(draft, commit)
    run_worker()

    assert len(receiver.requests) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.status_code, delivery.attempts) == ("pending", 503, 1)
    assert delivery.last_error == "HTTP 503"
    assert delivery.next_attempt_at > delivery.last_attempt_at
    assert DBTaskResult.objects.ready().count() == 0  # queued for an hour from now


def test_dead_endpoint_is_logged_failed_without_breaking_publishing(draft, dead_url, commit):
    WebhookEndpoint.objects.create(name="已下线", url=dead_url)
    publish(draft, commit)
    draft.refresh_from_db()
    assert draft.live
    run_worker()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.status_code, delivery.attempts) == ("failed", None, 3)
    assert delivery.last_error == "连接失败"  # not the socket's words, which map the internal network
    assert delivery.next_attempt_at is None


def test_slow_receiver_times_out(settings, endpoint, receiver, draft, commit):
    settings.WEBHOOKS_TIMEOUT = 0.1
    settings.WEBHOOKS_RETRY_DELAYS = []
    receiver.reply_delay = 0.5
    publish(draft, commit)
    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert delivery.last_error == "超时"


def test_draft_saved_without_publishing_sends_nothing(endpoint, receiver, draft, article, commit):
    with commit():
        draft.save_revision()
        article.title = "改了但没发布"
        article.save_revision()
    run_worker()
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_inactive_endpoints_and_unwanted_actions_send_nothing(receiver, draft, article, commit):
    WebhookEndpoint.objects.create(name="停用", url=receiver.url, active=False)
    WebhookEndpoint.objects.create(name="只要下线", url=receiver.url, on_published=False)
    publish(draft, commit)
    run_worker()
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_each_active_endpoint_gets_its_own_signature(receiver, draft, commit):
    first = WebhookEndpoint.objects.create(name="甲", url=receiver.url)
    second = WebhookEndpoint.objects.create(name="乙", url=receiver.url)
    assert first.secret != second.secret and len(first.secret) == 64
    publish(draft, commit)
    run_worker()
    assert len(receiver.requests) == 2
    assert {verifies(request, first.secret) for request in receiver.requests} == {True, False}
    assert {verifies(request, second.secret) for request in receiver.requests} == {True, False}


def test_nothing_is_queued_before_commit(endpoint, draft, commit):
    with commit():
        draft.save_revision().publish()
        assert not DBTaskResult.objects.exists()
        assert not WebhookDelivery.objects.exists()
    assert DBTaskResult.objects.count() == WebhookDelivery.objects.count() == 1


def test_rolled_back_publish_sends_nothing(endpoint, receiver, draft, commit):
    with commit(), pytest.raises(RuntimeError), transaction.atomic():
        draft.save_revision().publish()
        raise RuntimeError
    run_worker()
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()
