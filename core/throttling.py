"""DRF throttles keyed by the real client address (DRF's own trusts X-Forwarded-For from anyone)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from core.clients import client_address


class ClientRateThrottle(SimpleRateThrottle):
    """Throttles every client, signed in or not, by ``scope`` and its address."""

    def get_ident(self, request):
        return client_address(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class SearchThrottle(ClientRateThrottle):
    """Searches by anonymous clients (``SEARCH_RATE``); signed-in editors are not limited."""

    scope = "search"

    def allow_request(self, request, view):
        # Only a request with a session can be signed in; reading anyone else's session would mark
        # the answer as varying by cookie, and the page cache would not keep it.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                return True
        return super().allow_request(request, view)
