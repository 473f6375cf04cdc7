"""Drop the GIN index on ``title || body``: searches now match the title and the body vector
separately, which Wagtail's own GIN indexes on each column serve, and every write paid for it."""

from django.db import connection, migrations

INDEX = "search_indexentry_title_body_gin"


class Migration(migrations.Migration):
    dependencies = [("search", "0001_title_body_gin_index")]

    operations = (
        [
            migrations.RunSQL(
                f"DROP INDEX IF EXISTS {INDEX}",
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))",
            )
        ]
        if connection.vendor == "postgresql"
        else []
    )
