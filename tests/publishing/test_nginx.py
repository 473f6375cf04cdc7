"""The shipped nginx configuration serves published files and passes everything else to the app."""

import http.server
import threading
import urllib.request
from urllib.error import HTTPError

import pytest
from django.core.management import call_command

from tests import nginx
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = nginx.requires_nginx


class App(http.server.BaseHTTPRequestHandler):
    """Stands in for gunicorn: says it answered."""

    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"from the app")

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def served(home, settings, tmp_path):
    settings.STATIC_PUBLISH_ENABLED = True
    settings.STATIC_PUBLISH_ROOT = tmp_path / "published"
    news = SectionPageFactory(parent=home, title="新闻动态", slug="news")
    ArticlePageFactory(parent=news, title="开学典礼", slug="opening")
    call_command("publish_static", verbosity=0)
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    try:
        with nginx.running(
            tmp_path, app.server_port, settings.STATIC_PUBLISH_ROOT, tmp_path / "static"
        ) as port:
            yield f"http://127.0.0.1:{port}"
    finally:
        app.shutdown()


def fetch(url, method="GET", cookie=None):
    request = urllib.request.Request(url, method=method, headers={"Host": "localhost"})
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except HTTPError as error:
        return error.code, error.headers, error.read().decode()


def test_published_pages_are_served_from_their_files(served):
    status, headers, body = fetch(served + "/news/opening/")
    assert status == 200
    assert headers["X-Published"] == "1"
    assert "开学典礼" in body
    assert headers["Content-Type"].startswith("text/html")


def test_query_strings_go_to_the_app(served):
    assert fetch(served + "/news/?page=2")[2] == "from the app"


def test_editors_with_a_session_go_to_the_app(served):
    assert fetch(served + "/news/", cookie="sessionid=abc")[2] == "from the app"


def test_other_methods_go_to_the_app(served):
    assert fetch(served + "/news/", method="POST")[2] == "from the app"


def test_admin_api_and_unwritten_pages_go_to_the_app(served):
    for path in ("/admin/", "/api/v2/pages/", "/search/?q=x", "/not-published-yet/"):
        assert fetch(served + path)[2] == "from the app", path


def policy(header):
    return {directive.strip() for directive in header.split(";") if directive.strip()}


def test_published_pages_carry_the_apps_security_headers(served, client):
    app_headers = client.get("/news/").headers
    status, headers, _ = fetch(f"{served}/news/")
    assert status == 200 and headers["X-Published"] == "1"
    assert policy(headers["Content-Security-Policy"]) == policy(app_headers["Content-Security-Policy"])
    for name in ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert headers[name].lower() == app_headers[name].lower(), name
