from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.transfer.records import write_jsonl


class ImportResult:
    def __init__(self, stdout, stderr, failed):
        self.stdout = stdout
        self.stderr = stderr
        self.failed = failed


def run_command(name, *args):
    """Run a command in English; a CommandError (non-zero exit status) is recorded, not raised."""
    stdout, stderr = StringIO(), StringIO()
    failed = None
    with translation.override("en"):
        try:
            call_command(name, *[str(arg) for arg in args], stdout=stdout, stderr=stderr, verbosity=1)
        except CommandError as error:
            failed = str(error)
    return ImportResult(stdout.getvalue(), stderr.getvalue(), failed)


@pytest.fixture
def folder(tmp_path):
    return tmp_path


@pytest.fixture
def import_records(folder, home):
    """Write records to an import file in ``folder`` and import it."""

    def run(*records, options=()):
        path = write_jsonl(folder / "import.jsonl", records)
        return run_command("import_legacy", path, *options)

    return run
