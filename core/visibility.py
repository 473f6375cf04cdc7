"""Which pages are private or aliases, from paths cached per content version: no query when warm.

Separate from ``core.routing`` (which imports Wagtail's views) so that models can use it.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from core.caching import content_version


def is_known_public(page):
    """True when no restriction and no alias lies on the page or above it."""
    return not any(page.path.startswith(path) for path in restricted_or_alias_paths())


def restricted_or_alias_paths():
    restricted, aliases = _special_paths()
    return restricted + aliases


def private_q():
    """Wagtail's ``PageQuerySet.private_q()`` from the cached restricted paths: no query when warm."""
    restricted, _aliases = _special_paths()
    condition = Q(pk__in=[])
    for path in restricted:
        condition |= Q(path__startswith=path)
    return condition


def _special_paths():
    """Paths of the pages with a view restriction, and of the aliases, per content version."""
    key = f"special-paths:{content_version()}"
    paths = cache.get(key)
    if paths is None:
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
        aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        paths = (sorted(set(restricted)), sorted(set(aliases)))
        cache.set(key, paths, timeout=settings.SITE_DATA_CACHE_SECONDS)
    return paths
