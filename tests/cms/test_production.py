"""The documented production start (scripts/serve.py) from a fresh checkout's point of view."""

import importlib.util
import re
import signal
import sys
import time

from django.test import Client

from tests.servers import (
    BASE_DIR,
    copy_of_test_database,
    fetch,
    free_port,
    production_environment,
    read_log,
    start_production,
    stop,
    wait_until_answering,
)

PAGES = ["/", "/admin/login/", "/search/?q=%E5%AD%A6%E6%A0%A1", "/api/docs/", "/api/v2/pages/"]


def load_serve_script():
    spec = importlib.util.spec_from_file_location("serve", BASE_DIR / "scripts" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wait_for_log_line(log, line, timeout=60):
    """The periodic jobs' process starts beside gunicorn; on a busy machine it may say so later."""
    deadline = time.monotonic() + timeout
    while line not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)


def test_production_start_serves_pages_and_static_files_then_stops_cleanly(tmp_path, transactional_db):
    port = free_port()
    with copy_of_test_database(tmp_path) as database_url:
        log = tmp_path / "serve.log"
        server = start_production(production_environment(database_url, tmp_path / "static", port), log)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_answering(base + "/", server, log=log)
            for path in PAGES:
                status, _, _ = fetch(base + path)
                assert status == 200, (path, read_log(log))
            _, _, search_page = fetch(base + "/search/")
            stylesheet = re.search(rb'<link rel="stylesheet" href="([^"]+)"', search_page)[1].decode()
            assert re.fullmatch(r"/static/default/css/site\.[0-9a-f]{12}\.css", stylesheet)
            status, headers, _ = fetch(base + stylesheet)
            assert status == 200
            assert "immutable" in headers["Cache-Control"]
            wait_for_log_line(log, "run_periodic: publish_scheduled every 60s")
        finally:
            status = stop(server)
    output = log.read_text()
    assert status == 0, output
    assert "run_periodic: publish_scheduled every 60s" in output
    assert "starting worker-webhooks: " in output
    assert output.rstrip().endswith("serve: stopped")


def test_a_process_that_exits_stops_the_others_and_the_start_fails(capfd):
    serve = load_serve_script()
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    supervisor = serve.Supervisor({"web": sleeper, "worker": [sys.executable, "-c", "raise SystemExit(3)"]})

    assert supervisor.wait() == 1
    assert supervisor.children["web"].returncode == -signal.SIGTERM
    assert "worker exited with status 3; stopping the others" in capfd.readouterr().err


def test_sigterm_stops_every_process(capfd):
    serve = load_serve_script()
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    supervisor = serve.Supervisor({"web": sleeper, "worker": sleeper})
    supervisor.stop(signal.SIGTERM)

    assert supervisor.wait() == 0
    assert {child.returncode for child in supervisor.children.values()} == {-signal.SIGTERM}


def test_database_task_backends_each_get_a_worker(settings):
    settings.TASKS = {**settings.TASKS, "publishing": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    commands = load_serve_script().processes()
    assert commands["worker-webhooks"][-2:] == ["--backend", "webhooks"]
    assert commands["worker-publishing"][-2:] == ["--backend", "publishing"]
    assert "worker-default" not in commands  # the immediate backend runs in the web process
    assert commands["periodic"][-1] == "run_periodic"


def test_error_page_renders_when_its_own_template_fails(settings, tmp_path, home):
    """A strict manifest with nothing collected breaks every template that links a static file."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 500
    assert "抱歉，服务器出现错误" in response.content.decode()
