from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# With REDIS_URL (CI's PostgreSQL pass) the tests use Redis as production does; tests clear the
# cache, so point it at a database of its own, e.g. redis://127.0.0.1:6379/15.
# WhiteNoise looks files up per request instead of scanning STATIC_ROOT, which tests never fill.
WHITENOISE_AUTOREFRESH = True
# Tests see each request rendered; tests/cms/test_page_cache.py turns the page cache on.
PAGE_CACHE_ENABLED = False
# A change made by another process reaches the near cache a moment later: tests/core/test_near_cache.py
# turns it on, the rest read Redis each time.
PAGE_CACHE_NEAR_ENTRIES = 0
# Publishing writes files: tests/publishing turns it on with a temporary STATIC_PUBLISH_ROOT.
STATIC_PUBLISH_ENABLED = False
