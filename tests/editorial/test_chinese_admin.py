"""The admin, as a Chinese-speaking administrator sees it: no English word outside an allow-list.

Visible text is every text node of the page (screen-reader text and dialogs included) and the
attributes people read (title, placeholder, aria-label, alt). Strings found here are translated in
``editorial/wagtail_zh/locale`` (Wagtail's msgids, exactly as in its source).
"""

import re

import pytest
from bs4 import BeautifulSoup, Comment, Doctype
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, Revision, Workflow
from wagtail.rich_text import RichText

from editorial import roles
from tests.factories import ArticlePageFactory, DocumentFactory, ImageFactory, SectionPageFactory

WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
# Names people use as they are, and what no translation should touch.
ALLOWED = {
    *("Wagtail", "API", "URL", "ID", "HTML", "PDF", "RSS", "SEO", "Word", "WPS", "Draftail"),
    *("JPEG", "JPG", "PNG", "GIF", "WEBP", "WebP", "SVG", "AVIF", "HEIC", "MB", "KB", "CSV", "XLSX", "DAT"),
    *("admin", "localhost"),
    # Keys as printed on the keyboard, in the keyboard shortcuts dialog.
    *("Ctrl", "Alt", "Shift", "Esc", "Cmd", "Option", "Enter", "Tab"),
    # A language's own name in the language menu.
    "English",
}
# Left in English, with why: Wagtail's page choosers in the group and workflow editors are form
# fields without a label, so Django makes a screen-reader-only label "Page" from the field name,
# which no catalogue can reach.
KNOWN_UNTRANSLATED = {"group": ["Page"], "workflow": ["Page"]}
FILE_NAME = re.compile(r"\S+\.(?:jpe?g|png|gif|pdf|docx?|xlsx?|csv|txt|dat)\b", re.IGNORECASE)
ADDRESS = re.compile(r"(?:https?://|/)\S*|\S+@\S+")
READ_ATTRIBUTES = (
    "title",
    "placeholder",
    "aria-label",
    "alt",
    "aria-description",
    "data-w-tooltip-content-value",
)


def visible_text(html):
    soup = BeautifulSoup(html, "html.parser")
    for node in soup(["script", "style", "svg", "noscript"]):
        node.decompose()
    for node in soup.find_all(string=lambda text: isinstance(text, (Comment, Doctype))):
        node.extract()
    for node in soup.find_all(attrs={"hidden": True}):
        node.decompose()  # not shown, not read out
    for select in soup.find_all("select", attrs={"name": re.compile("time_zone")}):
        select.decompose()  # IANA zone names (Asia/Shanghai) are identifiers, as everywhere
    texts = [str(text) for text in soup.find_all(string=True)]
    for tag in soup.find_all(True):
        texts += [tag[name] for name in READ_ATTRIBUTES if isinstance(tag.get(name), str)]
    return "\n".join(texts)


def english_words(html):
    text = ADDRESS.sub(" ", FILE_NAME.sub(" ", visible_text(html)))
    return sorted({word for word in WORD.findall(text) if word not in ALLOWED})


@pytest.fixture
def site_content(home, django_user_model):
    roles.setup_roles()
    section = SectionPageFactory(parent=home, title="新闻动态")
    image = ImageFactory(title="校门", collection=Collection.get_first_root_node())
    document = DocumentFactory(title="报名表", collection=Collection.get_first_root_node())
    body = [
        ("text", RichText("<h2>一、概况</h2><p>正文</p>")),
        ("image", {"image": image, "alt": "校门", "caption": ""}),
        ("attachment", {"document": document, "title": ""}),
    ]
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "secret")
    article = ArticlePageFactory(parent=section, title="运动会通知", body=body)
    article.save_revision(user=admin).publish(user=admin)
    article.title = "运动会通知（修订）"
    article.save_revision(user=admin)
    Redirect.objects.create(old_path="/old/news.asp", redirect_page=article, site=home.get_site())
    return {
        "home": home,
        "section": section,
        "article": article,
        "image": image,
        "document": document,
        "admin": admin,
    }


def screens(content):
    article, section, home = content["article"], content["section"], content["home"]
    first, latest = Revision.objects.filter(object_id=str(article.pk)).order_by("pk")[:2]
    group = roles.REVIEWERS
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[section.pk]),
        "explorer root": reverse("wagtailadmin_explore_root"),
        "edit": reverse("wagtailadmin_pages:edit", args=[article.pk]),
        "add": reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk]),
        "add subpage": reverse("wagtailadmin_pages:add_subpage", args=[home.pk]),
        "history": reverse("wagtailadmin_pages:history", args=[article.pk]),
        "revision": reverse("wagtailadmin_pages:revisions_view", args=[article.pk, first.pk]),
        "compare": reverse("wagtailadmin_pages:revisions_compare", args=[article.pk, first.pk, latest.pk]),
        "unpublish": reverse("wagtailadmin_pages:unpublish", args=[article.pk]),
        "delete": reverse("wagtailadmin_pages:delete", args=[article.pk]),
        "move": reverse("wagtailadmin_pages:move", args=[article.pk]),
        "copy": reverse("wagtailadmin_pages:copy", args=[article.pk]),
        "page search": reverse("wagtailadmin_pages:search") + "?q=运动会",
        "workflows": reverse("wagtailadmin_workflows:index"),
        "workflow": reverse("wagtailadmin_workflows:edit", args=[Workflow.objects.get(name="文章审核").pk]),
        "tasks": reverse("wagtailadmin_workflows:task_index"),
        "locked pages": reverse("wagtailadmin_reports:locked_pages"),
        "workflow report": reverse("wagtailadmin_reports:workflow"),
        "workflow tasks report": reverse("wagtailadmin_reports:workflow_tasks"),
        "site history": reverse("wagtailadmin_reports:site_history"),
        "aging pages": reverse("wagtailadmin_reports:aging_pages"),
        "images": reverse("wagtailimages:index"),
        "image": reverse("wagtailimages:edit", args=[content["image"].pk]),
        "add image": reverse("wagtailimages:add_multiple"),
        "documents": reverse("wagtaildocs:index"),
        "document": reverse("wagtaildocs:edit", args=[content["document"].pk]),
        "add document": reverse("wagtaildocs:add_multiple"),
        "users": reverse("wagtailusers_users:index"),
        "user": reverse("wagtailusers_users:edit", args=[content["admin"].pk]),
        "groups": reverse("wagtailusers_groups:index"),
        "group": reverse("wagtailusers_groups:edit", args=[Group.objects.get(name=group).pk]),
        "account": reverse("wagtailadmin_account"),
        "redirects": reverse("wagtailredirects:index"),
        "add redirect": reverse("wagtailredirects:add"),
        "api tokens": reverse("wagtailusers_api_tokens:index"),
        "add api token": reverse("wagtailusers_api_tokens:add"),
        "section editors": reverse("editorial_section_editors", args=[section.pk]),
    }


def test_every_screen_is_chinese(site_content, client):
    client.force_login(site_content["admin"])
    found = {}
    for name, url in screens(site_content).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        words = english_words(response.content.decode())
        if words:
            found[name] = words
    assert found == KNOWN_UNTRANSLATED
