"""The data migration that joins paragraph and heading blocks into text blocks, on pages and revisions."""

import importlib
import json

from django.apps import apps
from django.db import connection

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory

migration = importlib.import_module("articles.migrations.0002_body_text_block")
LEGACY = [
    {"type": "heading", "value": {"text": "一、概况", "level": "h2"}, "id": "a"},
    {"type": "paragraph", "value": "<p>第一段。</p>", "id": "b"},
    {"type": "paragraph", "value": "<ul><li>一项</li></ul>", "id": "c"},
    {"type": "quote", "value": {"text": "静待花开。", "attribution": ""}, "id": "d"},
    {"type": "heading", "value": {"text": "二、<安排>", "level": "h3"}, "id": "e"},
]
MERGED = [
    {"type": "text", "value": "<h2>一、概况</h2><p>第一段。</p><ul><li>一项</li></ul>", "id": "a"},
    {"type": "quote", "value": {"text": "静待花开。", "attribution": ""}, "id": "d"},
    {"type": "text", "value": "<h3>二、&lt;安排&gt;</h3>", "id": "e"},
]


def test_runs_of_paragraphs_and_headings_become_one_text_block():
    assert migration.merge(LEGACY) == MERGED


def test_splitting_gives_headings_and_paragraphs_back():
    assert [(block["type"], block["value"]) for block in migration.split(MERGED)] == [
        ("heading", {"text": "一、概况", "level": "h2"}),
        ("paragraph", "<p>第一段。</p><ul><li>一项</li></ul>"),
        ("quote", {"text": "静待花开。", "attribution": ""}),
        ("heading", {"text": "二、<安排>", "level": "h3"}),
    ]


def test_pages_and_their_revisions_are_rewritten(section):
    article = ArticlePageFactory(parent=section, title="通知")
    json_param = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE articles_articlepage SET body = {json_param} WHERE page_ptr_id = %s",
            [json.dumps(LEGACY), article.pk],
        )
    revision = article.save_revision()
    revision.content["body"] = json.dumps(LEGACY)
    revision.save(update_fields=["content"])
    migration.rewrite(apps, migration.merge)
    assert list(ArticlePage.objects.get(pk=article.pk).body.raw_data) == MERGED
    revision.refresh_from_db()
    assert json.loads(revision.content["body"]) == MERGED
