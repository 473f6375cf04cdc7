"""Full-page cache for anonymous visitors, checked before the page is resolved.

Showing a page writes nothing, so every anonymous GET of an HTML page can be answered from Django's
cache (Redis in production, local memory by default), keyed by host, path and query string, and
stored with the content version it was built under: any public change moves the version, so older
entries are never served (read together with the version, in one round trip) and are overwritten.
Answers carry an ETag, Last-Modified (the content version) and Cache-Control with ``s-maxage`` for a
CDN in front, and conditional requests get 304.

Never cached: requests with a session cookie (logged-in editors, the Wagtail user bar, visitors who
unlocked a private page), anything but GET and HEAD, the admin, previews and the API (by path), and
answers that are not a plain 200 HTML page, set a cookie, vary on cookies or forbid caching (Wagtail
marks the password and login forms of private pages ``no-cache``).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date

from core.caching import CONTENT_VERSION_KEY, content_version

UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or not cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        # The content version and the page in one round trip; an entry of an older version is stale.
        found = cache.get_many([CONTENT_VERSION_KEY, key])
        version = found.get(CONTENT_VERSION_KEY) or content_version()
        entry = found.get(key)
        if entry is not None and entry["version"] == version:
            response = HttpResponse(entry["content"])
            for name, value in entry["headers"]:
                response[name] = value
            response["X-Page-Cache"] = "hit"
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


def cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
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


def cache_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.path}?{request.META.get('QUERY_STRING', '')}"
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}"


def conditional(request, response, version):
    return get_conditional_response(request, etag=response["ETag"], last_modified=version, response=response)
