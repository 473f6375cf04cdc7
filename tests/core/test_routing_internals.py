"""core/routing.py hands Wagtail the site and the page through the attributes Wagtail caches them in
on the request (``Site.find_for_request`` and ``Page.route_for_request`` say so in their docstrings):
pinned to the Wagtail those were read in."""

import inspect

from wagtail.models import Page, Site

from tests.internals import check_versions

RECHECK = (
    "that Site.find_for_request still caches on request._wagtail_site and Page.route_for_request on "
    "request._wagtail_route_for_request (a RouteResult or None); then run tests/core and tests/articles"
)


def test_written_for_this_wagtail():
    check_versions("core/routing.py", {"wagtail": "8.0.1", "Django": "5.2.19"}, RECHECK)


def test_wagtail_still_caches_the_site_on_the_request():
    assert "request._wagtail_site" in inspect.getsource(Site.find_for_request), RECHECK


def test_wagtail_still_caches_the_route_on_the_request():
    assert "request._wagtail_route_for_request" in inspect.getsource(Page.route_for_request), RECHECK
