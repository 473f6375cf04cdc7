"""Images, documents and rich text as the API gives them, for blocks and pages alike.

Kept apart from ``representations`` (which reads the page models) so that the blocks, which the
models use, can build their own output.
"""

import re

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from typing_extensions import TypedDict
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

# The only renditions the API and themes ever produce: callers cannot choose filters.
RENDITIONS = {
    "thumbnail": "fill-480x320",
    "small": "width-480",
    "medium": "width-960",
    "large": "width-1600",
}
SRCSET_RENDITIONS = ("small", "medium", "large")
ROOT_RELATIVE_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


class Rendition(TypedDict, closed=True):
    url: str
    width: int
    height: int


Renditions = TypedDict("Renditions", dict.fromkeys(RENDITIONS, Rendition), closed=True)


class Image(TypedDict, closed=True):
    id: int
    title: str
    alt: str
    width: int
    height: int
    url: str
    srcset: str
    renditions: Renditions


class Document(TypedDict, closed=True):
    id: int
    title: str
    url: str
    file_name: str
    extension: str
    size: int | None


def absolute_url(request, url):
    if not url or "://" in url:
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def prefetch_renditions(images):
    """Load the allowed renditions of many images in one query."""
    images = [image for image in images if image is not None]
    Rendition = get_image_model().get_rendition_model()
    prefetch_related_objects(
        images,
        Prefetch(
            "renditions",
            queryset=Rendition.objects.filter(filter_spec__in=RENDITIONS.values()),
            to_attr="prefetched_renditions",
        ),
    )


def image_representation(image, request, alt=None) -> Image | None:
    if image is None:
        return None
    renditions = image.get_renditions(*RENDITIONS.values())
    by_name = {
        name: {
            "url": absolute_url(request, renditions[spec].url),
            "width": renditions[spec].width,
            "height": renditions[spec].height,
        }
        for name, spec in RENDITIONS.items()
    }
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.title if alt is None else alt,
        "width": image.width,
        "height": image.height,
        "url": by_name["medium"]["url"],
        "srcset": ", ".join(
            f"{by_name[name]['url']} {by_name[name]['width']}w" for name in SRCSET_RENDITIONS
        ),
        "renditions": by_name,
    }


def document_representation(document, request, title="") -> Document | None:
    if document is None:
        return None
    return {
        "id": document.pk,
        "title": title or document.title,
        "url": absolute_url(request, document.url),
        "file_name": document.filename,
        "extension": document.file_extension.lower(),
        "size": document.file_size,
    }


def rich_text_html(source, request):
    """Rich text as HTML, with links to pages, documents and images made absolute for API clients."""
    site_root = absolute_url(request, "/")
    return ROOT_RELATIVE_LINK.sub(lambda match: match.group(1) + site_root, expand_db_html(source))
