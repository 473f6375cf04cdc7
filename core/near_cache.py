"""A copy of page-cache entries in each process, kept current by Redis's own invalidation messages.

With the cache in Redis, each page-cache hit cost a round trip for the page and the content version, and on
a busy server that wait cost more than the rest of the hit. Redis's client tracking (broadcast mode, Redis
6 and later) tells a subscribed connection whenever the content-version key is written, deleted, evicted
or flushed. While that connection is up, a process keeps the version it last read and the current entries
it read, and answers hits from its own memory; a message drops both, and the next request reads Redis
again. Without the connection (Redis restarting, the network down) nothing kept is trusted.

A change made elsewhere is seen here when Redis's message arrives (well under a millisecond on one host),
as by a request that read the version just before the change; a change made in this process is seen at
once (``core.caching.bump_content_version`` calls ``forget``), and so is a change a task was queued
for (each task starts with ``forget``).
"""

import logging
import os
import threading
import time

import redis
from django.conf import settings

from core.lru import LRU

logger = logging.getLogger(__name__)

INVALIDATION_CHANNEL = "__redis__:invalidate"
HEALTH_CHECK_SECONDS = 1.0
# Reconnecting waits 1 s, doubling while it fails (Redis down, or CLIENT refused by its ACL) up to a minute.
RETRY_SECONDS = (1.0, 60.0)
REDIS_BACKEND = "django_redis.cache.RedisCache"


class NearCache:
    def __init__(self, url, watched_key, max_entries):
        self.url = url
        self.watched_key = watched_key
        self.lock = threading.Lock()
        self.watching = False
        self.version = None
        self.generation = 0
        self.entries = LRU(max_entries)
        self.process = None

    def current_version(self):
        """The content version if it is known current here, else None."""
        if self.process != os.getpid():
            self._start_watching()
        return self.version

    def get(self, key):
        """The entry under key if it is kept here and current, else None."""
        version = self.current_version()
        entry = self.entries.get(key)
        if entry is None or version is None or entry["version"] != version:
            return None
        return entry

    def remember(self, generation, version, key=None, entry=None):
        """Keep what a read of Redis found, unless a message came (``generation`` moved) since it began."""
        with self.lock:
            if not self.watching or generation != self.generation:
                return
            self.version = version
            if entry is not None:
                self.entries.set(key, entry)

    def forget(self, watching=None):
        with self.lock:
            self.generation += 1
            self.version = None
            self.entries.clear()
            if watching is not None:
                self.watching = watching

    def _start_watching(self):
        """One watcher per process: a forked worker starts its own (the parent's thread did not follow)."""
        with self.lock:
            if self.process == os.getpid():
                return
            self.process = os.getpid()
        self.forget(watching=False)
        threading.Thread(target=self._watch, name="page-cache-watcher", daemon=True).start()

    def _watch(self):
        pool = redis.ConnectionPool.from_url(
            self.url, protocol=2, socket_connect_timeout=1, socket_timeout=HEALTH_CHECK_SECONDS
        )
        retry, longest = RETRY_SECONDS
        while True:
            connection = pool.make_connection()
            try:
                self._follow(connection)
            except Exception as error:  # the watcher must outlive anything Redis answers
                if self.watching:
                    retry = RETRY_SECONDS[0]
                logger.info("Redis does not report changes (%s): page-cache hits read Redis", error)
            finally:
                self.forget(watching=False)
                connection.disconnect()
            time.sleep(retry)
            retry = min(retry * 2, longest)

    def _follow(self, connection):
        connection.connect()
        connection.send_command("CLIENT", "ID")
        client_id = connection.read_response()
        connection.send_command(
            "CLIENT", "TRACKING", "ON", "REDIRECT", client_id, "BCAST", "PREFIX", self.watched_key
        )
        connection.read_response()
        connection.send_command("SUBSCRIBE", INVALIDATION_CHANNEL)
        connection.read_response()
        self.forget(watching=True)
        pinged = False
        while True:
            if connection.can_read(timeout=HEALTH_CHECK_SECONDS):
                if connection.read_response()[0] == b"message":
                    self.forget()
                pinged = False
            elif pinged:
                raise redis.ConnectionError(f"no answer to PING in {HEALTH_CHECK_SECONDS} s")
            else:
                connection.send_command("PING")
                pinged = True


_near_caches = {}


def near_cache(cache, version_key):
    """The process's near cache of ``cache`` (the default), watching ``version_key``; None unless Redis."""
    configuration = settings.CACHES["default"]
    if configuration["BACKEND"] != REDIS_BACKEND or not settings.PAGE_CACHE_NEAR_ENTRIES:
        return None
    identity = (configuration["LOCATION"], cache.make_key(version_key), settings.PAGE_CACHE_NEAR_ENTRIES)
    found = _near_caches.get(identity)
    if found is None:
        found = _near_caches.setdefault(identity, NearCache(*identity))
    return found
