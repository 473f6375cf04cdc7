"""The OpenAPI document at /api/schema/ is valid, covers the router, and real answers match it."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from articles.blocks import BodyBlock
from articles.models import ArticlePage
from cms.api import api_router
from home.models import FooterLink, PhoneNumber, SiteSettings
from tests.factories import (
    ArticlePageFactory,
    DocumentFactory,
    ImageFactory,
    StandardPageFactory,
    build_portal,
)


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def portal(home):
    return build_portal(home, 8)


def assert_matches(schema, response, path, status=200, method="get"):
    """The answer validates against the document's schema for this path, method and status."""
    assert response.status_code == status, response.content
    pointer = "/".join(
        ["#/paths", path.replace("/", "~1"), method, "responses", str(status), "content"]
        + ["application~1json", "schema"]
    )
    registry = Registry().with_resource("urn:openapi", DRAFT202012.create_resource(schema))
    validator = Draft202012Validator(
        {"$ref": f"urn:openapi{pointer}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    validator.validate(response.json())


def every_block(image, document):
    """One block of each type but embed, whose representation would fetch the media's page."""
    return [
        {
            "type": "text",
            "value": f'<h3>概况</h3><p>见<a linktype="document" id="{document.pk}">附件</a></p>',
        },
        {"type": "image", "value": {"image": image.pk, "alt": "校门", "caption": "校门"}},
        {
            "type": "gallery",
            "value": {"title": "活动", "images": [{"image": image.pk, "alt": "一", "caption": ""}]},
        },
        {
            "type": "table",
            "value": {
                "data": [["年级", "人数"], ["一年级", None]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "在校生",
            },
        },
        {"type": "quote", "value": {"text": "学而时习之", "attribution": "孔子"}},
        {"type": "attachment", "value": {"document": document.pk, "title": ""}},
        {"type": "video", "value": {"video": document.pk, "poster": image.pk, "caption": "宣传片"}},
        {"type": "notice", "value": {"title": "注意", "text": "<p>放假安排</p>", "style": "important"}},
        {"type": "signature", "value": {"organisations": ["办公室"], "date": "2024-07-06"}},
    ]


def test_schema_is_a_valid_openapi_document(schema):
    validate(schema)


def test_every_endpoint_of_the_router_is_documented(schema):
    served = {
        f"{endpoint.namespace}_{pattern.name}"
        for endpoint in api_router.get_urlpatterns()
        for pattern in endpoint.url_patterns
    }
    documented = {
        operation["operationId"] for item in schema["paths"].values() for operation in item.values()
    }
    assert documented == served


def test_every_block_type_is_documented(schema):
    mapping = schema["components"]["schemas"]["Block"]["discriminator"]["mapping"]
    assert set(mapping) == set(BodyBlock.base_blocks)


def test_schema_is_yaml_by_default(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.1.0")


def test_docs_page_names_no_other_host(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert not re.search(r"https?://|//[a-z]", response.content.decode())


def test_docs_page_assets_are_our_static_files(client, db):
    html = client.get("/api/docs/").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    static_assets = [asset for asset in assets if asset.startswith(settings.STATIC_URL)]
    assert len(static_assets) == 5  # Swagger UI's stylesheet and ours, two scripts and favicon
    assert [asset for asset in assets if asset not in static_assets] == ["/api/docs/?script="]  # its settings
    assert client.get("/api/docs/?script=")["Content-Type"] == "application/javascript"
    for asset in static_assets:
        assert asset.startswith(settings.STATIC_URL)
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), asset


def test_article_detail_matches_the_schema(client, schema, portal):
    sibling = ArticlePage.objects.get(pk=portal["article_id"])
    article = ArticlePageFactory(
        parent=sibling.get_parent(), cover=ImageFactory(), body=every_block(ImageFactory(), DocumentFactory())
    )
    article.tags.add("校园")
    article.save()
    assert_matches(schema, client.get(f"/api/v2/pages/{article.pk}/"), "/api/v2/pages/{id}/")


def test_section_detail_matches_the_schema(client, schema, portal):
    response = client.get(f"/api/v2/pages/{portal['section_id']}/?page=1")
    assert_matches(schema, response, "/api/v2/pages/{id}/")


def test_home_detail_matches_the_schema(client, schema, home, portal):
    assert_matches(schema, client.get(f"/api/v2/pages/{home.pk}/"), "/api/v2/pages/{id}/")


def test_standard_page_detail_matches_the_schema(client, schema, home, portal):
    page = StandardPageFactory(parent=home, body=every_block(ImageFactory(), DocumentFactory()))
    assert_matches(schema, client.get(f"/api/v2/pages/{page.pk}/"), "/api/v2/pages/{id}/")


def test_listing_with_every_field_matches_the_schema(client, schema, portal):
    response = client.get("/api/v2/pages/?type=articles.ArticlePage&fields=*")
    assert_matches(schema, response, "/api/v2/pages/")


def test_find_matches_the_schema(client, schema, portal):
    response = client.get(f"/api/v2/pages/find/?html_path={portal['article']}")
    assert_matches(schema, response, "/api/v2/pages/find/")


def test_hit_matches_the_schema(client, schema, portal):
    response = client.post(f"/api/v2/pages/{portal['article_id']}/hit/")
    assert_matches(schema, response, "/api/v2/pages/{id}/hit/", method="post")


def test_site_matches_the_schema(client, schema, home, portal):
    site_settings = SiteSettings.objects.get()
    site_settings.logo = ImageFactory()
    site_settings.save()
    PhoneNumber.objects.create(settings=site_settings, label="值班室", number="0743-1234567")
    FooterLink.objects.create(settings=site_settings, title="教育局", url="https://jyj.example.cn/")
    assert_matches(schema, client.get("/api/v2/site/"), "/api/v2/site/")


def test_search_matches_the_schema(client, schema, portal):
    assert_matches(schema, client.get("/api/v2/search/?q=文章标题"), "/api/v2/search/")


def test_image_detail_matches_the_schema(client, schema, db):
    image = ImageFactory()
    assert_matches(schema, client.get(f"/api/v2/images/{image.pk}/"), "/api/v2/images/{id}/")


def test_image_listing_matches_the_schema(client, schema, db):
    ImageFactory()
    assert_matches(schema, client.get("/api/v2/images/?fields=*"), "/api/v2/images/")


def test_document_detail_matches_the_schema(client, schema, db):
    document = DocumentFactory()
    assert_matches(schema, client.get(f"/api/v2/documents/{document.pk}/"), "/api/v2/documents/{id}/")


def test_document_listing_matches_the_schema(client, schema, db):
    DocumentFactory()
    assert_matches(schema, client.get("/api/v2/documents/?fields=*"), "/api/v2/documents/")


def test_bad_request_matches_the_schema(client, schema, portal):
    response = client.get("/api/v2/pages/?pinned=maybe&type=articles.ArticlePage")
    assert_matches(schema, response, "/api/v2/pages/", status=400)


def test_not_found_matches_the_schema(client, schema, portal):
    assert_matches(schema, client.get("/api/v2/pages/999999/"), "/api/v2/pages/{id}/", status=404)
