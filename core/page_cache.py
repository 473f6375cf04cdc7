"""Full-page cache for anonymous visitors, checked before the page is resolved.

Showing a page writes nothing, so every anonymous GET of an HTML page can be answered from Django's
cache (Redis in production, local memory by default), keyed by host, path and query string, and
stored with the content version it was built under: any public change moves the version, so older
entries are never served (read together with the version, in one round trip, or kept by the process
while Redis reports no change: ``core.near_cache``) and are overwritten.
Answers carry an ETag, Last-Modified (the content version) and Cache-Control with ``s-maxage`` for a
CDN in front, and conditional requests get 304.

In production ``cms.wsgi`` wraps Django in ``PageCacheFront``: an unconditional GET or HEAD of a
current entry is answered there, before Django builds a request, runs its signals and builds a
response (together they cost more than the cache read). Everything else, conditional requests
included, goes on to ``PageCacheMiddleware``, which answers those and stores what Django built.

Never cached: requests with a session cookie (logged-in editors, the Wagtail user bar, visitors who
unlocked a private page), anything but GET and HEAD, the admin, previews and the API (by path), and
answers that are not a plain 200 HTML page, set a cookie, vary on cookies or forbid caching (Wagtail
marks the password and login forms of private pages ``no-cache``).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date

from core.caching import CONTENT_VERSION_KEY, content_version
from core.near_cache import near_cache

UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)
# What Django takes a request's address from, whatever the settings below add.
ADDRESS_VARIABLES = (
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
)
HIT = ("X-Page-Cache", "hit")


class PageCacheFront:
    """WSGI wrapper answering unconditional anonymous GETs of current entries without Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if (
            settings.PAGE_CACHE_ENABLED
            and cacheable_request(environ)
            and not any(header in environ for header in CONDITIONAL_HEADERS)
        ):
            entry, _version = lookup(cache_key(environ))
            if entry is not None:
                start_response("200 OK", [*entry["headers"], HIT])
                return [entry["content"]]
        return self.application(environ, start_response)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or not cacheable_request(request.META):
            return self.get_response(request)
        key = cache_key(request.META)
        entry, version = lookup(key)
        if entry is not None:
            response = HttpResponse(entry["content"])
            for name, value in entry["headers"]:
                response[name] = value
            response[HIT[0]] = HIT[1]
            return conditional(request, response, version)
        response = self.get_response(request)
        if request.method == "GET" and cacheable_response(response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PAGE_CACHE_SECONDS,
                s_maxage=settings.PAGE_CACHE_CDN_SECONDS,
            )
            response["Last-Modified"] = http_date(version)
            set_response_etag(response)
            # Every header, so that those added by middleware after this one (security policies) stay.
            # Stored under the version read before the page was built: a change meanwhile makes it stale.
            headers = list(response.items())
            cache.set(
                key,
                {"version": version, "content": response.content, "headers": headers},
                timeout=settings.SITE_DATA_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
            return conditional(request, response, version)
        return response


def cacheable_request(environ):
    return (
        environ["REQUEST_METHOD"] in ("GET", "HEAD")
        and not environ.get("PATH_INFO", "").startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
        and settings.SESSION_COOKIE_NAME not in parse_cookie(environ.get("HTTP_COOKIE", ""))
    )


def cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)
    )


def cache_key(environ):
    """A digest of every variable Django takes a request's address from (the front has no request)."""
    names = list(ADDRESS_VARIABLES)
    if settings.SECURE_PROXY_SSL_HEADER:
        names.append(settings.SECURE_PROXY_SSL_HEADER[0])
    if settings.USE_X_FORWARDED_HOST:
        names.append("HTTP_X_FORWARDED_HOST")
    if settings.USE_X_FORWARDED_PORT:
        names.append("HTTP_X_FORWARDED_PORT")
    address = "\n".join(str(environ.get(name, "")) for name in names)
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}"


def lookup(key):
    """The entry under key if it was built under the current content version, and that version.

    Both are read in one round trip, unless this process keeps them (``core.near_cache``); an entry of
    an older version is stale (and later overwritten)."""
    near = near_cache(cache, CONTENT_VERSION_KEY)
    if near is not None:
        entry = near.get(key)
        if entry is not None:
            return entry, entry["version"]
        generation = near.generation
    found = cache.get_many([CONTENT_VERSION_KEY, key])
    version = found.get(CONTENT_VERSION_KEY) or content_version()
    entry = found.get(key)
    current = entry if entry is not None and entry["version"] == version else None
    if near is not None:
        near.remember(generation, version, key, current)
    return current, version


def conditional(request, response, version):
    return get_conditional_response(request, etag=response["ETag"], last_modified=version, response=response)
