import datetime

import pytest

from articles.representations import section_representation
from tests.factories import SHANGHAI, ArticlePageFactory, SectionPageFactory


def at(day):
    return datetime.datetime(2024, 7, day, 9, 0, tzinfo=SHANGHAI)


def titles(data):
    return [item["title"] for item in data["articles"]]


def test_pinned_first_then_newest(rf, section):
    ArticlePageFactory(parent=section, title="旧", publish_time=at(1))
    ArticlePageFactory(parent=section, title="新", publish_time=at(3))
    ArticlePageFactory(parent=section, title="置顶旧文", publish_time=at(2), pinned=True)
    assert titles(section_representation(section, rf.get("/"))) == ["置顶旧文", "新", "旧"]


def test_lists_articles_of_subsections(rf, section):
    child = SectionPageFactory(parent=section, title="最新动态")
    ArticlePageFactory(parent=child, title="子栏目文章", publish_time=at(2))
    ArticlePageFactory(parent=section, title="本栏目文章", publish_time=at(1))
    assert titles(section_representation(section, rf.get("/"))) == ["子栏目文章", "本栏目文章"]


def test_drafts_are_not_listed(rf, section):
    ArticlePageFactory(parent=section, title="草稿", live=False)
    assert titles(section_representation(section, rf.get("/"))) == []


def test_child_sections_are_listed(rf, section):
    SectionPageFactory(parent=section, title="最新动态")
    data = section_representation(section, rf.get("/"))
    assert [child["title"] for child in data["children"]] == ["最新动态"]


@pytest.fixture
def paged_section(section):
    section.page_size = 2
    section.save()
    for day in range(1, 6):
        ArticlePageFactory(parent=section, publish_time=at(day))
    return section


@pytest.mark.parametrize(
    ("requested", "shown"), [("", 1), ("2", 2), ("3", 3), ("99", 3), ("9" * 40, 3), ("0", 1), ("-4", 1)]
)
def test_page_number_is_clamped_to_nearest_valid_page(client, paged_section, requested, shown):
    response = client.get(paged_section.url, {"page": requested})
    assert response.status_code == 200
    assert response.context["data"]["pagination"]["page"] == shown


@pytest.mark.parametrize("requested", ["abc", "1.5", "2页"])
def test_page_number_that_is_not_a_number_is_404(client, paged_section, requested):
    response = client.get(paged_section.url, {"page": requested})
    assert response.status_code == 404


def test_pagination_counts(rf, paged_section):
    pagination = section_representation(paged_section, rf.get("/", {"page": "2"}))["pagination"]
    assert pagination == {
        "page": 2,
        "num_pages": 3,
        "count": 5,
        "page_size": 2,
        "previous_page": 1,
        "next_page": 3,
    }


def test_pages_past_the_middle_are_read_from_the_end_in_the_same_order(section, rf):
    request = rf.get("/")
    ArticlePageFactory.create_batch(7, parent=section)
    section.page_size = 7
    listed = [item["id"] for item in section_representation(section, request, 1)["articles"]]
    section.page_size = 2
    pages = [
        [item["id"] for item in section_representation(section, request, number)["articles"]]
        for number in (1, 2, 3, 4)
    ]
    assert sum(pages, []) == listed
    assert pages[3] == listed[6:]
