"""``/api/v2/search/``: the theme's search results as JSON; bad parameters are a 400 with a message."""

from django.urls import path
from rest_framework.response import Response
from rest_framework.viewsets import ViewSet
from wagtail.api.v2.utils import BadRequestError
from wagtail.search.models import IndexEntry

from core.api import StrictParametersMixin
from core.throttling import SearchThrottle

from .query import SearchError, SearchParameters, parse_params, search_representation

# Errors that are not bad parameters: a section that does not exist, a search that took too long.
ERROR_STATUSES = {"not_found": 404, "timeout": 503}


class SearchAPIViewSet(StrictParametersMixin, ViewSet):
    """Search over live, public pages with the CJK-aware index."""

    parameters = {"listing_view": SearchParameters}
    throttle_classes = [SearchThrottle]

    model = IndexEntry  # the router maps models to endpoints; no page model may point here
    name = "search"

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

    def listing_view(self, request):
        try:
            params = parse_params(request.GET, SearchParameters, words_required=False)
            return Response(search_representation(params, request))
        except SearchError as error:
            if error.code in ERROR_STATUSES:
                return Response({"message": str(error)}, status=ERROR_STATUSES[error.code])
            raise BadRequestError(str(error)) from error
