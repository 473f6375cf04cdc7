"""docs/backup.md, done: the seeded demo dumped (database and media) and restored into an empty
database and media folder answers exactly as before."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from tests.servers import BASE_DIR, PG_BIN, _postgres_admin, _postgres_url, create_database


def run_site(command, database_url, media_root):
    environment = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DEBUG="false",
        ALLOWED_HOSTS="testserver,localhost",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
    )
    return subprocess.run(
        [sys.executable, *command], cwd=BASE_DIR, env=environment, check=True, capture_output=True
    ).stdout


@pytest.fixture
def databases(transactional_db):
    """Two throwaway databases: the source, a copy of the migrated test database, and an empty one."""
    if PG_BIN is None or connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass with pg_dump installed: backups are PostgreSQL dumps")
    template = connection.settings_dict["NAME"]
    names = [f"{template}_backup_source", f"{template}_backup_restored"]
    connection.close()
    admin = _postgres_admin()
    with admin.cursor() as cursor:
        for name in names:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        create_database(cursor, names[0], template)
        create_database(cursor, names[1], None)
    yield [_postgres_url(name) for name in names]
    with admin.cursor() as cursor:
        for name in names:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_restored_backup_answers_exactly_as_the_original(databases, tmp_path):
    source, restored = databases
    source_media, restored_media = tmp_path / "media", tmp_path / "restored-media"
    restored_media.mkdir()
    run_site(["manage.py", "seed_demo", "--verbosity", "0"], source, source_media)

    # What docs/backup.md says to run.
    dump = tmp_path / "db.dump"
    subprocess.run(
        [str(PG_BIN / "pg_dump"), "--format=custom", "--no-owner", "--file", str(dump), source], check=True
    )
    subprocess.run(["tar", "-czf", str(tmp_path / "media.tar.gz"), "-C", str(source_media), "."], check=True)
    # The original answers after the backup: both sites start from the same state (views of an article
    # move its hit counter, and renditions are made on first use).
    before = json.loads(run_site(["-m", "tests.site_answers"], source, source_media))
    subprocess.run([str(PG_BIN / "pg_restore"), "--no-owner", "--dbname", restored, str(dump)], check=True)
    subprocess.run(["tar", "-xzf", str(tmp_path / "media.tar.gz"), "-C", str(restored_media)], check=True)

    after = json.loads(run_site(["-m", "tests.site_answers"], restored, restored_media))
    assert len(before) > 20 and {status for status, _body, _lists in before.values()} == {200}
    statuses = {path: answer[0] for path, answer in before.items()}
    assert {path: answer[0] for path, answer in after.items()} == statuses
    # Lists order articles of the same publish time as the database returns them, which a restore may
    # change; every other answer is byte for byte the same.
    assert {path: answer for path, answer in after.items() if not answer[2]} == {
        path: answer for path, answer in before.items() if not answer[2]
    }
    files = sorted(path.relative_to(source_media) for path in source_media.rglob("*") if path.is_file())
    assert files and files == sorted(
        path.relative_to(restored_media) for path in restored_media.rglob("*") if path.is_file()
    )
