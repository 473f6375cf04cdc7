"""The theme in a real browser: axe-core finds no serious or critical violation on any page type at
desktop and phone widths, the keyboard alone walks the site, and the 无障碍 / 长者模式 toolbar works.

One seeded live server and one chromium serve the whole module. axe-core comes from npm
(package-lock.json, installed by ``make test``) and is added to every page by Playwright, never
from a CDN.
"""

import json
import shutil
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from pytest_django.live_server_helper import LiveServer
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from articles.models import ArticlePage, SectionPage, StandardPage
from home.models import SiteSettings
from tests.browser import launch, requires_chromium
from tests.database import restore_base_data
from tests.factories import StandardPageFactory, build_portal, make_site

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": 1366, "phone": 390}
BLOCKING_IMPACTS = {"serious", "critical"}
EMBED_URL = "https://video.example.org/watch/open-day"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: pip install -r requirements-dev.txt"
)

pytestmark = [
    pytest.mark.django_db,
    requires_chromium,
    pytest.mark.skipif(
        not AXE.exists(),
        reason="axe-core is not installed: `npm ci` (needs node and npm: apt-get install npm)"
        if shutil.which("npm")
        else "npm is missing, so axe-core cannot be installed: apt-get install npm, then npm ci",
    ),
]


def _every_block_article(section):
    """An article using every body block type, the embed answered from Wagtail's embed cache."""
    image = get_image_model().objects.order_by("pk").first()
    pdf = get_document_model().objects.create(
        title="开放日安排", file=ContentFile(b"%PDF-1.4\n" * 200, "plan.pdf")
    )
    video = get_document_model().objects.create(
        title="校园开放日视频", file=ContentFile(b"\0" * 2048, "open-day.mp4")
    )
    Embed.objects.create(
        url=EMBED_URL,
        hash=get_embed_hash(EMBED_URL),
        type="video",
        html='<iframe title="校园开放日视频" src="about:blank" width="640" height="360"></iframe>',
        title="校园开放日",
    )
    body = [
        {
            "type": "text",
            "value": "<h2>活动概况</h2><p>学校举行校园开放日活动。家长们参观了教室和康复训练室。</p>",
        },
        {"type": "image", "value": {"image": image.pk, "alt": "家长参观康复训练室", "caption": "参观现场"}},
        {
            "type": "gallery",
            "value": {
                "title": "活动剪影",
                "images": [{"image": image.pk, "alt": "学生展示手工作品", "caption": "手工作品"}],
            },
        },
        {
            "type": "table",
            "value": {
                "data": [["时间", "内容"], ["9:00", "参观教室"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "活动安排",
            },
        },
        {"type": "quote", "value": {"text": "每个孩子都值得被看见。", "attribution": "校长"}},
        {"type": "attachment", "value": {"document": pdf.pk, "title": "开放日安排"}},
        {"type": "embed", "value": EMBED_URL},
        {"type": "video", "value": {"video": video.pk, "poster": image.pk, "caption": "开放日剪影"}},
        {
            "type": "notice",
            "value": {"title": "温馨提示", "text": "<p>请家长携带身份证。</p>", "style": "important"},
        },
        {"type": "signature", "value": {"organisations": ["学校办公室"], "date": "2026-05-20"}},
    ]
    article = ArticlePage(
        title="校园开放日活动圆满举行", summary="学校举行校园开放日活动。", body=json.dumps(body)
    )
    section.add_child(instance=article)
    article.save_revision().publish()
    return article


def _fill_footer(home):
    settings = SiteSettings.objects.get(site=home.get_site())
    settings.address = "湖南省湘西土家族苗族自治州吉首市乾州街道世纪大道"
    settings.postcode = "416000"
    settings.email = "xxztjxx@163.com"
    settings.icp_record = "湘ICP备17017769号"
    settings.phone_numbers.create(label="值班室", number="0743-8716244")
    settings.footer_links.create(title="湖南省教育厅", url="https://jyt.hunan.gov.cn/")
    settings.save()


def _password_page(home):
    page = StandardPage(title="内部资料", body="[]")
    home.add_child(instance=page)
    page.save_revision().publish()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return page


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A small portal with every page type, an every-block article and a password page, served for the
    whole module (built with factories: seeding the whole demo would take a minute).

    Committed, because on PostgreSQL the server's threads have connections of their own; afterwards
    the database is restored as Django's serialized rollback does.
    """
    with django_db_blocker.unblock():
        restore_base_data()
        before = connection.creation.serialize_db_to_string()
        home = make_site()
        build_portal(home, 30)
        _fill_footer(home)
        nested = SectionPage.objects.live().filter(depth=home.depth + 2).order_by("path").first()
        top = nested.get_parent()
        article = _every_block_article(nested)
        single = StandardPageFactory(
            parent=home, title="学校简介", body=[("text", RichText("<p>学校创办于1985年。</p>"))]
        )
        private = _password_page(home)
        server = LiveServer("localhost")
        yield {
            "url": server.url,
            "pages": {
                "home": "/",
                "section": top.url,
                "nested section": nested.url,
                "article": article.url,
                "single page": single.url,
                "search with results": "/search/?q=学校",
                "search without results": "/search/?q=无此词语",
                "404": "/no-such-page/",
                "password-protected page": private.url,
            },
            "section_title": top.title,
            "article_title": article.title,
            "nested": nested,
        }
        server.stop()
        call_command(
            "flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True
        )
        connection.creation.deserialize_db_from_string(before)


@pytest.fixture(scope="module")
def browser(site):
    """One chromium for the module; it starts after the database is ready and stops before it is restored.

    Playwright's sync API keeps an event loop in this thread while it runs, and Django then refuses
    the database work that each test's transaction does here, though nothing here is asynchronous.
    """
    with pytest.MonkeyPatch.context() as patch, sync_api.sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module", params=list(WIDTHS))
def width_page(request, browser):
    """A tab at one width with axe-core loaded into every document (through the DevTools protocol, so
    a Content-Security-Policy cannot block it)."""
    context = browser.new_context(viewport={"width": WIDTHS[request.param], "height": 900}, locale="zh-CN")
    context.add_init_script(path=str(AXE))
    context.route("**/media/**", lambda route: route.abort())
    page = context.new_page()
    yield request.param, page
    context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    context.route("**/media/**", lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page):
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(v => ({
            id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))
        }))"""
    )


PAGE_TYPES = [
    "home",
    "section",
    "nested section",
    "article",
    "single page",
    "search with results",
    "search without results",
    "404",
    "password-protected page",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_serious_or_critical_axe_violation(site, width_page, page_type):
    width, page = width_page
    page.goto(site["url"] + site["pages"][page_type])
    violations = axe_violations(page)
    print(f"\naxe {page_type} @ {width}: {json.dumps(violations, ensure_ascii=False)}")
    assert [v for v in violations if v["impact"] in BLOCKING_IMPACTS] == []


@pytest.mark.parametrize("page_type", ["home", "article", "search with results"])
def test_no_serious_or_critical_axe_violation_in_elder_mode(site, width_page, page_type):
    width, page = width_page
    page.goto(site["url"] + "/")
    page.evaluate(
        """() => localStorage.setItem("a11y", JSON.stringify(
            {text: "xlarge", contrast: true, spacing: true, cursor: true}))"""
    )
    page.goto(site["url"] + site["pages"][page_type])
    try:
        assert page.evaluate("() => document.documentElement.className") == (
            "a11y-text-xlarge a11y-contrast a11y-spacing a11y-cursor"
        )
        violations = axe_violations(page)
        print(f"\naxe elder mode {page_type} @ {width}: {json.dumps(violations, ensure_ascii=False)}")
        assert [v for v in violations if v["impact"] in BLOCKING_IMPACTS] == []
    finally:
        page.evaluate("() => localStorage.clear()")


FOCUS_STATE = """() => {
    let element = document.activeElement;
    if (element && element.labels && element.labels.length && element.getBoundingClientRect().width <= 1) {
        element = element.labels[0];  // the toolbar's controls show their focus on their label
    }
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
        && style.outlineColor !== "rgba(0, 0, 0, 0)";
    const region = element.closest("#a11y-bar, .site-header, .site-nav, main, footer");
    const box = element.getBoundingClientRect();
    return {
        text: (element.innerText || element.value || element.getAttribute("aria-label") || "").trim(),
        tag: document.activeElement.tagName.toLowerCase(),
        visible: outlined || style.boxShadow !== "none",
        onScreen: box.width > 0 && box.height > 0,
        region: region ? region.className.split(" ")[0] : "",
    };
}"""

REGION_ORDER = ["a11y-bar", "site-header", "site-nav", "site-main", "site-footer"]


def tab_to(page, predicate, limit=80):
    """Press Tab until ``predicate(state)``; every stop on the way must show its focus, in page order."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        assert state["visible"] and state["onScreen"], state
        seen.append(state)
        if predicate(state):
            regions = [REGION_ORDER.index(s["region"]) for s in seen if s["region"] in REGION_ORDER]
            assert regions == sorted(regions), [s["region"] for s in seen]
            return state
    raise AssertionError(f"Tab never reached the target; focus went through {[s['text'] for s in seen]}")


def test_keyboard_alone_walks_home_section_article_search_and_toolbar(site, page):
    page.goto(site["url"] + "/")
    first = tab_to(page, lambda state: True)
    assert first["text"] == "跳到正文"

    tab_to(page, lambda state: state["region"] == "site-nav" and state["text"] == site["section_title"])
    page.keyboard.press("Enter")
    sync_api.expect(page.get_by_role("heading", level=1)).to_have_text(site["section_title"])

    nested_title = site["nested"].title
    tab_to(page, lambda state: state["region"] == "site-main" and state["text"] == nested_title)
    page.keyboard.press("Enter")
    sync_api.expect(page.get_by_role("heading", level=1)).to_have_text(nested_title)

    tab_to(page, lambda state: state["region"] == "site-main" and state["text"] == site["article_title"])
    page.keyboard.press("Enter")
    sync_api.expect(page.get_by_role("heading", level=1)).to_have_text(site["article_title"])

    tab_to(page, lambda state: state["tag"] == "input" and state["region"] == "site-header")
    page.keyboard.type("学校")
    page.keyboard.press("Enter")
    sync_api.expect(page.locator(".search-summary")).to_contain_text("学校")
    page.wait_for_load_state()  # the toolbar's script is set up once the page has loaded

    contrast = tab_to(page, lambda state: state["text"] == "高对比度")
    assert contrast["region"] == "a11y-bar"
    page.keyboard.press("Space")
    sync_api.expect(page.locator("html")).to_have_class("a11y-contrast")
    result = tab_to(page, lambda state: state["region"] == "site-main" and state["tag"] == "a")
    page.keyboard.press("Enter")
    sync_api.expect(page.get_by_role("heading", level=1)).to_have_text(result["text"])
    sync_api.expect(page.locator("html")).to_have_class("a11y-contrast")
    page.wait_for_load_state()  # the toolbar's script is set up once the page has loaded

    tab_to(page, lambda state: state["text"] == "重置")
    page.keyboard.press("Enter")
    sync_api.expect(page.locator("html")).not_to_have_class("a11y-contrast")


def html_classes(page):
    return page.evaluate("() => document.documentElement.className").split()


def test_toolbar_choices_apply_and_are_remembered_on_the_next_page(site, page):
    page.goto(site["url"] + "/")
    assert page.evaluate("() => getComputedStyle(document.body).lineHeight") == "32.4px"  # 1.8 × 18px
    page.get_by_text("特大", exact=True).click()
    page.get_by_text("加大行距", exact=True).click()
    page.get_by_text("大鼠标", exact=True).click()
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "24px"
    page.goto(site["url"] + site["pages"]["article"])
    assert set(html_classes(page)) == {"a11y-text-xlarge", "a11y-spacing", "a11y-cursor"}
    sync_api.expect(page.locator("#a11y-text-xlarge")).to_be_checked()
    line_height = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.article__body p')).lineHeight)"
    )
    assert line_height / 24 >= 2.2
    assert "cursor-large.svg" in page.evaluate("() => getComputedStyle(document.body).cursor")
    page.get_by_role("button", name="重置").click()
    sync_api.expect(page.locator("#a11y-text-normal")).to_be_checked()
    assert html_classes(page) == []
    assert page.evaluate("() => localStorage.getItem('a11y')") is None


def test_toolbar_works_without_script(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(site["url"] + "/")
    page.get_by_text("高对比度", exact=True).click()
    color = page.locator("body").evaluate("body => getComputedStyle(body).backgroundColor")
    assert color == "rgb(0, 0, 0)"
    sync_api.expect(page.get_by_role("button", name="朗读全文")).to_be_hidden()
    context.close()


def test_read_aloud_speaks_the_article_in_chinese(site, page):
    page.add_init_script(
        """window.__spoken = [];
        window.speechSynthesis.speak = u => window.__spoken.push({text: u.text, lang: u.lang});"""
    )
    page.goto(site["url"] + site["pages"]["article"])
    button = page.get_by_role("button", name="朗读全文")
    button.click()
    sync_api.expect(button).to_have_attribute("aria-pressed", "true")
    spoken = page.evaluate("() => window.__spoken")
    assert spoken[0] == {"text": site["article_title"], "lang": "zh-CN"}
    assert {"text": "学校举行校园开放日活动。", "lang": "zh-CN"} in spoken
    assert not any("打印" in item["text"] or "上一篇" in item["text"] for item in spoken)
    button.click()
    sync_api.expect(button).to_have_attribute("aria-pressed", "false")
