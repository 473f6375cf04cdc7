"""export_content writes the import format; importing the demo's export rebuilds the same site."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision, Site

from articles.models import ArticlePage
from home.models import SiteSettings
from tests.factories import ArticlePageFactory, ImageFactory, tag
from tests.transfer.conftest import run_command


def read_records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_starts_with_the_site_record(home, tmp_path):
    SiteSettings.objects.create(
        site=home.get_site(), name="湘西自治州特殊教育学校", icp_record="湘ICP备17017769号"
    )
    run_command("export_content", tmp_path / "site.jsonl")
    record = read_records(tmp_path / "site.jsonl")[0]
    assert (record["type"], record["name"], record["icp"]) == (
        "site",
        "湘西自治州特殊教育学校",
        "湘ICP备17017769号",
    )


def test_export_writes_articles_with_their_fields(section, tmp_path):
    tag(ArticlePageFactory(parent=section, title="开学典礼", hits=12, pinned=True), "校园")
    run_command("export_content", tmp_path / "site.jsonl")
    record = read_records(tmp_path / "site.jsonl")[1]
    assert (record["title"], record["section"], record["hits"], record["pinned"], record["tags"]) == (
        "开学典礼",
        ["新闻动态"],
        12,
        True,
        ["校园"],
    )


def test_export_copies_images_beside_the_file(section, tmp_path):
    image = ImageFactory()
    ArticlePageFactory(
        parent=section, body=[{"type": "image", "value": {"image": image.pk, "alt": "校园", "caption": ""}}]
    )
    run_command("export_content", tmp_path / "site.jsonl")
    record = read_records(tmp_path / "site.jsonl")[1]
    assert f'<img src="{record["images"][0]["file"]}"' in record["body_html"]
    assert (tmp_path / record["images"][0]["file"]).read_bytes() == image.file.open("rb").read()


# The demo round trip --------------------------------------------------------------------------------


def image_snapshot(value):
    return value["image"].file_hash, value["image"].title, value["alt"], value["caption"]


def block_snapshot(block):
    """A block by what it says and shows, not by database ids."""
    value = block.value
    kind = block.block_type
    if kind == "text":
        soup = BeautifulSoup(value.source, "html.parser")
        return kind, soup.get_text(), [tag.name for tag in soup.find_all(True)]
    if kind == "image":
        return kind, image_snapshot(value)
    if kind == "gallery":
        return kind, value["title"], [image_snapshot(item) for item in value["images"]]
    if kind == "attachment":
        # As shown: a blank link text shows the document's title.
        return (
            kind,
            value["document"].file_hash,
            value["document"].title,
            value["title"] or value["document"].title,
        )
    if kind == "notice":
        return (
            kind,
            value["title"],
            BeautifulSoup(value["text"].source, "html.parser").get_text(),
            value["style"],
        )
    if kind == "signature":
        return kind, list(value["organisations"]), value["date"]
    return kind, block.block.get_prep_value(value)


def site_snapshot():
    home = Site.objects.get(is_default_site=True).root_page
    articles = {}
    for page in ArticlePage.objects.live().descendant_of(home).select_related("cover"):
        sections = tuple(page.get_ancestors().filter(depth__gt=home.depth).values_list("title", flat=True))
        articles[sections, page.title] = {
            "fields": {
                name: getattr(page, name)
                for name in ("subtitle", "author", "source", "hits", "summary", "pinned", "featured")
            },
            "publish_time": timezone.localtime(page.publish_time),
            "tags": sorted(tag.name for tag in page.tags.all()),
            "cover": (page.cover.title, page.cover.file_hash) if page.cover else None,
            "body": [block_snapshot(block) for block in page.body],
        }
    settings = SiteSettings.objects.get(site__root_page=home)
    return {
        "articles": articles,
        "settings": {
            "fields": {
                name: getattr(settings, name) for name in ("name", "address", "fax", "postcode", "email")
            }
            | {
                name: getattr(settings, name)
                for name in ("icp_record", "police_record", "police_record_url", "copyright")
            },
            "phones": [(phone.label, phone.number) for phone in settings.phone_numbers.all()],
            "footer_links": [(link.title, link.url) for link in settings.footer_links.all()],
        },
    }


@pytest.fixture(scope="module")
def demo_export(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site exported, and its snapshot; the database is empty again afterwards."""
    from django.conf import settings

    media_root, settings.MEDIA_ROOT = settings.MEDIA_ROOT, tmp_path_factory.mktemp("demo-media")
    path = tmp_path_factory.mktemp("export") / "site.jsonl"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        call_command("export_content", str(path), verbosity=0)
        snapshot = site_snapshot()
        transaction.set_rollback(True)
    settings.MEDIA_ROOT = media_root
    return path, snapshot


@pytest.fixture(scope="module")
def round_trip(demo_export, django_db_blocker):
    """The export imported into the empty database (Wagtail's welcome page only)."""
    path, snapshot = demo_export
    with django_db_blocker.unblock(), transaction.atomic():
        result = run_command("import_legacy", path)
        yield path, snapshot, result
        transaction.set_rollback(True)


def test_round_trip_imports_every_article(round_trip, db):
    _path, snapshot, result = round_trip
    assert result.failed is None, result.stderr
    assert ArticlePage.objects.count() == len(snapshot["articles"]) >= 60


def test_round_trip_rebuilds_every_article(round_trip, db):
    _path, snapshot, _result = round_trip
    rebuilt = site_snapshot()["articles"]
    assert rebuilt.keys() == snapshot["articles"].keys()
    for key, article in snapshot["articles"].items():
        assert rebuilt[key] == article, key


def test_round_trip_rebuilds_the_site_settings(round_trip, db):
    _path, snapshot, _result = round_trip
    assert site_snapshot()["settings"] == snapshot["settings"]


def test_round_trip_keeps_the_old_addresses(round_trip, db):
    _path, snapshot, _result = round_trip
    assert Redirect.objects.filter(redirect_page__isnull=False).count() == len(snapshot["articles"])


def test_importing_the_export_again_changes_nothing(round_trip, db):
    path, _snapshot, _result = round_trip
    before = (Page.objects.count(), Revision.objects.count(), Redirect.objects.count())
    result = run_command("import_legacy", path)
    assert (Page.objects.count(), Revision.objects.count(), Redirect.objects.count()) == before
    assert "0 created, 0 updated" in result.stdout
