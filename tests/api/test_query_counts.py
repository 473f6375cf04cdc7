"""API answers run a fixed number of queries, whatever the number of articles.

A page's detail and a listing are built once per content version (the same for every caller): warm,
they run none. A listing that shows or orders by views is built each time.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import build_portal

ARTICLE_DETAIL_QUERIES = 1  # the current count: views move without a content change
SECTION_DETAIL_QUERIES = 0
LISTING_QUERIES = 0
LISTING_WITH_VIEWS_QUERIES = 5  # count, pages, renditions, sections, tags
SITE_QUERIES = 0  # site data is built once per content version


@pytest.fixture(params=[10, 200], ids=lambda count: f"{count}-articles")
def portal(request, home):
    return build_portal(home, request.param)


def count_queries(client, url):
    client.get(url)  # the first request makes renditions and fills the cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_article_detail_queries(client, portal):
    assert count_queries(client, f"/api/v2/pages/{portal['article_id']}/") == ARTICLE_DETAIL_QUERIES


def test_section_detail_queries(client, portal):
    assert count_queries(client, f"/api/v2/pages/{portal['section_id']}/") == SECTION_DETAIL_QUERIES


def test_listing_with_cover_and_section_queries(client, portal):
    url = "/api/v2/pages/?type=articles.ArticlePage&fields=cover,section,tags&limit=20"
    assert count_queries(client, url) == LISTING_QUERIES


def test_listing_with_views_queries(client, portal):
    url = "/api/v2/pages/?type=articles.ArticlePage&fields=cover,section,tags,hits&limit=20"
    assert count_queries(client, url) == LISTING_WITH_VIEWS_QUERIES


def test_site_queries(client, portal):
    assert count_queries(client, "/api/v2/site/") == SITE_QUERIES


def test_detail_is_rebuilt_after_a_publish(client, portal):
    from articles.models import ArticlePage

    url = f"/api/v2/pages/{portal['article_id']}/"
    client.get(url)
    article = ArticlePage.objects.get(pk=portal["article_id"])
    article.title = "新标题"
    article.save_revision().publish()
    assert client.get(url).json()["title"] == "新标题"
