"""``results.top()``: the first hits and a capped count, the same whichever way the backend finds them.

PostgreSQL picks its way by how many pages there are and how many match; the thresholds are lowered
here so that a handful of articles takes each way. SQLite has one way, checked by the same cases.
"""

import datetime

import pytest
from django.db import connection

from articles.models import ArticlePage
from search.backends import postgres
from tests.factories import SHANGHAI
from tests.search.conftest import make_article

# (title, body): 党员 in the title of three, in the body only of four, in neither of two.
ARTICLES = [
    ("党员大会", "会议"),
    ("通知", "全体党员参加"),
    ("新闻", "天气晴"),
    ("党员风采", "优秀党员"),
    ("活动", "党员志愿服务"),
    ("公告", "放假安排"),
    ("学习", "党员学习"),
    ("党员教育", "课程"),
    ("总结", "党员总结"),
]


@pytest.fixture
def articles(section):
    start = datetime.datetime(2024, 1, 1, tzinfo=SHANGHAI)
    return [
        make_article(section, title, body, publish_time=start + datetime.timedelta(days=number % 4))
        for number, (title, body) in enumerate(ARTICLES)
    ]


def expected(articles, order):
    """Matches sorted as the site search promises: title matches first for relevance, then by
    publish time (ties by id), newest first unless oldest is asked for."""
    matches = [page for page in articles if "党员" in page.title or "党员" in page.body[0].value.source]
    oldest = order == "oldest"
    matches.sort(key=lambda page: (page.publish_time, page.pk), reverse=not oldest)
    if order == "relevance":
        matches.sort(key=lambda page: "党员" not in page.title)
    return [page.pk for page in matches]


def top(order, stop, cap):
    queryset = ArticlePage.objects.live().order_by(
        *(("publish_time", "id") if order == "oldest" else ("-publish_time", "-id"))
    )
    hits, count = queryset.search("党员", operator="and", order_by_relevance=order == "relevance").top(
        stop, cap
    )
    return [hit.pk for hit in hits], count


# Each way PostgreSQL can take: (SMALL_SCOPE, TITLE_SCAN_ROWS, cap), for 7 matches, 3 in titles.
WAYS = {
    "small queryset: each page checked": (200, 200, 100),
    "rare: GIN matches sorted": (0, 200, 100),
    "common: pages walked, titles checked here": (0, 5, 3),
    "common: pages walked, titles from the GIN index": (0, 2, 3),
    "common: pages walked for titles too": (0, 2, 2),
}


# SQLite has one way; the thresholds do not apply to it.
TRIED = list(WAYS) if connection.vendor == "postgresql" else list(WAYS)[:1]


@pytest.fixture(params=TRIED)
def cap(request, monkeypatch):
    small_scope, title_scan_rows, cap = WAYS[request.param]
    monkeypatch.setattr(postgres, "SMALL_SCOPE", small_scope)
    monkeypatch.setattr(postgres, "TITLE_SCAN_ROWS", title_scan_rows)
    return cap


@pytest.mark.parametrize("order", ["relevance", "newest", "oldest"])
@pytest.mark.parametrize("stop", [1, 3, 5, 20])
def test_first_hits_are_the_first_matches_in_order(articles, cap, order, stop):
    assert top(order, stop, cap)[0] == expected(articles, order)[:stop]


@pytest.mark.parametrize("small_scope", [200, 0])
@pytest.mark.parametrize("cap", [2, 6, 7, 100])
def test_count_is_exact_up_to_the_cap_and_one_more_beyond(articles, monkeypatch, small_scope, cap):
    monkeypatch.setattr(postgres, "SMALL_SCOPE", small_scope)
    assert top("relevance", 20, cap)[1] == min(len(expected(articles, "relevance")), cap + 1)
