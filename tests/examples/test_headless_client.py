"""The headless example in a real browser: Chromium opens examples/headless/ on one origin and the
client reads the seeded demo's API from another, so CORS is part of every test.
"""

import functools
import json
import threading
from html import unescape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils.html import strip_tags
from pytest_django.live_server_helper import LiveServer

from articles.models import ArticlePage
from tests.browser import VISITOR_USER_AGENT, launch, requires_chromium
from tests.database import restore_base_data

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "headless"
API_HOST = "localhost"
CLIENT_HOST = "127.0.0.1"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: pip install -r requirements-dev.txt"
)

pytestmark = [
    pytest.mark.django_db,
    requires_chromium,
]


@pytest.fixture(scope="module")
def api(django_db_setup, django_db_blocker):
    """The seeded demo behind a live server for the whole module.

    pytest-django's ``live_server`` fixture would flush the database after every test, so the
    module starts pytest-django's server itself. The demo is committed, because on PostgreSQL the
    server's threads have connections of their own; afterwards the database is restored as
    Django's serialized rollback does.
    """
    with django_db_blocker.unblock():
        restore_base_data()
        before = connection.creation.serialize_db_to_string()
        call_command("seed_demo", verbosity=0)
        server = LiveServer(API_HOST)
        yield server.url
        server.stop()
        call_command(
            "flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True
        )
        connection.creation.deserialize_db_from_string(before)


@pytest.fixture(scope="module")
def rich_article(api, django_db_blocker):
    """The demo article with the most kinds of body block (looked up before any browser starts)."""
    with django_db_blocker.unblock():
        article = max(
            ArticlePage.objects.live(), key=lambda page: len({block.block_type for block in page.body})
        )
        return article.url


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        """Requests for the example's files are not worth a line each in the test output."""


@pytest.fixture(scope="module")
def client_origin():
    """examples/headless/ served as plain files, as any static host would."""
    server = ThreadingHTTPServer((CLIENT_HOST, 0), functools.partial(QuietHandler, directory=EXAMPLE))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{CLIENT_HOST}:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _api_allows_the_client(settings, client_origin):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, API_HOST]
    settings.CORS_ALLOWED_ORIGINS = [client_origin]


@pytest.fixture
def browser_page(api, client_origin):
    """A fresh headless Chromium page per test.

    Playwright's sync API keeps an event loop running while it is started, and Django refuses
    database access from a thread with a running loop: each test's database setup has to come
    before the browser starts, so the browser cannot outlive a test.
    """
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(user_agent=VISITOR_USER_AGENT)
        # The live server serves no media; images are not what these tests look at.
        page.route("**/media/**", lambda route: route.abort())
        yield page
        browser.close()


@pytest.fixture
def script_errors(browser_page):
    """Uncaught exceptions in the client's scripts."""
    errors = []
    browser_page.on("pageerror", lambda error: errors.append(error))
    return errors


def open_client(page, client_origin, api, route="/"):
    page.goto(f"{client_origin}/index.html?{urlencode({'api': api})}#{route}")
    sync_api.expect(page.locator("#main h1")).to_be_attached()
    return page


def get_json(api, path):
    with urlopen(f"{api}{path}") as response:
        return json.load(response)


def text_content(html):
    """Rich text as the browser's textContent reads it."""
    return unescape(strip_tags(html))


def test_home_shows_the_site_name_and_headlines(browser_page, client_origin, api):
    site = get_json(api, "/api/v2/site/")
    page = open_client(browser_page, client_origin, api)
    sync_api.expect(page.locator(".site-brand")).to_have_text(site["name"])
    headlines = page.locator(".home-featured").get_by_role("link")
    sync_api.expect(headlines).to_have_text([item["title"] for item in site["home"]["featured"]])


def test_home_shows_notices_and_section_blocks(browser_page, client_origin, api):
    home = get_json(api, "/api/v2/site/")["home"]
    page = open_client(browser_page, client_origin, api)
    blocks = [home["notices"], *home["sections"]]
    sync_api.expect(page.locator(".home-block h2")).to_have_text(
        [block["section"]["title"] for block in blocks]
    )
    notices = page.locator(".home-block").first.locator(".article-list a")
    sync_api.expect(notices).to_have_text([item["title"] for item in home["notices"]["articles"]])


def test_navigation_lists_the_top_sections(browser_page, client_origin, api):
    navigation = get_json(api, "/api/v2/site/")["navigation"]
    page = open_client(browser_page, client_origin, api)
    top_links = page.locator("#site-nav > li > a")
    sync_api.expect(top_links).to_have_text(["首页", *(item["title"] for item in navigation)])


def test_clicking_a_section_lists_its_articles(browser_page, client_origin, api):
    section = get_json(api, "/api/v2/pages/find/?html_path=/xin-wen-dong-tai/")
    page = open_client(browser_page, client_origin, api)
    page.locator("#site-nav").get_by_role("link", name=section["title"], exact=True).click()
    sync_api.expect(page.get_by_role("heading", level=1)).to_have_text(section["title"])
    titles = page.locator(".article-list--section .article-list__item a")
    sync_api.expect(titles).to_have_text([item["title"] for item in section["articles"]])
    sync_api.expect(page.locator(".list-count")).to_have_text(f"共 {section['pagination']['count']} 篇文章")


def test_section_pagination_shows_the_next_page(browser_page, client_origin, api):
    second = get_json(api, "/api/v2/pages/find/?html_path=/xin-wen-dong-tai/&page=2")
    assert second["pagination"]["page"] == 2
    page = open_client(browser_page, client_origin, api, "/xin-wen-dong-tai/")
    page.get_by_role("link", name="下一页").click()
    sync_api.expect(page.locator(".pagination__current")).to_have_text(
        f"第 2/{second['pagination']['num_pages']} 页"
    )
    titles = page.locator(".article-list--section .article-list__item a")
    sync_api.expect(titles).to_have_text([item["title"] for item in second["articles"]])


def test_clicking_an_article_shows_its_title_meta_line_and_body(browser_page, client_origin, api):
    section = get_json(api, "/api/v2/pages/find/?html_path=/xin-wen-dong-tai/")
    listed = section["articles"][0]
    page = open_client(browser_page, client_origin, api, "/xin-wen-dong-tai/")
    article = get_json(api, f"/api/v2/pages/{listed['id']}/")
    page.get_by_role("link", name=listed["title"], exact=True).click()
    sync_api.expect(page.get_by_role("heading", level=1)).to_have_text(article["title"])
    published = article["publish_time"][:16].replace("T", " ")
    meta = [f"发布时间：{published}", f"点击次数：{article['hits'] + 1}"]
    meta += [
        f"{label}：{article[key]}" for label, key in (("作者", "author"), ("来源", "source")) if article[key]
    ]
    sync_api.expect(page.locator(".article__meta > span")).to_have_text(meta)
    paragraphs = [
        text_content(block["value"]["html"]) for block in article["body"] if block["type"] == "text"
    ]
    sync_api.expect(page.locator(".article__body > .rich-text")).to_have_text(paragraphs)


def test_article_blocks_render_from_the_api(browser_page, client_origin, api, rich_article):
    article = get_json(api, f"/api/v2/pages/find/?html_path={rich_article}")
    page = open_client(browser_page, client_origin, api, rich_article)
    body = page.locator(".article__body")
    blocks = {}
    for block in article["body"]:
        blocks.setdefault(block["type"], block["value"])
    assert {"image", "table", "attachment", "notice", "signature"} <= set(blocks), rich_article
    image = body.locator(".block-image img").first
    sync_api.expect(image).to_have_attribute("alt", blocks["image"]["image"]["alt"])
    sync_api.expect(image).to_have_attribute("srcset", blocks["image"]["image"]["srcset"])
    cells = [cell for row in blocks["table"]["rows"] for cell in row]
    sync_api.expect(body.locator(".block-table").first.locator("th, td")).to_have_text(cells)
    document = blocks["attachment"]["document"]
    attachment = body.get_by_role("link", name=document["title"])
    sync_api.expect(attachment).to_have_attribute("href", document["url"])
    sync_api.expect(body.get_by_role("note").first).to_contain_text(text_content(blocks["notice"]["html"]))
    year, month, day = map(int, blocks["signature"]["date"].split("-"))
    sync_api.expect(body.locator(".signature time").first).to_have_text(f"{year}年{month}月{day}日")


def test_footer_shows_the_icp_record(browser_page, client_origin, api):
    site = get_json(api, "/api/v2/site/")
    page = open_client(browser_page, client_origin, api)
    record = page.locator(".site-footer").get_by_role("link", name=site["icp_record"])
    sync_api.expect(record).to_have_attribute("href", site["icp_url"])


def test_client_runs_without_script_errors(browser_page, script_errors, client_origin, api, rich_article):
    title = get_json(api, f"/api/v2/pages/find/?html_path={rich_article}")["title"]
    page = open_client(browser_page, client_origin, api)
    for route, heading in (
        ("/xin-wen-dong-tai/", "新闻动态"),
        (rich_article, title),
        ("/no-such-page/", "页面不存在"),
    ):
        page.evaluate("route => { window.location.hash = route; }", route)
        sync_api.expect(page.locator("#main h1")).to_have_text(heading)
    assert script_errors == []
