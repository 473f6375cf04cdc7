"""The home, section and article pages run a fixed number of queries, whatever the number of articles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import build_portal

# Exact budgets, asserted so that any new query per page is a deliberate change. Showing an article
# writes nothing (its view is counted by the hit endpoint).
HOME_QUERIES = 11
SECTION_QUERIES = 10
ARTICLE_QUERIES = 14


def count_queries(client, url):
    client.get(url)  # the first request makes renditions and settings rows and fills the cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture(params=[10, 200], ids=lambda count: f"{count}-articles")
def urls(request, home):
    return build_portal(home, request.param)


def test_home_page_queries(client, urls):
    assert count_queries(client, urls["home"]) == HOME_QUERIES


def test_section_page_queries(client, urls):
    assert count_queries(client, urls["section"]) == SECTION_QUERIES


def test_article_page_queries(client, urls):
    assert count_queries(client, urls["article"]) == ARTICLE_QUERIES
