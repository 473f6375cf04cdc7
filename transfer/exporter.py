"""A site in the import format: its settings, every live article as ``body_html``, and the files they use.

Blocks that plain HTML has no element for are written with the classes ``body.ALLOWED_CLASSES``
lets through, so that importing the file rebuilds the same blocks.
"""

import json
import shutil

from bs4 import BeautifulSoup
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from wagtail.rich_text import expand_db_html

from articles.models import ArticlePage, SectionPage
from home.models import SiteSettings

from .records import SITE_FIELDS

FILES_FOLDER = "files"


class Exporter:
    def __init__(self, site, path):
        self.site = site
        self.home = site.root_page
        self.path = path
        self.copied = set()

    def run(self):
        """Write the file; returns the number of articles written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        articles = (
            ArticlePage.objects.live()
            .descendant_of(self.home)
            .select_related("cover", "import_record")
            .prefetch_related("tags")
            .order_by("path")
        )
        titles = dict(SectionPage.objects.descendant_of(self.home).values_list("path", "title"))
        count = 0
        with self.path.open("w", encoding="utf-8") as output:
            self.write(output, self.site_record())
            for article in articles.iterator(chunk_size=200):
                self.write(output, self.article_record(article, titles))
                count += 1
        return count

    @staticmethod
    def write(output, record):
        output.write(json.dumps(record, ensure_ascii=False) + "\n")

    def site_record(self):
        settings = SiteSettings.objects.filter(site=self.site).first() or SiteSettings(site=self.site)
        record = {"type": "site"} | {key: getattr(settings, name) for key, name in SITE_FIELDS.items()}
        record["phones"] = [
            {"label": phone.label, "number": phone.number} for phone in settings.phone_numbers.all()
        ]
        record["footer_links"] = [
            {"title": link.title, "url": link.url} for link in settings.footer_links.all()
        ]
        return record

    def article_record(self, article, titles):
        body = BodyWriter(self)
        html = body.html(article.body)
        imported = getattr(article, "import_record", None)
        steplen = article.steplen
        section_paths = range(self.home.depth * steplen + steplen, len(article.path), steplen)
        record = {
            "type": "article",
            "legacy_id": imported.legacy_id if imported else f"page-{article.pk}",
            "section": [titles[article.path[:end]] for end in section_paths],
            "title": article.title,
            "subtitle": article.subtitle,
            "author": article.author,
            "source": article.source,
            "summary": article.summary,
            "tags": sorted(tag.name for tag in article.tags.all()),
            "pinned": article.pinned,
            "featured": article.featured,
            "hits": article.hits,
            "published": timezone.localtime(article.publish_time).isoformat(),
            "url": article.relative_url(self.site),
            "body_html": html,
            "images": body.images,
            "attachments": body.attachments,
        }
        if article.cover:
            record["cover"] = {"file": self.copy(article.cover.file), "title": article.cover.title}
        return record

    def copy(self, file):
        """Copy a stored file beside the export once; its path relative to the export file."""
        name = f"{FILES_FOLDER}/{file.name}"
        if name not in self.copied:
            target = self.path.parent / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with file.open("rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy)
            self.copied.add(name)
        return name


class BodyWriter:
    """One article's blocks as HTML, and the images and attachments it lists."""

    def __init__(self, exporter):
        self.exporter = exporter
        self.images = []
        self.attachments = []

    def image_file(self, image, alt="", caption=""):
        name = self.exporter.copy(image.file)
        if all(entry["file"] != name for entry in self.images):
            self.images.append({"file": name, "title": image.title, "alt": alt, "caption": caption})
        return name

    def document_file(self, document):
        name = self.exporter.copy(document.file)
        if all(entry["file"] != name for entry in self.attachments):
            self.attachments.append({"file": name, "title": document.title})
        return name

    def html(self, body):
        return "".join(getattr(self, block.block_type)(block.value) for block in body)

    def text(self, value):
        html = expand_db_html(value.source)
        top_level = BeautifulSoup(html, "html.parser").find_all(True, recursive=False)
        return html if len(top_level) == 1 else f"<div>{html}</div>"

    def image(self, value):
        src = self.image_file(value["image"], value["alt"], value["caption"])
        caption = format_html("<figcaption>{}</figcaption>", value["caption"]) if value["caption"] else ""
        return format_html('<figure><img src="{}" alt="{}">{}</figure>', src, value["alt"], caption)

    def gallery(self, value):
        title = format_html("<figcaption>{}</figcaption>", value["title"]) if value["title"] else ""
        images = "".join(self.image(item) for item in value["images"])
        return f'<figure class="gallery">{title}{images}</figure>'

    def table(self, value):
        rows = value.get("data") or []
        header_row = bool(value.get("first_row_is_table_header"))
        header_col = bool(value.get("first_col_is_header"))

        def cell(row_number, column, text):
            header = header_row and row_number == 0 or header_col and column == 0
            return format_html("<{tag}>{text}</{tag}>", tag="th" if header else "td", text=text or "")

        caption = value.get("table_caption") or ""
        caption = format_html("<caption>{}</caption>", caption) if caption else ""
        body = "".join(
            "<tr>" + "".join(cell(number, column, text) for column, text in enumerate(row)) + "</tr>"
            for number, row in enumerate(rows)
        )
        return f"<table>{caption}{body}</table>"

    def quote(self, value):
        lines = format_html_join(
            "", "<p>{}</p>", ((line,) for line in value["text"].splitlines() if line.strip())
        )
        footer = format_html("<footer>{}</footer>", value["attribution"]) if value["attribution"] else ""
        return f"<blockquote>{lines}{footer}</blockquote>"

    def attachment(self, value):
        document = value["document"]
        if document is None:
            return ""
        href = self.document_file(document)
        return format_html('<p><a href="{}">{}</a></p>', href, value["title"] or document.title)

    def embed(self, value):
        url = value.url if value else ""
        return format_html('<div class="embed"><a href="{}">{}</a></div>', url, url) if url else ""

    def video(self, value):
        if value["video"] is None:
            return ""
        src = self.document_file(value["video"])
        poster = format_html(' poster="{}"', self.image_file(value["poster"])) if value["poster"] else ""
        caption = format_html("<figcaption>{}</figcaption>", value["caption"]) if value["caption"] else ""
        return format_html(
            '<figure class="video"><video src="{}"{}></video>{}</figure>', src, poster, caption
        )

    def notice(self, value):
        title = format_html("<header>{}</header>", value["title"]) if value["title"] else ""
        text = expand_db_html(value["text"].source)
        return f'<aside class="notice {escape(value["style"])}">{title}{text}</aside>'

    def signature(self, value):
        lines = format_html_join("", "<p>{}</p>", ((line,) for line in value["organisations"]))
        date = value["date"]
        if date:
            lines += format_html('<p><time datetime="{}">{}</time></p>', date.isoformat(), date.isoformat())
        return f'<div class="signature">{lines}</div>'
