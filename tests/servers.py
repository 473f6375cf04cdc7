"""Real servers for tests: free ports, copies of the test database, the production start command."""

import os
import shutil
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
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection

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
def connections_kept():
    """As Django's test client does: a WSGI handler called in a test must not close the test's
    database connection (and with it the transaction holding the test's data) after each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@contextmanager
def copy_of_test_database(directory, empty=False):
    """A DATABASE_URL for a throwaway database of the test run's kind: a copy of the (migrated) test
    database, or with ``empty`` a database with no tables at all. Needs ``transactional_db``: on
    PostgreSQL the test's connection is closed, as a template database must have no other session."""
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
            create_database(cursor, name, None if empty else template)
        yield _postgres_url(name)
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def create_database(cursor, name, template, attempts=50):
    """CREATE DATABASE, from ``template`` if given. Sessions left on the template (live servers of
    earlier tests, autovacuum) are ended while it takes no new ones; a terminated session takes a
    moment to go, so this tries again, and says who stayed if it must give up."""
    import psycopg2

    if not template:
        cursor.execute(f'CREATE DATABASE "{name}"')
        return
    cursor.execute(f'ALTER DATABASE "{template}" WITH ALLOW_CONNECTIONS false')
    try:
        for attempt in range(attempts):
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s"
                " AND pid <> pg_backend_pid()",
                [template],
            )
            try:
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                return
            except psycopg2.errors.ObjectInUse:
                if attempt < attempts - 1:
                    time.sleep(0.2)
        cursor.execute(
            "SELECT backend_type, application_name, state, query FROM pg_stat_activity WHERE datname = %s",
            [template],
        )
        raise AssertionError(f"sessions stay on {template}: {cursor.fetchall()}")
    finally:
        cursor.execute(f'ALTER DATABASE "{template}" WITH ALLOW_CONNECTIONS true')


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
    )
    environment.update(extra)
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


REDIS_SERVER = shutil.which("redis-server")
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)


class ThrowawayRedis:
    """A redis-server of the test's own on a free port, with nothing saved to disk."""

    def __init__(self):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        self.url = f"redis://127.0.0.1:{self.port}/0"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def kill(self):
        self.process.kill()
        self.process.wait()


def as_postgres(command, **kwargs):
    """Run a PostgreSQL server tool as the postgres user (it refuses to run as root)."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, **kwargs)


class ThrowawayPostgres:
    """A PostgreSQL cluster of the test's own: initdb into a temporary folder, on a free port."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.directory.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
        self.data = self.directory / "data"
        self.port = free_port()
        as_postgres(
            [str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        )
        self.start()

    def ctl(self, *arguments):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", *arguments])

    def start(self):
        self.ctl("start", "-l", str(self.directory / "log"))

    def restart(self):
        self.ctl("restart", "-m", "fast", "-l", str(self.directory / "log"))

    def stop(self):
        self.ctl("stop", "-m", "immediate")

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"
