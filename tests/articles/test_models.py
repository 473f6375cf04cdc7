import datetime

import pytest
from wagtail.models import Page

from articles.models import ArticlePage, SectionPage, StandardPage, pinyin_slug
from home.models import HomePage
from tests.factories import SHANGHAI, ArticlePageFactory, SectionPageFactory


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (SectionPage, HomePage, True),
        (SectionPage, SectionPage, True),
        (StandardPage, HomePage, True),
        (StandardPage, SectionPage, True),
        (ArticlePage, SectionPage, True),
        (ArticlePage, HomePage, False),
        (ArticlePage, ArticlePage, False),
        (SectionPage, ArticlePage, False),
        (SectionPage, StandardPage, False),
        (HomePage, SectionPage, False),
        (HomePage, Page, True),
    ],
)
def test_creation_rules(child, parent, allowed):
    assert (
        parent in child.allowed_parent_page_models() and child in parent.allowed_subpage_models()
    ) is allowed


def test_only_one_home_page_per_parent(home):
    assert not HomePage.can_create_at(home.get_parent())


def test_section_slug_is_pinyin_of_title(home):
    section = SectionPageFactory(parent=home, title="学校概况", slug="")
    assert section.slug == "xue-xiao-gai-kuang"


def test_section_slug_keeps_latin_words():
    assert pinyin_slug("使用Wagtail发布") == "shi-yong-wagtail-fa-bu"


def test_editor_given_slug_is_kept(home):
    section = SectionPageFactory(parent=home, title="学校概况", slug="about")
    assert section.slug == "about"


def test_article_slug_is_publish_date_and_unique_among_siblings(section):
    when = datetime.datetime(2012, 1, 2, 19, 0, 25, tzinfo=SHANGHAI)
    first = ArticlePageFactory(parent=section, slug="", publish_time=when)
    second = ArticlePageFactory(parent=section, slug="", publish_time=when)
    assert (first.slug, second.slug) == ("20120102", "20120102-2")
    assert first.url == "/xin-wen-dong-tai/20120102/"


def test_article_slug_uses_shanghai_date(section):
    late_evening_utc = datetime.datetime(2020, 5, 1, 20, 0, tzinfo=datetime.UTC)
    article = ArticlePageFactory(parent=section, slug="", publish_time=late_evening_utc)
    assert article.slug == "20200502"


def test_publishing_an_old_revision_keeps_hits(section):
    article = ArticlePageFactory(parent=section)
    old_revision = article.save_revision()
    ArticlePage.objects.filter(pk=article.pk).update(hits=655)
    old_revision.publish()
    assert ArticlePage.objects.get(pk=article.pk).hits == 655
