"""Writing checked records into a site: pages, revisions, files, redirects and settings.

The caller runs the import inside ``running()``: it ``read()``s each line, then ``write()``s the
items of a batch of lines in one transaction. When that fails it calls ``rolled_back()`` and writes
each item again in a transaction of its own, so a bad record is found, reported and leaves nothing
behind, here or in the database.
"""

import contextlib
from collections import Counter
from dataclasses import dataclass

from django.core.files import File
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from articles.models import ArticlePage, ArticleTag, SectionPage, StandardPage, free_slug
from core.caching import bump_content_version
from home.models import FooterLink, HomePage, HomeSection, PhoneNumber, SiteSettings

from .body import html_blocks, text_blocks
from .bulk_pages import add_references, child_path, insert_pages
from .models import ImportedArticle
from .records import (
    ArticleRecord,
    HomeRecord,
    PageRecord,
    RecordError,
    SectionRecord,
    legacy_id_of,
    parse_article,
    parse_home,
    parse_line,
    parse_page,
    parse_section,
    parse_site,
)

ARTICLE_FIELDS = ("title", "subtitle", "author", "source", "summary", "pinned", "featured")
# Articles added to the search index per statement at the end of an import.
INDEX_BATCH_SIZE = 500


@dataclass
class ArticleChange:
    """An article record to write: a new article when ``imported`` is None."""

    record: ArticleRecord
    imported: ImportedArticle | None
    content_hash: str


@dataclass
class HitsChange:
    """An unchanged article whose hit counter moved; hits have no revisions."""

    page_id: int
    hits: int


@dataclass
class SectionChildren:
    """What placing new pages in a section needs: its last child and the slugs its children take."""

    last: Page | None
    slugs: set


def update_from_values(model, assignments, rows):
    """Update many rows in one statement: ``UPDATE … SET assignments FROM (VALUES rows) AS given``.

    ``rows`` are tuples of a primary key and values; ``assignments`` name the values
    ``given.column2``, ``given.column3``…, as SQLite and PostgreSQL both name a VALUES list's
    columns. Django's ``bulk_update()`` writes a CASE with a branch per row for each column instead,
    and building it cost more than the inserts around it.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.pk.column)
    row = "(" + ", ".join(["%s"] * len(rows[0])) + ")"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row] * len(rows))}) AS given "
            f"WHERE {table}.{key} = given.column1",
            [value for values in rows for value in values],
        )


class Importer:
    def __init__(self, site, folder, dry_run=False):
        self.site = site
        self.folder = folder
        self.dry_run = dry_run
        self.counts = Counter()
        self.site_settings_changed = None  # None: the file has no site record
        self.site_name = ""
        self.lines_by_id = {}
        # What earlier imports into this site left, by legacy id: one query instead of one per line.
        self.imported = {
            imported.legacy_id: imported
            for imported in ImportedArticle.objects.filter(site=site).annotate(page_hits=F("page__hits"))
        }
        self.saved_pages = []  # ids of the articles created or changed, for the search index
        self.begin()
        self.rolled_back()

    def begin(self):
        """Remember what the next write may change, for ``rolled_back()``."""
        self.checkpoint = (self.counts.copy(), len(self.saved_pages), self.site_settings_changed)

    def rolled_back(self):
        """Forget what the last write did: the database has undone it."""
        self.counts, saved_pages, self.site_settings_changed = self.checkpoint
        self.counts = self.counts.copy()
        del self.saved_pages[saved_pages:]
        self.home = None
        self.sections = {}
        self.children = {}  # SectionChildren by section id, read once for place_pages()
        self.tags = {}

    @contextlib.contextmanager
    def running(self):
        """The import, with the per-save work for each article done once for all of them at the end.

        Indexing an article on each of its saves was the import's largest cost; it is indexed in
        batches when the import ends, however it ends, so search finds it straight away. The content
        version moves once instead of once per article.
        """
        reconnect = post_save.disconnect(post_save_signal_handler, sender=ArticlePage)
        try:
            yield self
        finally:
            if reconnect:
                post_save.connect(post_save_signal_handler, sender=ArticlePage)
            if self.saved_pages:
                self.index_saved_pages()
                bump_content_version()

    def index_saved_pages(self):
        for start in range(0, len(self.saved_pages), INDEX_BATCH_SIZE):
            ids = self.saved_pages[start : start + INDEX_BATCH_SIZE]
            pages = list(ArticlePage.get_indexed_objects().filter(pk__in=ids))
            for _name, backend in get_search_backends_with_name(with_auto_update=True):
                with transaction.atomic():
                    backend.add_bulk(ArticlePage, pages)

    # Reading --------------------------------------------------------------------------------------

    def read(self, number, line):
        """The checked record on a line, or None when there is nothing to write for it."""
        data = parse_line(line)
        kind = data.get("type", "article")
        if kind == "site":
            return parse_site(data)
        if kind == "section":
            return parse_section(data)
        if kind == "page":
            return parse_page(data, self.folder)
        if kind == "home":
            return parse_home(data)
        if kind != "article":
            raise RecordError(_("Unknown record type “%(type)s”.") % {"type": kind})
        legacy_id = legacy_id_of(data)
        if legacy_id in self.lines_by_id:
            raise RecordError(
                _("The legacy id %(id)s already appeared on line %(line)s.")
                % {"id": legacy_id, "line": self.lines_by_id[legacy_id]}
            )
        self.lines_by_id[legacy_id] = number
        record = parse_article(data, self.folder)
        imported = self.imported.get(record.legacy_id)
        content_hash = record.content_hash()
        if imported is not None and imported.content_hash == content_hash:
            if imported.page_hits == record.hits:
                self.counts["unchanged"] += 1
                return None
            return HitsChange(imported.page_id, record.hits)
        return ArticleChange(record, imported, content_hash)

    # Writing --------------------------------------------------------------------------------------

    def write(self, items):
        """Items from ``read()``, in their order; runs of new articles are created together."""
        new = []
        for item in items:
            if isinstance(item, ArticleChange) and item.imported is None and not self.dry_run:
                new.append(item)
                continue
            self.create_articles(new)
            new = []
            if isinstance(item, HitsChange):
                if not self.dry_run:
                    ArticlePage.objects.filter(pk=item.page_id).update(hits=item.hits)
                self.counts["updated"] += 1
            elif isinstance(item, ArticleChange):
                self.import_article(item)
            elif isinstance(item, SectionRecord):
                self.import_section(item)
            elif isinstance(item, PageRecord):
                self.import_page(item)
            elif isinstance(item, HomeRecord):
                self.import_home(item)
            else:
                self.import_site(item)
        self.create_articles(new)

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

    # Sections, single pages and the home page ----------------------------------------------------

    def import_section(self, record):
        """The section, created if missing; a given intro replaces the one it has."""
        section = self.section(record.section, intro=record.intro)
        if section is not None and record.intro is not None and section.intro != record.intro:
            section.intro = record.intro
            section.save_revision().publish()

    def import_page(self, record):
        """A single page, created when its section has none of that title; an existing one is kept."""
        section = self.section(record.section)
        exists = (
            section is not None and StandardPage.objects.child_of(section).filter(title=record.title).exists()
        )
        if exists:
            self.counts["pages unchanged"] += 1
            return
        if self.dry_run:
            self.body(record)
        else:
            self.store_files(record)
            page = StandardPage(title=record.title, body=self.body(record))
            section.add_child(instance=page)
            page.save_revision().publish()
            self.children.pop(section.pk, None)
        self.counts["pages created"] += 1

    def import_home(self, record):
        """The home page's options; only the keys given change, and the home sections as a whole."""
        home = self.home_page()
        if home is None:  # a dry run on a fresh database, whose home page is still to be made
            self.counts["home updated"] += 1
            return
        changed = False
        for name, value in record.values.items():
            changed = changed or getattr(home, name) != value
            setattr(home, name, value)
        if record.notices_section is not None:
            notices = self.section(record.notices_section)
            changed = changed or notices is None or home.notices_section_id != notices.pk
            home.notices_section = notices
        if record.sections is not None:
            blocks = [(self.section(titles), count) for titles, count in record.sections]
            current = [(block.section_id, block.count) for block in home.home_sections.all()]
            if current != [(section and section.pk, count) for section, count in blocks]:
                changed = True
                home.home_sections = [HomeSection(section=section, count=count) for section, count in blocks]
        if changed and not self.dry_run:
            home.save_revision().publish()
        self.counts["home updated" if changed else "home unchanged"] += 1

    # Articles -------------------------------------------------------------------------------------

    def import_article(self, item):
        """A changed article as an editor would publish it, or a new one counted in a dry run."""
        record, imported = item.record, item.imported
        section = self.section(record.section)
        if self.dry_run:
            self.body(record)  # converts, so that a body the importer cannot read fails here too
            page = imported.page if imported else None
        else:
            self.store_files(record)
            page = imported.page
            with disable_reference_index_auto_update():
                if page.get_parent().pk != section.pk:
                    page.move(section, pos="last-child")
                    page = ArticlePage.objects.get(pk=page.pk)
                    self.children.clear()  # two sections' children changed
                self.fill_page(page, record)
                page.tags.set(self.tag_objects(record.tags))
                page.save_revision().publish()
                ReferenceIndex.create_or_update_for_object(page)
            ArticlePage.objects.filter(pk=page.pk).update(hits=record.hits)
            imported.content_hash = item.content_hash
            imported.save(update_fields=["content_hash"])
            self.saved_pages.append(page.pk)
        self.counts["updated" if imported else "created"] += 1
        if record.url:
            self.redirect(record.url, page)

    def create_articles(self, items):
        """New articles, live with their first revision, in a few statements for all of them.

        Saving each page as a draft and then publishing it took over a hundred queries per article.
        The rows are the ones that path leaves: one revision, a "created" and a "published" history
        entry, tags, references. No ``page_published`` signal is sent, so importing old articles
        sends no webhooks (see docs/import.md).
        """
        if not items:
            return
        now = timezone.now()
        pages, by_section = [], {}
        for item in items:
            record = item.record
            section = self.section(record.section)
            self.store_files(record)
            page = ArticlePage(
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                latest_revision_created_at=now,
                locale_id=section.locale_id,
                hits=record.hits,
            )
            self.fill_page(page, record)
            page.draft_title = page.title
            page.tagged_items = [ArticleTag(tag=tag) for tag in self.tag_objects(record.tags)]
            setattr(page, COMMENTS_RELATION_NAME, [])
            pages.append(page)
            by_section.setdefault(section, []).append(page)
        self.place_pages(by_section)
        for page in pages:
            page.clean_fields(exclude=[field.name for field in page._meta.fields if field.is_relation])
        insert_pages(ArticlePage, pages)
        for page in pages:
            for tagged in page.tagged_items.all():
                tagged.content_object_id = page.pk
        ArticleTag.objects.bulk_create([tagged for page in pages for tagged in page.tagged_items.all()])
        self.add_revisions(pages, now)
        add_references(ArticlePage, pages)
        ImportedArticle.objects.bulk_create(
            ImportedArticle(
                site=self.site, legacy_id=item.record.legacy_id, page=page, content_hash=item.content_hash
            )
            for item, page in zip(items, pages, strict=True)
        )
        self.saved_pages += [page.pk for page in pages]
        self.counts["created"] += len(pages)
        self.redirect_all(
            [(item.record.url, page) for item, page in zip(items, pages, strict=True) if item.record.url]
        )

    def place_pages(self, by_section):
        """Tree paths after each section's last child, and Wagtail's unique slugs among siblings.

        As ``add_child()`` and ``Page.full_clean()`` would, but reading each section's children
        once per import and counting the new ones in one statement.
        """
        for section, children in by_section.items():
            known = self.children_of(section)
            for page in children:
                page.depth = section.depth + 1
                page.path = child_path(section, known.last)
                page.slug = free_slug(page.default_slug_base(), known.slugs)
                known.slugs.add(page.slug)
                page.set_url_path(section)
                known.last = page
            section.numchild += len(children)
        update_from_values(
            Page,
            "numchild = numchild + given.column2",
            [(section.pk, len(children)) for section, children in by_section.items()],
        )

    def children_of(self, section):
        """Read once per import: ``place_pages()`` keeps it true, and what else changes a section's
        children (a new section, a moved article) makes it be read again."""
        if section.pk not in self.children:
            self.children[section.pk] = SectionChildren(
                last=section.get_last_child(),
                slugs=set(Page.objects.child_of(section).values_list("slug", flat=True)),
            )
        return self.children[section.pk]

    def add_revisions(self, pages, now):
        """Each page's first revision, live, and the history that publishing it would have written."""
        revisions = Revision.objects.bulk_create(
            Revision(
                content_object=page,
                base_content_type=page.get_base_content_type(),
                content=page.serializable_data(),
                object_str=str(page),
                created_at=now,
            )
            for page in pages
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = page.live_revision = revision
        update_from_values(
            Page,
            "latest_revision_id = given.column2, live_revision_id = given.column2",
            [(page.pk, page.latest_revision_id) for page in pages],
        )
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                content_type=page.content_type,
                page=page,
                label=page.get_admin_display_title(),
                action=action,
                revision=revision,
                content_changed=True,
                timestamp=now,
                data={},
            )
            for page in pages
            for action, revision in (("wagtail.create", None), ("wagtail.publish", page.live_revision))
        )

    def fill_page(self, page, record):
        for name in ARTICLE_FIELDS:
            setattr(page, name, getattr(record, name))
        page.publish_time = record.published
        page.cover_id = record.cover.pk if record.cover else None
        page.body = self.body(record)

    def tag_objects(self, names):
        """The tags of these names, created if missing; remembered, as most articles share a few tags."""
        missing = [name for name in names if name not in self.tags]
        if missing:
            tag_model = ArticleTag.tag_model()
            self.tags.update((tag.name, tag) for tag in tag_model.objects.filter(name__in=missing))
            for name in missing:
                if name not in self.tags:
                    self.tags[name] = tag_model.objects.create(name=name)
        return [self.tags[name] for name in names]

    def body(self, record):
        if record.body_html is not None:
            return html_blocks(record.body_html, record.images, record.attachments)
        return text_blocks(record.body_text, record.images, record.attachments)

    def redirect(self, old_path, page):
        self.redirect_all([(old_path, page)])

    def redirect_all(self, targets):
        """Permanent redirects on this site from old addresses; none where one already leads there."""
        existing = {
            redirect.old_path: redirect
            for redirect in Redirect.objects.filter(
                site=self.site, old_path__in=[path for path, _page in targets]
            )
        }
        new = {}
        for old_path, page in targets:
            redirect = existing.get(old_path) or new.get(old_path)
            if redirect is not None and page is not None and redirect.redirect_page_id == page.pk:
                continue
            self.counts["redirects"] += 1
            if self.dry_run:
                continue
            if redirect is None or redirect.pk is None:
                new[old_path] = Redirect(
                    site=self.site, old_path=old_path, redirect_page=page, is_permanent=True
                )
                continue
            redirect.redirect_page = page
            redirect.redirect_link = ""
            redirect.is_permanent = True
            redirect.save()
        Redirect.objects.bulk_create(new.values())

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
        self.site.site_name = self.site.site_name or home.title
        self.site.save()
        slug = welcome.slug
        welcome.delete()
        home.slug = slug
        home.save()
        return home

    def section(self, titles, intro=None):
        """The section at this path of titles below the home page, created if missing (None in a dry run);
        ``intro`` is the introduction the last one gets if it is created."""
        parent = self.home_page()
        path = ()
        for title in titles:
            path += (title,)
            if path not in self.sections:
                found = SectionPage.objects.child_of(parent).filter(title=title).first() if parent else None
                if found is None and not self.dry_run:
                    last = len(path) == len(titles)
                    found = SectionPage(title=title, show_in_menus=True, intro=(intro or "") if last else "")
                    parent.add_child(instance=found)
                    found.save_revision().publish()
                    self.children.pop(parent.pk, None)
                self.sections[path] = found
            parent = self.sections[path]
        return parent

    # Files ----------------------------------------------------------------------------------------

    def store_files(self, record):
        """Images and documents, reusing one already stored with the same content (Wagtail's file hash)."""
        entries = [*record.images.values(), *([record.cover] if record.cover else [])]
        for entry in entries:
            entry.pk = self.stored(get_image_model(), entry)
        for entry in record.attachments.values():
            entry.pk = self.stored(get_document_model(), entry)

    @staticmethod
    def stored(model, entry):
        """The stored file's id; a new one is saved with its size and Wagtail's hash of it (taken when
        the record was checked), by which later imports find it."""
        existing = model.objects.filter(file_hash=entry.sha1).values_list("pk", flat=True).first()
        if existing is not None:
            return existing
        with entry.path.open("rb") as file:
            content = File(file, name=entry.path.name)
            stored = model(title=entry.title, file=content, file_size=content.size, file_hash=entry.sha1)
            stored.save()
        return stored.pk
