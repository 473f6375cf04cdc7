import datetime

import pytest

from tests.factories import SHANGHAI, ArticlePageFactory, SectionPageFactory, tag


def at(day, hour=9):
    return datetime.datetime(2024, 7, day, hour, 0, tzinfo=SHANGHAI)


@pytest.fixture
def news(home):
    """新闻动态 > 最新动态 with four articles, one pinned, one in the subsection."""
    news = SectionPageFactory(parent=home, title="新闻动态")
    latest = SectionPageFactory(parent=news, title="最新动态")
    tag(ArticlePageFactory(parent=news, title="一", publish_time=at(1), author="办公室"), "党建")
    ArticlePageFactory(parent=news, title="二", publish_time=at(2), author="教务处", featured=True)
    ArticlePageFactory(parent=news, title="三", publish_time=at(3), author="校长室", pinned=True)
    tag(ArticlePageFactory(parent=latest, title="四", publish_time=at(4), author="办公室"), "党建", "校园")
    return news


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()
