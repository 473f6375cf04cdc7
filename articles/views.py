from django.http import Http404
from wagtail.models import Site

from .feeds import serve_feed
from .models import ArticlePage


def site_feed(request):
    """RSS 2.0 of the latest articles of the whole site, at /feed/."""
    site = Site.find_for_request(request)
    if site is None or not site.root_page.live:
        raise Http404
    return serve_feed(request, site.root_page, ArticlePage.objects.visible().descendant_of(site.root_page))
