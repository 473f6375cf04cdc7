"""The public shape of a search answer (see ``core.schemas``)."""

from datetime import datetime
from typing import Literal, NotRequired

from typing_extensions import TypedDict

from articles.media import Image
from articles.schemas import PageLink, Pagination

from .query import ORDERS, PAGE_TYPES

PageType = Literal[tuple(PAGE_TYPES)]


class SearchResult(PageLink):
    publish_time: datetime | None
    pinned: NotRequired[bool]  # articles only
    featured: NotRequired[bool]
    summary: str
    cover: Image | None
    type: PageType
    section: PageLink
    title_html: str
    snippet: str


class SearchFilters(TypedDict, closed=True):
    section: PageLink | None
    type: list[PageType]
    published_after: datetime | None
    published_before: datetime | None
    order: Literal[ORDERS]


class SearchPagination(Pagination):
    start_index: int
    count_exact: bool


class SearchResults(TypedDict, closed=True):
    query: str
    filters: SearchFilters
    results: list[SearchResult]
    pagination: SearchPagination
