"""Turn Wagtail's page signals into deliveries, queued only once the change has committed."""

import copy
import uuid
from functools import partial

from django.db import transaction
from django.db.models.signals import pre_delete
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import Action, WebhookDelivery, WebhookEndpoint
from .tasks import deliver


def queue_event(action, page, **extra):
    """Only the public facts go out (id, type, title, URL), never draft content.

    The payload is built now, while the page still has its URL; the deliveries are made once the
    change has committed, so a rolled-back change sends nothing.
    """
    payload = {
        "event": str(uuid.uuid4()),
        "action": action,
        "time": timezone.localtime().isoformat(),
        "page": {
            "id": page.pk,
            "type": page.specific_class._meta.label,
            "title": page.title,
            "url": page.get_full_url(),
            **extra,
        },
    }
    transaction.on_commit(partial(send_event, payload), robust=True)


def send_event(payload):
    """Wagtail unpublishes a live page it deletes: that page's "deleted" event says it all."""
    action = payload["action"]
    if action == Action.UNPUBLISHED and not Page.objects.filter(pk=payload["page"]["id"]).exists():
        return
    for endpoint in WebhookEndpoint.objects.filter(active=True, **{f"on_{action}": True}):
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, action=action, payload=payload)
        deliver.enqueue(delivery.pk)


def on_published(instance, **kwargs):
    queue_event(Action.PUBLISHED, instance)


def on_unpublished(instance, **kwargs):
    queue_event(Action.UNPUBLISHED, instance)


def on_moved(instance, url_path_before, url_path_after, **kwargs):
    """A reorder keeps every URL and a draft has none in public, so neither is worth a send."""
    if instance.live and url_path_before != url_path_after:
        before = copy.copy(instance)
        before.url_path = url_path_before
        queue_event(Action.MOVED, instance, old_url=before.get_full_url())


def on_deleted(instance, **kwargs):
    """pre_delete, while the page still has its URL; each live descendant deleted with it gets its own.

    The database says whether it was live: Wagtail's own pre_delete handler may already have
    unpublished this instance in memory.
    """
    if Page.objects.filter(pk=instance.pk, live=True).exists():
        queue_event(Action.DELETED, instance)


def connect():
    page_published.connect(on_published)
    page_unpublished.connect(on_unpublished)
    post_page_move.connect(on_moved)
    pre_delete.connect(on_deleted, sender=Page)
