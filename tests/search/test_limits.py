"""What one search may cost: per-client throttling, a statement timeout on PostgreSQL, bounded
reading of long bodies."""

import pytest
from django.db import connection
from wagtail.blocks import RichTextBlock

import search.analysis
import search.query
from articles.api import PortalPagesAPIViewSet
from core.throttling import SearchThrottle

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's"
)


@pytest.fixture
def three_a_minute(monkeypatch):
    monkeypatch.setattr(SearchThrottle, "THROTTLE_RATES", {"search": "3/minute"})


def statuses(client, url, times, **extra):
    return [client.get(url, **extra).status_code for _ in range(times)]


def test_api_search_is_throttled_per_client(client, section, three_a_minute):
    assert statuses(client, "/api/v2/search/?q=党员", 4) == [200, 200, 200, 429]
    assert client.get("/api/v2/search/?q=党员", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_theme_search_shares_the_limit_and_answers_in_chinese(client, section, three_a_minute):
    assert statuses(client, "/api/v2/search/?q=党员", 3) == [200] * 3
    response = client.get("/search/", {"q": "党员"})
    assert response.status_code == 429
    assert "搜索" in response.context["error"]
    assert int(response["Retry-After"]) > 0


def test_page_listing_search_is_throttled(client, section, three_a_minute):
    assert statuses(client, "/api/v2/pages/?search=党员", 4)[-1] == 429
    assert client.get("/api/v2/pages/").status_code == 200


def test_signed_in_editors_are_not_throttled(editor_client, section, three_a_minute):
    assert statuses(editor_client, "/search/?q=党员", 5) == [200] * 5


def test_long_bodies_are_indexed_up_to_the_limit(article, client, monkeypatch):
    monkeypatch.setattr(search.analysis, "INDEXED_TEXT_LIMIT", 1000)
    article("通知", "党员" + "学习" * 1000 + "校长")
    assert len(client.get("/api/v2/search/?q=党员").json()["results"]) == 1
    assert client.get("/api/v2/search/?q=校长").json()["results"] == []


def test_snippets_read_only_the_start_of_a_long_body(article, client, monkeypatch):
    monkeypatch.setattr(search.query, "SNIPPET_SCAN_LENGTH", 5000)
    page = article("通知", *["党员" + "学习" * 500] * 100)
    read = []
    original = RichTextBlock.get_searchable_content
    monkeypatch.setattr(
        RichTextBlock, "get_searchable_content", lambda self, value: read.append(1) or original(self, value)
    )
    sentences = search.query._sentences(page)
    assert sum(map(len, sentences)) <= 5000
    assert len(read) == 5  # of 100 paragraphs of 1,002 characters
    item = client.get("/api/v2/search/?q=党员").json()["results"][0]
    assert "<mark>党员</mark>" in item["snippet"]


@pytest.fixture
def slow_search(monkeypatch, settings):
    """Every search also waits 200 ms in PostgreSQL, beyond a 50 ms statement timeout."""
    settings.SEARCH_STATEMENT_TIMEOUT_MS = 50

    def sleep():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(0.2)")

    matching_pages = search.query.matching_pages
    paginate = PortalPagesAPIViewSet.paginate_queryset
    monkeypatch.setattr(search.query, "matching_pages", lambda *args: sleep() or matching_pages(*args))
    monkeypatch.setattr(PortalPagesAPIViewSet, "paginate_queryset", lambda *args: sleep() or paginate(*args))


def statement_timeout_setting():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@on_postgres
def test_a_slow_api_search_is_a_503_with_a_message(client, section, slow_search):
    response = client.get("/api/v2/search/?q=党员")
    assert response.status_code == 503
    assert "搜索" in response.json()["message"]
    assert statement_timeout_setting() == "0"
    assert client.get("/api/v2/pages/").status_code == 200


@on_postgres
def test_a_slow_page_listing_search_is_a_503(client, section, slow_search):
    response = client.get("/api/v2/pages/?search=党员")
    assert response.status_code == 503
    assert response.json()["message"]


@on_postgres
def test_a_slow_theme_search_explains_itself(client, section, slow_search):
    response = client.get("/search/", {"q": "党员"})
    assert response.status_code == 503
    assert "搜索" in response.context["error"]


@on_postgres
def test_searches_within_the_timeout_are_answered(client, article, settings):
    settings.SEARCH_STATEMENT_TIMEOUT_MS = 3000
    article("党员大会", "正文")
    assert client.get("/api/v2/search/?q=党员").json()["results"][0]["title"] == "党员大会"
