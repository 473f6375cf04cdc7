"""Production start: prepare, then run the web server, the task workers and the periodic runner together.

    SECRET_KEY=... ALLOWED_HOSTS=www.example.org DATABASE_URL=... .venv/bin/python scripts/serve.py

Migrates, compiles the catalogues and collects the static files, then starts gunicorn on
$HOST:$PORT (default 127.0.0.1:8000; $WEB_CONCURRENCY workers, more options in $GUNICORN_CMD_ARGS),
one `manage.py db_worker` per database-backed task backend (settings.TASKS) and
`manage.py run_periodic` (settings.PERIODIC_COMMANDS). They live and die together: Ctrl-C or
SIGTERM stops them all; if one exits, the others are stopped and this exits non-zero, saying which.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MANAGE = [PYTHON, str(BASE_DIR / "manage.py")]
DATABASE_TASK_BACKEND = "django_tasks_db.DatabaseBackend"
STOP_TIMEOUT = 30


def say(message):
    print(f"serve: {message}", file=sys.stderr, flush=True)


def prepare():
    for command in (
        [PYTHON, str(BASE_DIR / "scripts" / "compile_messages.py")],
        [*MANAGE, "migrate", "--noinput"],
        [*MANAGE, "collectstatic", "--noinput", "--verbosity", "0"],
    ):
        say(" ".join(command[1:]))
        subprocess.run(command, cwd=BASE_DIR, check=True, stdout=subprocess.DEVNULL)


def processes():
    """What runs beside each other: name → command."""
    sys.path.insert(0, str(BASE_DIR))
    from django.conf import settings

    bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
    commands = {
        "web": [PYTHON, "-m", "gunicorn", "cms.wsgi", "--bind", bind, "--access-logfile", "-"],
        "periodic": [*MANAGE, "run_periodic"],
    }
    for backend, options in settings.TASKS.items():
        if options["BACKEND"] == DATABASE_TASK_BACKEND:
            commands[f"worker-{backend}"] = [*MANAGE, "db_worker", "--backend", backend]
    return commands


class Supervisor:
    def __init__(self, commands):
        self.stopping = False
        self.children = {}
        for name, command in commands.items():
            say(f"starting {name}: {' '.join(command[1:])}")
            # Each in its own process group: a terminal's Ctrl-C reaches only us, and we pass on one SIGTERM.
            self.children[name] = subprocess.Popen(command, cwd=BASE_DIR, process_group=0)

    def stop(self, signum=None, frame=None):
        if self.stopping:
            return
        self.stopping = True
        say("stopping " + ", ".join(self.children))
        for child in self.children.values():
            if child.poll() is None:
                child.terminate()

    def wait(self):
        """Until a signal or a child's exit; then every child is stopped. Returns the exit status."""
        status = 0
        while not self.stopping:
            for name, child in self.children.items():
                if child.poll() is not None:
                    say(f"{name} exited with status {child.returncode}; stopping the others")
                    status = 1
                    self.stop()
                    break
            else:
                time.sleep(0.2)
        deadline = time.monotonic() + STOP_TIMEOUT
        for name, child in self.children.items():
            try:
                child.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                say(f"{name} did not stop within {STOP_TIMEOUT}s; killing it")
                child.kill()
                child.wait()
        say("stopped")
        return status


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    os.chdir(BASE_DIR)
    prepare()
    supervisor = Supervisor(processes())
    signal.signal(signal.SIGTERM, supervisor.stop)
    signal.signal(signal.SIGINT, supervisor.stop)
    sys.exit(supervisor.wait())


if __name__ == "__main__":
    main()
