"""Faults of the services under the site, each a throwaway one the test starts and breaks itself."""

import logging
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import pytest
from django.db import connection

from tests.factories import ArticlePageFactory
from tests.servers import (
    BASE_DIR,
    PG_BIN,
    REDIS_SERVER,
    ThrowawayPostgres,
    ThrowawayRedis,
    as_postgres,
    fetch,
    free_port,
    read_log,
    wait_until_answering,
)


@pytest.fixture
def redis():
    if not REDIS_SERVER:
        pytest.skip("redis-server is not installed (apt-get install redis-server): Redis fault test not run")
    server = ThrowawayRedis()
    yield server
    server.kill()


def test_pages_and_api_keep_working_with_redis_stopped(redis, settings, section, client, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis.url,
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }
    article = ArticlePageFactory(parent=section, title="停了缓存也能看")
    paths = [
        "/",
        section.url,
        article.url,
        "/search/?q=缓存",
        "/api/v2/pages/",
        f"/api/v2/pages/{article.pk}/",
        "/api/v2/site/",
        "/api/v2/search/?q=缓存",
    ]
    assert {path: client.get(path).status_code for path in paths} == dict.fromkeys(paths, 200)

    redis.kill()
    caplog.set_level(logging.ERROR, logger="django_redis")
    answers = {path: client.get(path) for path in paths}

    assert {path: answer.status_code for path, answer in answers.items()} == dict.fromkeys(paths, 200)
    assert "停了缓存也能看" in answers[f"/api/v2/pages/{article.pk}/"].content.decode()
    assert any(record.name.startswith("django_redis") for record in caplog.records)  # logged, not raised


@pytest.fixture
def postgres(db):
    if PG_BIN is None:
        pytest.skip("PostgreSQL's initdb is not installed (apt-get install postgresql): restart test not run")
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass: it copies the migrated test database into its own cluster")
    # Not under pytest's tmp_path: the postgres user cannot enter root's private folders.
    directory = tempfile.mkdtemp(prefix="test-pg-")
    try:
        cluster = ThrowawayPostgres(directory)
        yield cluster
        cluster.stop()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def copy_test_database_into(cluster):
    as_postgres(
        [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "app"]
    )
    options = connection.settings_dict
    dump = subprocess.run(
        [
            str(PG_BIN / "pg_dump"),
            "--no-owner",
            "-h",
            options["HOST"] or "127.0.0.1",
            "-p",
            str(options["PORT"] or 5432),
        ]
        + ["-U", options["USER"], options["NAME"]],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(
        [str(PG_BIN / "psql"), "-q", "-v", "ON_ERROR_STOP=1", cluster.url("app")],
        input=dump,
        check=True,
        capture_output=True,
    )


def test_requests_recover_after_a_postgres_restart_without_restarting_the_app(postgres, tmp_path):
    copy_test_database_into(postgres)
    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": postgres.url("app"),
        "CONN_MAX_AGE": "60",
        # This test counts failed searches across a restart; the per-client search limit is not its subject.
        "SEARCH_RATE": "100000/minute",
    }
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=BASE_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    results = []  # (started, finished, status or the error's name)
    stop = threading.Event()

    def ask():
        number = 0
        while not stop.is_set():
            number += 1  # a new query each time: only the database can answer it
            url = f"{base}/api/v2/search/?q={urllib.parse.quote(f'学校{number}')}"
            started = time.monotonic()
            try:
                outcome = fetch(url, timeout=10)[0]
            except OSError as error:
                outcome = type(error).__name__
            results.append((started, time.monotonic(), outcome))
            time.sleep(0.02)

    try:
        wait_until_answering(base + "/api/v2/pages/", server, timeout=60, log=log_path)
        asker = threading.Thread(target=ask)
        asker.start()
        time.sleep(0.5)
        restarting = time.monotonic()
        postgres.restart()
        restarted = time.monotonic()
        time.sleep(1.5)
        stop.set()
        asker.join(15)
        assert server.poll() is None, read_log(log_path)
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    before = [outcome for started, finished, outcome in results if finished < restarting]
    after = [outcome for started, finished, outcome in results if started > restarted]
    assert before and set(before) == {200}
    assert len(after) >= 5 and set(after) == {200}, results
    assert log_path.read_text().count("Booting worker") == 1  # the same worker throughout
