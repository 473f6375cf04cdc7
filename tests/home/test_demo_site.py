"""The demo site: every page renders, and the article page shows everything a visitor expects."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from articles.models import ArticlePage, SectionPage, StandardPage
from transfer.models import ImportedArticle

EXAMPLE_TITLE = "2010年州特校创先争优活动领导点评工作总结"


@pytest.fixture
def example(demo, db):
    return ArticlePage.objects.get(title=EXAMPLE_TITLE)


def test_demo_has_enough_content(demo, db):
    assert SectionPage.objects.filter(depth=3).count() >= 6
    assert SectionPage.objects.filter(depth__gt=3).exists()
    assert ArticlePage.objects.live().count() >= 60


def test_seed_demo_is_idempotent(demo, db):
    before = (ArticlePage.objects.count(), SectionPage.objects.count(), StandardPage.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (ArticlePage.objects.count(), SectionPage.objects.count(), StandardPage.objects.count()) == before


def test_seed_demo_takes_over_articles_an_earlier_seed_wrote(demo, db):
    """Before the demo was an import file, seed_demo left no import records: seeding again adds no copies."""
    ImportedArticle.objects.filter(page__title=EXAMPLE_TITLE).delete()
    count = ArticlePage.objects.count()
    call_command("seed_demo", verbosity=0)
    assert ArticlePage.objects.count() == count
    assert ImportedArticle.objects.get(page__title=EXAMPLE_TITLE).content_hash


@pytest.mark.parametrize("model", [SectionPage, ArticlePage, StandardPage])
def test_every_demo_page_renders(demo, client, model):
    for page in model.objects.live():
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_home_page_renders(demo, client):
    response = client.get("/")
    assert response.status_code == 200
    assert "通知公告" in response.content.decode()


def test_article_meta_line(example, client):
    html = client.get(example.url).content.decode()
    assert "发布时间" in html and "2012-01-02 19:00" in html
    assert "点击次数" in html and "655" in html  # showing the page counts nothing: the beacon does
    assert "超级管理员" in html


def test_article_breadcrumb(example, client):
    html = client.get(example.url).content.decode()
    for link in (">首页<", ">党建工作<", ">党的群众路线教育活动<"):
        assert link in html


def test_article_neighbours_are_the_nearest_in_its_section(example, client):
    soup = BeautifulSoup(client.get(example.url).content, "html.parser")
    siblings = ArticlePage.objects.live().sibling_of(example, inclusive=False)
    older = siblings.filter(publish_time__lt=example.publish_time).order_by("-publish_time").first()
    newer = siblings.filter(publish_time__gt=example.publish_time).order_by("publish_time").first()
    assert older and newer
    assert soup.select_one('.article__neighbours a[rel="prev"]')["href"] == older.url
    assert soup.select_one('.article__neighbours a[rel="next"]')["href"] == newer.url


def test_article_tools_lead_back_to_the_section_and_the_top(example, client):
    soup = BeautifulSoup(client.get(example.url).content, "html.parser")
    tools = soup.select_one(".article__tools")
    assert tools.select_one('[data-action="back"]')["href"] == example.get_parent().url
    assert tools.select_one('a[href="#top"]') and soup.find(id="top")


def test_article_outline_and_signature(example, client):
    html = client.get(example.url).content.decode()
    assert "一、点评模式灵活" in html
    assert "湘西自治州特殊教育学校党支部" in html
    assert 'class="signature' in html


def test_footer_from_site_settings(demo, client):
    html = client.get("/").content.decode()
    assert "0743-8716244（值班室）" in html
    assert "8756512（工会、总务处）" in html
    assert "416000" in html
    assert 'href="https://beian.miit.gov.cn/"' in html
    assert "湘ICP备17017769号" in html


def test_missing_page_is_themed_404(demo, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "湘ICP备17017769号" in response.content.decode()
