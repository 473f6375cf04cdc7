"""import_legacy writes lines in batches: the result must be what publishing each article would leave."""

import json

from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from articles.models import ArticlePage, SectionPage
from tests.transfer.records import article, image_file
from transfer import importer
from transfer.importer import Importer
from transfer.management.commands import import_legacy
from transfer.models import ImportedArticle
from webhooks.models import WebhookDelivery, WebhookEndpoint


def test_new_article_has_one_live_revision_and_the_publish_history(import_records):
    import_records(article(title="开学典礼"))
    page = ArticlePage.objects.get()
    revision = Revision.objects.for_instance(page).get()
    assert page.live and not page.has_unpublished_changes
    assert page.latest_revision == page.live_revision == revision
    assert page.first_published_at is not None and page.last_published_at is not None
    assert revision.as_object().title == "开学典礼"
    actions = PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True)
    assert list(actions) == ["wagtail.create", "wagtail.publish"]


def test_imported_articles_are_found_by_search_straight_away(import_records):
    import_records(article(title="秋季运动会", body_text="田径比赛圆满结束。"), article(title="开学典礼"))
    found = ArticlePage.objects.live().search("运动会")
    assert [page.title for page in found] == ["秋季运动会"]


def test_same_day_articles_get_unique_slugs_and_a_valid_tree(import_records):
    import_records(*[article(published="2012-01-02", section=["新闻动态"]) for _ in range(3)])
    section = SectionPage.objects.get()
    slugs = sorted(page.slug for page in ArticlePage.objects.all())
    assert slugs == ["20120102", "20120102-2", "20120102-3"]
    assert SectionPage.objects.get().numchild == 3
    assert all(page.url_path.startswith(section.url_path) for page in ArticlePage.objects.all())
    assert not any(Page.find_problems())


def test_articles_join_existing_children_of_a_section(import_records, section):
    import_records(article(section=[section.title], published="2012-01-02"))
    import_records(article(section=[section.title], published="2012-01-02"))
    assert sorted(page.slug for page in ArticlePage.objects.all()) == ["20120102", "20120102-2"]
    assert not any(Page.find_problems())


def test_cover_image_use_is_in_the_reference_index(import_records, folder):
    import_records(article(cover={"file": image_file(folder)}))
    image = get_image_model().objects.get()
    assert (
        ReferenceIndex.get_references_to(image).filter(object_id=str(ArticlePage.objects.get().pk)).exists()
    )


def test_record_failing_while_written_leaves_nothing_and_the_rest_is_imported(import_records, monkeypatch):
    """A record the database would refuse once it is written, after its checks have passed."""
    fill_page = Importer.fill_page

    def fill_badly(self, page, record):
        fill_page(self, page, record)
        if record.title == "坏记录":
            page.title = "x" * 300

    monkeypatch.setattr(Importer, "fill_page", fill_badly)
    result = import_records(
        article(url="/a.html"), article(title="坏记录", url="/b.html"), article(url="/c.html")
    )
    assert "Line 2: " in result.stderr and "Line 1" not in result.stderr and result.failed
    assert "2 created, 0 updated, 0 unchanged, 1 skipped. Redirects: 2." in result.stdout
    assert ArticlePage.objects.count() == 2 and ImportedArticle.objects.count() == 2
    assert Revision.objects.count() == 2 + 1  # and the section's
    assert sorted(Redirect.objects.values_list("old_path", flat=True)) == ["/a.html", "/c.html"]
    assert SectionPage.objects.get().numchild == 2
    assert not any(Page.find_problems())


def test_creating_articles_sends_no_webhooks(import_records, section, django_capture_on_commit_callbacks):
    WebhookEndpoint.objects.create(name="前端", url="https://frontend.example.com/hook")
    with django_capture_on_commit_callbacks(execute=True):
        import_records(article(section=[section.title]))
    assert ArticlePage.objects.exists()
    assert not WebhookDelivery.objects.exists()


def test_content_version_moves_once_per_import(import_records, monkeypatch):
    bumps = []
    monkeypatch.setattr(importer, "bump_content_version", lambda **kwargs: bumps.append(kwargs))
    import_records(article(), article(), article())
    assert len(bumps) == 1
    import_records()
    assert len(bumps) == 1


def test_articles_of_later_batches_follow_their_siblings(import_records, monkeypatch):
    """What place_pages() knows of a section's children must stay true from batch to batch."""
    monkeypatch.setattr(import_legacy, "BATCH_SIZE", 2)
    import_records(*[article(published="2012-01-02", section=["新闻动态"]) for _ in range(5)])
    section = SectionPage.objects.get()
    assert sorted(page.slug for page in ArticlePage.objects.all()) == [
        "20120102",
        *(f"20120102-{suffix}" for suffix in range(2, 6)),
    ]
    assert section.numchild == 5
    assert not any(Page.find_problems())
    for page in ArticlePage.objects.all():
        assert page.latest_revision == page.live_revision == Revision.objects.for_instance(page).get()


def write_lines(importer, *records):
    """Lines written as one batch, without the command's retry of a failed batch line by line."""
    importer.write(
        [importer.read(number, json.dumps(record)) for number, record in enumerate(records, start=1)]
    )


def test_a_new_section_does_not_take_the_place_of_the_next_article(home, folder):
    importer = Importer(home.get_site(), folder)
    write_lines(importer, article(section=["新闻动态"]))
    write_lines(importer, article(section=["新闻动态", "最新动态"]), article(section=["新闻动态"]))
    assert SectionPage.objects.get(title="新闻动态").get_children().count() == 3
    assert not any(Page.find_problems())


def test_an_article_moved_away_leaves_its_slug_to_a_new_one(import_records):
    moved = article(published="2012-01-02", section=["新闻动态"])
    import_records(moved)
    import_records(
        article(published="2012-01-03", section=["新闻动态"]),
        moved | {"section": ["通知公告"]},
        article(published="2012-01-02", section=["新闻动态"], title="新文章"),
    )
    assert ArticlePage.objects.get(title="新文章").slug == "20120102"
    assert not any(Page.find_problems())
