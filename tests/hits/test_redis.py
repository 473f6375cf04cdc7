"""Buffering in Redis: pending views are shown at once and added to the database exactly once."""

import pytest
import redis
from django.conf import settings

from articles.models import ArticlePage
from hits import counter
from hits.models import HitDay

from .conftest import hit, shown

pytestmark = pytest.mark.skipif(
    not settings.HITS_REDIS_URL, reason="REDIS_URL is not set: no Redis to buffer in"
)


def stored(article):
    return ArticlePage.objects.get(pk=article.pk).hits


def test_pending_views_are_shown_before_the_flush(client, article):
    for visitor in range(3):
        hit(client, article.pk, visitor=visitor)
    assert stored(article) == 0
    assert shown(client, article.pk) == 3
    listing = client.get("/api/v2/pages/?type=articles.ArticlePage&fields=hits").json()
    assert [item["hits"] for item in listing["items"]] == [3]


def test_the_flush_adds_pending_views_once(client, article):
    for visitor in range(5):
        hit(client, article.pk, visitor=visitor)
    assert counter.flush() == 5
    assert counter.flush() == 0
    assert stored(article) == 5
    assert shown(client, article.pk) == 5
    assert HitDay.objects.get(article=article).count == 5


def test_a_batch_applied_before_a_crash_is_not_applied_again(client, article):
    for visitor in range(4):
        hit(client, article.pk, visitor=visitor)
    client_ = redis.Redis.from_url(settings.HITS_REDIS_URL)
    client_.eval(counter.TAKE_BATCH_SCRIPT, 2, counter.PENDING, counter.FLUSHING, "batch-one")
    taken = client_.hgetall(counter.FLUSHING)
    counter.flush()
    # The flusher died after its commit but before dropping the batch: the batch is still there.
    client_.hset(counter.FLUSHING, mapping=taken)
    hit(client, article.pk, visitor=99)
    counter.flush()
    counter.flush()
    assert stored(article) == 5


def test_a_hit_while_redis_is_unreachable_is_counted_in_the_database(client, article, settings):
    settings.HITS_REDIS_URL = "redis://127.0.0.1:1/0"
    assert hit(client, article.pk, visitor=1).json()["hits"] == 1
    assert stored(article) == 1
    assert hit(client, article.pk, visitor=1).json()["hits"] == 1
