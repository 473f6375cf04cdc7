"""The pages endpoint of the v2 API: Wagtail's, answering with the same representation as the theme."""

import hashlib
from urllib.parse import unquote

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.urls import re_path
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from wagtail.api.v2.filters import OrderingFilter
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page, Site

from core.api import NumericIdMixin, PageReferenceField, StrictParametersMixin, WagtailListingParameters
from core.caching import cached_for_site, site_key
from core.params import BooleanParameterField, FieldsParameterField, IdField, MomentField, Parameters
from hits.api import HitsOrderingFilter
from hits.counter import attach_pending, shown_hits
from hits.views import hit

from .media import absolute_url, prefetch_renditions
from .models import ArticlePage, RepresentedPage, SectionPage, private_pages
from .representations import prefetch_sections


class ArticleFilter(BaseFilterBackend):
    """Article filters: section (with its subsections), tag, author, flags and a publish-time range.

    The values come checked by ``PageListingParameters``.
    """

    parameters = ("section", "tag", "author", "pinned", "featured", "published_after", "published_before")

    def filter_queryset(self, request, queryset, view):
        given = [name for name in self.parameters if name in request.GET]
        if not given:
            return queryset
        if not issubclass(queryset.model, ArticlePage):
            raise BadRequestError(
                _("The %(name)s filter needs type=articles.ArticlePage.") % {"name": given[0]}
            )
        params = view.params
        if params["section"] is not None:
            section = SectionPage.objects.filter(pk=params["section"]).first()
            if section is None:
                raise Http404(_("There is no section with id %(id)s.") % {"id": params["section"]})
            queryset = queryset.descendant_of(section)
        if params["tag"]:
            queryset = queryset.filter(tagged_items__tag__name=params["tag"])
        if params["author"]:
            queryset = queryset.filter(author=params["author"])
        for flag in ("pinned", "featured"):
            if params[flag] is not None:
                queryset = queryset.filter(**{flag: params[flag]})
        if params["published_after"] is not None:
            queryset = queryset.filter(publish_time__gte=params["published_after"])
        if params["published_before"] is not None:
            queryset = queryset.filter(publish_time__lt=params["published_before"])
        return queryset


PAGE_REFERENCES = ("child_of", "descendant_of", "ancestor_of", "translation_of")


class PageListingParameters(WagtailListingParameters):
    type = forms.CharField(required=False)
    child_of = PageReferenceField(required=False)
    descendant_of = PageReferenceField(required=False)
    ancestor_of = IdField()
    translation_of = IdField()
    locale = forms.CharField(required=False)
    section = IdField()
    tag = forms.CharField(required=False)
    author = forms.CharField(required=False)
    pinned = BooleanParameterField()
    featured = BooleanParameterField()
    published_after = MomentField()
    published_before = MomentField()


class PageDetailParameters(Parameters):
    fields = FieldsParameterField()
    page = IdField()


class PageFindParameters(Parameters):
    html_path = forms.CharField(required=False)
    id = IdField()
    page = IdField()


def query_digest(request):
    """The query string as a short cache-key part (query strings can be long and hold any character)."""
    return hashlib.sha256(request.GET.urlencode().encode()).hexdigest()


class PortalPagesAPIViewSet(StrictParametersMixin, NumericIdMixin, PagesAPIViewSet):
    """Pages: details are the theme's representation; article listings filter and prefetch in bulk."""

    parameters = {
        "listing_view": PageListingParameters,
        "detail_view": PageDetailParameters,
        "find_view": PageFindParameters,
    }

    filter_backends = [
        ArticleFilter,
        *(
            HitsOrderingFilter if backend is OrderingFilter else backend
            for backend in PagesAPIViewSet.filter_backends
        ),
    ]
    known_query_parameters = (PagesAPIViewSet.known_query_parameters - {"site"}).union(
        ArticleFilter.parameters
    )
    found = None  # the page get_object() found for this request

    @classmethod
    def get_urlpatterns(cls):
        return [re_path(r"^(?P<pk>[^/]+)/hit/$", hit, name="hit"), *super().get_urlpatterns()]

    def get_base_queryset(self):
        """Live pages of the requesting site outside private sections, the same for every caller.

        Wagtail's version lets a session unlock private pages; answers here are publicly cacheable.
        """
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        return Page.objects.live().exclude(private_pages()).descendant_of(site.root_page, inclusive=True)

    def check_query_parameters(self, queryset):
        """Filters naming a page that is not public are a 404, like the page itself."""
        super().check_query_parameters(queryset)
        for name in PAGE_REFERENCES:
            pk = self.params[name]
            if isinstance(pk, int) and not self.get_base_queryset().filter(pk=pk).exists():
                raise Http404(_("There is no page with id %(id)s.") % {"id": pk})

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset.model is ArticlePage:
            queryset = queryset.select_related("cover").order_by("-pinned", "-publish_time", "-pk")
        return queryset

    def get_object(self):
        """The specific page, with an article's cover joined (Wagtail's loads it without, after the
        base page); looked up once per request, as Wagtail's is."""
        if self.found is None:
            page = get_object_or_404(self.filter_queryset(self.get_queryset()), pk=self.kwargs["pk"])
            self.check_object_permissions(self.request, page)
            queryset = page.specific_class.objects.filter(pk=page.pk)
            if page.specific_class is ArticlePage:
                queryset = queryset.select_related("cover")
            self.found = queryset.get()
        return self.found

    def paginate_queryset(self, queryset):
        pages = list(super().paginate_queryset(queryset))
        articles = [page for page in pages if isinstance(page, ArticlePage)]
        if articles:
            prefetch_renditions([article.cover for article in articles])
            prefetch_sections(articles)
            prefetch_related_objects(articles, "tags")
            attach_pending(articles)
        return pages

    def listing_view(self, request, *args, **kwargs):
        """Built once per content version (the same for every caller, see get_base_queryset), unless
        it shows or orders by views: those move without a content change."""
        key = site_key(request, f"api-list:{query_digest(request)}")
        data = cache.get(key)
        if data is not None:
            return Response(data)
        response = super().listing_view(request, *args, **kwargs)
        shows_views = "hits" in request.GET.get("order", "") or any(
            "hits" in item for item in response.data["items"]
        )
        if not shows_views:
            cache.set(key, response.data, timeout=settings.SITE_DATA_CACHE_SECONDS)
        return response

    def detail_view(self, request, pk):
        def build():
            page = self.get_object()
            if "fields" in request.GET:
                # Names in ``fields`` must be the page type's API fields, as on listings (a 400
                # otherwise); a detail still answers the whole representation.
                self.get_serializer_class()
            return self.page_data(page)

        # The same for every caller (see get_base_queryset): built once per content version.
        key = f"api-page:{self.kwargs['pk']}:{query_digest(request)}"
        data = cached_for_site(request, key, build)
        if data.get("type") == "articles.ArticlePage":
            # Views are counted without a content change, so the cached detail gets the current count.
            data = {**data, "hits": shown_hits(data["id"])}
        return Response(data)

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
