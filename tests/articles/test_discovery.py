"""How the site is found: robots.txt, RSS feeds, canonical links, Open Graph and JSON-LD."""

import datetime
import json
import re
from xml.etree import ElementTree

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.models import SiteSettings
from tests.factories import SHANGHAI, ArticlePageFactory, ImageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    return [{child.tag: child.text for child in item} for item in channel.findall("item")]


def json_ld(html):
    return [
        json.loads(found) for found in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]


def meta(html, attribute, name):
    return re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)


def test_robots_txt_names_the_sitemap_by_its_absolute_address(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode().splitlines()
    assert "Disallow: /admin/" in response.content.decode().splitlines()


def test_site_feed_has_the_latest_twenty_public_articles_newest_first(home, section, client):
    articles = [ArticlePageFactory(parent=section, summary=f"摘要{n}") for n in range(22)]
    ArticlePageFactory(parent=section, title="草稿", live=False)
    private = SectionPageFactory(parent=home, title="内部")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    ArticlePageFactory(parent=private, title="内部文章")
    ArticlePageFactory(parent=section, title="过期", expire_at=timezone.now() - datetime.timedelta(days=1))
    items = rss_items(client, "/feed/")
    newest = articles[::-1][:20]
    assert [item["title"] for item in items] == [article.title for article in newest]
    first = items[0]
    assert first["link"] == first["guid"] == f"http://testserver{newest[0].url}"
    assert first["description"] == newest[0].summary
    local = timezone.localtime(newest[0].publish_time, SHANGHAI)
    assert first["pubDate"] == local.strftime("%a, %d %b %Y %H:%M:%S +0800")


def test_section_feed_lists_that_section_only(home, section, client):
    mine = ArticlePageFactory(parent=SectionPageFactory(parent=section, title="子栏目"))
    ArticlePageFactory(parent=SectionPageFactory(parent=home, title="其他"))
    assert [item["title"] for item in rss_items(client, f"{section.url}feed/")] == [mine.title]


def test_private_section_feed_shows_no_article(home, client):
    private = SectionPageFactory(parent=home, title="内部")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    ArticlePageFactory(parent=private, title="内部文章")
    assert "内部文章" not in client.get(f"{private.url}feed/").content.decode()


def test_article_head_has_canonical_open_graph_and_news_article(home, section, client):
    settings = SiteSettings.objects.create(
        site=home.get_site(), name="湘西自治州特殊教育学校", logo=ImageFactory()
    )
    article = ArticlePageFactory(
        parent=section,
        title="运动会</script><script>alert(1)</script>",
        summary="学校举行田径运动会。",
        cover=ImageFactory(),
        author="体育组",
        publish_time=datetime.datetime(2026, 5, 20, 9, 30, tzinfo=SHANGHAI),
    )
    html = client.get(article.url).content.decode()
    url = f"http://testserver{article.url}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "name", "description") == ["学校举行田径运动会。"]
    assert meta(html, "property", "og:type") == ["article"]
    assert meta(html, "property", "og:url") == [url]
    assert meta(html, "property", "og:site_name") == [settings.name]
    assert meta(html, "property", "og:image")[0].startswith("http://testserver/media/images/")
    assert "<script>alert(1)" not in html
    (news,) = json_ld(html)
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == article.title
    assert news["datePublished"] == "2026-05-20T09:30:00+08:00"
    assert news["dateModified"].endswith("+08:00") and news["dateModified"] >= news["datePublished"]
    assert news["author"] == {"@type": "Person", "name": "体育组"}
    assert news["publisher"]["name"] == settings.name
    assert news["publisher"]["logo"]["url"].startswith("http://testserver/media/images/")
    assert news["image"] == meta(html, "property", "og:image")
    feeds = re.findall(
        r'<link rel="alternate" type="application/rss\+xml" title="[^"]*" href="([^"]*)">', html
    )
    assert feeds == ["http://testserver/feed/", f"http://testserver{section.url}feed/"]


def test_api_gives_the_same_seo_object_the_page_renders(section, client):
    article = ArticlePageFactory(parent=section, summary="摘要")
    seo = client.get(f"/api/v2/pages/{article.pk}/").json()["seo"]
    html = client.get(article.url).content.decode()
    assert json_ld(html) == [seo["json_ld"]]
    assert meta(html, "property", "og:title") == [seo["open_graph"]["og:title"]]


def test_home_page_describes_the_website_and_its_search(home, client):
    (website,) = json_ld(client.get("/").content.decode())
    assert website["@type"] == "WebSite"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
