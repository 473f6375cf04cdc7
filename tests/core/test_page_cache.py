"""The full-page cache answers anonymous visitors from the cache, and never anyone it must not."""

import pytest
from django.core.signals import request_started
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.page_cache import PageCacheFront
from home.models import SiteSettings
from tests.core.front import fetch_through_front
from tests.factories import ArticlePageFactory, StandardPageFactory


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def page(home):
    SiteSettings.objects.create(site=home.get_site())  # else the first visit creates it, a change
    return StandardPageFactory(parent=home, title="学校简介")


def test_second_visit_is_a_hit_without_queries(client, page):
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response["X-Page-Cache"] == "hit"
    assert "学校简介" in response.content.decode()
    assert len(queries) == 0


def test_answers_carry_validators_and_cdn_lifetime(client, page):
    response = client.get(page.url)
    assert response["ETag"]
    assert response["Last-Modified"]
    assert "s-maxage=60" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_matching_etag_gets_304(client, page):
    etag = client.get(page.url)["ETag"]
    assert client.get(page.url, headers={"if-none-match": etag}).status_code == 304


def test_unchanged_since_last_modified_gets_304(client, page):
    last_modified = client.get(page.url)["Last-Modified"]
    assert client.get(page.url, headers={"if-modified-since": last_modified}).status_code == 304


def test_query_strings_are_cached_apart(client, section):
    ArticlePageFactory.create_batch(3, parent=section)
    client.get(section.url)
    assert client.get(section.url + "?page=2")["X-Page-Cache"] == "miss"


def test_publishing_shows_the_new_version(client, page):
    client.get(page.url)
    page.title = "学校概况"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "学校概况" in response.content.decode()


def test_logged_in_editors_bypass_it(editor_client, client, page):
    client.get(page.url)
    response = editor_client.get(page.url)
    assert not response.has_header("X-Page-Cache")


def test_posts_bypass_it(client, page):
    client.get(page.url)
    assert not client.post(page.url).has_header("X-Page-Cache")


def test_not_found_is_not_cached(client, home):
    client.get("/missing/")
    assert client.get("/missing/").status_code == 404
    assert not client.get("/missing/").has_header("X-Page-Cache")


def test_private_pages_are_never_cached(client, page):
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")
    for _ in range(2):
        response = client.get(page.url)
        assert not response.has_header("X-Page-Cache")
        assert "no-cache" in response["Cache-Control"]


def test_a_restriction_added_later_stops_the_cached_answer(client, page):
    client.get(page.url)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    response = client.get(page.url)
    assert response.status_code == 302
    assert not response.has_header("X-Page-Cache")


def test_the_api_is_left_to_its_own_caching(client, page):
    assert not client.get(f"/api/v2/pages/{page.pk}/").has_header("X-Page-Cache")


def test_hits_keep_the_headers_of_later_middleware(client, page):
    first = client.get(page.url)
    hit = client.get(page.url)
    assert hit["X-Page-Cache"] == "hit"
    assert hit["X-Frame-Options"] == first["X-Frame-Options"] == "DENY"


def test_the_search_page_is_cached_for_anonymous_visitors(client, page):
    url = "/search/?q=%E5%AD%A6%E6%A0%A1"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_cached_page_keeps_its_security_headers(client, page):
    client.get(page.url)
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "hit"
    assert "default-src" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def django_requests():
    """The requests Django itself handled (the front answers without starting one)."""
    started = []

    def count(**kwargs):
        started.append(kwargs)

    request_started.connect(count)
    yield started
    request_started.disconnect(count)


def test_the_front_answers_a_stored_page_without_django(page, django_requests):
    assert fetch_through_front(page.url)[1]["X-Page-Cache"] == "miss"
    status, headers, body = fetch_through_front(page.url)
    assert (status, headers["X-Page-Cache"]) == ("200 OK", "hit")
    assert "学校简介" in body
    assert "default-src" in headers["Content-Security-Policy"]
    assert len(django_requests) == 1


def test_the_front_leaves_conditional_requests_to_django(page, django_requests):
    etag = fetch_through_front(page.url)[1]["ETag"]
    assert fetch_through_front(page.url, HTTP_IF_NONE_MATCH=etag)[0] == "304 Not Modified"
    assert len(django_requests) == 2


def test_the_front_leaves_visitors_with_a_session_to_django(page, django_requests, settings):
    fetch_through_front(page.url)
    _, headers, _ = fetch_through_front(page.url, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert "X-Page-Cache" not in headers
    assert len(django_requests) == 2


def test_the_front_does_not_serve_an_older_version(page):
    fetch_through_front(page.url)
    page.title = "学校概况"
    page.save_revision().publish()
    _, headers, body = fetch_through_front(page.url)
    assert headers["X-Page-Cache"] == "miss"
    assert "学校概况" in body


def test_production_serves_through_the_front():
    from cms.wsgi import application

    assert isinstance(application, PageCacheFront)
