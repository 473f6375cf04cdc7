"""DRF throttles keyed by the real client address (DRF's own trusts X-Forwarded-For from anyone)."""

from rest_framework.throttling import SimpleRateThrottle

from core.clients import client_address


class ClientRateThrottle(SimpleRateThrottle):
    """Throttles every client, signed in or not, by ``scope`` and its address."""

    def get_ident(self, request):
        return client_address(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
