"""Writes for integrations: Wagtail's v3 API at /api/v3/, authenticated by bearer tokens."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from wagtail.models import APIToken, GroupPagePermission

from articles.models import ArticlePage
from tests.api.conftest import get_json
from tests.factories import ArticlePageFactory, SectionPageFactory

V2_ARTICLES = "/api/v2/pages/?type=articles.ArticlePage"
PAGES = "/api/v3/pages/"


@pytest.fixture
def api():
    """A client that, like curl, sends no CSRF token: bearer-token writes must not need one."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def editor(django_user_model, section):
    """A user who may add, edit and publish pages in ``section`` and nowhere else."""
    user = django_user_model.objects.create_user(username="integration")
    group = Group.objects.create(name="新闻动态编辑")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=section, permission=Permission.objects.get(codename=codename)
        )
    user.groups.add(group)
    return user


@pytest.fixture
def token(editor):
    return APIToken.create_token(user=editor, name="newsroom import")[1]


def bearer(plaintext):
    return {"Authorization": f"Bearer {plaintext}"}


def create(api, parent, title, headers, fields=None, **meta):
    """POST a new article; v3 makes slugs from titles with Django's slugify, which drops Chinese."""
    payload = {
        "meta": {"type": "articles.ArticlePage", "parent_id": parent.pk, **meta},
        "title": title,
        "slug": "from-the-api",
        **(fields or {}),
    }
    return api.post(PAGES, json.dumps(payload), content_type="application/json", headers=headers)


def publish(api, page_id, headers):
    return api.post(f"{PAGES}{page_id}/actions/publish/", headers=headers)


def v2_titles(client):
    return [item["title"] for item in get_json(client, V2_ARTICLES)["items"]]


def test_anonymous_create_is_refused(api, section):
    assert create(api, section, "匿名稿件", headers={}).status_code == 401
    assert not ArticlePage.objects.exists()


def test_anonymous_edit_is_refused(api, section):
    article = ArticlePageFactory(parent=section, title="原标题")
    response = api.patch(
        f"{PAGES}{article.pk}/", json.dumps({"title": "篡改"}), content_type="application/json"
    )
    assert response.status_code == 401
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().title == "原标题"


def test_anonymous_publish_is_refused(api, section):
    article = ArticlePageFactory(parent=section, live=False)
    assert publish(api, article.pk, headers={}).status_code == 401
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_session_login_does_not_authenticate_writes(api, section, admin_user):
    api.force_login(admin_user)
    assert create(api, section, "会话稿件", headers={}).status_code == 401
    assert not ArticlePage.objects.exists()


def test_unknown_token_is_refused(api, section):
    assert create(api, section, "伪造令牌", headers=bearer(APIToken.generate_token())).status_code == 401
    assert not ArticlePage.objects.exists()


def test_revoked_token_is_refused(api, section, editor):
    instance, plaintext = APIToken.create_token(user=editor, name="revoked")
    instance.revoke()
    assert create(api, section, "已吊销", headers=bearer(plaintext)).status_code == 401
    assert not ArticlePage.objects.exists()


def test_editor_cannot_create_outside_their_section(api, home, token):
    other = SectionPageFactory(parent=home, title="通知公告")
    assert create(api, other, "越权稿件", headers=bearer(token)).status_code == 403
    assert not ArticlePage.objects.exists()


def test_editor_creates_then_publishes_and_v2_lists_it(api, client, section, token):
    created = create(api, section, "接口发布的文章", headers=bearer(token))
    assert created.status_code == 201, created.content
    page_id = created.json()["id"]
    assert publish(api, page_id, headers=bearer(token)).status_code == 200
    assert v2_titles(client) == ["接口发布的文章"]
    assert get_json(client, f"/api/v2/pages/{page_id}/")["section"]["title"] == section.title


def test_create_with_publish_action_goes_live_at_once(api, client, section, token):
    response = create(api, section, "一步发布", headers=bearer(token), action="publish")
    assert response.status_code == 201, response.content
    assert v2_titles(client) == ["一步发布"]


def test_created_article_keeps_its_publication_fields(api, client, section, token):
    fields = {"author": "办公室", "source": "校报", "publish_time": "2012-01-02T19:00:25+08:00"}
    response = create(api, section, "带作者的文章", bearer(token), fields, action="publish")
    assert response.status_code == 201, response.content
    article = get_json(client, f"/api/v2/pages/{response.json()['id']}/")
    assert (article["author"], article["source"]) == ("办公室", "校报")
    assert article["publish_time"] == "2012-01-02T19:00:25+08:00"


def test_draft_is_not_in_v2_listing(api, client, section, token):
    assert create(api, section, "草稿", headers=bearer(token)).status_code == 201
    assert v2_titles(client) == []


def test_draft_is_not_served(api, client, section, token):
    page_id = create(api, section, "草稿", headers=bearer(token)).json()["id"]
    draft = ArticlePage.objects.get(pk=page_id)
    assert not draft.live
    assert client.get(draft.url).status_code == 404
    get_json(client, f"/api/v2/pages/{page_id}/", status=404)


def test_management_command_token_authenticates(api, editor):
    out = StringIO()
    call_command("api_tokens", "create", "--user", editor.username, "--name", "newsroom", stdout=out)
    response = api.get("/api/v3/whoami/", headers=bearer(out.getvalue().strip()))
    assert response.status_code == 200
    assert response.json()["user"]["username"] == editor.username


def test_v3_answers_are_not_publicly_cached(api, token):
    response = api.get("/api/v3/whoami/", headers=bearer(token))
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


def test_openapi_schema_is_public(client, db):
    schema = get_json(client, "/api/v3/openapi.json")
    assert {"/api/v3/pages/", "/api/v3/pages/{page_id}/actions/publish/"} <= schema["paths"].keys()


def test_interactive_docs_are_served(client, db):
    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    assert "/api/v3/openapi.json" in response.content.decode()
