"""The crafted requests of issue #14 and their kin: a 400 with a message, or a normal answer; never a 500."""

import pytest

from tests.api.conftest import get_json
from tests.factories import DocumentFactory, ImageFactory

ARTICLES = "/api/v2/pages/?type=articles.ArticlePage"
HUGE = "99999999999999999999"

# Requests that once answered 500; each now answers 400 with a message.
REFUSED = [
    "/api/v2/pages/?offset=" + HUGE,
    "/api/v2/images/?offset=" + HUGE,
    "/api/v2/documents/?offset=" + HUGE,
    f"{ARTICLES}&section={HUGE}",
    f"/api/v2/search/?q=党员&section={HUGE}",
    "/api/v2/pages/{news}/?fields=nope",
    "/api/v2/pages/?format=api",
    "/api/v2/search/?q=党员&format=api",
    "/api/v2/site/?format=api",
]
# Requests that once answered 500 and now work: a date before or after the calendar means no bound.
ANSWERED = [
    "/api/v2/pages/?search=党员",
    "/api/v2/pages/?search=党员&type=articles.ArticlePage,articles.StandardPage",
    "/api/v2/pages/?search=党员&search_operator=or",
    f"{ARTICLES}&published_after=0001-01-01",
    f"{ARTICLES}&published_before=9999-12-31T23:59:59-14:00",
    "/api/v2/search/?q=党员&published_after=0001-01-01",
    "/api/v2/search/?q=党员&published_before=9999-12-31T23:59:59-14:00",
]


@pytest.mark.parametrize("url", REFUSED)
def test_crafted_request_is_a_400_with_a_message(client, news, url):
    assert get_json(client, url.format(news=news.pk), status=400)["message"]


@pytest.mark.parametrize("url", ANSWERED)
def test_crafted_request_is_answered(client, news, url):
    get_json(client, url)


def test_a_search_of_every_page_type_finds_articles(client, news):
    items = get_json(client, "/api/v2/pages/?search=党建")["items"]
    assert items == []  # the fixture's tags are not page text
    titles = [item["title"] for item in get_json(client, "/api/v2/pages/?search=三")["items"]]
    assert titles == ["三"]


def test_open_ended_dates_include_everything(client, news):
    everything = get_json(client, ARTICLES)["meta"]["total_count"]
    after = get_json(client, f"{ARTICLES}&published_after=0001-01-01")["meta"]["total_count"]
    before = get_json(client, f"{ARTICLES}&published_before=9999-12-31T23:59:59-14:00")
    assert after == before["meta"]["total_count"] == everything == 4


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v2/pages/{HUGE}/",
        "/api/v2/pages/0/",
        f"/api/v2/pages/{HUGE}/hit/",
        f"/api/v2/images/{HUGE}/",
        f"/api/v2/documents/{HUGE}/",
        f"/api/v2/pages/?id={HUGE}",
        f"/api/v2/pages/?child_of={HUGE}",
        f"/api/v2/pages/?descendant_of={HUGE}",
        f"/api/v2/pages/?ancestor_of={HUGE}",
        f"/api/v2/pages/?translation_of={HUGE}",
        f"{ARTICLES}&hits={HUGE}",
        f"{ARTICLES}&cover={HUGE}",
        f"{ARTICLES}&publish_time=0001-01-01",
        f"{ARTICLES}&publish_time=soon",
        f"/api/v2/pages/find/?id={HUGE}",
        f"/api/v2/images/find/?id={HUGE}",
        "/api/v2/images/find/",
        f"/api/v2/pages/?limit={HUGE}",
        "/api/v2/pages/?offset=-1",
        f"/api/v2/pages/{{news}}/?page={HUGE}",
        "/api/v2/pages/{news}/?page=0",
        "/api/v2/pages/{news}/?colour=red",
        "/api/v2/images/?fields=nope",
        "/api/v2/images/{image}/?fields=nope",
        "/api/v2/documents/{document}/?colour=red",
        f"/api/v2/search/?q=党员&page={HUGE}",
        f"/api/v2/search/?q=党员&page_size={HUGE}",
        "/api/v2/search/?q=党员&type=articles.ArticlePage,",
        f"/api/v2/site/?depth={HUGE}",
        "/api/v2/page_preview/?content_type=articles.articlepage",
    ],
)
def test_every_number_id_and_date_is_range_checked(client, news, url):
    image, document = ImageFactory(), DocumentFactory()
    url = url.format(news=news.pk, image=image.pk, document=document.pk)
    response = client.post(url) if url.endswith("/hit/") else client.get(url)
    assert response.status_code == 400, response.content
    assert response.json()["message"]


@pytest.mark.parametrize(
    "query",
    ["search_operator=and&search_operator=or&search=a", "limit=1&limit=2", "title=一&title=二"],
)
def test_a_parameter_given_twice_is_a_400(client, news, query):
    assert "只能给出一次" in get_json(client, f"/api/v2/pages/?{query}", status=400)["message"]


def test_range_messages_are_chinese(client, news):
    message = get_json(client, f"/api/v2/pages/?offset={HUGE}", status=400)["message"]
    assert message == "offset: 请输入 0 到 2147483647 之间的整数。"


def test_known_fields_on_a_detail_are_accepted(client, news):
    assert get_json(client, f"/api/v2/pages/{news.pk}/?fields=title")["title"] == "新闻动态"


def test_the_api_answers_json_only(client, news):
    response = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"
    assert get_json(client, "/api/v2/pages/?format=json")["items"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "党员", "section": HUGE},
        {"q": "党员", "page": HUGE},
        {"q": "党员", "page_size": "-3"},
        {"q": "党员", "published_after": "tomorrow"},
    ],
)
def test_theme_search_explains_bad_numbers_in_chinese(client, news, params):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert "请输入" in response.context["error"] or "日期" in response.context["error"]


@pytest.mark.parametrize("params", [{"published_after": "0001-01-01"}, {"published_before": "9999-12-31"}])
def test_theme_search_takes_open_ended_dates(client, news, params):
    assert client.get("/search/", {"q": "三", **params}).status_code == 200


@pytest.mark.parametrize("page", [HUGE, "-5", "0"])
def test_theme_section_pages_clamp_page_numbers(client, news, page):
    assert client.get(news.url, {"page": page}).status_code == 200


def test_theme_section_page_that_is_not_a_number_is_not_found(client, news):
    assert client.get(news.url, {"page": "abc"}).status_code == 404
