"""The pages endpoint of the v2 API: Wagtail's, answering with the same representation as the theme."""

from datetime import datetime, time
from urllib.parse import unquote

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.urls import path, re_path
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Page, Site

from cms.caching import cached_for_site
from core.throttling import ClientRateThrottle

from .models import ArticlePage, RepresentedPage, SectionPage, private_pages
from .representations import absolute_url, prefetch_renditions, prefetch_sections


def parse_boolean(name, value):
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise BadRequestError(_("%(name)s must be true or false.") % {"name": name})


def parse_time(name, value):
    """An ISO 8601 date or date-time; without an offset it is in the site's time zone."""
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.combine(day, time.min) if day else None
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequestError(
            _(
                "%(name)s must be an ISO 8601 date or date-time, "
                "for example 2024-07-06 or 2024-07-06T08:00:00+08:00."
            )
            % {"name": name}
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def parse_id(name, value):
    if not str(value).isdigit():
        raise BadRequestError(_("%(name)s must be a positive whole number.") % {"name": name})
    return int(value)


class ArticleFilter(BaseFilterBackend):
    """Article filters: section (with its subsections), tag, author, flags and a publish-time range."""

    parameters = ("section", "tag", "author", "pinned", "featured", "published_after", "published_before")

    def filter_queryset(self, request, queryset, view):
        given = [name for name in self.parameters if name in request.GET]
        if not given:
            return queryset
        if not issubclass(queryset.model, ArticlePage):
            raise BadRequestError(
                _("The %(name)s filter needs type=articles.ArticlePage.") % {"name": given[0]}
            )
        params = request.GET
        if "section" in params:
            section = SectionPage.objects.filter(pk=parse_id("section", params["section"])).first()
            if section is None:
                raise BadRequestError(_("There is no section with id %(id)s.") % {"id": params["section"]})
            queryset = queryset.descendant_of(section)
        if "tag" in params:
            queryset = queryset.filter(tagged_items__tag__name=params["tag"])
        if "author" in params:
            queryset = queryset.filter(author=params["author"])
        for flag in ("pinned", "featured"):
            if flag in params:
                queryset = queryset.filter(**{flag: parse_boolean(flag, params[flag])})
        if "published_after" in params:
            queryset = queryset.filter(
                publish_time__gte=parse_time("published_after", params["published_after"])
            )
        if "published_before" in params:
            queryset = queryset.filter(
                publish_time__lt=parse_time("published_before", params["published_before"])
            )
        return queryset


class NumericIdMixin:
    """A non-numeric id in the path is bad input (400), not an unknown URL."""

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("find/", cls.as_view({"get": "find_view"}), name="find"),
            re_path(r"^(?P<pk>[^/]+)/$", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    def detail_view(self, request, pk):
        self.kwargs["pk"] = parse_id("id", pk)
        return super().detail_view(request, pk=self.kwargs["pk"])

    def find_object(self, queryset, request):
        if "id" in request.GET:
            parse_id("id", request.GET["id"])
        return super().find_object(queryset, request)


class HitThrottle(ClientRateThrottle):
    scope = "hits"


class PortalPagesAPIViewSet(NumericIdMixin, PagesAPIViewSet):
    """Pages: details are the theme's representation; article listings filter and prefetch in bulk."""

    filter_backends = [ArticleFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = (PagesAPIViewSet.known_query_parameters - {"site"}).union(
        ArticleFilter.parameters
    )
    detail_query_parameters = frozenset(["fields", "format", "page"])

    @classmethod
    def get_urlpatterns(cls):
        hit_view = cls.as_view({"post": "hit_view"}, throttle_classes=[HitThrottle])
        return [re_path(r"^(?P<pk>[^/]+)/hit/$", hit_view, name="hit"), *super().get_urlpatterns()]

    def hit_view(self, request, pk):
        """Headless clients count a view of an article (点击次数) as the theme's page does."""
        self.kwargs["pk"] = parse_id("id", pk)
        article = self.get_object()
        if not isinstance(article, ArticlePage):
            raise BadRequestError(_("Only articles count hits."))
        article.count_hit()
        return Response({"id": article.pk, "hits": article.hits})

    def get_base_queryset(self):
        """Live pages of the requesting site outside private sections, the same for every caller.

        Wagtail's version lets a session unlock private pages; answers here are publicly cacheable.
        """
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        return Page.objects.live().exclude(private_pages()).descendant_of(site.root_page, inclusive=True)

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset.model is ArticlePage:
            queryset = queryset.select_related("cover").order_by("-pinned", "-publish_time", "-pk")
        return queryset

    def get_object(self):
        """The specific page in one query, with an article's cover joined."""
        page = BaseAPIViewSet.get_object(self)
        queryset = page.specific_class.objects.filter(pk=page.pk)
        if page.specific_class is ArticlePage:
            queryset = queryset.select_related("cover")
        return queryset.get()

    def paginate_queryset(self, queryset):
        pages = list(super().paginate_queryset(queryset))
        articles = [page for page in pages if isinstance(page, ArticlePage)]
        if articles:
            prefetch_renditions([article.cover for article in articles])
            prefetch_sections(articles)
            prefetch_related_objects(articles, "tags")
        return pages

    def detail_view(self, request, pk):
        unknown = set(request.GET) - self.detail_query_parameters
        if unknown:
            raise BadRequestError(
                _("Query parameters not accepted here: %(names)s") % {"names": ", ".join(sorted(unknown))}
            )
        if "page" in request.GET:
            parse_id("page", request.GET["page"])
        self.kwargs["pk"] = parse_id("id", pk)
        # The same for every caller (see get_base_queryset): built once per content version.
        key = f"api-page:{self.kwargs['pk']}:{request.GET.urlencode()}"
        return Response(cached_for_site(request, key, lambda: self.page_data(self.get_object())))

    def find_object(self, queryset, request):
        """Routes ``html_path`` like the site does, whether it arrives raw or percent-encoded."""
        if "html_path" not in request.GET:
            return super().find_object(queryset, request)
        site = Site.find_for_request(request)
        if site is None:
            return None
        components = [part for part in unquote(request.GET["html_path"]).split("/") if part]
        try:
            page = site.root_page.specific.route(request, components).page
        except Http404:
            return None
        return page if queryset.filter(pk=page.pk).exists() else None

    def find_view(self, request):
        """Answer with the page itself: clients need no redirect round trip."""
        try:
            page = self.find_object(self.get_queryset(), request)
        except Page.DoesNotExist:
            page = None
        if page is None:
            raise Http404(_("No page matches."))
        return Response(self.page_data(page.specific))

    def page_data(self, page):
        """Pages without a representation of their own keep Wagtail's serializer."""
        if not isinstance(page, RepresentedPage):
            return self.get_serializer(page).data
        return page_detail(page, self.request)


def page_detail(page, request):
    """The theme's representation of the page with Wagtail's ``meta`` block; previews answer the same."""
    data = page.representation(request)
    data["meta"] = {
        "type": data["type"],
        "detail_url": get_object_detail_url(request.wagtailapi_router, request, Page, page.pk)
        if page.pk
        else None,
        "html_url": absolute_url(request, page.get_url(request)),
        "slug": page.slug,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
        "seo_title": page.seo_title,
        "search_description": page.search_description,
    }
    return data
