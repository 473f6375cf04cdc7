"""Database guards shared by the apps."""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout


class StatementTimeout(Exception):
    """A statement ran longer than the guard allows and PostgreSQL cancelled it."""


@contextmanager
def statement_timeout(milliseconds, using=DEFAULT_DB_ALIAS):
    """On PostgreSQL, every statement inside runs at most ``milliseconds`` (a transaction's
    ``SET LOCAL``, undone after the block even in an outer transaction); a cancelled one raises
    ``StatementTimeout``. Elsewhere, or with no limit, nothing changes."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not milliseconds:
        yield
        return
    try:
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('statement_timeout'), set_config('statement_timeout', %s, true)",
                    [f"{int(milliseconds)}ms"],
                )
                previous = cursor.fetchone()[0]
            yield
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) == QUERY_CANCELED:
            raise StatementTimeout from error
        raise
