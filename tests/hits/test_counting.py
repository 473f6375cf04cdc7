"""The hit endpoint: one visitor once per article per window, crawlers never, only public articles."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import ArticlePage
from hits import counter
from hits.models import HitDay

from .conftest import hit, shown


def test_a_visitor_counts_once_per_article(client, article):
    answers = [hit(client, article.pk, visitor=1).json() for _ in range(3)]
    assert answers == [{"id": article.pk, "hits": 1}] * 3
    assert hit(client, article.pk, visitor=2).json()["hits"] == 2


def test_a_visitor_without_cookie_counts_once_and_is_given_one(client, article):
    first = hit(client, article.pk)
    cookie = first.cookies["hits_visitor"].value
    assert hit(client, article.pk).json()["hits"] == 1
    client.cookies["hits_visitor"] = cookie
    again = client.post(f"/api/v2/pages/{article.pk}/hit/", HTTP_USER_AGENT="Mozilla/5.0 Firefox/120.0")
    assert again.json()["hits"] == 1


def test_cookieless_visitors_are_told_apart_by_address(client, article):
    with override_settings(TRUSTED_PROXIES=["127.0.0.1"]):
        for address in ("10.0.0.1", "10.0.0.2", "10.0.0.1"):
            hit(client, article.pk, HTTP_X_FORWARDED_FOR=address)
    assert shown(client, article.pk) == 2


def test_no_address_or_user_agent_is_stored_in_clear(client, article):
    hit(client, article.pk, HTTP_X_FORWARDED_FOR="10.9.8.7")
    marks = list(counter.HitMark.objects.values_list("key", flat=True))
    assert all("10.9.8.7" not in key and "Mozilla" not in key for key in marks)


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 (compatible; 360Spider)",
        "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko; compatible; Bytespider)",
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.32.3",
        "Go-http-client/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36",
    ],
)
def test_crawlers_and_scripts_get_the_count_uncounted(client, article, agent):
    hit(client, article.pk, visitor=1)
    answer = hit(client, article.pk, visitor=2, agent=agent)
    assert answer.status_code == 200
    assert answer.json()["hits"] == 1
    assert shown(client, article.pk) == 1


def test_showing_an_article_writes_nothing(client, article):
    client.get(article.url)  # the first request of a site creates its settings row
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url, HTTP_USER_AGENT="Mozilla/5.0 Firefox/120.0")
    assert response.status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("UPDATE", "INSERT", "DELETE")]
    assert writes == []
    assert ArticlePage.objects.get(pk=article.pk).hits == 0


def test_the_page_carries_the_beacon_and_the_rendered_count(client, article):
    ArticlePage.objects.filter(pk=article.pk).update(hits=41)
    html = client.get(article.url).content.decode()
    assert f'data-hit-url="/api/v2/pages/{article.pk}/hit/"' in html
    assert ">41</span>" in html
    assert "default/js/hits.js" in html


def test_drafts_private_and_expired_articles_cannot_be_hit(client, article, section):
    from wagtail.models import PageViewRestriction

    from tests.factories import ArticlePageFactory, SectionPageFactory

    expired = ArticlePageFactory(parent=section, expire_at=timezone.now() - timedelta(minutes=1))
    private_section = SectionPageFactory(parent=section)
    PageViewRestriction.objects.create(page=private_section, restriction_type="password", password="x")
    private = ArticlePageFactory(parent=private_section)
    draft = ArticlePageFactory(parent=section)
    draft.unpublish()
    for page in (expired, private, draft, section):
        assert hit(client, page.pk, visitor=1).status_code == 404
    assert hit(client, "abc", visitor=1).status_code == 400
    assert client.get(f"/api/v2/pages/{article.pk}/hit/").status_code == 405


def test_imported_counts_are_the_starting_value(client, section):
    from tests.factories import ArticlePageFactory

    imported = ArticlePageFactory(parent=section, hits=655)
    assert hit(client, imported.pk, visitor=1).json()["hits"] == 656


def test_saving_an_edited_article_keeps_views_counted_meanwhile(client, article):
    edited = ArticlePage.objects.get(pk=article.pk)
    hit(client, article.pk, visitor=1)
    counter.flush()
    edited.title = "运动会（更正）"
    edited.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).hits == 1
    assert ArticlePage.objects.get(pk=article.pk).title == "运动会（更正）"


def test_publishing_an_older_revision_never_rolls_the_count_back(client, article):
    old = article.save_revision()
    for visitor in range(3):
        hit(client, article.pk, visitor=visitor)
    counter.flush()
    old.publish()
    assert ArticlePage.objects.get(pk=article.pk).hits == 3


def test_views_are_counted_per_day(client, article):
    for visitor in range(4):
        hit(client, article.pk, visitor=visitor)
    counter.flush()
    assert list(HitDay.objects.values_list("article_id", "day", "count")) == [
        (article.pk, timezone.localdate(), 4)
    ]
    assert ArticlePage.objects.get(pk=article.pk).hits == 4


@override_settings(HIT_WINDOW=1)
def test_a_visitor_counts_again_after_the_window(client, article):
    hit(client, article.pk, visitor=1)
    time.sleep(1.1)
    assert hit(client, article.pk, visitor=1).json()["hits"] == 2


def test_a_cached_api_detail_shows_views_counted_since(client, article):
    assert shown(client, article.pk) == 0
    hit(client, article.pk, visitor=1)
    assert shown(client, article.pk) == 1
