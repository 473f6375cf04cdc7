"""The theme's search page, rendering the same data as ``/api/v2/search/``."""

import math

from django.shortcuts import render
from django.utils.translation import gettext as _

from articles.models import SectionPage
from core.caching import cached_for_site
from core.throttling import SearchThrottle
from core.visibility import private_q

from .query import (
    MAX_QUERY_LENGTH,
    PAGE_TYPES,
    SearchError,
    parse_params,
    search_representation,
)

SECTION_DEPTH = 3  # top-level sections sit below the root and the home page


def search(request):
    """Results for valid parameters; the form alone for an empty query; the form and a message otherwise."""
    context = {"query": request.GET.get("q", "").strip(), "data": None, "error": None}
    status = 200
    try:
        params = parse_params(request.GET)
        throttle = SearchThrottle()
        if not throttle.allow_request(request, None):
            context["error"], status = _("Too many searches from your address; please wait a minute."), 429
        else:
            context["data"] = search_representation(params, request)
    except SearchError as error:
        if error.code == "timeout":
            context["error"], status = str(error), 503
        elif error.code != "empty":
            context["error"], status = str(error), 400
    other_params = request.GET.copy()
    other_params.pop("page", None)
    context["page_prefix"] = f"?{other_params.urlencode()}&page="
    context["form"] = form_options(request)
    context["max_query_length"] = MAX_QUERY_LENGTH
    response = render(request, "search/search.html", context, status=status)
    if status == 429 and throttle.wait():
        response["Retry-After"] = str(math.ceil(throttle.wait()))
    return response


def section_options():
    """The sections to search in, built once per content version."""
    sections = SectionPage.objects.live().exclude(private_q()).order_by("path").only("title", "depth")
    return [
        {"id": section.pk, "label": "— " * (section.depth - SECTION_DEPTH) + section.title}
        for section in sections
    ]


def form_options(request):
    """The filter choices, with the visitor's current values."""
    get = request.GET.get
    return {
        "sections": cached_for_site(request, "search-sections", section_options),
        "section": get("section", ""),
        "types": [{"value": name, "label": model._meta.verbose_name} for name, model in PAGE_TYPES.items()],
        "type": get("type", ""),
        "orders": [
            {"value": "relevance", "label": _("Most relevant")},
            {"value": "newest", "label": _("Newest first")},
            {"value": "oldest", "label": _("Oldest first")},
        ],
        "order": get("order", "relevance"),
        "published_after": get("published_after", ""),
        "published_before": get("published_before", ""),
    }
