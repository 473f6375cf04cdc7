"""import_legacy: section, single-page and home-page records build the site around the articles."""

from wagtail.images import get_image_model

from articles.models import ArticlePage, SectionPage, StandardPage
from home.models import HomePage
from tests.factories import SectionPageFactory, StandardPageFactory
from tests.transfer.records import article, image_file


def section(*titles, **fields):
    return {"type": "section", "section": list(titles)} | fields


def page(**fields):
    return {
        "type": "page",
        "section": ["学校概况"],
        "title": "学校简介",
        "body_html": "<p>学校简介</p>",
    } | fields


def home_record(**fields):
    return {"type": "home"} | fields


def test_sections_are_created_in_the_order_of_the_file(import_records, home):
    import_records(section("学校概况"), section("新闻动态"), article(section=["学校概况", "校园风采"]))
    assert [child.title for child in SectionPage.objects.child_of(home)] == ["学校概况", "新闻动态"]


def test_section_gets_its_intro(import_records):
    import_records(section("学校概况", "校园风采", intro="用镜头记录<校园>。"))
    assert SectionPage.objects.get(title="校园风采").intro == "<p>用镜头记录&lt;校园&gt;。</p>"


def test_intro_given_replaces_the_sections_intro(import_records, home):
    existing = SectionPageFactory(parent=home, title="学校概况", intro="<p>旧的介绍</p>")
    import_records(section("学校概况", intro="新的介绍"))
    existing.refresh_from_db()
    assert existing.intro == "<p>新的介绍</p>"
    assert existing.revisions.count() == 1


def test_section_without_intro_keeps_its_intro(import_records, home):
    existing = SectionPageFactory(parent=home, title="学校概况", intro="<p>介绍</p>")
    import_records(section("学校概况"))
    existing.refresh_from_db()
    assert existing.intro == "<p>介绍</p>"


def test_page_record_creates_a_published_single_page(import_records, folder):
    name = image_file(folder)
    result = import_records(
        page(
            body_html=f'<h2>办学理念</h2><figure><img src="{name}" alt="校园"></figure>',
            images=[{"file": name}],
        )
    )
    created = StandardPage.objects.get()
    assert created.live and created.get_parent().title == "学校概况"
    assert [block.block_type for block in created.body] == ["text", "image"]
    assert created.body[1].value["image"] == get_image_model().objects.get()
    assert "Single pages: 1 created, 0 unchanged." in result.stdout


def test_existing_single_page_is_left_as_it_is(import_records, home):
    about = SectionPageFactory(parent=home, title="学校概况")
    existing = StandardPageFactory(parent=about, title="学校简介")
    revisions = existing.revisions.count()
    result = import_records(page(body_html="<p>新的正文</p>"))
    assert StandardPage.objects.get().pk == existing.pk
    assert existing.revisions.count() == revisions
    assert "Single pages: 0 created, 1 unchanged." in result.stdout


def test_home_record_sets_the_home_page_options(import_records, home):
    import_records(
        home_record(
            featured_count=3,
            notices_count=6,
            notices_section=["通知公告"],
            sections=[{"section": ["新闻动态", "最新动态"], "count": 5}, {"section": ["招生信息"]}],
        )
    )
    home = HomePage.objects.get()
    assert (home.featured_count, home.notices_count, home.notices_section.title) == (3, 6, "通知公告")
    assert [(block.section.title, block.count) for block in home.home_sections.all()] == [
        ("最新动态", 5),
        ("招生信息", 8),
    ]
    assert home.live and not home.has_unpublished_changes


def test_home_record_changes_only_the_keys_given(import_records, home):
    HomePage.objects.filter(pk=home.pk).update(notices_count=4)
    import_records(home_record(featured_count=3))
    home = HomePage.objects.get()
    assert (home.featured_count, home.notices_count) == (3, 4)


def test_same_home_record_again_makes_no_revision(import_records, home):
    record = home_record(notices_section=["通知公告"], sections=[{"section": ["招生信息"]}])
    import_records(record)
    revisions = HomePage.objects.get().revisions.count()
    result = import_records(record)
    assert HomePage.objects.get().revisions.count() == revisions
    assert "Home page unchanged." in result.stdout


def test_dry_run_writes_no_structure(import_records, home):
    pages = ArticlePage.objects.count(), SectionPage.objects.count(), StandardPage.objects.count()
    import_records(
        section("学校概况", intro="介绍"),
        page(),
        home_record(notices_section=["通知公告"]),
        options=["--dry-run"],
    )
    assert (ArticlePage.objects.count(), SectionPage.objects.count(), StandardPage.objects.count()) == pages
    assert HomePage.objects.get().notices_section is None


def test_home_counts_must_be_whole_numbers(import_records):
    result = import_records(
        home_record(featured_count="五"), home_record(sections=[{"section": ["招生信息"], "count": -1}])
    )
    assert "Line 1: “featured_count” must be a whole number of at least 0." in result.stderr
    assert "Line 2: “sections”:" in result.stderr
