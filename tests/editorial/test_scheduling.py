"""Scheduled publishing and expiry: what ``publish_scheduled`` (a periodic command) does, seen by visitors."""

import datetime

from django.core.management import call_command
from django.utils import timezone
from wagtail.rich_text import RichText

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory

BODY = [("text", RichText("<p>运动会定于周五举行。</p>"))]


def visible_everywhere(client, section, title):
    """Where a visitor or an API client finds the article: the section, the API list, search."""
    article = ArticlePage.objects.filter(title=title).first()
    in_section = title in client.get(section.url).content.decode()
    listed = client.get("/api/v2/pages/", {"type": "articles.ArticlePage", "fields": "title"}).json()
    in_api = title in [item["title"] for item in listed["items"]]
    found = client.get("/api/v2/search/", {"q": "运动会"}).json()
    in_search = title in str(found)
    detail = client.get(f"/api/v2/pages/{article.pk}/").status_code == 200
    page = client.get(article.url).status_code == 200 if article.url else False
    return {"section": in_section, "api": in_api, "search": in_search, "detail": detail, "page": page}


def an_hour_later(revision):
    """The scheduled time has passed: move it, in the revision and its content, a minute into the past."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])


def test_a_scheduled_article_goes_live_when_its_time_comes(section, client):
    article = ArticlePageFactory(parent=section, title="运动会通知", body=BODY, live=False)
    article.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = article.save_revision()
    revision.publish()
    article.refresh_from_db()
    assert not article.live and article.scheduled_revision is not None
    call_command("publish_scheduled", verbosity=0)
    assert not ArticlePage.objects.get(pk=article.pk).live
    an_hour_later(revision)
    call_command("publish_scheduled", verbosity=0)
    assert set(visible_everywhere(client, section, "运动会通知").values()) == {True}


def test_an_expired_article_goes_away_from_every_list(section, client):
    article = ArticlePageFactory(parent=section, title="运动会通知", body=BODY)
    assert set(visible_everywhere(client, section, "运动会通知").values()) == {True}
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled", verbosity=0)
    assert not ArticlePage.objects.get(pk=article.pk).live
    assert set(visible_everywhere(client, section, "运动会通知").values()) == {False}
