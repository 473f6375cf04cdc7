"""A GIN index on ``title || body``, the vector every search matches, so PostgreSQL need not scan."""

from django.db import connection, migrations

INDEX = "search_indexentry_title_body_gin"


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = (
        [
            migrations.RunSQL(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))",
                f"DROP INDEX IF EXISTS {INDEX}",
            )
        ]
        if connection.vendor == "postgresql"
        else []
    )
