"""Bare WSGI apps for serve_benchmark.py: the ceiling of the same gunicorn setup with no framework.

``application`` answers every request with the bytes of the file at BARE_WSGI_FILE (the published
home page); ``redis_application`` first reads two keys from BARE_WSGI_REDIS, as a Redis-backed
page cache does at least, to show what the round trips alone cost.
"""

import os
from pathlib import Path

import redis

BODY = Path(os.environ["BARE_WSGI_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]
CLIENT = redis.Redis.from_url(os.environ["BARE_WSGI_REDIS"]) if os.environ.get("BARE_WSGI_REDIS") else None


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]


def redis_application(environ, start_response):
    CLIENT.get("bare-wsgi:a")
    CLIENT.get("bare-wsgi:b")
    return application(environ, start_response)
