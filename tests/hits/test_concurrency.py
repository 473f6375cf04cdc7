"""Many concurrent visitors through gunicorn on PostgreSQL: the final count is exact.

With Redis, without it, and with a throwaway Redis killed (SIGKILL) and restarted mid-run, while
requests are in flight. The shared Redis is never touched by the fault test.
"""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection

from articles.models import ArticlePage
from hits import counter
from hits.models import HitDay
from tests.factories import ArticlePageFactory, SectionPageFactory, make_site

from .conftest import BROWSER_AGENT

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="concurrency is tested on PostgreSQL (SQLite serialises writers)",
    ),
]

VISITORS = 1024
THREADS = 32


@pytest.fixture
def article(db):
    home = make_site()
    return ArticlePageFactory(parent=SectionPageFactory(parent=home), hits=100)


@pytest.fixture
def serve():
    """``serve(hits_redis_url)``: gunicorn (2 workers × 16 threads) on the test database.

    Visitors come through 127.0.0.1 as a trusted proxy, each with an address of its own.
    """
    servers = []

    def start(hits_redis_url, **env):
        port = free_port()
        database = connection.settings_dict
        url = f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": f"{url}/{database['NAME']}",
            "HITS_REDIS_URL": hits_redis_url,
            "TRUSTED_PROXIES": "127.0.0.1",
            **env,
        }
        process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "cms.wsgi:application",
                "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "gthread",
                "--threads", "16", "--log-level", "warning",
            ],
            env=environment,
            cwd=django_settings.BASE_DIR,
        )  # fmt: skip
        servers.append(process)
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return urlsplit(f"http://127.0.0.1:{port}")
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("gunicorn did not start")

    yield start
    for process in servers:
        process.terminate()
        process.wait()


connections = threading.local()


def post_hit(address, article_id, visitor):
    """One POST on the calling thread's persistent connection (reconnecting if the server closed it)."""
    conn = getattr(connections, "conn", None)
    if conn is None or conn.port != address.port:
        conn = connections.conn = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        conn.request(
            "POST",
            f"/api/v2/pages/{article_id}/hit/",
            headers={
                "User-Agent": BROWSER_AGENT,
                "Cookie": f"hits_visitor=visitor-{visitor:012d}",
                "X-Forwarded-For": f"10.{visitor // 65536}.{visitor // 256 % 256}.{visitor % 256}",
                "Content-Length": "0",
            },
        )
        response = conn.getresponse()
        response.read()
        return response.status
    except (http.client.HTTPException, OSError):
        conn.close()
        connections.conn = None
        return post_hit(address, article_id, visitor)


def fire(address, article_id, requests, progress=None):
    """POST each visitor in ``requests`` (a visitor may repeat) from THREADS threads; the statuses."""

    def send(visitor):
        status = post_hit(address, article_id, visitor)
        if progress is not None:
            progress()
        return status

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(send, requests))


def stored_counts(article):
    return (
        ArticlePage.objects.get(pk=article.pk).hits,
        sum(HitDay.objects.filter(article=article).values_list("count", flat=True)),
    )


@pytest.mark.parametrize("buffer", ["redis", "database"])
def test_concurrent_visitors_are_counted_exactly(article, serve, settings, buffer):
    if buffer == "redis":
        if not django_settings.REDIS_URL:
            pytest.skip("REDIS_URL is not set")
        settings.HITS_REDIS_URL = django_settings.REDIS_URL
    else:
        settings.HITS_REDIS_URL = ""
    address = serve(settings.HITS_REDIS_URL)
    # Every visitor once, then every fourth again: the second views must not count.
    requests = [*range(VISITORS), *range(0, VISITORS, 4)]
    statuses = fire(address, article.pk, requests)
    assert statuses == [200] * len(requests)
    counter.flush()
    assert stored_counts(article) == (100 + VISITORS, VISITORS)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(port, directory):
    process = subprocess.Popen(
        [
            "redis-server",
            "--port", str(port),
            "--bind", "127.0.0.1",
            "--dir", str(directory),
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--save", "",
        ],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            return process
        except redis.ConnectionError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("the throwaway redis-server did not start")


@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")
def test_redis_killed_mid_run_loses_and_doubles_nothing(article, serve, settings, tmp_path):
    port = free_port()
    settings.HITS_REDIS_URL = f"redis://127.0.0.1:{port}/0"
    server = start_redis(port, tmp_path)
    address = serve(settings.HITS_REDIS_URL, HITS_REDIS_RETRY_SECONDS="0.2")
    done = {"count": 0}
    lock = threading.Lock()
    thirds = (threading.Event(), threading.Event())

    def progress():
        with lock:
            done["count"] += 1
            if done["count"] >= VISITORS // 3:
                thirds[0].set()
            if done["count"] >= 2 * VISITORS // 3:
                thirds[1].set()

    def fault():
        nonlocal server
        thirds[0].wait()
        server.kill()
        server.wait()
        thirds[1].wait()
        server = start_redis(port, tmp_path)

    chaos = threading.Thread(target=fault)
    chaos.start()
    try:
        statuses = fire(address, article.pk, list(range(VISITORS)), progress)
        chaos.join()
        assert statuses == [200] * VISITORS
        counter._redis_down_until = 0.0
        counter.flush()
        assert stored_counts(article) == (100 + VISITORS, VISITORS)
        assert counter.flush() == 0
    finally:
        chaos.join()
        server.kill()
        server.wait()
