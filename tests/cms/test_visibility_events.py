"""Whatever changes what the public may see moves the content version, so cached site data and
conditional requests never serve a page that became private, expired or hidden."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from core.caching import content_version
from home.models import SiteSettings
from tests.factories import SectionPageFactory

SITE = "/api/v2/site/"


def menu(client):
    return [node["title"] for node in client.get(SITE).json()["navigation"]]


@pytest.fixture
def sections(home):
    return [SectionPageFactory(parent=home, title=title) for title in ("新闻动态", "内部资料")]


def changed(client, first):
    """The site answer to a conditional request with the first answer's validators."""
    return client.get(SITE, headers={"if-none-match": first["ETag"]})


def test_making_a_page_private_hides_it_from_the_cached_site_data(client, sections):
    first = client.get(SITE)
    assert menu(client) == ["新闻动态", "内部资料"]
    PageViewRestriction.objects.create(page=sections[1], restriction_type="password", password="secret")
    response = changed(client, first)
    assert response.status_code == 200
    assert [node["title"] for node in response.json()["navigation"]] == ["新闻动态"]


def test_making_a_page_private_changes_the_listing_that_had_it(client, sections):
    listing = "/api/v2/pages/?type=articles.SectionPage"
    first = client.get(listing)
    PageViewRestriction.objects.create(page=sections[1], restriction_type="login")
    response = client.get(
        listing, headers={"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]}
    )
    assert response.status_code == 200
    assert "内部资料" not in response.content.decode()


def test_changing_a_restriction_moves_the_version(sections):
    restriction = PageViewRestriction.objects.create(
        page=sections[1], restriction_type="password", password="a"
    )
    before = content_version()
    restriction.restriction_type = "groups"
    restriction.save()
    after_type = content_version()
    restriction.groups.add(Group.objects.create(name="教师"))
    assert before < after_type < content_version()


def test_removing_a_restriction_shows_the_page_again(client, sections):
    restriction = PageViewRestriction.objects.create(page=sections[1], restriction_type="login")
    first = client.get(SITE)
    assert menu(client) == ["新闻动态"]
    restriction.delete()
    assert changed(client, first).status_code == 200
    assert menu(client) == ["新闻动态", "内部资料"]


def test_collection_restrictions_move_the_version(home):
    collection = Collection.get_first_root_node().add_child(name="内部文件")
    before = content_version()
    restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    added = content_version()
    restriction.groups.add(Group.objects.create(name="教师"))
    grouped = content_version()
    restriction.delete()
    assert before < added < grouped < content_version()


def test_scheduled_go_live_moves_the_version(client, home, sections):
    draft = SectionPageFactory(parent=home, title="招生信息", live=False)
    revision = draft.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    first = client.get(SITE)
    assert "招生信息" not in menu(client)
    call_command("publish_scheduled")
    assert changed(client, first).status_code == 200
    assert "招生信息" in menu(client)


def test_scheduled_expiry_moves_the_version(client, sections):
    first = client.get(SITE)
    type(sections[1]).objects.filter(pk=sections[1].pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    assert changed(client, first).status_code == 200
    assert menu(client) == ["新闻动态"]


def test_hiding_a_page_from_menus_moves_the_version(client, sections):
    first = client.get(SITE)
    sections[1].show_in_menus = False
    sections[1].save()
    assert changed(client, first).status_code == 200
    assert menu(client) == ["新闻动态"]


def test_saving_a_draft_does_not_move_the_version(sections):
    before = content_version()
    sections[1].title = "内部资料（草稿）"
    sections[1].save_revision()
    assert content_version() == before


def test_site_settings_move_the_version(client, home, sections):
    first = client.get(SITE)
    settings = SiteSettings.for_site(home.get_site())
    settings.name = "吉首市特殊教育学校"
    settings.save()
    response = changed(client, first)
    assert response.status_code == 200
    assert response.json()["name"] == "吉首市特殊教育学校"


def test_redirects_move_the_version(home):
    before = content_version()
    redirect = Redirect.objects.create(old_path="/old-news", redirect_page=home)
    created = content_version()
    redirect.delete()
    assert before < created < content_version()
