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

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.models import ArticlePage, SectionPage, StandardPage
from articles.representations import (
    article_item,
    page_link,
    prefetch_renditions,
    prefetch_sections,
    section_of,
)
from core.db import StatementTimeout, statement_timeout
from core.params import BoundedIntegerField, IdField, MomentField, ParameterError, Parameters
from core.visibility import private_q

from .analysis import normalize, query_pieces
from .backends.top import sort_hits

MAX_QUERY_LENGTH = 100
PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
SNIPPET_LENGTH = 120
# Characters of a result's text that its snippet is looked for in: highlighting stays cheap
# whatever the length of the page.
SNIPPET_SCAN_LENGTH = 20_000
PAGE_TYPES = {"articles.ArticlePage": ArticlePage, "articles.StandardPage": StandardPage}
# A page's publish time: an article's own, otherwise when it was first published.
PUBLISHED_FIELDS = {ArticlePage: "publish_time", StandardPage: "first_published_at"}
# Matches counted exactly; a search with more says "more than" this and shows this many.
COUNT_LIMIT = 1000
ORDERS = ("relevance", "newest", "oldest")


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


class SearchParameters(Parameters):
    """The API's parameters: anything else is refused."""

    q = forms.CharField(required=False, strip=True)
    section = IdField()
    type = forms.CharField(required=False)
    published_after = MomentField()
    published_before = MomentField()
    order = forms.ChoiceField(choices=[(order, order) for order in ORDERS], required=False)
    page = IdField()
    page_size = BoundedIntegerField(min_value=1, max_value=MAX_PAGE_SIZE)


class SearchPageParameters(SearchParameters):
    """The theme's search page ignores parameters it does not know (a visitor's tracking tags) and
    takes the empty fields its form sends."""

    also_accepted = None
    empty_accepted = True


def parse_params(params, form=SearchPageParameters, words_required=True):
    """Validate a QueryDict into SearchParams, or raise SearchError with a message for the visitor.

    Keywords without a word (punctuation alone) find nothing; the theme says so instead of searching.
    """
    query = params.get("q", "").strip()
    if not query:
        raise SearchError(_("Enter keywords to search for."), code="empty")
    if len(params["q"]) > MAX_QUERY_LENGTH:
        raise SearchError(
            _("Keywords can be at most %(max)s characters long.") % {"max": MAX_QUERY_LENGTH}, code="too_long"
        )
    if words_required and not query_pieces(query):
        raise SearchError(_("Enter words, numbers or Chinese characters; punctuation alone finds nothing."))
    try:
        values = form.parse(params)
    except ParameterError as error:
        raise SearchError(str(error)) from error
    parsed = SearchParams(
        query=query,
        published_after=values["published_after"],
        published_before=values["published_before"],
        order=values["order"] or ORDERS[0],
        page=values["page"] or 1,
        page_size=values["page_size"] or PAGE_SIZE,
    )
    if values["section"] is not None:
        parsed.section = _section(values["section"])
    if values["type"]:
        parsed.types = _types(values["type"])
    return parsed


def _section(pk):
    section = SectionPage.objects.live().public().filter(pk=pk).first()
    if section is None:
        raise SearchError(_("There is no section with id %(id)s.") % {"id": pk}, code="not_found")
    return section


def _types(value):
    types = list(dict.fromkeys(value.split(",")))
    unknown = [name for name in types if name not in PAGE_TYPES]
    if unknown:
        raise SearchError(_("type must be one or more of: %(values)s.") % {"values": ", ".join(PAGE_TYPES)})
    return types


def _scopes(params):
    """Per page type, its live, public, unexpired pages under the filters, in the requested order.

    Each type is ordered by its own publish time, which an index serves, so that a search for a
    common word can walk the pages in that order; the types' first results are merged afterwards.
    """
    now = timezone.now()
    for name in params.types:
        model = PAGE_TYPES[name]
        published = PUBLISHED_FIELDS[model]
        scope = (
            model.objects.live().exclude(private_q()).filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        )
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
    """The body's prose as sentences, each once: snippets show neither captions nor the title again.

    Only the first ``SNIPPET_SCAN_LENGTH`` characters are read: the blocks after them are not.
    """
    parts, length = [], 0
    for part in page.body.stream_block.prose(page.body):
        parts.append(part[: SNIPPET_SCAN_LENGTH - length])
        length += len(part)
        if length >= SNIPPET_SCAN_LENGTH:
            break
    parts = parts or [getattr(page, "summary", "")]
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
    # With their bodies, unlike other lists: the snippets come from them.
    specific = {page.pk: page for page in ArticlePage.objects.filter(pk__in=ids).select_related("cover")}
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
    """One page of results, within the statement timeout on PostgreSQL (``SEARCH_STATEMENT_TIMEOUT_MS``);
    a search that takes longer is a ``SearchError`` with code ``timeout``."""
    try:
        with statement_timeout(settings.SEARCH_STATEMENT_TIMEOUT_MS):
            return _representation(params, request)
    except StatementTimeout as error:
        raise SearchError(
            _("The search took too long. Try more specific keywords or narrow it to a section."),
            code="timeout",
        ) from error


def _representation(params, request):
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
