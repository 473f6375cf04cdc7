"""Checks before publishing: shown in the editor; errors refuse publishing, warnings only show."""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.rich_text import RichText

from articles.checks import ERROR, WARNING, check_page
from articles.models import ArticlePage
from tests.editorial.conftest import article_form
from tests.factories import ArticlePageFactory, DocumentFactory, ImageFactory, SectionPageFactory


def findings(page):
    return [(finding.level, finding.message) for finding in check_page(page)]


def text(html):
    return ("text", RichText(html))


def test_a_clean_article_has_no_findings(section):
    assert findings(ArticlePageFactory(parent=section, title="运动会通知", body=[text("<p>正文</p>")])) == []


def test_empty_body_is_an_error(section):
    article = ArticlePageFactory(parent=section, title="通知", body=[text("<p> </p>")])
    assert findings(article) == [(ERROR, "正文为空。")]


def test_test_in_the_title_is_a_warning_as_a_word_in_any_case(section):
    body = [text("<p>正文</p>")]
    for title in ("最新动态测试测试", "A Test page", "TEST"):
        assert findings(ArticlePageFactory(parent=section, title=title, body=body))[0][0] == WARNING
    assert findings(ArticlePageFactory(parent=section, title="Latest contest", body=body)) == []


def test_future_publish_time_without_a_schedule_is_a_warning(section):
    future = timezone.now() + datetime.timedelta(days=3)
    article = ArticlePageFactory(
        parent=section, title="通知", publish_time=future, body=[text("<p>正文</p>")]
    )
    assert [level for level, _message in findings(article)] == [WARNING]
    article.go_live_at = future
    assert findings(article) == []


def test_image_without_alt_text_is_a_warning(section):
    image = ImageFactory(title="校门")
    body = [("image", {"image": image, "alt": "", "caption": ""}), text("<p>正文</p>")]
    article = ArticlePageFactory(parent=section, title="通知", body=body)
    assert findings(article) == [(WARNING, "图片“校门”没有替代文字（供看不见图片的读者使用）。")]


def test_missing_attachment_file_is_an_error(section):
    document = DocumentFactory(title="报名表")
    document.file.storage.delete(document.file.name)
    body = [text("<p>正文</p>"), ("attachment", {"document": document, "title": ""})]
    article = ArticlePageFactory(parent=section, title="通知", body=body)
    assert findings(article) == [(ERROR, "附件“报名表”的文件不存在。")]


def test_link_to_an_unpublished_page_is_a_warning(section):
    draft = SectionPageFactory(parent=section, title="草稿栏目", live=False)
    live = SectionPageFactory(parent=section, title="已发布栏目")
    html = f'<p><a linktype="page" id="{draft.pk}">一</a><a id="{live.pk}" linktype="page">二</a></p>'
    article = ArticlePageFactory(parent=section, title="通知", body=[text(html)])
    assert findings(article) == [(WARNING, "有链接指向尚未发布的页面“草稿栏目”。")]


def test_editor_sees_the_checks_of_the_saved_draft(section, admin_client):
    article = ArticlePageFactory(parent=section, title="最新动态测试", body=[text("<p>正文</p>")])
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "发布前检查" in html
    assert "标题含有“测试”或“test”" in html


def test_warnings_do_not_block_publishing(section, admin_client):
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    response = admin_client.post(url, article_form("测试文章", **{"action-publish": "发布"}))
    assert response.status_code == 302
    assert ArticlePage.objects.get(title="测试文章").live


def test_errors_block_publishing(section, admin_client):
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    response = admin_client.post(url, article_form("通知", body_html="", **{"action-publish": "发布"}))
    assert response.status_code == 200
    assert "正文为空。" in response.content.decode()
    assert not ArticlePage.objects.exists()
