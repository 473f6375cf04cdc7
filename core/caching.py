"""HTTP caching of public API answers and a site-wide content version.

The content version is the time of the last change to anything public (pages, settings, images).
It is the answers' Last-Modified and the key under which site-wide data is cached, so a change
invalidates everything at once; ETags hash the body itself, so they change exactly when the
answer does.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date

from core.near_cache import near_cache

CONTENT_VERSION_KEY = "content-version"


def content_version():
    """Seconds since the epoch of the last public change; unknown (cold cache) counts as now."""
    near = near_cache(cache, CONTENT_VERSION_KEY)
    if near is not None:
        version = near.current_version()
        if version is not None:
            return version
        generation = near.generation
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = int(time.time())
        cache.add(CONTENT_VERSION_KEY, version, timeout=None)
        # None when the cache is unreachable (its errors are ignored): then every answer is fresh.
        version = cache.get(CONTENT_VERSION_KEY) or version
    if near is not None:
        near.remember(generation, version)
    return version


def bump_content_version(**kwargs):
    """Signal receiver: something public changed (seen by this process at once, by others through Redis)."""
    cache.set(CONTENT_VERSION_KEY, max(int(time.time()), content_version() + 1), timeout=None)
    read_version_afresh()


def read_version_afresh(**kwargs):
    """Signal receiver (a task starts): work queued by a change builds under that change's version, without
    waiting for Redis's report of it to reach this process (``core.near_cache``)."""
    near = near_cache(cache, CONTENT_VERSION_KEY)
    if near is not None:
        near.forget()


def site_key(request, name):
    """A cache key for ``name`` under the content version and the site address."""
    return f"{name}:{content_version()}:{request.scheme}://{request.get_host()}"


def cached_for_site(request, name, build, timeout=None):
    """``build()`` cached per site address and content version (for ``timeout`` seconds at most,
    SITE_DATA_CACHE_SECONDS by default)."""
    key = site_key(request, name)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=settings.SITE_DATA_CACHE_SECONDS if timeout is None else timeout)
    return value


class PublicAPICacheMiddleware:
    """ETag, Last-Modified and Cache-Control on public API reads; 304 to conditional requests.

    A view that sets its own Cache-Control (previews: ``no-store``) is left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method not in ("GET", "HEAD")
            or not request.path.startswith(settings.PUBLIC_API_PREFIX)
            or response.status_code != 200
            or response.streaming
            or response.has_header("Cache-Control")
        ):
            return response
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        response.headers.setdefault("Last-Modified", http_date(content_version()))
        set_response_etag(response)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=content_version(),
            response=response,
        )
