import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.signing import Signer, b62_encode
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from tests.api.conftest import get_json
from tests.factories import ArticlePageFactory, StandardPageFactory

FRONTEND = "https://frontend.example.com/preview/"
PREVIEW = "/api/v2/page_preview/"


@pytest.fixture(autouse=True)
def _frontend(settings):
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": FRONTEND}}


@pytest.fixture
def article(news):
    return ArticlePage.objects.get(title="二")


def article_form(article, title, paragraph):
    """The article edit form as the admin posts it, with a new title and a one-paragraph body."""
    return nested_form_data(
        {
            "title": title,
            "slug": article.slug,
            "subtitle": article.subtitle,
            "publish_time": "2024-07-02 09:00",
            "author": article.author,
            "source": "",
            "summary": "",
            "cover": "",
            "tags": "",
            "body": streamfield([("text", rich_text(f"<p>{paragraph}</p>"))]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
        }
    )


def save_draft(editor_client, article, title="二（修订）", paragraph="草稿正文"):
    """The editor's 保存草稿 in the page editor."""
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]), article_form(article, title, paragraph)
    )
    assert response.status_code == 302, response.context and response.context["form"].errors


def preview_query(response):
    """The frontend URL the admin's preview frames, as the parameters for the preview endpoint."""
    assert response.status_code == 200
    url = response.context["preview_url"]
    assert url.startswith(FRONTEND + "?")
    query = parse_qs(urlsplit(url).query)
    return f"content_type={query['content_type'][0]}&token={query['token'][0]}"


def preview_draft(editor_client, page):
    """The editor's 预览 of the page's latest draft."""
    return preview_query(editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])))


def test_admin_preview_opens_the_frontend_with_content_type_and_token(editor_client, article):
    assert preview_draft(editor_client, article).startswith("content_type=articles.articlepage&token=")


def test_without_a_frontend_preview_renders_in_the_theme(settings, editor_client, article):
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {}}
    save_draft(editor_client, article)
    response = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    assert "草稿正文" in response.content.decode()


def test_public_detail_keeps_the_published_version(client, editor_client, article):
    save_draft(editor_client, article)
    data = get_json(client, f"/api/v2/pages/{article.pk}/")
    assert data["title"] == "二"
    assert "草稿正文" not in str(data["body"])


def test_public_listing_keeps_the_published_title(client, editor_client, article):
    save_draft(editor_client, article)
    listing = get_json(client, "/api/v2/pages/?type=articles.ArticlePage")
    assert "二" in [item["title"] for item in listing["items"]]
    assert "二（修订）" not in str(listing)


def test_preview_shows_the_draft(client, editor_client, article):
    save_draft(editor_client, article)
    data = get_json(client, f"{PREVIEW}?{preview_draft(editor_client, article)}")
    assert data["title"] == "二（修订）"
    assert "草稿正文" in data["body"][0]["value"]["html"]


def test_preview_has_the_shape_of_the_detail_endpoint(client, editor_client, article):
    save_draft(editor_client, article)
    published = get_json(client, f"/api/v2/pages/{article.pk}/")
    draft = get_json(client, f"{PREVIEW}?{preview_draft(editor_client, article)}")
    assert draft.keys() == published.keys()
    assert draft["meta"] == published["meta"]


def test_preview_button_shows_unsaved_edits(client, editor_client, article):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    assert editor_client.post(url, article_form(article, "未保存的标题", "未保存")).json()["is_valid"]
    data = get_json(client, f"{PREVIEW}?{preview_query(editor_client.get(url))}")
    assert data["title"] == "未保存的标题"


@pytest.mark.parametrize("kind", ["home", "section", "standard"])
def test_every_page_type_previews(client, editor_client, home, news, kind):
    page = {"home": home, "section": news, "standard": StandardPageFactory(parent=home)}[kind]
    page.title = "草稿标题"
    page.save_revision()
    assert get_json(client, f"{PREVIEW}?{preview_draft(editor_client, page)}")["title"] == "草稿标题"


def test_never_published_page_is_only_reachable_by_preview(client, editor_client, news):
    draft = ArticlePageFactory(parent=news, title="未发布", live=False)
    draft.save_revision()
    get_json(client, f"/api/v2/pages/{draft.pk}/", status=404)
    assert get_json(client, f"{PREVIEW}?{preview_draft(editor_client, draft)}")["title"] == "未发布"


def test_bad_token_is_a_404_with_a_message(client, news):
    data = get_json(client, f"{PREVIEW}?content_type=articles.articlepage&token=forged", status=404)
    assert data["message"]


def test_expired_token_is_a_404(client, article):
    two_days_ago = b62_encode(int(time.time()) - 2 * 24 * 3600)
    token = Signer(salt="headlesspreview.token").sign(f"id={article.pk}:{two_days_ago}")
    article.update_page_preview(token)
    get_json(client, f"{PREVIEW}?content_type=articles.articlepage&token={token}", status=404)


def test_token_for_another_page_type_is_a_404(client, editor_client, article):
    query = preview_draft(editor_client, article).replace("articles.articlepage", "articles.standardpage")
    assert get_json(client, f"{PREVIEW}?{query}", status=404)["message"]


def test_content_type_that_cannot_be_previewed_is_a_400(client, editor_client, article):
    query = preview_draft(editor_client, article).replace("articles.articlepage", "auth.user")
    assert get_json(client, f"{PREVIEW}?{query}", status=400)["message"]


def test_missing_token_is_a_400(client, news):
    assert get_json(client, f"{PREVIEW}?content_type=articles.articlepage", status=400)["message"]


def test_preview_is_never_stored_by_caches(client, editor_client, article):
    response = client.get(f"{PREVIEW}?{preview_draft(editor_client, article)}")
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"no-store", "private"}
    assert not response.has_header("ETag")


def test_refusals_are_never_stored_by_caches(client, news):
    response = client.get(f"{PREVIEW}?content_type=articles.articlepage&token=forged")
    assert set(response["Cache-Control"].split(", ")) == {"no-store", "private"}


def test_page_never_saved_previews(client, editor_client, article, news):
    url = reverse("wagtailadmin_pages:preview_on_add", args=["articles", "articlepage", news.pk])
    form = {**article_form(article, "新文章", "新正文"), "slug": "xin"}
    assert editor_client.post(url, form).json()["is_valid"]
    data = get_json(client, f"{PREVIEW}?{preview_query(editor_client.get(url))}")
    assert data["title"] == "新文章"
    assert data["meta"]["detail_url"] is None


def test_page_never_saved_previews_in_the_theme(settings, editor_client, article, news):
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {}}
    url = reverse("wagtailadmin_pages:preview_on_add", args=["articles", "articlepage", news.pk])
    form = {**article_form(article, "新文章", "新正文"), "slug": "xin"}
    assert editor_client.post(url, form).json()["is_valid"]
    assert "新正文" in editor_client.get(url).content.decode()
