"""The periodic runner behind the production start: each command of PERIODIC_COMMANDS, on its interval."""

import io
import threading
import time

from django.core.management import call_command
from django.core.management.base import CommandError

from core.management.commands import run_periodic


def test_scheduled_publishing_is_periodic(settings):
    assert ("publish_scheduled", 60) in settings.PERIODIC_COMMANDS


def test_a_failing_command_does_not_stop_the_others(settings, db, caplog):
    settings.PERIODIC_COMMANDS = [("no_such_command", 5), ("publish_scheduled", 5)]
    out, err = io.StringIO(), io.StringIO()
    call_command("run_periodic", "--once", stdout=out, stderr=err)
    assert "run_periodic: no_such_command every 5s, publish_scheduled every 5s" in out.getvalue()
    assert "no_such_command failed" in err.getvalue()
    assert any(record.exc_info and isinstance(record.exc_info[1], CommandError) for record in caplog.records)


def test_commands_run_at_their_intervals_until_stopped(settings, monkeypatch):
    settings.PERIODIC_COMMANDS = [("fast", 0.05), ("slow", 10)]
    runs = []
    monkeypatch.setattr(run_periodic, "call_command", lambda name, **options: runs.append(name))
    command = run_periodic.Command(stdout=io.StringIO())
    monkeypatch.setattr(run_periodic.signal, "signal", lambda *args: None)  # not the main thread
    runner = threading.Thread(target=command.handle)
    runner.start()
    time.sleep(0.5)
    command.stop(None, None)
    runner.join(5)

    assert not runner.is_alive()
    assert runs.count("slow") == 1
    assert runs.count("fast") >= 3
