import datetime

import pytest
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage
from articles.representations import article_representation, breadcrumbs, section_representation
from tests.factories import SHANGHAI, ArticlePageFactory, SectionPageFactory


def at(day):
    return datetime.datetime(2024, 7, day, 9, 0, tzinfo=SHANGHAI)


@pytest.fixture
def three_articles(section):
    return [ArticlePageFactory(parent=section, title=f"第{day}篇", publish_time=at(day)) for day in (1, 2, 3)]


def neighbour_titles(article, rf):
    data = article_representation(article, rf.get("/"))
    return [(data[key] or {}).get("title") for key in ("previous", "next")]


def test_first_article_has_no_previous(rf, three_articles):
    assert neighbour_titles(three_articles[0], rf) == [None, "第2篇"]


def test_middle_article_has_both_neighbours(rf, three_articles):
    assert neighbour_titles(three_articles[1], rf) == ["第1篇", "第3篇"]


def test_last_article_has_no_next(rf, three_articles):
    assert neighbour_titles(three_articles[2], rf) == ["第2篇", None]


def test_neighbours_stay_within_the_section(rf, home, three_articles):
    other = SectionPageFactory(parent=home, title="其他栏目")
    ArticlePageFactory(parent=other, publish_time=at(2))
    assert neighbour_titles(three_articles[0], rf) == [None, "第2篇"]


def test_neighbours_with_equal_publish_time(rf, section):
    first = ArticlePageFactory(parent=section, title="甲", publish_time=at(1))
    second = ArticlePageFactory(parent=section, title="乙", publish_time=at(1))
    assert neighbour_titles(first, rf) == [None, "乙"]
    assert neighbour_titles(second, rf) == ["甲", None]


def test_draft_is_not_a_neighbour(rf, section, three_articles):
    three_articles[1].unpublish()
    assert neighbour_titles(three_articles[0], rf) == [None, "第3篇"]


def test_breadcrumb_runs_from_home_to_parent(rf, home):
    party = SectionPageFactory(parent=home, title="党的群众路线教育活动", slug="qun-zhong-lu-xian")
    news = SectionPageFactory(parent=party, title="最新动态", slug="zui-xin-dong-tai")
    article = ArticlePageFactory(parent=news)
    assert breadcrumbs(article, rf.get("/")) == [
        {"id": home.pk, "title": "首页", "url": "/"},
        {"id": party.pk, "title": "党的群众路线教育活动", "url": "/qun-zhong-lu-xian/"},
        {"id": news.pk, "title": "最新动态", "url": "/qun-zhong-lu-xian/zui-xin-dong-tai/"},
    ]


def test_latest_lists_other_articles_of_the_section_newest_first(rf, section):
    articles = [ArticlePageFactory(parent=section, publish_time=at(day)) for day in range(1, 20)]
    data = article_representation(articles[0], rf.get("/"))
    assert [item["id"] for item in data["latest"]] == [a.pk for a in reversed(articles[1:])][:15]


def test_publish_time_is_shanghai_time(rf, section):
    article = ArticlePageFactory(
        parent=section, publish_time=datetime.datetime(2012, 1, 2, 11, 0, tzinfo=datetime.UTC)
    )
    assert (
        article_representation(article, rf.get("/"))["publish_time"].isoformat()
        == "2012-01-02T19:00:00+08:00"
    )


def test_latest_and_neighbours_match_the_section_order(rf, section):
    """One query serves both lists: compare with plain queries, pinned and subsection rows included."""
    child = SectionPageFactory(parent=section, title="子栏目")
    articles = [
        ArticlePageFactory(parent=[section, child][day % 3 == 0], publish_time=at(day), pinned=day % 5 == 0)
        for day in range(1, 26)
    ]
    for article in (a for a in articles if a.get_parent().pk == section.pk):
        data = article_representation(article, rf.get("/"))
        expected_latest = [a.pk for a in section.articles().exclude(pk=article.pk)[:15]]
        siblings = list(ArticlePage.objects.child_of(section).chronological())
        index = siblings.index(article)
        expected_previous = siblings[index - 1].pk if index else None
        expected_next = siblings[index + 1].pk if index + 1 < len(siblings) else None
        assert [item["id"] for item in data["latest"]] == expected_latest
        assert (data["previous"] or {}).get("id") == expected_previous
        assert (data["next"] or {}).get("id") == expected_next


def test_private_articles_are_left_out_of_lists_and_neighbours(rf, home, section):
    private = SectionPageFactory(parent=section, title="内部")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    ArticlePageFactory(parent=private, title="内部通知", publish_time=at(5))
    first = ArticlePageFactory(parent=section, title="公开", publish_time=at(1))
    data = article_representation(first, rf.get("/"))
    assert data["latest"] == []
    assert [item["title"] for item in section_representation(section, rf.get("/"))["articles"]] == ["公开"]
    assert section_representation(section, rf.get("/"))["children"] == []
