"""Parity of the API and the theme: every value the API gives for a demo page is shown on its HTML page.

The theme renders the very representation the API returns, so a value the API offers but the page
does not show (or shows differently) means the two have drifted apart. The checker walks the JSON
and looks each value up on the page in the form the theme prints it; the few values a visitor is
never meant to see are listed, with the reason, in ``API_ONLY_KEYS``, ``FLAGS``, ``API_ONLY_PATHS``
and ``LIST_TEASERS``.
"""

import json
import re
from datetime import date, datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.template.defaultfilters import filesizeformat
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from wagtail.models import Page, Site

from articles.models import ArticlePage, SectionPage, StandardPage

pytestmark = pytest.mark.django_db

SITE_HOST = "testserver"

# Keys whose values are for programs, wherever they appear.
API_ONLY_KEYS = {
    "id": "database ids identify pages, images, documents and blocks for API clients",
    "type": "page and block types choose the template",
}
# True/false flags: they choose order and markup, not text.
FLAGS = {
    "pinned": "orders lists (the section lists mark it with a badge)",
    "featured": "picks the headlines",
    "first_row_is_header": "chooses <th> markup",
    "first_col_is_header": "chooses <th> markup",
}
# Values at these places of a page's representation.
API_ONLY_PATHS = {
    ("url",): "the page's own address: the HTML under test is fetched from it",
    ("meta", "type"): "Wagtail's metadata",
    ("meta", "detail_url"): "the API's own address",
    ("meta", "html_url"): "the page's own address: the HTML under test is fetched from it",
    ("meta", "slug"): "the last part of the page's address",
    ("meta", "first_published_at"): "a revision timestamp; visitors see publish_time",
    ("meta", "last_published_at"): "a revision timestamp; visitors see publish_time",
    ("previous", "publish_time"): "the theme's 上一篇 link gives the title only",
    ("next", "publish_time"): "the theme's 下一篇 link gives the title only",
}
# Keys of list entries the theme's lists leave out: its lists show a title and a date.
LIST_TEASERS = {
    "summary": "lists are titles and dates (the first headline shows a shortened summary)",
    "cover": "lists are titles and dates (the first headline shows the cover, as decoration)",
}
LISTS = {"featured", "articles", "latest"}
URL_KEYS = {"url", "home_url", "icp_url", "police_record_url"}
RICH_TEXT_KEYS = {"html", "intro"}
# The article's meta line: label and value as the theme prints them (showing a page counts nothing).
LABELLED = {
    ("publish_time",): lambda value: ("Published", datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")),
    ("hits",): lambda value: ("Hits", value),
    ("author",): lambda value: ("Author", value),
    ("source",): lambda value: ("Source", value),
}


def normalise(text):
    return " ".join(text.split())


def local_address(url):
    """A URL as the page may write it: addresses on this site by path, others whole."""
    parts = urlsplit(url)
    if parts.netloc not in ("", SITE_HOST):
        return url
    return (
        parts.path
        + (f"?{parts.query}" if parts.query else "")
        + (f"#{parts.fragment}" if parts.fragment else "")
    )


def srcset_addresses(srcset):
    return [" ".join([local_address(url), *rest]) for url, *rest in (c.split() for c in srcset.split(","))]


CAPTURED = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "li", "p"}


class PageParser(HTMLParser):
    """What a visitor meets on a page: the body's text, the head's title, every tag's attributes,
    and the text of the headings, links, list items and paragraphs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks, self.title, self.tags, self.elements = [], [], [], []
        self.open = []
        self.in_body = self.in_title = False
        self.skipping = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attrs))
        # Tags separate words, so text from neighbouring elements never runs together.
        self.add(" ")
        if tag == "body":
            self.in_body = True
        elif tag == "title":
            self.in_title = True
        elif tag in ("script", "style"):
            self.skipping = tag
        elif tag in CAPTURED:
            self.open.append((tag, attrs, [], []))

    def handle_endtag(self, tag):
        self.add(" ")
        if tag == "title":
            self.in_title = False
        elif tag == self.skipping:
            self.skipping = None
        elif any(element[0] == tag for element in self.open):
            while True:
                open_tag, attrs, chunks, links = self.open.pop()
                text = normalise("".join(chunks))
                self.elements.append((open_tag, attrs, text, links))
                if open_tag == "a" and "href" in attrs:
                    for element in self.open:
                        element[3].append((local_address(attrs["href"]), text))
                if open_tag == tag:
                    break

    def handle_data(self, data):
        if self.skipping:
            return
        if self.in_title:
            self.title.append(data)
        elif self.in_body:
            self.add(data)

    def add(self, data):
        if self.in_body:
            self.chunks.append(data)
        for element in self.open:
            element[2].append(data)


def text_of(html):
    parser = PageParser()
    parser.feed(f"<body>{html}</body>")
    return normalise("".join(parser.chunks))


class ShownPage:
    """One HTML page, parsed into the forms the checker looks values up in."""

    def __init__(self, html):
        parser = PageParser()
        parser.feed(html)
        self.text = normalise("".join(parser.chunks))
        self.title = normalise("".join(parser.title))
        self.tags = parser.tags
        self.headings = {(tag, text) for tag, _attrs, text, _links in parser.elements if tag[0] == "h"}
        self.links = {
            (local_address(attrs["href"]), text)
            for tag, attrs, text, _links in parser.elements
            if tag == "a" and "href" in attrs
        }
        # List items and paragraphs: their text and the links in them.
        self.items = [(text, links) for tag, _attrs, text, links in parser.elements if tag in ("li", "p")]
        self.addresses = {
            local_address(attrs[name])
            for _tag, attrs in self.tags
            for name in ("href", "src", "poster")
            if attrs.get(name)
        }

    def attribute_values(self, tag, attribute, **having):
        return [
            attrs[attribute]
            for found, attrs in self.tags
            if found == tag and attribute in attrs and all(attrs.get(k) == v for k, v in having.items())
        ]

    def shows_text(self, text):
        return normalise(text) in self.text


def day_of(moment):
    return datetime.fromisoformat(moment).strftime("%Y-%m-%d")


class Checker:
    """Walks a representation and lists every value the page does not show as the theme would."""

    def __init__(self, html):
        self.html = html
        self.page = ShownPage(html)
        self.problems = []
        self.checked = 0

    def expect(self, shown, path, value):
        self.checked += 1
        if not shown:
            self.problems.append(f"{'.'.join(map(str, path))}: {value!r}")

    def walk(self, value, path=()):
        keys = tuple(part for part in path if isinstance(part, str))
        key = keys[-1] if keys else None
        in_list_entry = len(path) >= 2 and isinstance(path[-2], int) and len(keys) >= 2 and keys[-2] in LISTS
        if key in API_ONLY_KEYS or path in API_ONLY_PATHS or (in_list_entry and key in LIST_TEASERS):
            return
        if isinstance(value, bool) and key in FLAGS:
            return
        if value is None or value == "":
            return
        if isinstance(value, dict):
            self.walk_dict(value, path)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.walk(item, (*path, index))
        else:
            self.leaf(key, value, path)

    def walk_dict(self, value, path):
        if "renditions" in value:
            self.image(value, path)
            return
        if "level" in value:
            self.expect((value["level"], normalise(value["text"])) in self.page.headings, path, value)
            return
        if set(value) >= {"num_pages", "count"}:
            self.pagination(value, path)
            return
        if path[-1:] == ("seo",):
            self.seo(value, path)
            return
        rest = value
        if path and value.get("title") and value.get("url"):
            self.link(value, path)
            rest = {key: item for key, item in value.items() if key not in ("title", "url", "publish_time")}
        for key, item in rest.items():
            self.walk(item, (*path, key))

    def link(self, value, path):
        """A link to the address reading the title; a dated link has its date in the same item."""
        link = (local_address(value["url"]), normalise(value["title"]))
        self.expect(link in self.page.links, (*path, "title"), value["title"])
        if "publish_time" in value and (*path, "publish_time") not in API_ONLY_PATHS:
            day = day_of(value["publish_time"])
            beside = any(link in links and day in text for text, links in self.page.items)
            self.expect(beside, (*path, "publish_time"), value["publish_time"])

    def leaf(self, key, value, path):
        page = self.page
        if path in LABELLED:
            shown = LABELLED[path](value)
            label = gettext(shown[0] + ": ")  # the parser puts a space where a tag (<time>) starts
            self.expect(any(page.shows_text(f"{label}{gap}{shown[1]}") for gap in ("", " ")), path, value)
        elif key in URL_KEYS:
            self.expect(local_address(value) in page.addresses, path, value)
        elif key in RICH_TEXT_KEYS:
            self.expect(page.shows_text(text_of(value)), path, value)
        elif key == "date":
            day = date.fromisoformat(value)
            self.expect(page.shows_text(f"{day.year}年{day.month}月{day.day}日"), path, value)
        elif key == "size":
            self.expect(page.shows_text(filesizeformat(value)), path, value)
        elif key == "extension":
            self.expect(page.shows_text(value.upper()), path, value)
        elif key == "file_name":
            self.expect(value in page.attribute_values("a", "download"), path, value)
        elif key == "style":
            classes = " ".join(page.attribute_values("aside", "class")).split()
            self.expect(f"block-notice--{value}" in classes, path, value)
        elif path == ("summary",):
            # The article's summary is its description for search engines and link previews.
            shown = Truncator(value).chars(160)
            self.expect(shown in page.attribute_values("meta", "content", name="description"), path, value)
        elif path == ("meta", "seo_title"):
            self.expect(value in page.title, path, value)
        elif path == ("meta", "search_description"):
            self.expect(value in page.attribute_values("meta", "content", name="description"), path, value)
        else:
            self.expect(page.shows_text(str(value)), path, value)

    def seo(self, seo, path):
        """In the <head>: canonical link, description, Open Graph, feed links and the JSON-LD."""
        page = self.page
        self.expect(seo["canonical_url"] in page.attribute_values("link", "href", rel="canonical"), path, seo)
        if seo["description"]:
            descriptions = page.attribute_values("meta", "content", name="description")
            self.expect(seo["description"] in descriptions, (*path, "description"), seo["description"])
        for name, content in seo["open_graph"].items():
            shown = page.attribute_values("meta", "content", property=name)
            self.expect(content in shown, (*path, "open_graph", name), content)
        feeds = page.attribute_values("link", "href", rel="alternate", type="application/rss+xml")
        self.expect([feed["url"] for feed in seo["feeds"]] == feeds, (*path, "feeds"), seo["feeds"])
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', self.html, re.S)
        shown = [json.loads(script) for script in scripts]
        self.expect(shown == ([seo["json_ld"]] if seo["json_ld"] else []), (*path, "json_ld"), seo["json_ld"])

    def image(self, image, path):
        """Shown as an <img> of one of its renditions with its alt text, and its srcset if it has one."""
        renditions = {local_address(rendition["url"]) for rendition in image["renditions"].values()}
        shown = [
            attrs
            for tag, attrs in self.page.tags
            if tag == "img" and local_address(attrs["src"]) in renditions
        ]
        self.expect(shown, path, image["url"])
        with_alt = [attrs for attrs in shown if attrs.get("alt") == image["alt"]]
        self.expect(not shown or with_alt, (*path, "alt"), image["alt"])
        srcsets = [srcset_addresses(attrs["srcset"]) for attrs in with_alt if "srcset" in attrs]
        self.expect(
            all(s == srcset_addresses(image["srcset"]) for s in srcsets), (*path, "srcset"), image["srcset"]
        )

    def pagination(self, pagination, path):
        count, num_pages = pagination["count"], pagination["num_pages"]
        if count:
            total = ngettext("%(counter)s article in total", "%(counter)s articles in total", count)
            self.expect(self.page.shows_text(total % {"counter": count}), (*path, "count"), count)
        else:
            empty = gettext("There are no articles in this section yet.")
            self.expect(self.page.shows_text(empty), (*path, "count"), count)
        if num_pages > 1:
            current = gettext("Page %(number)s of %(num_pages)s")
            shown = current % {"number": pagination["page"], "num_pages": num_pages}
            self.expect(self.page.shows_text(shown), (*path, "page"), pagination["page"])
        for key in ("previous_page", "next_page"):
            if pagination[key]:
                self.expect(f"?page={pagination[key]}" in self.page.addresses, (*path, key), pagination[key])


def missing_values(data, html):
    checker = Checker(html)
    checker.walk(data)
    assert checker.checked, "nothing was checked"
    return checker.problems


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def compare(client, page, query=""):
    """The API's values for ``page`` missing from its HTML page, as 'address path: value' lines."""
    data = get(client, f"/api/v2/pages/{page.pk}/{query}").json()
    assert data["url"] == local_address(data["meta"]["html_url"]) == page.url
    html = get(client, f"{page.url}{query}").content.decode()
    return [f"{page.url}{query} {problem}" for problem in missing_values(data, html)]


def test_checker_reports_a_value_missing_from_the_page(demo, client):
    article = ArticlePage.objects.live().first()
    data = get(client, f"/api/v2/pages/{article.pk}/").json()
    html = get(client, article.url).content.decode()
    problems = missing_values({**data, "author": "不存在的作者", "hits": data["hits"] + 1}, html)
    assert "author: '不存在的作者'" in problems
    assert f"hits: {data['hits'] + 1}" in problems


def test_every_article_shows_its_api_values(demo, client):
    problems = [problem for page in ArticlePage.objects.live() for problem in compare(client, page)]
    assert problems == []


def test_every_section_page_shows_its_api_values(demo, client):
    problems = []
    for section in SectionPage.objects.live():
        num_pages = get(client, f"/api/v2/pages/{section.pk}/").json()["pagination"]["num_pages"]
        for number in range(1, num_pages + 1):
            problems += compare(client, section, f"?page={number}")
    assert problems == []


def test_every_standard_page_shows_its_api_values(demo, client):
    problems = [problem for page in StandardPage.objects.live() for problem in compare(client, page)]
    assert problems == []


def test_home_page_shows_its_api_values(demo, client):
    assert compare(client, Site.objects.get(is_default_site=True).root_page) == []


def test_home_page_shows_the_site_settings(demo, client):
    site = get(client, "/api/v2/site/").json()
    settings = {key: value for key, value in site.items() if key not in ("navigation", "home")}
    assert missing_values(settings, get(client, "/").content.decode()) == []


def test_home_page_shows_the_site_navigation(demo, client):
    navigation = get(client, "/api/v2/site/").json()["navigation"]
    assert missing_values({"navigation": navigation}, get(client, "/").content.decode()) == []


def test_home_page_shows_the_site_home_lists(demo, client):
    lists = get(client, "/api/v2/site/").json()["home"]
    assert missing_values({"home": lists}, get(client, "/").content.decode()) == []


def test_the_tests_above_cover_every_kind_of_demo_page(demo):
    home = Site.objects.get(is_default_site=True).root_page
    kinds = {page.specific_class for page in Page.objects.live().descendant_of(home, inclusive=True)}
    assert kinds == {type(home.specific), ArticlePage, SectionPage, StandardPage}
