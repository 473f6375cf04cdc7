"""The OpenAPI 3.1 document of the public API, served at ``/api/schema/`` and shown at ``/api/docs/``.

Wagtail's endpoints decide their answers at run time (``fields``, page types, our representations),
so drf-spectacular cannot introspect them. The schemas are generated from the shapes the apps
declare (``articles.schemas``, ``home.schemas``, ``search.schemas``, ``cms.schemas``; each body block
declares its value); the paths, parameters and descriptions are written here after the API router.
Tests validate real answers against this document, so drift between the two fails them.
"""

from typing import Annotated, Union
from urllib.parse import unquote

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.generators import SchemaGenerator
from pydantic import Field
from typing_extensions import TypeAliasType
from wagtail.models import Page, get_page_models
from wagtail_headless_preview.models import HeadlessPreviewMixin

from articles.api import PortalPagesAPIViewSet
from articles.schemas import Article, Hits, PageListing, Section, StandardPage
from cms.api import PortalDocumentsAPIViewSet, PortalImagesAPIViewSet, api_router
from cms.schemas import DocumentListing, ImageListing
from core.api import MAX_SEARCH_LENGTH
from core.params import MAX_INTEGER
from core.schemas import REF_TEMPLATE, Error, Throttled, component_schemas
from home.api import MAX_NAVIGATION_DEPTH
from home.representations import NAVIGATION_DEPTH
from home.schemas import HomePage, Site
from search.query import MAX_PAGE_SIZE, MAX_QUERY_LENGTH, ORDERS, PAGE_SIZE, PAGE_TYPES
from search.schemas import SearchResults

TITLE = gettext_lazy("News portal API")
API_VERSION = "2"
WAGTAIL_PAGE_SIZE = 20  # Wagtail's listings answer this many items without ``limit``

PageDetail = TypeAliasType(
    "PageDetail",
    Annotated[Union[Article, Section, StandardPage, HomePage], Field(discriminator="type")],  # noqa: UP007
)
SCHEMAS = component_schemas(
    PageDetail, PageListing, Hits, ImageListing, DocumentListing, Site, SearchResults, Error, Throttled
)
PAGE_TYPES_DETAILED = list(SCHEMAS["PageDetail"]["discriminator"]["mapping"])

# Parameters as the API checks them (core.params): ids from 1 to MAX_INTEGER, text without NUL,
# dates or date-times (a moment beyond the calendar counts as no bound).
ID = {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER}
MOMENT = {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]}
BOOLEAN = {"type": "boolean"}
# Python's whitespace, which the search strips from keywords.
BLANK = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"


def text(max_length=None, pattern="^[^\\x00]+$"):
    """A parameter's text: not empty, no NUL characters."""
    schema = {"type": "string", "minLength": 1, "pattern": pattern}
    return schema if max_length is None else {**schema, "maxLength": max_length}


def names_pattern(names):
    """Wagtail's ``fields``: names, ``-name`` removing one; ``*`` (all) then removals; ``_`` (none)
    then names."""
    name = f"({'|'.join(names)})"
    return f"^(\\*(,-{name})*|_(,{name})*|-?{name}(,-?{name})*)$"


def ref(name):
    return {"$ref": REF_TEMPLATE.format(model=name)}


def query(name, description, schema, required=False):
    return {"name": name, "in": "query", "description": description, "required": required, "schema": schema}


def answer(description, schema_name):
    return {"description": description, "content": {"application/json": {"schema": ref(schema_name)}}}


def errors(*statuses):
    """Wagtail's and our views answer bad input and unknown objects as ``{"message": ...}``."""
    descriptions = {
        "400": _("Bad parameters; the message says which and why."),
        "404": _("Nothing matches; the message says so."),
        "503": _("The search took too long; the message suggests narrowing it."),
    }
    return {status: answer(descriptions[status], "Error") for status in statuses}


def throttled(description):
    return {"429": answer(description, "Throttled")}


SEARCH_LIMITS = {
    **errors("503"),
    **throttled(_("Too many searches from this client; try again later.")),
}


def id_in_path():
    return {
        "name": "id",
        "in": "path",
        "required": True,
        "description": _("Id of the item."),
        "schema": ID,
    }


def wagtail_listing_parameters(viewset, model):
    """Wagtail's listing operations, with the names its ``fields`` and ``order`` take for ``model``
    (a page listing with ``type`` takes that type's names too)."""
    fields = [
        name
        for name in dict.fromkeys(viewset.get_body_fields_names(model) + viewset.get_meta_fields_names(model))
        if name not in viewset.detail_only_fields
    ]
    orderable = [
        name
        for name in viewset.get_available_fields(model, db_fields_only=True)
        if not model._meta.get_field(name).many_to_many
    ]
    return [
        query(
            "fields",
            _("Comma-separated fields to add (name), remove (-name) or all (*)."),
            text(pattern=names_pattern(fields)),
        ),
        query(
            "limit",
            _("Items per answer, at most %(max)s.") % {"max": settings.WAGTAILAPI_LIMIT_MAX},
            {
                "type": "integer",
                "minimum": 1,
                "maximum": settings.WAGTAILAPI_LIMIT_MAX,
                "default": WAGTAIL_PAGE_SIZE,
            },
        ),
        query(
            "offset",
            _("Items to skip."),
            {"type": "integer", "minimum": 0, "maximum": MAX_INTEGER, "default": 0},
        ),
        query(
            "order",
            _("A field to order by, -field for descending, or random (not with offset)."),
            {"enum": [*orderable, *(f"-{name}" for name in orderable), "random"]},
        ),
        query("search", _("Full-text search terms."), text(MAX_SEARCH_LENGTH)),
        query("search_operator", _("How search terms combine."), {"enum": ["and", "or"]}),
    ]


def time_range_parameters():
    return [
        query(
            "published_after",
            _("Published at or after this ISO 8601 date or date-time (site time zone without an offset)."),
            MOMENT,
        ),
        query(
            "published_before",
            _("Published before this ISO 8601 date or date-time (site time zone without an offset)."),
            MOMENT,
        ),
    ]


def section_parameter():
    return query("section", _("Only pages in this section or its subsections."), ID)


def page_operations():
    page_id = _("Id of a page, or root.")
    page_or_root = {"anyOf": [ID, {"enum": ["root"]}]}
    previewable = [
        model._meta.label_lower for model in get_page_models() if issubclass(model, HeadlessPreviewMixin)
    ]
    return {
        ("pages", "listing"): {
            "get": {
                "summary": _("List pages"),
                "description": _(
                    "Wagtail's page listing. The article filters and fields need type=articles.ArticlePage; "
                    "child_of and descendant_of exclude each other, as do random order and offset, and "
                    "searching orders only by indexed fields."
                ),
                "parameters": [
                    query(
                        "type",
                        _("Page type as app_label.ModelName, e.g. articles.ArticlePage."),
                        {"enum": PAGE_TYPES_DETAILED},
                    ),
                    *wagtail_listing_parameters(PortalPagesAPIViewSet, Page),
                    query("child_of", page_id, page_or_root),
                    query("descendant_of", page_id, page_or_root),
                    query("ancestor_of", _("Id of a page."), ID),
                    query(
                        "locale",
                        _("A language code, e.g. zh-hans."),
                        {"enum": [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]},
                    ),
                    query("translation_of", _("Id of a page."), ID),
                    section_parameter(),
                    query("tag", _("Only articles with this tag."), text()),
                    query("author", _("Only articles by this author."), text()),
                    query("pinned", _("Only pinned (true) or other (false) articles."), BOOLEAN),
                    query("featured", _("Only featured (true) or other (false) articles."), BOOLEAN),
                    *time_range_parameters(),
                ],
                "responses": {
                    "200": answer(_("One page of results."), "PageListing"),
                    **errors("400", "404"),
                    **SEARCH_LIMITS,
                },
            }
        },
        ("pages", "detail"): {
            "get": {
                "summary": _("A page"),
                "description": _(
                    "The page as the site shows it, with Wagtail's meta; the shape follows its type."
                ),
                "parameters": [
                    id_in_path(),
                    query("page", _("Sections: page number of the article list."), ID),
                ],
                "responses": {"200": answer(_("The page."), "PageDetail"), **errors("400", "404")},
            }
        },
        ("pages", "find"): {
            "get": {
                "summary": _("Find a page by its path"),
                "parameters": [
                    query("html_path", _("The page's path on the site, e.g. /news/."), text()),
                    query("id", _("Id of the item."), ID),
                    query("page", _("Sections: page number of the article list."), ID),
                ],
                "responses": {"200": answer(_("The page."), "PageDetail"), **errors("400", "404")},
            }
        },
        ("pages", "hit"): {
            "post": {
                "summary": _("Count a view of an article"),
                "description": _("For headless frontends; each client may count a few views a minute."),
                "parameters": [id_in_path()],
                "responses": {
                    "200": answer(_("The article's new count."), "Hits"),
                    **errors("400", "404"),
                    **throttled(_("Too many views counted; try again later.")),
                },
            }
        },
        ("page_preview", "detail"): {
            "get": {
                "summary": _("A draft being previewed"),
                "description": _(
                    "The parameters come from the preview link the admin opens in the frontend."
                ),
                "parameters": [
                    query(
                        "content_type",
                        _("The page type, e.g. articles.articlepage."),
                        {"enum": previewable},
                        True,
                    ),
                    query("token", _("The preview token."), text(), True),
                ],
                "responses": {"200": answer(_("The page."), "PageDetail"), **errors("400", "404")},
            }
        },
    }


def wagtail_operations(endpoint, viewset, resource, summaries):
    """Wagtail's images and documents endpoints, alike but for the resource and the summaries."""
    listing_summary, detail_summary, find_summary = summaries
    return {
        (endpoint, "listing"): {
            "get": {
                "summary": listing_summary,
                "parameters": wagtail_listing_parameters(viewset, viewset.model),
                "responses": {
                    "200": answer(_("One page of results."), f"{resource}Listing"),
                    **errors("400"),
                    **SEARCH_LIMITS,
                },
            }
        },
        (endpoint, "detail"): {
            "get": {
                "summary": detail_summary,
                "parameters": [id_in_path()],
                "responses": {"200": answer(_("The item."), f"{resource}Resource"), **errors("400", "404")},
            }
        },
        (endpoint, "find"): {
            "get": {
                "summary": find_summary,
                "parameters": [query("id", _("Id of the item."), ID, True)],
                "responses": {
                    "302": {"description": _("Redirects to the item's detail URL.")},
                    **errors("400", "404"),
                },
            }
        },
    }


def site_operations():
    return {
        ("site", "detail"): {
            "get": {
                "summary": _("Site settings, navigation and home page lists"),
                "parameters": [
                    query(
                        "depth",
                        _("Levels of navigation, 1 to %(max)s.") % {"max": MAX_NAVIGATION_DEPTH},
                        {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": MAX_NAVIGATION_DEPTH,
                            "default": NAVIGATION_DEPTH,
                        },
                    )
                ],
                "responses": {"200": answer(_("The site."), "Site"), **errors("400", "404")},
            }
        }
    }


def search_operations():
    types = "|".join(name.replace(".", "\\.") for name in PAGE_TYPES)
    return {
        ("search", "listing"): {
            "get": {
                "summary": _("Search pages"),
                "parameters": [
                    query(
                        "q",
                        _("Keywords, at most %(max)s characters.") % {"max": MAX_QUERY_LENGTH},
                        text(MAX_QUERY_LENGTH, pattern=f"^[^\\x00]*[^{BLANK}\\x00][^\\x00]*$"),
                        True,
                    ),
                    section_parameter(),
                    query(
                        "type",
                        _("Comma-separated page types: %(types)s.") % {"types": ", ".join(PAGE_TYPES)},
                        text(pattern=f"^({types})(,({types}))?$"),
                    ),
                    *time_range_parameters(),
                    query("order", _("Result order."), {"enum": list(ORDERS), "default": ORDERS[0]}),
                    query("page", _("Page number of the results."), ID),
                    query(
                        "page_size",
                        _("Results per page, 1 to %(max)s.") % {"max": MAX_PAGE_SIZE},
                        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE},
                    ),
                ],
                "responses": {
                    "200": answer(_("One page of results."), "SearchResults"),
                    **errors("400", "404"),
                    **SEARCH_LIMITS,
                },
            }
        }
    }


def operations():
    """(endpoint, URL name) to {method: operation}; built per request, so descriptions are translated."""
    return {
        **page_operations(),
        **wagtail_operations(
            "images",
            PortalImagesAPIViewSet,
            "Image",
            (_("List images"), _("An image"), _("Find an image by id")),
        ),
        **wagtail_operations(
            "documents",
            PortalDocumentsAPIViewSet,
            "Document",
            (_("List documents"), _("A document"), _("Find a document by id")),
        ),
        **site_operations(),
        **search_operations(),
    }


def paths():
    """The documented URLs of the API router, where the site mounts it, tagged by endpoint."""
    documented = operations()
    found = {}
    for endpoint in api_router.get_urlpatterns():
        for pattern in endpoint.url_patterns:
            key = (endpoint.namespace, pattern.name)
            if key not in documented:
                continue  # tests fail on an undocumented endpoint; the document still serves
            kwargs = {"pk": "{id}"} if "pk" in pattern.pattern.regex.groupindex else {}
            url = unquote(reverse(f"{api_router.url_namespace}:{key[0]}:{key[1]}", kwargs=kwargs))
            found[url] = {
                method: {"operationId": "_".join(key), "tags": [key[0]], **operation}
                for method, operation in documented[key].items()
            }
    return found


def document():
    return {
        "openapi": "3.1.0",
        "info": {
            "title": str(TITLE),
            "version": API_VERSION,
            "description": _(
                "The portal's public API. Answers are cached by browsers and proxies "
                "(ETag, Last-Modified); errors are JSON with a message."
            ),
        },
        "paths": paths(),
        "components": {"schemas": SCHEMAS},
    }


class PortalSchemaGenerator(SchemaGenerator):
    """drf-spectacular's views and ``manage.py spectacular`` serve ``document()``; nothing is introspected."""

    def get_schema(self, request=None, public=False):
        return document()
