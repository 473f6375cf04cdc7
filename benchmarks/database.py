"""A throwaway PostgreSQL database for a benchmark run, dropped afterwards."""

import contextlib
import os
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg2

SKIPPED = 3


def add_server_argument(parser):
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432/postgres")


@contextlib.contextmanager
def throwaway_database(server, prefix):
    """Point Django at a new empty database on ``server``; exit SKIPPED if there is no server.

    Without a reachable PostgreSQL the benchmark prints SKIPPED and exits with status 3: it never
    passes silently.
    """
    name = f"{prefix}_{os.getpid()}"
    try:
        admin = psycopg2.connect(server, connect_timeout=5)
    except psycopg2.OperationalError as error:
        print(f"SKIPPED: no PostgreSQL at {server} ({str(error).strip()})", file=sys.stderr)
        sys.exit(SKIPPED)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    os.environ["DATABASE_URL"] = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.close()
