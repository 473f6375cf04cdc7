"""Requests through the production WSGI application (tests of the page cache's front)."""

from wsgiref.util import setup_testing_defaults

from django.core.handlers.wsgi import WSGIHandler

from core.page_cache import PageCacheFront
from tests.servers import connections_kept


def fetch_through_front(path, **environ):
    """The production application: Django behind the page cache's WSGI front."""
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "HTTP_HOST": "testserver", **environ}
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    with connections_kept():
        body = b"".join(PageCacheFront(WSGIHandler())(environ, start_response))
    return answer["status"], answer["headers"], body.decode()
