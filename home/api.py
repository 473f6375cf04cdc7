"""``/api/v2/site/``: everything a headless client needs around the pages (footer, menus, home lists)."""

from django.urls import path
from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.viewsets import ViewSet
from wagtail.models import Site

from articles.models import private_pages
from articles.representations import popular_items
from core.api import StrictParametersMixin
from core.caching import cached_for_site
from core.params import BoundedIntegerField, Parameters

from .models import HomePage
from .representations import NAVIGATION_DEPTH, home_representation, site_representation

MAX_NAVIGATION_DEPTH = 5


def public_home(site, request):
    """The home page's lists, unless the home page is a draft or private."""
    home = HomePage.objects.live().exclude(private_pages()).filter(pk=site.root_page_id).first()
    return home_representation(home, request) if home else None


class SiteParameters(Parameters):
    depth = BoundedIntegerField(min_value=1, max_value=MAX_NAVIGATION_DEPTH)


class SiteAPIViewSet(StrictParametersMixin, ViewSet):
    """The requesting host's site settings, navigation tree and home page lists."""

    parameters = {"detail_view": SiteParameters}

    model = Site
    name = "site"

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "detail_view"}), name="detail")]

    def detail_view(self, request):
        depth = self.params["depth"] or NAVIGATION_DEPTH
        site = Site.find_for_request(request)
        if site is None:
            return Response({"message": _("No site is configured for this host.")}, status=404)
        data = cached_for_site(
            request,
            f"site-data-{depth}",
            lambda: site_representation(request, navigation_depth=depth),
        )
        home = cached_for_site(request, "home-data", lambda: public_home(site, request))
        if home is not None:
            # The home page's lists change with content; its 热门文章 also with views.
            home = {**home, "popular": popular_items(request, home["id"])}
        return Response({**data, "home": home})
