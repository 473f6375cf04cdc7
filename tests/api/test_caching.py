from articles.models import ArticlePage
from tests.api.conftest import at
from tests.factories import ArticlePageFactory

LISTING = "/api/v2/pages/?type=articles.ArticlePage"


def test_public_answers_carry_validators(client, news):
    response = client.get(LISTING)
    assert response["ETag"]
    assert response["Last-Modified"]
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]


def test_matching_etag_gets_304(client, news):
    etag = client.get(f"/api/v2/pages/{news.pk}/")["ETag"]
    response = client.get(f"/api/v2/pages/{news.pk}/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_unchanged_since_last_modified_gets_304(client, news):
    last_modified = client.get(LISTING)["Last-Modified"]
    assert client.get(LISTING, headers={"if-modified-since": last_modified}).status_code == 304


def test_publishing_changes_the_section_listing(client, news):
    first = client.get(f"{LISTING}&section={news.pk}")
    article = ArticlePageFactory.build(title="新文章", publish_time=at(9))
    news.add_child(instance=article)
    article.save_revision().publish()
    response = client.get(
        f"{LISTING}&section={news.pk}",
        headers={"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]},
    )
    assert response.status_code == 200
    assert "新文章" in response.content.decode()


def test_unpublishing_changes_the_neighbours(client, news):
    middle = ArticlePage.objects.get(title="二")
    url = f"/api/v2/pages/{ArticlePage.objects.get(title='一').pk}/"
    first = client.get(url)
    middle.unpublish()
    response = client.get(url, headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200
    assert response.json()["next"]["title"] == "三"


def test_moving_changes_the_navigation(client, home, news):
    first = client.get("/api/v2/site/")
    subsection = news.get_children().get(title="最新动态")
    subsection.move(home, pos="last-child")
    response = client.get("/api/v2/site/", headers={"if-modified-since": first["Last-Modified"]})
    assert response.status_code == 200
    assert [node["title"] for node in response.json()["navigation"]] == ["新闻动态", "最新动态"]


def test_deleting_changes_the_listing(client, news):
    first = client.get(LISTING)
    ArticlePage.objects.get(title="一").delete()
    response = client.get(LISTING, headers={"if-modified-since": first["Last-Modified"]})
    assert response.status_code == 200
    assert "一" not in [item["title"] for item in response.json()["items"]]


def test_errors_are_not_cached(client, news):
    response = client.get("/api/v2/pages/abc/")
    assert response.status_code == 400
    assert not response.has_header("ETag")


def test_cors_allows_configured_origins(client, news, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    response = client.get(LISTING, headers={"origin": "https://app.example.org"})
    assert response["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_cors_ignores_other_origins(client, news, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    response = client.get(LISTING, headers={"origin": "https://evil.example.com"})
    assert not response.has_header("Access-Control-Allow-Origin")
