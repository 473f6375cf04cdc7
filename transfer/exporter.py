"""A site in the import format: its settings, every live article as ``body_html``, and the files they use.

Each block writes its own HTML (``export_html``); blocks that plain HTML has no element for use
the classes they declare (``html_classes``), which the import lets through to rebuild them.
"""

import json
import shutil

from django.utils import timezone

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
        return "".join(block.block.export_html(block.value, self) for block in body)
