"""Wagtail's database search backends with the CJK analyzer: ``WAGTAILSEARCH_BACKENDS = {"default":
{"BACKEND": "search.backends"}}`` picks the one for the default database, as Wagtail's own does."""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.translation import gettext as _


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        from .postgres import CJKPostgresSearchBackend

        return CJKPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import CJKSQLiteSearchBackend

        return CJKSQLiteSearchBackend(params)
    raise ImproperlyConfigured(
        _("The CJK search backend supports PostgreSQL and SQLite, not %(vendor)s.")
        % {"vendor": connection.vendor}
    )
