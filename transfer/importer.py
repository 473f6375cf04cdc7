"""Writing checked records into a site: pages, revisions, files, redirects and settings.

The caller runs each line in its own transaction and calls ``rolled_back()`` when one fails, so
nothing a failed record created stays cached here.
"""

from collections import Counter

from django.core.files import File
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from articles.models import ArticlePage, SectionPage
from home.models import FooterLink, HomePage, PhoneNumber, SiteSettings

from .body import html_blocks, text_blocks
from .models import ImportedArticle
from .records import RecordError, legacy_id_of, parse_article, parse_line, parse_site

ARTICLE_FIELDS = ("title", "subtitle", "author", "source", "summary", "pinned", "featured")


class Importer:
    def __init__(self, site, folder, dry_run=False):
        self.site = site
        self.folder = folder
        self.dry_run = dry_run
        self.counts = Counter()
        self.site_settings_changed = None  # None: the file has no site record
        self.site_name = ""
        self.lines_by_id = {}
        self.rolled_back()

    def rolled_back(self):
        self.home = None
        self.sections = {}

    def import_line(self, number, line):
        data = parse_line(line)
        kind = data.get("type", "article")
        if kind == "site":
            self.import_site(parse_site(data))
        elif kind == "article":
            legacy_id = legacy_id_of(data)
            if legacy_id in self.lines_by_id:
                raise RecordError(
                    _("The legacy id %(id)s already appeared on line %(line)s.")
                    % {"id": legacy_id, "line": self.lines_by_id[legacy_id]}
                )
            self.lines_by_id[legacy_id] = number
            self.import_article(parse_article(data, self.folder))
        else:
            raise RecordError(_("Unknown record type “%(type)s”.") % {"type": kind})

    # Site settings --------------------------------------------------------------------------------

    def import_site(self, record):
        self.site_name = record.values.get("name") or self.site_name
        settings = SiteSettings.objects.filter(site=self.site).first() or SiteSettings(site=self.site)
        changed = any(getattr(settings, name) != value for name, value in record.values.items())
        for name, value in record.values.items():
            setattr(settings, name, value)
        if record.phones is not None:
            current = [(phone.label, phone.number) for phone in settings.phone_numbers.all()]
            if current != record.phones:
                settings.phone_numbers = [
                    PhoneNumber(label=label, number=number) for label, number in record.phones
                ]
                changed = True
        if record.footer_links is not None:
            current = [(link.title, link.url) for link in settings.footer_links.all()]
            if current != record.footer_links:
                settings.footer_links = [
                    FooterLink(title=title, url=url) for title, url in record.footer_links
                ]
                changed = True
        if changed and not self.dry_run:
            settings.save()
        self.site_settings_changed = bool(self.site_settings_changed) or changed

    # Articles -------------------------------------------------------------------------------------

    def import_article(self, record):
        imported = (
            ImportedArticle.objects.filter(site=self.site, legacy_id=record.legacy_id)
            .select_related("page")
            .first()
        )
        content_hash = record.content_hash()
        if imported is not None and imported.content_hash == content_hash:
            if imported.page.hits == record.hits:
                self.counts["unchanged"] += 1
                return
            if not self.dry_run:
                ArticlePage.objects.filter(pk=imported.page_id).update(hits=record.hits)
            self.counts["updated"] += 1
            return

        section = self.section(record.section)
        if self.dry_run:
            self.body(record)  # converts, so that a body the importer cannot read fails here too
            page = imported.page if imported else None
        else:
            self.store_files(record)
            page = self.save_page(record, imported.page if imported else None, section)
            ImportedArticle.objects.update_or_create(
                site=self.site,
                legacy_id=record.legacy_id,
                defaults={"page": page, "content_hash": content_hash},
            )
        self.counts["updated" if imported else "created"] += 1
        if record.url:
            self.redirect(record.url, page)

    def save_page(self, record, page, section):
        if page is not None and page.get_parent().pk != section.pk:
            page.move(section, pos="last-child")
            page = ArticlePage.objects.get(pk=page.pk)
        page = page or ArticlePage()
        for name in ARTICLE_FIELDS:
            setattr(page, name, getattr(record, name))
        page.publish_time = record.published
        page.cover_id = record.cover.pk if record.cover else None
        page.body = self.body(record)
        page.tags.set(record.tags)
        if page.pk is None:
            section.add_child(instance=page)
        page.save_revision().publish()
        ArticlePage.objects.filter(pk=page.pk).update(hits=record.hits)
        return page

    def body(self, record):
        if record.body_html is not None:
            return html_blocks(record.body_html, record.images, record.attachments)
        return text_blocks(record.body_text, record.images, record.attachments)

    def redirect(self, old_path, page):
        """A permanent redirect on this site from the old address; none is added if it already leads there."""
        redirect = Redirect.objects.filter(site=self.site, old_path=old_path).first()
        if redirect is not None and page is not None and redirect.redirect_page_id == page.pk:
            return
        self.counts["redirects"] += 1
        if self.dry_run:
            return
        redirect = redirect or Redirect(site=self.site, old_path=old_path)
        redirect.redirect_page = page
        redirect.redirect_link = ""
        redirect.is_permanent = True
        redirect.save()

    # Sections -------------------------------------------------------------------------------------

    def home_page(self):
        """The site's home page; Wagtail's untouched welcome page is replaced by one."""
        if self.home is None:
            root = self.site.root_page.specific
            if isinstance(root, HomePage):
                self.home = root
            elif root.specific_class is not Page or root.get_children().exists():
                raise RecordError(_("The site's root page is not a home page."))
            elif not self.dry_run:
                self.home = self.replace_welcome_page(root)
        return self.home

    def replace_welcome_page(self, welcome):
        home = HomePage(title=self.site_name or self.site.site_name or _("Home"), slug=f"home-{welcome.pk}")
        welcome.get_parent().add_child(instance=home)
        home.save_revision().publish()
        self.site.root_page = home
        self.site.save()
        slug = welcome.slug
        welcome.delete()
        home.slug = slug
        home.save()
        return home

    def section(self, titles):
        """The section at this path of titles below the home page, created if missing (None in a dry run)."""
        parent = self.home_page()
        path = ()
        for title in titles:
            path += (title,)
            if path not in self.sections:
                found = SectionPage.objects.child_of(parent).filter(title=title).first() if parent else None
                if found is None and not self.dry_run:
                    found = SectionPage(title=title, show_in_menus=True)
                    parent.add_child(instance=found)
                    found.save_revision().publish()
                self.sections[path] = found
            parent = self.sections[path]
        return parent

    # Files ----------------------------------------------------------------------------------------

    def store_files(self, record):
        """Images and documents, reusing one already stored with the same content (Wagtail's file hash)."""
        entries = [*record.images.values(), *([record.cover] if record.cover else [])]
        for entry in entries:
            entry.pk = self.stored(get_image_model(), entry, "_set_image_file_metadata")
        for entry in record.attachments.values():
            entry.pk = self.stored(get_document_model(), entry, "_set_document_file_metadata")

    @staticmethod
    def stored(model, entry, set_metadata):
        existing = model.objects.filter(file_hash=entry.sha1).values_list("pk", flat=True).first()
        if existing is not None:
            return existing
        with entry.path.open("rb") as file:
            stored = model(title=entry.title, file=File(file, name=entry.path.name))
            getattr(stored, set_metadata)()
            stored.save()
        return stored.pk
