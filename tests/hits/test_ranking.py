"""Ordering by views (all time, 7 and 30 days) and 热门文章, from the daily statistics."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from articles.models import ArticlePage
from articles.representations import popular_items
from core.visibility import private_q
from hits.models import HitDay
from tests.factories import ArticlePageFactory

from .conftest import hit

ARTICLES = "/api/v2/pages/?type=articles.ArticlePage&fields=hits"


@pytest.fixture
def ranked(section):
    """Old favourite: many views long ago; news: a few this week; steady: some in the month."""
    today = timezone.localdate()
    articles = {name: ArticlePageFactory(parent=section, title=name) for name in ("old", "news", "steady")}
    ArticlePage.objects.filter(pk=articles["old"].pk).update(hits=900)
    ArticlePage.objects.filter(pk=articles["steady"].pk).update(hits=40)
    ArticlePage.objects.filter(pk=articles["news"].pk).update(hits=12)
    HitDay.objects.create(article=articles["old"], day=today - timedelta(days=200), count=900)
    HitDay.objects.create(article=articles["steady"], day=today - timedelta(days=20), count=40)
    HitDay.objects.create(article=articles["news"], day=today - timedelta(days=6), count=12)
    return articles


def titles(client, order):
    response = client.get(f"{ARTICLES}&order={order}")
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("-hits", ["old", "steady", "news"]),
        ("-hits_30d", ["steady", "news", "old"]),
        ("-hits_7d", ["news", "old", "steady"][:1] + ["steady", "old"]),
        ("hits_7d", ["steady", "old", "news"]),
    ],
)
def test_articles_are_ordered_by_views(client, ranked, order, expected):
    assert titles(client, order) == expected


def test_ordering_counts_views_not_yet_flushed(client, ranked):
    for visitor in range(13):
        hit(client, ranked["steady"].pk, visitor=visitor)
    assert titles(client, "-hits_7d")[0] == "steady"


def test_ordering_by_views_needs_articles(client, ranked):
    assert client.get("/api/v2/pages/?order=-hits_7d").status_code == 400
    assert client.get(f"{ARTICLES}&order=-nonsense").status_code == 400


def site_request():
    """A request whose site and site root paths are known, as they are after a site's first request."""
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    Site.find_for_request(request)
    Site.get_site_root_paths()
    return request


def popular(home, request=None):
    return popular_items(request or site_request(), home.pk, home)


def test_popular_is_the_week_then_all_time(home, ranked):
    assert [item["title"] for item in popular(home)] == ["news", "old", "steady"]


def test_popular_is_all_time_while_the_week_is_empty(home, section):
    for number, views in enumerate((5, 50, 0)):
        ArticlePageFactory(parent=section, title=f"a{number}", hits=views)
    assert [item["title"] for item in popular(home)] == ["a1", "a0", "a2"]


@pytest.mark.parametrize("count", [3, 30])
def test_popular_runs_two_queries_whatever_the_data(home, section, count):
    today = timezone.localdate()
    for number in range(count):
        article = ArticlePageFactory(parent=section)
        HitDay.objects.create(article=article, day=today, count=number + 1)
    request = site_request()
    private_q()  # the restricted paths are site data, cached per content version
    with CaptureQueriesContext(connection) as queries:
        items = popular(home, request)
    assert len(items) == min(count, 10)
    assert len(queries) == 2


def test_home_section_and_site_api_share_the_list(client, home, section, ranked):
    expected = [item["title"] for item in popular(home)]
    site = client.get("/api/v2/site/").json()
    assert [item["title"] for item in site["home"]["popular"]] == expected
    home_html = client.get("/").content.decode()
    assert "热门文章" in home_html and all(title in home_html for title in expected)
    section_data = client.get(f"/api/v2/pages/{section.pk}/").json()
    assert [item["title"] for item in section_data["popular"]] == expected
