"""import_legacy: records become published articles, sections, documents, images and redirects."""

import datetime

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from articles.models import ArticlePage, SectionPage
from home.models import HomePage, SiteSettings
from tests.factories import SHANGHAI, SectionPageFactory
from tests.transfer.conftest import run_command
from tests.transfer.records import article, document_file, image_file, site, write_jsonl
from transfer.records import parse_article

FULL_RECORD = {
    "title": "我校举行2012年春季开学典礼",
    "subtitle": "新学期 新希望",
    "author": "办公室",
    "source": "本站原创",
    "summary": "全校师生参加了典礼。",
    "tags": ["开学典礼", "德育"],
    "pinned": True,
    "featured": True,
    "hits": 655,
    "published": "2012-01-2 19:00:25",
}


def only_article():
    return ArticlePage.objects.get()


def test_article_gets_every_field(import_records):
    import_records(article(**FULL_RECORD))
    page = only_article()
    fields = {name: getattr(page, name) for name in ("title", "subtitle", "author", "source", "summary")}
    assert fields == {name: FULL_RECORD[name] for name in fields}
    assert (page.pinned, page.featured, page.hits) == (True, True, 655)
    assert sorted(tag.name for tag in page.tags.all()) == ["开学典礼", "德育"]


def test_publish_time_is_shanghai_time(import_records):
    import_records(article(published="2012-01-2 19:00:25"))
    assert only_article().publish_time == datetime.datetime(2012, 1, 2, 19, 0, 25, tzinfo=SHANGHAI)


def test_article_is_published_with_a_revision(import_records):
    import_records(article())
    page = only_article()
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision is not None


def test_slug_is_the_publish_date(import_records):
    import_records(article(published="2010年12月23日"))
    assert only_article().slug == "20101223"


def test_missing_sections_are_created_along_the_path(import_records, home):
    import_records(article(section=["党建工作", "支部动态"]))
    branch = SectionPage.objects.get(title="支部动态")
    assert branch.get_parent().title == "党建工作"
    assert branch.get_parent().get_parent().pk == home.pk
    assert only_article().get_parent().pk == branch.pk


def test_existing_section_is_matched_by_title(import_records, section):
    import_records(article(section=[section.title]))
    assert SectionPage.objects.count() == 1
    assert only_article().get_parent().pk == section.pk


def test_old_address_redirects_permanently_on_this_site(import_records, home):
    import_records(article(url="/html/news/2012/0102/12.html?page=1"))
    redirect = Redirect.objects.get()
    assert redirect.old_path == "/html/news/2012/0102/12.html?page=1"
    assert redirect.redirect_page_id == only_article().pk
    assert redirect.is_permanent
    assert redirect.site == home.get_site()


def test_old_address_leads_to_the_article(import_records, client):
    import_records(article(url="/plus/view.php?aid=12"))
    response = client.get("/plus/view.php?aid=12")
    assert response.status_code == 301
    assert response["Location"] == only_article().url


def test_summary_counts_created_articles_and_redirects(import_records):
    result = import_records(article(url="/a.html"), article(url="/b.html"))
    assert "2 created, 0 updated, 0 unchanged, 0 skipped. Redirects: 2." in result.stdout
    assert result.failed is None


def test_second_import_changes_nothing(import_records):
    records = [article(url="/a.html", tags=["校园"]), article(body_html="<p>正文</p>")]
    import_records(*records)
    before = (Page.objects.count(), Revision.objects.count(), Redirect.objects.count())
    result = import_records(*records)
    assert (Page.objects.count(), Revision.objects.count(), Redirect.objects.count()) == before
    assert "0 created, 0 updated, 2 unchanged" in result.stdout


def test_content_hash_is_the_one_earlier_imports_stored(folder):
    """Another hash for the same record would make the next import publish every article again."""
    record = parse_article(
        {
            "legacy_id": 12,
            "section": ["党建工作", "支部动态"],
            "title": "2010年领导点评工作总结",
            "published": "2012-01-2 19:00:25",
            "author": "超级管理员",
            "tags": ["创先争优"],
            "featured": True,
            "hits": 655,
            "url": "/plus/view.php?aid=12",
            "body_html": "<p>根据上级党组织……</p>",
        },
        folder,
    )
    assert record.content_hash() == "b7181d5eb735caf236a09dd6c0d6002502630ea9413ff8bf5618d1fba8893b13"


def test_changed_record_updates_the_same_page(import_records):
    record = article(title="旧标题")
    import_records(record)
    page = only_article()
    result = import_records(record | {"title": "新标题"})
    assert only_article().pk == page.pk
    assert only_article().title == "新标题"
    assert Revision.objects.for_instance(page).count() == 2
    assert "0 created, 1 updated" in result.stdout


def test_changed_hits_are_updated_without_a_revision(import_records):
    record = article(hits=10)
    import_records(record)
    revisions = Revision.objects.count()
    import_records(record | {"hits": 99})
    assert only_article().hits == 99
    assert Revision.objects.count() == revisions


def test_changed_section_moves_the_article(import_records):
    record = article(section=["新闻动态"])
    import_records(record)
    import_records(record | {"section": ["通知公告"]})
    assert only_article().get_parent().title == "通知公告"


def test_integer_and_string_ids_are_the_same_article(import_records):
    import_records(article(legacy_id=7))
    import_records(article(legacy_id="7", title="改过的标题"))
    assert only_article().title == "改过的标题"


def test_attachments_become_documents_and_blocks(import_records, folder):
    name = document_file(folder, "uploads/soft/报名表.pdf")
    import_records(article(attachments=[{"file": name, "title": "新生入学报名表"}]))
    document = get_document_model().objects.get()
    assert document.title == "新生入学报名表"
    block = only_article().body[-1]
    assert block.block_type == "attachment" and block.value["document"] == document


def test_listed_image_named_in_html_becomes_image_block(import_records, folder):
    name = image_file(folder, "uploads/allimg/campus.png")
    import_records(
        article(
            body_html='<p>校园一角</p><p><img src="/uploads/allimg/campus.png"></p>',
            images=[{"file": name, "alt": "教学楼", "caption": "新建的教学楼"}],
        )
    )
    image = get_image_model().objects.get()
    blocks = [(block.block_type, block.value) for block in only_article().body]
    assert blocks[1][0] == "image"
    assert (blocks[1][1]["image"], blocks[1][1]["alt"], blocks[1][1]["caption"]) == (
        image,
        "教学楼",
        "新建的教学楼",
    )


def test_cover_image_is_set(import_records, folder):
    name = image_file(folder)
    import_records(article(cover={"file": name, "title": "校园全景"}))
    assert only_article().cover.title == "校园全景"


def test_same_file_is_stored_once(import_records, folder):
    name = image_file(folder)
    import_records(article(images=[{"file": name}]), article(images=[{"file": name}]))
    assert get_image_model().objects.count() == 1


def test_dry_run_writes_nothing(import_records, folder):
    name = image_file(folder)
    pages = Page.objects.count()
    result = import_records(
        article(section=["新栏目"], url="/old.html", images=[{"file": name}]),
        site(name="新名称"),
        options=["--dry-run"],
    )
    assert Page.objects.count() == pages
    assert not Redirect.objects.exists() and not get_image_model().objects.exists()
    assert not SiteSettings.objects.exists()
    assert "1 created" in result.stdout and "Redirects: 1." in result.stdout


def test_dry_run_reports_bad_records(import_records):
    result = import_records(article(published="昨天"), options=["--dry-run"])
    assert "Line 1:" in result.stderr
    assert result.failed


def test_site_record_changes_only_the_keys_given(import_records, home):
    SiteSettings.objects.create(site=home.get_site(), name="旧名称", fax="0743-1")
    import_records(site(name="湘西自治州特殊教育学校", icp="湘ICP备17017769号"))
    settings = SiteSettings.objects.get()
    assert (settings.name, settings.icp_record, settings.fax) == (
        "湘西自治州特殊教育学校",
        "湘ICP备17017769号",
        "0743-1",
    )


def test_site_record_replaces_phones_and_footer_links(import_records):
    import_records(
        site(
            phones=[{"label": "值班室", "number": "0743-8716244"}],
            footer_links=[{"title": "湖南省教育厅", "url": "https://jyt.hunan.gov.cn/"}],
        )
    )
    settings = SiteSettings.objects.get()
    assert [(phone.label, phone.number) for phone in settings.phone_numbers.all()] == [
        ("值班室", "0743-8716244")
    ]
    assert [link.title for link in settings.footer_links.all()] == ["湖南省教育厅"]


def test_site_option_imports_into_that_site(import_records):
    other_home = HomePage(title="分校", slug="branch")
    Page.get_first_root_node().add_child(instance=other_home)
    other = Site.objects.create(hostname="branch.example.com", root_page=other_home)
    import_records(article(url="/a.html"), options=["--site", "branch.example.com"])
    assert only_article().get_ancestors().filter(pk=other_home.pk).exists()
    assert Redirect.objects.get().site == other


def test_unknown_site_is_an_error(import_records):
    result = import_records(article(), options=["--site", "nowhere.example.com"])
    assert "No site has the host name nowhere.example.com" in result.failed


def test_same_id_on_another_site_is_another_article(import_records):
    other_home = HomePage(title="分校", slug="branch")
    Page.get_first_root_node().add_child(instance=other_home)
    Site.objects.create(hostname="branch.example.com", root_page=other_home)
    record = article()
    import_records(record)
    import_records(record, options=["--site", "branch.example.com"])
    assert ArticlePage.objects.count() == 2


def test_welcome_page_is_replaced_by_a_home_page(db, folder):
    """A fresh database: the site's root is Wagtail's welcome page."""
    path = write_jsonl(folder / "import.jsonl", [site(name="湘西自治州特殊教育学校"), article()])
    run_command("import_legacy", path)
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert (home.title, home.slug) == ("湘西自治州特殊教育学校", "home")
    assert only_article().get_parent().get_parent().pk == home.pk


def test_section_under_another_page_type_is_not_matched(import_records, home):
    SectionPageFactory(parent=home, title="学校概况")
    import_records(article(section=["学校概况", "校园风采"]))
    assert SectionPage.objects.filter(title="校园风采").count() == 1


def test_mysql_flags_and_nulls_are_accepted(import_records):
    """What MySQL's JSON_OBJECT writes for TINYINT flags and empty joins."""
    import_records(article(pinned=1, featured=0, tags=None, hits=None, subtitle=None))
    page = only_article()
    assert (page.pinned, page.featured, page.hits, page.subtitle) == (True, False, 0, "")
