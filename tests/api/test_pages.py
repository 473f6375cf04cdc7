import pytest

from articles.models import ArticlePage
from tests.api.conftest import get_json
from tests.factories import DocumentFactory, ImageFactory

ARTICLES = "/api/v2/pages/?type=articles.ArticlePage"


def titles(data):
    return [item["title"] for item in data["items"]]


def test_listing_is_in_section_order(client, news):
    assert titles(get_json(client, ARTICLES)) == ["三", "四", "二", "一"]


def test_listing_filters_by_section_including_subsections(client, news):
    subsection = news.get_children().get(title="最新动态")
    assert titles(get_json(client, f"{ARTICLES}&section={subsection.pk}")) == ["四"]
    assert len(get_json(client, f"{ARTICLES}&section={news.pk}")["items"]) == 4


def test_listing_filters_by_tag(client, news):
    assert titles(get_json(client, f"{ARTICLES}&tag=党建")) == ["四", "一"]


def test_listing_filters_by_author(client, news):
    assert titles(get_json(client, f"{ARTICLES}&author=办公室")) == ["四", "一"]


def test_listing_filters_by_flags(client, news):
    assert titles(get_json(client, f"{ARTICLES}&pinned=true")) == ["三"]
    assert titles(get_json(client, f"{ARTICLES}&featured=true")) == ["二"]


def test_flags_read_like_wagtails_own_boolean_filters(client, news):
    assert titles(get_json(client, f"{ARTICLES}&pinned=1")) == ["三"]
    assert "三" not in titles(get_json(client, f"{ARTICLES}&pinned=0"))


def test_listing_filters_by_publish_time_range(client, news):
    url = f"{ARTICLES}&published_after=2024-07-02&published_before=2024-07-04"
    assert titles(get_json(client, url)) == ["三", "二"]


def test_published_after_takes_an_offset(client, news):
    url = f"{ARTICLES}&published_after=2024-07-03T02:00:00%2B00:00"
    assert titles(get_json(client, url)) == ["四"]


def test_listing_orders_by_hits(client, news):
    ArticlePage.objects.filter(title="二").update(hits=50)
    ArticlePage.objects.filter(title="一").update(hits=10)
    assert titles(get_json(client, f"{ARTICLES}&order=-hits"))[:2] == ["二", "一"]


def test_listing_fields(client, news):
    item = get_json(client, f"{ARTICLES}&fields=*&tag=校园")["items"][0]
    assert item["publish_time"] == "2024-07-04T09:00:00+08:00"
    assert item["author"] == "办公室"
    assert item["tags"] == ["党建", "校园"]
    assert item["section"]["title"] == "最新动态"
    assert item["cover"] is None
    assert {"subtitle", "source", "hits", "summary", "pinned", "featured"} <= item.keys()


def test_listing_cover_has_absolute_renditions(client, news):
    ArticlePage.objects.filter(title="一").update(cover=ImageFactory())
    cover = get_json(client, f"{ARTICLES}&fields=cover&title=一")["items"][0]["cover"]
    assert cover["url"].startswith("http://testserver/")
    assert set(cover["renditions"]) == {"thumbnail", "small", "medium", "large"}
    assert cover["srcset"].count("w,") == 2


def test_article_detail_has_every_field(client, news):
    article = ArticlePage.objects.get(title="二")
    data = get_json(client, f"/api/v2/pages/{article.pk}/")
    assert data["publish_time"] == "2024-07-02T09:00:00+08:00"
    assert data["section"]["title"] == "新闻动态"
    assert [link["title"] for link in data["breadcrumbs"]] == ["首页", "新闻动态"]
    assert data["previous"]["title"] == "一"
    assert data["next"]["title"] == "三"
    assert [item["title"] for item in data["latest"]] == ["三", "四", "一"]
    assert data["meta"]["type"] == "articles.ArticlePage"
    assert data["meta"]["html_url"].endswith(article.url)


def test_article_body_images_and_attachments_are_objects(client, news):
    image, document = ImageFactory(), DocumentFactory()
    article = ArticlePage.objects.get(title="一")
    article.body = [
        ("image", {"image": image, "alt": "校门", "caption": "新校门"}),
        ("attachment", {"document": document, "title": "报名表"}),
    ]
    article.save_revision().publish()
    body = get_json(client, f"/api/v2/pages/{article.pk}/")["body"]
    assert body[0]["value"]["image"]["alt"] == "校门"
    assert body[0]["value"]["image"]["url"].startswith("http://testserver/")
    attachment = body[1]["value"]["document"]
    assert attachment["title"] == "报名表"
    assert attachment["url"].startswith("http://testserver/documents/")
    assert attachment["extension"] == document.file_extension.lower()
    assert attachment["size"] == document.file_size


def test_section_detail_lists_children_and_articles(client, news):
    data = get_json(client, f"/api/v2/pages/{news.pk}/")
    assert [child["title"] for child in data["children"]] == ["最新动态"]
    assert [item["title"] for item in data["articles"]] == ["三", "四", "二", "一"]
    assert data["pagination"]["count"] == 4


def test_section_detail_pages(client, news):
    news.page_size = 3
    news.save_revision().publish()
    data = get_json(client, f"/api/v2/pages/{news.pk}/?page=2")
    assert [item["title"] for item in data["articles"]] == ["一"]


def test_find_answers_with_the_page(client, news):
    data = get_json(client, f"/api/v2/pages/find/?html_path={news.url}")
    assert data["id"] == news.pk


def test_find_accepts_a_percent_encoded_path(client, news):
    encoded = "".join(f"%{byte:02X}" for byte in news.url.encode())
    assert get_json(client, f"/api/v2/pages/find/?html_path={encoded}")["id"] == news.pk


def test_find_unknown_path_is_404(client, news):
    assert "message" in get_json(client, "/api/v2/pages/find/?html_path=/nowhere/", status=404)


def test_drafts_are_not_served(client, news):
    article = ArticlePage.objects.get(title="一")
    article.unpublish()
    get_json(client, f"/api/v2/pages/{article.pk}/", status=404)
    assert "一" not in titles(get_json(client, ARTICLES))


def test_private_pages_are_not_served(client, news):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=news, restriction_type="password", password="secret")
    article = ArticlePage.objects.get(title="一")
    get_json(client, f"/api/v2/pages/{article.pk}/", status=404)
    assert titles(get_json(client, ARTICLES)) == []


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/abc/",
        "/api/v2/pages/?fields=nonsense",
        "/api/v2/pages/?colour=red",
        f"{ARTICLES}&section=abc",
        f"{ARTICLES}&pinned=maybe",
        f"{ARTICLES}&published_after=2024-13-45",
        f"{ARTICLES}&published_before=yesterday",
        f"{ARTICLES}&order=colour",
        "/api/v2/pages/?type=nosuch.Model",
        "/api/v2/pages/?author=x",
        "/api/v2/pages/?limit=1000000",
        "/api/v2/pages/?limit=-1",
        "/api/v2/pages/?offset=abc",
        "/api/v2/pages/find/?id=abc",
        "/api/v2/images/abc/",
        "/api/v2/documents/x1/",
        "/api/v2/site/?depth=99",
        "/api/v2/site/?colour=red",
    ],
)
def test_bad_input_is_a_400_with_a_message(client, news, url):
    assert get_json(client, url, status=400)["message"]


def test_an_unknown_section_is_a_404(client, news):
    assert get_json(client, f"{ARTICLES}&section=999999", status=404)["message"]


def test_section_page_parameter_must_be_a_number(client, news):
    assert get_json(client, f"/api/v2/pages/{news.pk}/?page=abc", status=400)["message"]


def test_rich_text_links_are_absolute(client, news):
    article = ArticlePage.objects.get(title="一")
    document = DocumentFactory()
    article.body = [
        (
            "text",
            f'<p>见<a linktype="page" id="{news.pk}">新闻动态</a>'
            f'和<a linktype="document" id="{document.pk}">附件</a>，'
            '或<a href="https://example.org/">外链</a>。</p>',
        )
    ]
    article.save_revision().publish()
    html = get_json(client, f"/api/v2/pages/{article.pk}/")["body"][0]["value"]["html"]
    assert f'href="http://testserver{news.url}"' in html
    assert f'href="http://testserver/documents/{document.pk}/' in html
    assert 'href="https://example.org/"' in html


BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36"}


def test_a_headless_view_counts_a_hit(client, news):
    article = ArticlePage.objects.get(title="一")
    response = client.post(f"/api/v2/pages/{article.pk}/hit/", **BROWSER)
    assert response.json() == {"id": article.pk, "hits": 1}
    client.cookies.clear()
    assert get_json(client, f"/api/v2/pages/{article.pk}/")["hits"] == 1


def test_only_articles_count_hits(client, news):
    assert client.post(f"/api/v2/pages/{news.pk}/hit/", **BROWSER).status_code == 404


def test_drafts_count_no_hits(client, news):
    article = ArticlePage.objects.get(title="一")
    article.unpublish()
    assert client.post(f"/api/v2/pages/{article.pk}/hit/", **BROWSER).status_code == 404


def test_hits_are_throttled_per_client(client, news):
    article = ArticlePage.objects.get(title="一")
    url = f"/api/v2/pages/{article.pk}/hit/"
    statuses = [client.post(url, HTTP_COOKIE=f"hits_visitor=visitor{n:012d}", **BROWSER) for n in range(31)]
    assert [response.status_code for response in statuses[-2:]] == [200, 429]
    assert statuses[-2].json()["hits"] == 30
