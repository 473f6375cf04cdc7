"""The public shapes of pages and of what they are made of (see ``core.schemas``).

The representations in ``representations`` and ``seo`` build these; each block declares its own value
(``value_schema``), and ``Block`` joins them.
"""

from datetime import datetime
from typing import Annotated, Literal, Union

from pydantic import Field
from typing_extensions import TypeAliasType, TypedDict

from .blocks import BodyBlock
from .media import Image


class PageLink(TypedDict, closed=True):
    id: int
    title: str
    url: str | None  # a page outside every site has no URL


class Neighbour(PageLink):
    publish_time: datetime


class ArticleItem(PageLink):
    publish_time: datetime
    pinned: bool
    featured: bool
    summary: str
    cover: Image | None


class PopularItem(PageLink):
    publish_time: datetime
    hits: int


class Pagination(TypedDict, closed=True):
    page: int
    num_pages: int
    count: int
    page_size: int
    previous_page: int | None
    next_page: int | None


OpenGraph = TypedDict(
    "OpenGraph",
    {"og:title": str, "og:type": Literal["website", "article"], "og:url": str | None, "og:site_name": str},
    extra_items=str | None,
)
OpenGraph.__doc__ = "Open Graph properties: og:title, og:type, og:url, og:image…"
JsonLd = TypedDict(
    "JsonLd", {"@context": Literal["https://schema.org"], "@type": Literal["NewsArticle", "WebSite"]}
)
JsonLd.__doc__ = "schema.org: NewsArticle (articles), WebSite (home page)"


class Feed(TypedDict, closed=True):
    title: str
    url: str


class Seo(TypedDict, closed=True):
    """What search engines, feeds and link previews read, as in the theme's <head>."""

    title: str
    description: str
    canonical_url: str | None
    open_graph: OpenGraph
    feeds: list[Feed]
    json_ld: JsonLd | None


class PageMeta(TypedDict, closed=True):
    """Wagtail's own fields of a page detail."""

    type: str
    detail_url: str | None
    html_url: str | None
    slug: str
    first_published_at: datetime | None
    last_published_at: datetime | None
    seo_title: str
    search_description: str


def block_shape(name, block):
    """A body block as the API gives it: its type, its id and the value its block class declares."""
    return TypedDict(
        f"{name.title().replace('_', '')}Block",
        {"type": Literal[name], "id": str, "value": block.value_schema},
        closed=True,
    )


Block = TypeAliasType(
    "Block",
    Annotated[
        Union[tuple(block_shape(name, block) for name, block in BodyBlock.base_blocks.items())],  # noqa: UP007
        Field(discriminator="type"),
    ],
)


class PageFields(TypedDict):
    """The keys every page representation has."""

    id: int
    title: str
    url: str | None
    seo: Seo


class Detail(TypedDict):
    meta: PageMeta


class ArticleFields(TypedDict):
    """An article's own fields, which page listings also give with ``type=articles.ArticlePage``."""

    subtitle: str
    publish_time: datetime
    author: str
    source: str
    hits: int
    summary: str
    tags: list[str]
    pinned: bool
    featured: bool
    cover: Image | None
    section: PageLink


class Article(PageFields, ArticleFields, Detail, closed=True):
    type: Literal["articles.ArticlePage"]
    body: list[Block]
    breadcrumbs: list[PageLink]
    previous: Neighbour | None
    next: Neighbour | None
    latest: list[ArticleItem]


class Section(PageFields, Detail, closed=True):
    type: Literal["articles.SectionPage"]
    intro: str
    breadcrumbs: list[PageLink]
    children: list[PageLink]
    articles: list[ArticleItem]
    popular: list[PopularItem]
    pagination: Pagination


class StandardPage(PageFields, Detail, closed=True):
    type: Literal["articles.StandardPage"]
    breadcrumbs: list[PageLink]
    body: list[Block]


class Hits(TypedDict, closed=True):
    id: int
    hits: int


class PageItemMeta(TypedDict, total=False):
    type: str
    detail_url: str
    html_url: str | None
    slug: str
    first_published_at: datetime | None
    show_in_menus: bool
    seo_title: str
    search_description: str
    alias_of: dict | None
    locale: str


# An item of Wagtail's page listing: ``fields`` adds or removes any key (``_`` all of them), so it
# stays open and nothing is required.
PageItem = TypedDict(
    "PageItem",
    {"id": int, "meta": PageItemMeta, "title": str, **ArticleFields.__annotations__},
    total=False,
)


class ListingMeta(TypedDict, closed=True):
    total_count: int


class PageListing(TypedDict, closed=True):
    meta: ListingMeta
    items: list[PageItem]
