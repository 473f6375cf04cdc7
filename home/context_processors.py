from django.utils.functional import SimpleLazyObject

from .representations import site_representation


def site(request):
    """The site's settings and navigation, computed only if a template uses them."""
    return {"site_data": SimpleLazyObject(lambda: site_representation(request))}
