"""Publishing, unpublishing, deleting and view restrictions keep search current without a manual step."""

from wagtail.models import PageViewRestriction

from tests.factories import SectionPageFactory
from tests.search.conftest import make_article, paragraphs


def found(client, query):
    return [item["title"] for item in client.get("/api/v2/search/", {"q": query}).json()["results"]]


def test_publishing_indexes_the_article(article, client):
    page = article("新闻", "旧的正文", live=False)
    page.body = paragraphs("特殊教育新正文")
    page.save_revision().publish()
    assert found(client, "特殊教育") == ["新闻"]


def test_a_draft_of_a_live_article_is_not_searched(article, client):
    page = article("新闻", "已发布的正文")
    page.title = "草稿标题点评"
    page.save_revision()
    assert found(client, "点评") == []
    assert found(client, "已发布") == ["新闻"]


def test_publishing_a_new_revision_replaces_the_old_text(article, client):
    page = article("新闻", "旧的正文")
    page.title = "党员大会"
    page.save_revision().publish()
    assert found(client, "党员") == ["党员大会"]
    assert found(client, "新闻") == []


def test_unpublishing_removes_the_article(article, client):
    page = article("党员大会", "正文")
    page.unpublish()
    assert found(client, "党员") == []


def test_deleting_removes_the_article(article, client):
    article("党员大会", "正文").delete()
    assert found(client, "党员") == []


def test_private_sections_are_not_searched(home, client):
    private = SectionPageFactory(parent=home, title="内部")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_article(private, "党员名单", "正文")
    assert found(client, "党员") == []
