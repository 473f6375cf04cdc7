"""Public pages run a fixed number of queries when warm, whatever the number of articles.

Warm means the cached site data (menus, footer, home lists, routes, restrictions) and the pages'
representations are built: once per content version.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import StandardPageFactory, build_portal

# Exact budgets, asserted so that any new query per page is a deliberate change. Showing an article
# writes nothing (its view is counted by the hit endpoint).
# Pages come from the route cache and their representations from the representation cache.
HOME_QUERIES = 0
SECTION_QUERIES = 0  # its 热门文章 are cached apart, with their own timeout
# Later pages of a list are built each time (the count is cached): the articles, renditions, subsections.
LATER_SECTION_PAGE_QUERIES = 3
ARTICLE_QUERIES = 1  # its stored view count (plus what is pending in Redis), current
STANDARD_QUERIES = 0
# Both page types searched, each with its matches and count; PostgreSQL's backend needs one fewer.
# PostgreSQL also sets and resets the search's statement timeout, inside an atomic block that the
# test's own transaction turns into a savepoint and its release.
SEARCH_QUERIES = {"sqlite": 4, "postgresql": 3 + 2 + 2}


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


def test_nested_section_page_queries(client, urls):
    assert count_queries(client, urls["nested_section"]) == SECTION_QUERIES


def test_last_section_page_queries(client, urls):
    assert count_queries(client, urls["section"] + "?page=1000") == LATER_SECTION_PAGE_QUERIES


def test_single_page_queries(client, home, urls):
    page = StandardPageFactory(parent=home, title="学校简介")
    assert count_queries(client, page.url) == STANDARD_QUERIES


def test_search_page_queries(client, urls):
    assert count_queries(client, "/search/?q=校园") == SEARCH_QUERIES[connection.vendor]
