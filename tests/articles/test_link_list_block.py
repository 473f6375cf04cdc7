"""The link list block, added with its class and its template alone, shows everywhere a body goes:
the theme, the API, the OpenAPI document, the export and the import."""

import json

import pytest

from tests.api.test_openapi import assert_matches
from tests.factories import ArticlePageFactory
from tests.transfer.conftest import run_command
from transfer.body import html_blocks

LINKS = {
    "heading": "相关链接",
    "links": [
        {"title": "州教育局", "url": "https://jyj.example.cn/"},
        {"title": "招生简章", "url": "https://www.example.cn/zs?year=2024&type=1"},
    ],
}


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section, body=[{"type": "link_list", "value": LINKS}])


def test_the_theme_shows_the_heading_and_the_links(client, article):
    html = client.get(article.url).content.decode()
    assert '<p class="block-link-list__heading">相关链接</p>' in html
    assert '<li><a href="https://jyj.example.cn/">州教育局</a></li>' in html
    assert '<li><a href="https://www.example.cn/zs?year=2024&amp;type=1">招生简章</a></li>' in html


def test_the_api_gives_the_heading_and_the_links(client, article):
    (block,) = client.get(f"/api/v2/pages/{article.pk}/").json()["body"]
    assert (block["type"], block["value"]) == ("link_list", LINKS)


def test_the_answer_matches_the_openapi_document(client, article):
    schema = client.get("/api/schema/?format=json").json()
    assert_matches(schema, client.get(f"/api/v2/pages/{article.pk}/"), "/api/v2/pages/{id}/")


def test_the_export_imports_back_as_the_same_block(article, tmp_path):
    run_command("export_content", tmp_path / "site.jsonl")
    record = json.loads((tmp_path / "site.jsonl").read_text(encoding="utf-8").splitlines()[1])
    assert html_blocks(record["body_html"], {}, {}) == [{"type": "link_list", "value": LINKS}]
