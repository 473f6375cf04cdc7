"""Site search as data: the theme's search page and ``/api/v2/search/`` render the same dict.

Parameters (all optional except ``q``): ``section`` (a section id; its subsections count too),
``type`` (comma-separated page types), ``published_after`` / ``published_before`` (ISO dates or
date-times in the site's time zone; after is inclusive, before exclusive), ``order``
(``relevance``, ``newest`` or ``oldest``), ``page`` and ``page_size``.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.api.v2.utils import BadRequestError

from articles.api import parse_time
from articles.models import ArticlePage, SectionPage, StandardPage
from articles.representations import (
    article_item,
    load_articles,
    page_link,
    prefetch_renditions,
    prefetch_sections,
    section_of,
)

from .analysis import normalize, query_pieces
from .backends.top import sort_hits

MAX_QUERY_LENGTH = 100
PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
SNIPPET_LENGTH = 120
PAGE_TYPES = {"articles.ArticlePage": ArticlePage, "articles.StandardPage": StandardPage}
# A page's publish time: an article's own, otherwise when it was first published.
PUBLISHED_FIELDS = {ArticlePage: "publish_time", StandardPage: "first_published_at"}
# Matches counted exactly; a search with more says "more than" this and shows this many.
COUNT_LIMIT = 1000
ORDERS = ("relevance", "newest", "oldest")
PARAMETERS = ("q", "section", "type", "published_after", "published_before", "order", "page", "page_size")


class SearchError(ValueError):
    """Parameters that cannot be searched; ``code`` lets the theme stay quiet about an empty query."""

    def __init__(self, message, code="invalid"):
        super().__init__(message)
        self.code = code


@dataclass
class SearchParams:
    query: str
    section: SectionPage | None = None
    types: list = field(default_factory=lambda: list(PAGE_TYPES))
    published_after: datetime | None = None
    published_before: datetime | None = None
    order: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE


def parse_params(params):
    """Validate a QueryDict into SearchParams, or raise SearchError with a message for the visitor."""
    query = params.get("q", "").strip()
    if not query:
        raise SearchError(_("Enter keywords to search for."), code="empty")
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchError(
            _("Keywords can be at most %(max)s characters long.") % {"max": MAX_QUERY_LENGTH}, code="too_long"
        )
    if not query_pieces(query):
        raise SearchError(_("Enter words, numbers or Chinese characters; punctuation alone finds nothing."))
    parsed = SearchParams(query=query)
    if params.get("page"):
        if not params["page"].isdigit() or int(params["page"]) < 1:
            raise SearchError(_("page must be a positive whole number."))
        parsed.page = int(params["page"])
    if params.get("section"):
        parsed.section = _section(params["section"])
    if params.get("type"):
        parsed.types = _types(params["type"])
    for name in ("published_after", "published_before"):
        if params.get(name):
            setattr(parsed, name, _moment(name, params[name]))
    if params.get("order"):
        if params["order"] not in ORDERS:
            raise SearchError(_("order must be one of: %(values)s.") % {"values": ", ".join(ORDERS)})
        parsed.order = params["order"]
    if params.get("page_size"):
        size = params["page_size"]
        if not size.isdigit() or not 1 <= int(size) <= MAX_PAGE_SIZE:
            message = _("page_size must be a whole number from 1 to %(max)s.")
            raise SearchError(message % {"max": MAX_PAGE_SIZE})
        parsed.page_size = int(size)
    return parsed


def _section(value):
    section = SectionPage.objects.live().public().filter(pk=int(value)).first() if value.isdigit() else None
    if section is None:
        raise SearchError(_("There is no section with id %(id)s.") % {"id": value})
    return section


def _types(value):
    types = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in types if name not in PAGE_TYPES]
    if unknown or not types:
        raise SearchError(_("type must be one or more of: %(values)s.") % {"values": ", ".join(PAGE_TYPES)})
    return types


def _moment(name, value):
    try:
        return parse_time(name, value)
    except BadRequestError as error:
        raise SearchError(str(error)) from error


def _scopes(params):
    """Per page type, its live, public, unexpired pages under the filters, in the requested order.

    Each type is ordered by its own publish time, which an index serves, so that a search for a
    common word can walk the pages in that order; the types' first results are merged afterwards.
    """
    now = timezone.now()
    for name in params.types:
        model = PAGE_TYPES[name]
        published = PUBLISHED_FIELDS[model]
        scope = model.objects.live().public().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        if params.section is not None:
            scope = scope.descendant_of(params.section)
        if params.published_after is not None:
            scope = scope.filter(**{f"{published}__gte": params.published_after})
        if params.published_before is not None:
            scope = scope.filter(**{f"{published}__lt": params.published_before})
        order = [published, "id"] if params.order == "oldest" else [f"-{published}", "-id"]
        yield scope.order_by(*order)


def matching_pages(params, stop):
    """The ids of the first ``stop`` matching pages in order, and their number counted up to
    ``COUNT_LIMIT + 1``."""
    relevance = params.order == "relevance"
    hits, count = [], 0
    for scope in _scopes(params):
        found, matches = scope.search(params.query, operator="and", order_by_relevance=relevance).top(
            stop, COUNT_LIMIT
        )
        hits += found
        count += matches
    fields = [("published", params.order != "oldest"), ("pk", params.order != "oldest")]
    return [hit.pk for hit in sort_hits(hits, fields, relevance)[:stop]], min(count, COUNT_LIMIT + 1)


def _normalized(text):
    """Normalised text, and for each of its characters the index of the character it came from."""
    normalized = normalize(text)
    if len(normalized) == len(text):
        return normalized, range(len(text))
    # Normalising changed lengths (ligatures, ß): map character by character.
    pairs = [(char, index) for index, original in enumerate(text) for char in normalize(original)]
    return "".join(char for char, _ in pairs), [index for _, index in pairs]


def highlight(text, pieces):
    """Escaped text with ``<mark>`` around the pieces."""
    normalized, origin = _normalized(text)
    spans = sorted(
        (origin[match.start()], origin[match.end() - 1] + 1)
        for piece in pieces
        for match in re.finditer(piece.pattern, normalized)
    )
    html, position = [], 0
    for span_start, span_end in spans:
        span_start = max(span_start, position)
        if span_start < span_end:
            marked = escape(text[span_start:span_end])
            html += [escape(text[position:span_start]), f"<mark>{marked}</mark>"]
            position = span_end
    html.append(escape(text[position:]))
    return mark_safe("".join(html))


SENTENCE_END = re.compile(r"(?<=[。！？!?；;…])\s*|\n+|(?<=[.])\s+")
CLAUSE_START = re.compile(r"(?<=[，、：,:])")


def _sentences(page):
    """The body's prose as sentences, each once: snippets show neither captions nor the title again."""
    parts = page.body.stream_block.prose(page.body) or [getattr(page, "summary", "")]
    sentences = (sentence.strip() for part in parts for sentence in SENTENCE_END.split(part))
    return list(dict.fromkeys(sentence for sentence in sentences if sentence))


def snippet(sentences, pieces, length=SNIPPET_LENGTH):
    """About ``length`` characters of the prose from the start of the sentence with the first match
    (or of a clause in it, when the match lies deep in a long sentence), with the matches marked."""
    text = " ".join(sentences)
    normalized, origin = _normalized(text)
    matches = [origin[match.start()] for piece in pieces for match in re.finditer(piece.pattern, normalized)]
    first = min(matches, default=0)
    start, lead = 0, ""
    for sentence_start in _starts(sentences):
        if sentence_start > first:
            break
        start = sentence_start
    if first - start > length // 2:
        clauses = [
            m.start() for m in CLAUSE_START.finditer(text, start, first) if first - m.start() <= length // 2
        ]
        start, lead = (clauses[0], "…") if clauses else (max(start, first - length // 3), "…")
    end = min(len(text), start + length)
    return mark_safe(lead + highlight(text[start:end], pieces) + "…" * (end < len(text)))


def _starts(sentences):
    position = 0
    for sentence in sentences:
        yield position
        position += len(sentence) + 1


def _items(ids, pieces, request):
    specific = {page.pk: page for page in load_articles(ArticlePage.objects.filter(pk__in=ids))}
    if len(specific) < len(ids):
        specific.update({page.pk: page for page in StandardPage.objects.filter(pk__in=ids)})
    ordered = [specific[pk] for pk in ids if pk in specific]
    prefetch_renditions([getattr(page, "cover", None) for page in ordered])
    prefetch_sections(ordered)
    return [_item(page, pieces, request) for page in ordered]


def _item(page, pieces, request):
    if isinstance(page, ArticlePage):
        item = article_item(page, request)
    else:
        published = page.first_published_at
        item = {
            **page_link(page, request),
            "publish_time": timezone.localtime(published) if published else None,
            "summary": "",
            "cover": None,
        }
    return {
        **item,
        "type": page._meta.label,
        "section": page_link(section_of(page), request),
        "title_html": highlight(page.title, pieces),
        "snippet": snippet(_sentences(page), pieces),
    }


def search_representation(params, request):
    """One page of results for valid ``SearchParams``, with pagination like the section lists.

    Matches are counted exactly up to ``COUNT_LIMIT``; beyond it the count says "more than" and
    the pages stop there, as search engines do, since counting every match of a common word means
    visiting every page that has it.
    """
    requested = min(params.page, math.ceil(COUNT_LIMIT / params.page_size))
    ids, count = matching_pages(params, requested * params.page_size)
    counted = min(count, COUNT_LIMIT)
    num_pages = max(1, math.ceil(counted / params.page_size))
    number = min(requested, num_pages)
    if number < requested:
        ids, count = matching_pages(params, number * params.page_size)
    start = (number - 1) * params.page_size
    page_ids = ids[start : start + params.page_size]
    pieces = query_pieces(params.query)
    return {
        "query": params.query,
        "filters": {
            "section": page_link(params.section, request) if params.section else None,
            "type": params.types,
            "published_after": params.published_after,
            "published_before": params.published_before,
            "order": params.order,
        },
        "results": _items(page_ids, pieces, request),
        "pagination": {
            "page": number,
            "num_pages": num_pages,
            "count": counted,
            "count_exact": count <= COUNT_LIMIT,
            "start_index": start + 1 if page_ids else 0,
            "page_size": params.page_size,
            "previous_page": number - 1 if number > 1 else None,
            "next_page": number + 1 if number < num_pages else None,
        },
    }
