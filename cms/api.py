"""The API router: Wagtail's v2 endpoints, extended by each app's own `api.py`."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from articles.api import PortalPagesAPIViewSet
from articles.preview import PagePreviewAPIViewSet
from core.api import (
    NumericIdMixin,
    StrictParametersMixin,
    WagtailDetailParameters,
    WagtailFindParameters,
    WagtailListingParameters,
)
from home.api import SiteAPIViewSet
from search.api import SearchAPIViewSet

WAGTAIL_PARAMETERS = {
    "listing_view": WagtailListingParameters,
    "detail_view": WagtailDetailParameters,
    "find_view": WagtailFindParameters,
}


class PortalImagesAPIViewSet(StrictParametersMixin, NumericIdMixin, ImagesAPIViewSet):
    parameters = WAGTAIL_PARAMETERS


class PortalDocumentsAPIViewSet(StrictParametersMixin, NumericIdMixin, DocumentsAPIViewSet):
    parameters = WAGTAIL_PARAMETERS


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
api_router.register_endpoint("site", SiteAPIViewSet)
api_router.register_endpoint("search", SearchAPIViewSet)
