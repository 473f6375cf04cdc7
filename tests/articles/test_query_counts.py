"""The home, section and article pages run a fixed number of queries, whatever the number of articles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomeSection, SiteSettings
from tests.factories import ArticlePageFactory, ImageFactory, SectionPageFactory

# Exact budgets, asserted so that any new query per page is a deliberate change.
HOME_QUERIES = 20
SECTION_QUERIES = 18
ARTICLE_QUERIES = 26


def build_site(home, article_count):
    news = SectionPageFactory(parent=home, title="新闻动态")
    notices = SectionPageFactory(parent=home, title="通知公告")
    latest = SectionPageFactory(parent=news, title="最新动态")
    cover = ImageFactory()
    SiteSettings.objects.create(site=home.get_site(), name="湘西自治州特殊教育学校")
    for number in range(article_count):
        ArticlePageFactory(
            parent=[latest, notices][number % 2],
            cover=cover,
            featured=number % 3 == 0,
            pinned=number % 7 == 0,
        )
    home.notices_section = notices
    home.save()
    HomeSection.objects.create(page=home, section=news, count=8)
    HomeSection.objects.create(page=home, section=latest, count=8)
    article = latest.articles()[3]
    return {"home": "/", "section": news.url, "article": article.url}


def count_queries(client, url):
    client.get(url)  # the first request makes renditions and settings rows
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture(params=[10, 200], ids=lambda count: f"{count}-articles")
def urls(request, home):
    return build_site(home, request.param)


def test_home_page_queries(client, urls):
    assert count_queries(client, urls["home"]) == HOME_QUERIES


def test_section_page_queries(client, urls):
    assert count_queries(client, urls["section"]) == SECTION_QUERIES


def test_article_page_queries(client, urls):
    assert count_queries(client, urls["article"]) == ARTICLE_QUERIES
