"""Static publishing writes every live public page and keeps the files current as pages change."""

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from home.models import SiteSettings
from publishing import signals
from tests.factories import ArticlePageFactory, SectionPageFactory, StandardPageFactory


@pytest.fixture
def root(settings, tmp_path, home):
    SiteSettings.objects.create(site=home.get_site())  # else the first page shown creates it: a change
    signals._pending.__dict__.clear()  # changes made while building the site, in a never-committed test
    settings.STATIC_PUBLISH_ENABLED = True
    settings.STATIC_PUBLISH_ROOT = tmp_path
    return tmp_path / "localhost"


@pytest.fixture
def portal(home):
    news = SectionPageFactory(parent=home, title="新闻动态", slug="news")
    article = ArticlePageFactory(parent=news, title="开学典礼", slug="opening", featured=True)
    about = StandardPageFactory(parent=home, title="学校简介", slug="about")
    return {"news": news, "article": article, "about": about}


def html(path):
    return path.read_text(encoding="utf-8")


def test_publish_static_writes_every_public_page(root, portal):
    call_command("publish_static", verbosity=0)
    assert "开学典礼" in html(root / "index.html")
    assert "开学典礼" in html(root / "news" / "index.html")
    assert "开学典礼" in html(root / "news" / "opening" / "index.html")
    assert "学校简介" in html(root / "about" / "index.html")
    assert not list(root.rglob("*.tmp"))


def test_private_pages_are_never_written(root, portal):
    PageViewRestriction.objects.create(page=portal["about"], restriction_type="password", password="secret")
    call_command("publish_static", verbosity=0)
    assert not (root / "about" / "index.html").exists()
    assert (root / "news" / "index.html").exists()


def test_publishing_an_article_writes_it_its_section_and_home(
    root, portal, django_capture_on_commit_callbacks
):
    call_command("publish_static", verbosity=0)
    article = ArticlePageFactory(
        parent=portal["news"], title="运动会通知", slug="sports", featured=True, live=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert "运动会通知" in html(root / "news" / "sports" / "index.html")
    assert "运动会通知" in html(root / "news" / "index.html")
    assert "运动会通知" in html(root / "index.html")
    assert "运动会通知" in html(root / "news" / "opening" / "index.html")  # its neighbour


def test_unpublishing_removes_the_file_and_the_listing(root, portal, django_capture_on_commit_callbacks):
    call_command("publish_static", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        portal["article"].unpublish()
    assert not (root / "news" / "opening" / "index.html").exists()
    assert "开学典礼" not in html(root / "news" / "index.html")


def test_restricting_a_page_removes_its_file(root, portal, django_capture_on_commit_callbacks):
    call_command("publish_static", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=portal["news"], restriction_type="login")
    assert not (root / "news").exists()
    assert (root / "about" / "index.html").exists()


def test_a_new_menu_page_rewrites_every_page(root, portal, home, django_capture_on_commit_callbacks):
    call_command("publish_static", verbosity=0)
    section = SectionPageFactory(parent=home, title="党建工作", slug="party", show_in_menus=True, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    assert "党建工作" in html(root / "about" / "index.html")


def test_an_old_article_rewrites_only_its_neighbours_and_lists(
    root, portal, monkeypatch, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from publishing import publisher

    now = timezone.now()
    articles = [
        ArticlePageFactory(parent=portal["news"], slug=f"a{day}", publish_time=now - timedelta(days=day))
        for day in range(1, 21)
    ]
    written = []
    monkeypatch.setattr(publisher, "write_atomically", lambda path, content: written.append(path))
    old = articles[-3]  # 18 days old: far from the section's 15 latest
    with django_capture_on_commit_callbacks(execute=True):
        old.save_revision().publish()
    expected = {"a18", "a17", "a19", "news", ""}
    assert {path.parent.name if path.parent != root else "" for path in written} == expected
