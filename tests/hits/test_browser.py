"""As a visitor sees it, in Debian's chromium: the article page counts itself, cached or not."""

import urllib.request

import pytest
from playwright import sync_api

from tests.browser import VISITOR_USER_AGENT, launch, requires_chromium
from tests.factories import ArticlePageFactory, SectionPageFactory, make_site

pytestmark = [
    requires_chromium,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def article_url(live_server):
    home = make_site()
    article = ArticlePageFactory(parent=SectionPageFactory(parent=home), hits=10)
    return f"{live_server.url}{article.url}", f"{live_server.url}/api/v2/pages/{article.pk}/hit/"


def shown_count(page):
    return page.locator(".article__hits")


def test_two_browsers_viewing_twice_add_two_curl_none_and_a_cached_copy_counts(article_url):
    url, hit_url = article_url
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        for expected in ("11", "12"):
            visitor = browser.new_context(user_agent=VISITOR_USER_AGENT)
            page = visitor.new_page()
            for _ in range(2):
                page.goto(url)
                sync_api.expect(shown_count(page)).to_have_text(expected)
            visitor.close()

        for _ in range(2):
            curl = urllib.request.Request(hit_url, method="POST", headers={"User-Agent": "curl/8.5.0"})
            with urllib.request.urlopen(curl) as response:
                assert response.read().decode().endswith('"hits": 12}')

        # A copy cached while the count was 12 still counts and shows the fresh number.
        with urllib.request.urlopen(url) as response:
            cached_html = response.read().decode()
        assert ">12</span>" in cached_html
        visitor = browser.new_context(user_agent=VISITOR_USER_AGENT)
        page = visitor.new_page()
        page.route(
            url, lambda route: route.fulfill(body=cached_html, content_type="text/html; charset=utf-8")
        )
        page.goto(url)
        sync_api.expect(shown_count(page)).to_have_text("13")
        browser.close()
