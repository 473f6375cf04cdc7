"""The base data migrations create (root page, locale, default collection, groups), kept for every test."""

import json

from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

_snapshot = {}


def remember_base_data():
    """Serialise the freshly migrated test database, once, before any test changes it."""
    rows = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: saving other rows can look their content type up, which would create it
    # under a new id before its own row is loaded.
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    _snapshot["rows"] = json.dumps(rows)


def restore_base_data():
    """Put the migrated base data back if a transactional test's closing flush removed it.

    Transactional tests (live servers, concurrency, browsers) end with a flush of every table; the
    tests and module-scoped fixtures after them expect what migrations made, as Django's serialized
    rollback would restore it.
    """
    if Page.objects.filter(depth=1).exists():
        return
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(_snapshot["rows"])
