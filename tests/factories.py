"""Factories for the page tree; every test builds just the content it needs."""

import datetime
from zoneinfo import ZoneInfo

import factory
import wagtail_factories
from wagtail.models import Page, Site

from articles.models import ArticlePage, SectionPage, StandardPage
from home.models import HomePage, HomeSection, SiteSettings

SHANGHAI = ZoneInfo("Asia/Shanghai")


class HomePageFactory(wagtail_factories.PageFactory):
    title = "湘西自治州特殊教育学校"
    slug = "home"

    class Meta:
        model = HomePage


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"栏目{n}")
    show_in_menus = True

    class Meta:
        model = SectionPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"文章标题{n}")
    publish_time = factory.Sequence(
        lambda n: datetime.datetime(2020, 1, 1, 8, 0, tzinfo=SHANGHAI) + datetime.timedelta(days=n)
    )
    author = "办公室"

    class Meta:
        model = ArticlePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"单页{n}")

    class Meta:
        model = StandardPage


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"图片{n}")


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"附件{n}")


def make_site():
    """A home page served as the default site, replacing Wagtail's welcome page."""
    Page.objects.filter(depth=2).delete()
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=home.title
    )
    return home


def tag(article, *names):
    """Tags live in a cluster relation: they are saved with the page."""
    article.tags.add(*names)
    article.save()
    return article


def build_portal(home, article_count):
    """Sections, articles with covers, home blocks and settings; returns the URLs of one page of each kind."""
    news = SectionPageFactory(parent=home, title="新闻动态")
    notices = SectionPageFactory(parent=home, title="通知公告")
    latest = SectionPageFactory(parent=news, title="最新动态")
    cover = ImageFactory()
    SiteSettings.objects.create(site=home.get_site(), name="湘西自治州特殊教育学校")
    for number in range(article_count):
        article = ArticlePageFactory(
            parent=[latest, notices][number % 2],
            cover=cover,
            featured=number % 3 == 0,
            pinned=number % 7 == 0,
        )
        tag(article, "校园")
    home.notices_section = notices
    home.save()
    HomeSection.objects.create(page=home, section=news, count=8)
    HomeSection.objects.create(page=home, section=latest, count=8)
    article = latest.articles()[3]
    return {
        "home": "/",
        "section": news.url,
        "nested_section": latest.url,
        "article": article.url,
        "section_id": news.pk,
        "article_id": article.pk,
    }
