"""The Content-Security-Policy holds in a real browser: no page type reports a violation."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from pytest_django.live_server_helper import LiveServer

from articles.models import ArticlePage, SectionPage, StandardPage
from tests.browser import launch, requires_chromium
from tests.database import restore_base_data

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: pip install -r requirements-dev.txt"
)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
        + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def test_every_public_answer_carries_the_policy(client, home):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The seeded demo and an admin behind a live server (restored afterwards, as in the headless tests)."""
    with django_db_blocker.unblock():
        restore_base_data()
        before = connection.creation.serialize_db_to_string()
        call_command("seed_demo", verbosity=0)
        get_user_model().objects.create_superuser("csp-admin", password="csp-password")
        article = max(
            ArticlePage.objects.live(), key=lambda page: len({block.block_type for block in page.body})
        )
        pages = {
            "home": "/",
            "section": SectionPage.objects.live().first().url,
            "article": article.url,
            "single page": StandardPage.objects.live().first().url,
            "search": "/search/?q=学校",
            "404": "/no-such-page/",
            "API docs": "/api/docs/",
        }
        admin_pages = {
            "admin dashboard": "/admin/",
            "admin page edit": f"/admin/pages/{article.pk}/edit/",
            "admin page explorer": f"/admin/pages/{article.get_parent().pk}/",
        }
        server = LiveServer("localhost")
        yield server.url, pages, admin_pages
        server.stop()
        call_command(
            "flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True
        )
        connection.creation.deserialize_db_from_string(before)


def violations(page, url):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    recorded = page.evaluate("window.__cspViolations")
    return recorded + [text for text in console if "Content Security Policy" in text]


@requires_chromium
@pytest.mark.django_db
def test_no_page_type_violates_the_policy(site):
    base, pages, admin_pages = site
    found = {}
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context()
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        for name, path in pages.items():
            found[name] = violations(page, base + path)
        found["admin login"] = violations(page, base + "/admin/login/")
        page.fill("input[name=username]", "csp-admin")
        page.fill("input[name=password]", "csp-password")
        page.click("button[type=submit]")
        page.wait_for_url(base + "/admin/")
        for name, path in admin_pages.items():
            found[name] = violations(page, base + path)
        browser.close()
    failing = {name: reports for name, reports in found.items() if reports}
    assert not failing, "\n".join(f"{name}: {line}" for name, reports in failing.items() for line in reports)
