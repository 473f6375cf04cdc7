"""The public shapes of Wagtail's image and document endpoints (see ``core.schemas``).

Wagtail's serializers decide these: ``fields`` adds or removes any key (``_`` all of them), so they
stay open and nothing is required.
"""

from typing_extensions import TypedDict

from articles.schemas import ListingMeta


class ResourceMeta(TypedDict, total=False):
    type: str
    detail_url: str
    tags: list[str]
    download_url: str


class DocumentResource(TypedDict, total=False):
    id: int
    meta: ResourceMeta
    title: str


class ImageResource(DocumentResource, total=False):
    width: int
    height: int


class ImageListing(TypedDict, closed=True):
    meta: ListingMeta
    items: list[ImageResource]


class DocumentListing(TypedDict, closed=True):
    meta: ListingMeta
    items: list[DocumentResource]
