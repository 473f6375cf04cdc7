"""Page routing from the cache, then Wagtail's own serve view.

Wagtail's router loads the site, the root page and two rows per path level, and its privacy check
two more rows per request. Here the site, the page at each path and the set of pages that are
private or aliases are cached per content version (every change to the tree, the sites or the
restrictions moves it); the page is handed to ``wagtail.views.serve``
through the attributes Wagtail itself caches on the request, so redirects, privacy forms, request
methods and 404s behave exactly as Wagtail's. Anything the fast path cannot vouch for (an unknown or
unpublished path, a private page, an alias, a page type with its own ``route``) takes Wagtail's path.
"""

import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http.request import split_domain_port
from django.urls import Resolver404
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from core.caching import content_version
from core.visibility import is_known_public

NO_SITE = "none"
NOT_SERVED = "not served"


def serve(request, path):
    site = find_site(request)
    request._wagtail_site = site
    if site is not None:
        page = find_public_page(site, path)
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
    return wagtail_views.serve(request, path)


def find_site(request):
    """``Site.find_for_request`` cached per host and content version."""
    hostname = split_domain_port(request.get_host())[0]
    key = f"site:{content_version()}:{hostname}:{request.get_port()}"
    site = cache.get(key)
    if site is None:
        site = Site.find_for_request(request) or NO_SITE
        cache.set(key, site, timeout=settings.SITE_DATA_CACHE_SECONDS)
    return None if site == NO_SITE else site


def find_public_page(site, path):
    """The live, public page at ``path`` below the site's root, specific; else None.

    The page itself (without its StreamField bodies, which the cached representations hold) is
    cached per content version, so a warm request runs no query for it. Fields that change without
    a content change (an article's stored view count) must be read afresh by whoever shows them.
    """
    components = [component for component in path.split("/") if component]
    url_path = site.root_page.url_path + "".join(f"{component}/" for component in components)
    # Not "route:", which held (id, type) before: a deploy must not read those as pages.
    key = f"served-page:{content_version()}:{url_path}"
    page = cache.get(key)
    if page is None:
        page = load_public_page(url_path)
        if page is None:
            return None
        cache.set(key, page, timeout=settings.SITE_DATA_CACHE_SECONDS)
    if page == NOT_SERVED:
        return None
    page.known_public = True
    return page


def load_public_page(url_path):
    """The page in two queries; NOT_SERVED for a page the fast path leaves to Wagtail, None for none."""
    found = Page.objects.filter(url_path=url_path, live=True).values_list("pk", "content_type_id").first()
    if found is None:
        return None
    page_id, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if not routes_to_itself(model):
        return NOT_SERVED
    related = getattr(model, "serve_select_related", ())
    page = model.objects.select_related(*related).defer_streamfields().filter(pk=page_id).first()
    if page is None or not page.live or not is_known_public(page):
        return NOT_SERVED
    return page


def needs_no_site(view):
    """Mark a view that never asks for the request's site (the hit beacon): it is not looked up."""
    view.needs_no_site = True
    return view


class SiteMiddleware:
    """Looks the request's site up once per host and content version, where Wagtail will find it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "needs_no_site", False):
            request._wagtail_site = find_site(request)


@functools.cache
def routes_to_itself(model):
    """Whether Wagtail serves a page's own path as a plain page, as the fast path does: true of plain
    pages, and of routable pages (e.g. a section's ``feed/``) whose own path is Wagtail's unchanged
    ``index_route``, which renders exactly what ``Page.serve`` does."""
    if model.route is Page.route:
        return True
    if not issubclass(model, RoutablePageMixin):
        return False
    try:
        match = model.get_resolver().resolve("/")
    except Resolver404:
        return True
    return match.url_name == "index_route" and model.index_route is RoutablePageMixin.index_route
