"""Run each management command of settings.PERIODIC_COMMANDS every so many seconds, until stopped."""

import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Runs the commands of PERIODIC_COMMANDS at their intervals (production's scheduler)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every command once, then exit.")

    def handle(self, *args, once=False, **options):
        self.stopping = threading.Event()
        if not once:
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)
        schedule = [(name, float(seconds)) for name, seconds in settings.PERIODIC_COMMANDS]
        due = {name: time.monotonic() for name, _ in schedule}
        self.stdout.write(
            "run_periodic: " + ", ".join(f"{name} every {seconds:g}s" for name, seconds in schedule)
        )
        while not self.stopping.is_set():
            for name, seconds in schedule:
                if time.monotonic() >= due[name] and not self.stopping.is_set():
                    self.run(name)
                    due[name] = time.monotonic() + seconds
            if once:
                return
            self.stopping.wait(max(0.0, min(due.values(), default=0) - time.monotonic()) or 1.0)

    def run(self, name):
        """A failing command is logged and tried again at its next turn; the others go on."""
        close_old_connections()
        try:
            call_command(name, stdout=self.stdout, stderr=self.stderr)
        except Exception:
            logger.exception("Periodic command %s failed.", name)
            self.stderr.write(f"run_periodic: {name} failed (see the log); retrying at its next turn.")
        finally:
            close_old_connections()

    def stop(self, signum, frame):
        self.stopping.set()
