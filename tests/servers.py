"""Real servers for tests: free ports, copies of the test database, the production start command."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=10):
    """(status, headers, body) of a GET; HTTP errors are answers, not exceptions."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_answering(url, process=None, timeout=120, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}:\n{read_log(log)}")
        try:
            fetch(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered at {url} within {timeout}s:\n{read_log(log)}")


def read_log(path):
    return Path(path).read_text(errors="replace")[-5000:] if path else ""


def _postgres_url(database):
    options = connection.settings_dict
    credentials = options["USER"] + (f":{options['PASSWORD']}" if options["PASSWORD"] else "")
    return f"postgres://{credentials}@{options['HOST'] or '127.0.0.1'}:{options['PORT'] or 5432}/{database}"


def _postgres_admin():
    import psycopg2

    options = connection.settings_dict
    admin = psycopg2.connect(
        dbname="postgres",
        user=options["USER"],
        password=options["PASSWORD"],
        host=options["HOST"] or "127.0.0.1",
        port=options["PORT"] or 5432,
    )
    admin.autocommit = True
    return admin


@contextmanager
def copy_of_test_database(directory, empty=False):
    """A DATABASE_URL for a throwaway database of the test run's kind: a copy of the (migrated) test
    database, or with ``empty`` a database with no tables at all. Needs database access unblocked."""
    if connection.vendor == "sqlite":
        path = Path(directory) / "copy.sqlite3"
        if not empty:
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
        yield f"sqlite:///{path}"
        return
    name = f"{connection.settings_dict['NAME']}_copy"
    template = connection.settings_dict["NAME"]
    connection.close()  # a template database must have no other session
    admin = _postgres_admin()
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"' + ("" if empty else f' TEMPLATE "{template}"'))
        yield _postgres_url(name)
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def production_environment(database_url, static_root, port, **extra):
    """The environment of `scripts/serve.py` on loopback, plain HTTP, with no Redis unless given."""
    environment = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DEBUG")}
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="test-production-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        SECURE_SSL_REDIRECT="false",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="1",
        **extra,
    )
    return environment


def start_production(environment, log_path):
    log = open(log_path, "wb")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [sys.executable, str(BASE_DIR / "scripts" / "serve.py")],
        cwd=BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    return process


def stop(process, timeout=40):
    """SIGTERM, as a service manager stops it; returns the exit status."""
    process.terminate()
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise
    finally:
        process.log.close()
