"""``/api/v2/search/`` and ``/search/``: parameters, filters, ordering, snippets and clean errors."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from tests.factories import SHANGHAI, ArticlePageFactory, SectionPageFactory, StandardPageFactory
from tests.search.conftest import make_article, paragraphs


def search(client, **params):
    return client.get("/api/v2/search/", params)


def titles(response):
    return [item["title"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "   "},
        {"q": "党" * 101},
        {"q": "党员", "section": "abc"},
        {"q": "党员", "type": "wagtailcore.Page"},
        {"q": "党员", "published_after": "yesterday"},
        {"q": "党员", "order": "random"},
        {"q": "党员", "page": "0"},
        {"q": "党员", "page_size": "500"},
        {"q": "党员", "limit": "5"},
    ],
)
def test_bad_parameters_are_a_400_with_a_message(home, client, params):
    response = search(client, **params)
    assert response.status_code == 400
    assert response.json()["message"]


def test_an_unknown_section_is_a_404(home, client):
    assert search(client, q="党员", section="999999").status_code == 404


def test_punctuation_alone_finds_nothing(home, client):
    response = search(client, q="，。！？")
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_theme_shows_the_form_for_an_empty_query(home, client):
    response = client.get("/search/", {"q": "  "})
    assert response.status_code == 200
    assert response.context["error"] is None


def test_theme_explains_a_punctuation_only_query(home, client):
    response = client.get("/search/", {"q": "……"})
    assert response.status_code == 400
    assert response.context["error"]


def test_title_matches_rank_above_body_matches(article, client):
    article("正文提到", "党员" * 50)
    article("党员大会", "正文")
    assert titles(search(client, q="党员")) == ["党员大会", "正文提到"]


def test_order_by_publish_time(article, client):
    article("党员一", "正文", publish_time=datetime.datetime(2020, 1, 1, tzinfo=SHANGHAI))
    article("党员二", "正文", publish_time=datetime.datetime(2022, 1, 1, tzinfo=SHANGHAI))
    assert titles(search(client, q="党员", order="newest")) == ["党员二", "党员一"]
    assert titles(search(client, q="党员", order="oldest")) == ["党员一", "党员二"]


def test_publish_time_range(article, client):
    article("党员一", "正文", publish_time=datetime.datetime(2020, 1, 1, tzinfo=SHANGHAI))
    article("党员二", "正文", publish_time=datetime.datetime(2022, 1, 1, tzinfo=SHANGHAI))
    response = search(client, q="党员", published_after="2021-01-01", published_before="2023-01-01")
    assert titles(response) == ["党员二"]


def test_section_filter_includes_subsections(home, client):
    news = SectionPageFactory(parent=home, title="新闻")
    sub = SectionPageFactory(parent=news, title="校园新闻")
    other = SectionPageFactory(parent=home, title="通知")
    make_article(sub, "党员活动", "正文")
    make_article(other, "党员通知", "正文")
    assert titles(search(client, q="党员", section=news.pk)) == ["党员活动"]


def test_type_filter(section, client):
    make_article(section, "党员文章", "正文")
    StandardPageFactory(parent=section, title="党员须知", body=paragraphs("正文"))
    assert titles(search(client, q="党员", type="articles.StandardPage")) == ["党员须知"]
    assert len(titles(search(client, q="党员"))) == 2


def test_pagination(article, client):
    for number in range(3):
        article(f"党员{number}", "正文")
    data = search(client, q="党员", page_size=2, page=2).json()
    assert data["pagination"] | {"page": 2, "num_pages": 2, "count": 3} == data["pagination"]
    assert len(data["results"]) == 1


def test_snippet_marks_the_match_around_it(article, client):
    article("通知", "开头" * 200 + "使用Wagtail发布新闻" + "结尾" * 200)
    item = search(client, q="wagtail").json()["results"][0]
    assert "<mark>Wagtail</mark>" in item["snippet"]
    assert item["snippet"].startswith("…") and item["snippet"].endswith("…")


def test_snippet_escapes_html(article, client):
    article("通知", "党员 &lt;script&gt;")
    assert "<script>" not in search(client, q="党员").json()["results"][0]["snippet"]


def test_theme_renders_highlighted_results(article, client):
    article("党员大会", "全体党员参加")
    html = client.get("/search/", {"q": "党员"}).content.decode()
    assert "<mark>党员</mark>大会" in html


def test_count_beyond_the_limit_says_more_and_pages_stop_there(article, client, monkeypatch):
    monkeypatch.setattr("search.query.COUNT_LIMIT", 3)
    for number in range(5):
        article(f"党员{number}", "正文")
    pagination = search(client, q="党员", page_size=2, page=9).json()["pagination"]
    assert pagination | {"count": 3, "count_exact": False, "num_pages": 2, "page": 2} == pagination


def test_theme_says_more_than_the_limit(article, client, monkeypatch):
    monkeypatch.setattr("search.query.COUNT_LIMIT", 3)
    for number in range(5):
        article(f"党员{number}", "正文")
    html = client.get("/search/", {"q": "党员", "page_size": 2}).content.decode()
    assert "找到超过 3 条" in html


def test_labels_of_block_choices_are_not_indexed(section, client):
    """A notice's style is shown as markup, not words: searching its label finds nothing, while the
    words around it and the rich text's headings are found."""
    body = [
        ("text", RichText("<h2>一、点评模式灵活</h2>")),
        ("notice", {"title": "", "text": RichText("<p>注意安全</p>"), "style": "important"}),
    ]
    ArticlePageFactory(parent=section, title="通知", body=body)
    style = str(_("Important"))
    assert titles(search(client, q="点评")) == titles(search(client, q="注意安全")) == ["通知"]
    assert titles(search(client, q=style)) == []


def test_query_count_does_not_grow_with_the_results(article, client):
    def queries():
        client.get("/api/v2/search/", {"q": "党员"})  # warm the site and content-type caches
        with CaptureQueriesContext(connection) as captured:
            assert search(client, q="党员").status_code == 200
        return len(captured)

    article("党员一", "正文")
    few = queries()
    for number in range(12):
        article(f"通知{number}", "党员学习")
    assert queries() == few


def test_publish_time_range_takes_a_single_page_by_its_first_publication(section, client):
    page = StandardPageFactory(parent=section, title="党员须知", body=paragraphs("正文"))
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=datetime.datetime(2022, 1, 1, tzinfo=SHANGHAI)
    )
    within = search(client, q="党员", published_after="2021-01-01", published_before="2023-01-01")
    after = search(client, q="党员", published_after="2023-01-01")
    assert titles(within) == ["党员须知"]
    assert titles(after) == []
