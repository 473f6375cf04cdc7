"""A real receiver on 127.0.0.1 and a real worker run; nothing about the sending is faked."""

import hashlib
import hmac
import socket
import threading
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django_tasks import DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from tests.factories import ArticlePageFactory
from webhooks.models import WebhookEndpoint


class Receiver:
    """Records every POST and answers with the scripted status codes, then 200."""

    def __init__(self):
        self.requests = []
        self.statuses = []
        self.reply_delay = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"path": self.path, "headers": self.headers, "body": body})
                time.sleep(receiver.reply_delay)
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def verifies(request, secret):
    """What a receiver does: recompute the HMAC over the raw body and compare in constant time."""
    expected = "sha256=" + hmac.new(secret.encode(), request["body"], hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, request["headers"]["X-Webhook-Signature"])


def run_worker():
    """What `manage.py db_worker --backend webhooks --batch` does, inside the test's transaction.

    The command's own loop reconnects to the database between tasks, which would end the test's
    transaction, so this claims and runs ready tasks with the worker's own run_task.
    """
    worker = Worker(
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        interval=0,
        batch=True,
        backend_name="webhooks",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    while task_result := DBTaskResult.objects.ready().filter(backend_name="webhooks").get_locked():
        task_result.claim(worker.worker_id)
        worker.run_task(task_result)


@pytest.fixture(autouse=True)
def _fast_retries(settings):
    settings.WEBHOOKS_RETRY_DELAYS = [0, 0]
    settings.WEBHOOKS_TIMEOUT = 2


@pytest.fixture(autouse=True)
def _local_receivers_allowed(settings):
    """The test receivers listen on loopback, which only an explicitly allowed host may reach."""
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Wrap a change in this to run its on_commit callbacks as a real commit would."""
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def dead_url():
    """A port that was free a moment ago: connections to it are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@pytest.fixture
def endpoint(home, receiver):
    return WebhookEndpoint.objects.create(name="前端", url=receiver.url)


@pytest.fixture
def draft(section):
    return ArticlePageFactory(parent=section, title="草稿文章", live=False)


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section, title="已发布文章")
