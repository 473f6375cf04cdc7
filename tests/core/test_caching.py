"""The content version is shared by every process through the cache (Redis in production)."""

import time

import pytest
from django.conf import settings
from django.core.cache import caches

from core.caching import CONTENT_VERSION_KEY, bump_content_version, content_version

needs_redis = pytest.mark.skipif(
    not settings.REDIS_URL, reason="REDIS_URL is not set: the Redis cache is tested in CI's PostgreSQL pass"
)


def test_bump_moves_the_version_forward():
    before = content_version()
    bump_content_version()
    assert content_version() > before


def test_a_cold_cache_starts_the_version_now_and_keeps_it():
    caches["default"].delete(CONTENT_VERSION_KEY)
    before = int(time.time())
    started = content_version()
    assert before <= started <= int(time.time())
    assert caches["default"].get(CONTENT_VERSION_KEY) == started


@needs_redis
def test_another_process_sees_the_bump():
    other_process_cache = caches.create_connection("default")
    bump_content_version()
    assert other_process_cache.get(CONTENT_VERSION_KEY) == content_version()


@needs_redis
def test_tests_use_redis():
    assert caches["default"].__class__.__name__ == "RedisCache"


@pytest.mark.skipif(settings.REDIS_URL != "", reason="the local-memory cache of the SQLite pass")
def test_the_local_cache_keeps_the_version_through_a_large_page():
    """A home page of a large site stores a few thousand entries (renditions, fragments, pages)."""
    bump_content_version()  # a version a restart within this second could not repeat
    version = content_version()
    for number in range(3000):
        caches["default"].set(f"entry-{number}", number)
    assert content_version() == version
