"""With Redis, each process answers page-cache hits from its own copy while Redis reports no change."""

import time

import pytest
import redis
from django.core.cache import cache
from django.utils.http import http_date

from core.caching import CONTENT_VERSION_KEY, content_version
from core.near_cache import near_cache
from home.models import SiteSettings
from publishing.tasks import publish_pages
from tests.core.front import fetch_through_front
from tests.factories import StandardPageFactory
from tests.servers import (
    REDIS_SERVER,
    ThrowawayRedis,
    copy_of_test_database,
    fetch,
    free_port,
    production_environment,
    read_log,
    start_production,
    stop,
    wait_until_answering,
)

pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None, reason="redis-server is not installed (apt-get install -y redis-server)"
)


@pytest.fixture(scope="module")
def redis_server():
    server = ThrowawayRedis()
    yield server
    server.kill()


@pytest.fixture
def raw_redis(redis_server, settings):
    """Redis as another process sees it, and the site's cache pointed at it with the near cache on."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_NEAR_ENTRIES = 100
    client = redis.Redis.from_url(redis_server.url)
    client.flushdb()
    yield client
    client.close()


@pytest.fixture
def page(home, raw_redis):
    SiteSettings.objects.create(site=home.get_site())
    page = StandardPageFactory(parent=home, title="学校简介")
    # An old version, so that one restarted by a test (the time now) differs from it.
    raw_redis.set(cache.make_key(CONTENT_VERSION_KEY), 1_000)
    return page


def eventually(condition, seconds=5):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.01)


def kept(page):
    """Fetch the page until this process keeps it (the first request starts its watcher)."""
    near = near_cache(cache, CONTENT_VERSION_KEY)
    fetch_through_front(page.url)
    eventually(lambda: near.watching)
    fetch_through_front(page.url)
    assert near.version is not None and near.entries
    return near


def redis_reads(raw_redis, command="mget"):
    return raw_redis.info("commandstats").get(f"cmdstat_{command}", {}).get("calls", 0)


def test_hits_are_answered_without_asking_redis(page, raw_redis):
    kept(page)
    reads = redis_reads(raw_redis)
    for _ in range(5):
        _, headers, body = fetch_through_front(page.url)
        assert headers["X-Page-Cache"] == "hit"
        assert "学校简介" in body
    assert redis_reads(raw_redis) == reads


def test_the_version_is_kept_for_every_cached_part(page, raw_redis):
    kept(page)
    reads = redis_reads(raw_redis, "get")
    assert {content_version() for _ in range(5)} == {1_000}
    assert redis_reads(raw_redis, "get") == reads


def test_a_task_reads_the_version_afresh(page):
    near = kept(page)
    publish_pages.enqueue([])
    assert near.version is None


def test_a_change_in_this_process_is_seen_at_once(page):
    kept(page)
    page.title = "学校概况"
    page.save_revision().publish()
    _, headers, body = fetch_through_front(page.url)
    assert headers["X-Page-Cache"] == "miss"
    assert "学校概况" in body


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda client, key: client.incr(key), id="version moved"),
        pytest.param(lambda client, key: client.delete(key), id="version deleted"),
        pytest.param(lambda client, key: client.flushdb(), id="cache flushed"),
    ],
)
def test_a_change_by_another_process_drops_the_copy(page, raw_redis, change):
    near = kept(page)
    change(raw_redis, cache.make_key(CONTENT_VERSION_KEY))
    eventually(lambda: near.version is None, seconds=1)
    assert fetch_through_front(page.url)[1]["X-Page-Cache"] == "miss"


def test_without_redis_messages_nothing_kept_is_trusted(page, raw_redis):
    near = kept(page)
    raw_redis.client_kill_filter(_type="pubsub")
    eventually(lambda: not near.watching)
    raw_redis.incr(cache.make_key(CONTENT_VERSION_KEY))
    assert fetch_through_front(page.url)[1]["X-Page-Cache"] == "miss"
    assert fetch_through_front(page.url)[1]["X-Page-Cache"] == "hit"
    kept(page)
    reads = redis_reads(raw_redis)
    fetch_through_front(page.url)
    assert redis_reads(raw_redis) == reads


def test_a_local_cache_needs_no_copy(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_NEAR_ENTRIES = 100
    assert near_cache(cache, CONTENT_VERSION_KEY) is None


def test_every_worker_of_the_production_server_sees_a_change(tmp_path, transactional_db, redis_server):
    """gunicorn's forked workers each keep their copy, and each drops it when Redis reports a change."""
    client = redis.Redis.from_url(redis_server.url)
    client.flushdb()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with copy_of_test_database(tmp_path) as database_url:
        environment = production_environment(
            database_url,
            tmp_path / "static",
            port,
            REDIS_URL=redis_server.url,
            CACHE_KEY_PREFIX="near",
            WEB_CONCURRENCY="2",
        )
        log = tmp_path / "serve.log"
        server = start_production(environment, log)
        try:
            wait_until_answering(base + "/", server, log=log)
            for _ in range(20):
                fetch(base + "/")
            assert fetch(base + "/")[1]["X-Page-Cache"] == "hit", read_log(log)
            version = client.incr(f"near:1:{CONTENT_VERSION_KEY}")
            changed = http_date(version)
            eventually(lambda: fetch(base + "/")[1]["Last-Modified"] == changed)
            assert {fetch(base + "/")[1]["Last-Modified"] for _ in range(20)} == {changed}
        finally:
            stop(server)
