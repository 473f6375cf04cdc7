from django.utils.functional import SimpleLazyObject

from core.caching import cached_for_site

from .representations import site_representation


def site(request):
    """The site's settings and navigation, computed only if a template uses them, and cached."""
    return {
        "site_data": SimpleLazyObject(
            lambda: cached_for_site(request, "site-data", lambda: site_representation(request))
        )
    }
