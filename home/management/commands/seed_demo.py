"""``manage.py seed_demo``: build the demo school portal (idempotent, offline)."""

import time
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from articles.blocks import merge_text_blocks
from articles.media import RENDITIONS
from articles.models import ArticlePage, SectionPage, StandardPage
from home.demo_content import media
from home.demo_content import site as demo
from home.demo_content.articles import build_articles
from home.models import FooterLink, HomePage, HomeSection, PhoneNumber, SiteSettings

ADMIN_USERNAME = "admin"
DEFAULT_PASSWORD = "admin123"


class Command(BaseCommand):
    @property
    def help(self):
        # A property: argparse needs a str, and translating at import time would miss the active language.
        return _(
            "Create the demo school portal: home page, sections, articles, images, documents, site settings "
            "and an admin user. Running it again creates nothing that already exists."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=_("Password for the admin user if it has to be created (default: %(default)s).")
            % {"default": DEFAULT_PASSWORD},
        )

    def handle(self, *args, password, verbosity, **options):
        started = time.monotonic()
        seeder = Seeder()
        with transaction.atomic():
            seeder.run()
            created_user = ensure_superuser(password)
        if verbosity < 1:
            return
        messages = {
            "sections": _("Sections: %(created)s created, %(total)s in the demo."),
            "pages": _("Single pages: %(created)s created, %(total)s in the demo."),
            "articles": _("Articles: %(created)s created, %(total)s in the demo."),
            "images": _("Images: %(created)s created, %(total)s in the demo."),
            "documents": _("Documents: %(created)s created, %(total)s in the demo."),
        }
        for kind, message in messages.items():
            self.stdout.write(message % seeder.counts[kind])
        if seeder.replaced_welcome_page:
            self.stdout.write(
                _("Replaced the Wagtail welcome page with the home page “%(title)s”.")
                % {"title": demo.SCHOOL}
            )
        if seeder.settings_changed:
            self.stdout.write(_("Filled in the site settings."))
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_home")
        self.stdout.write(_("Admin: %(url)s") % {"url": admin_url})
        if created_user:
            self.stdout.write(
                _("Created the superuser %(username)s with the password %(password)s.")
                % {"username": ADMIN_USERNAME, "password": password}
            )
        else:
            self.stdout.write(
                _("The user %(username)s already exists; its password was not changed.")
                % {"username": ADMIN_USERNAME}
            )
        self.stdout.write(
            self.style.SUCCESS(_("Done in %(seconds).1f seconds.") % {"seconds": time.monotonic() - started})
        )


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_superuser(password):
    User = get_user_model()
    if User.objects.filter(username=ADMIN_USERNAME).exists():
        return False
    User.objects.create_superuser(ADMIN_USERNAME, "admin@example.com", password)
    return True


class Seeder:
    def __init__(self):
        self.counts = {
            kind: {"created": 0, "total": 0}
            for kind in ("sections", "pages", "articles", "images", "documents")
        }
        self.replaced_welcome_page = False
        self.settings_changed = False

    def _count(self, kind, created):
        self.counts[kind]["total"] += 1
        self.counts[kind]["created"] += int(created)

    def run(self):
        home, site = self.ensure_home()
        images = self.ensure_images()
        documents = self.ensure_documents()
        sections = self.ensure_sections(home)
        self.ensure_standard_pages(sections, images)
        self.ensure_articles(sections, images, documents)
        self.configure_home(home, sections)
        self.configure_site_settings(site)

    # Home page and site --------------------------------------------------------------------------

    def ensure_home(self):
        """The default site's HomePage, replacing Wagtail's welcome page on a fresh database."""
        root = Page.get_first_root_node()
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific, site

        home = HomePage.objects.child_of(root).first()
        if home is None:
            slug_taken = Page.objects.child_of(root).filter(slug="home").exists()
            home = HomePage(title=demo.SCHOOL, slug="home-demo" if slug_taken else "home", featured_count=5)
            root.add_child(instance=home)
        old_root = site.root_page if site is not None else None
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = home
        site.site_name = demo.SCHOOL
        site.save()

        if old_root is not None and old_root.pk != home.pk and self._is_welcome_page(old_root):
            old_root.delete()
            self.replaced_welcome_page = True
        if home.slug != "home" and not Page.objects.child_of(root).filter(slug="home").exists():
            home.slug = "home"
            home.save()
        home.save_revision().publish()
        return home, site

    @staticmethod
    def _is_welcome_page(page):
        """Wagtail's initial page: a plain Page under the root, with no children and no other site."""
        return (
            page.specific_class is Page
            and page.depth == 2
            and not page.get_children().exists()
            and not Site.objects.filter(root_page=page).exists()
        )

    # Media ---------------------------------------------------------------------------------------------

    def ensure_images(self):
        Image = get_image_model()
        existing = {
            image.title: image
            for image in Image.objects.filter(title__in=[t for t, _f in demo.IMAGES.values()])
        }
        result = {}
        for key, (title, file_name) in demo.IMAGES.items():
            image = existing.get(title)
            if image is None:
                data = media.draw_image(key, demo.IMAGE_SEED)
                image = Image(title=title, file=ImageFile(BytesIO(data), name=file_name))
                image._set_image_file_metadata()
                image.save()
            if title not in existing:
                # Make the renditions the site uses now, so the first page views need not.
                image.get_renditions(*RENDITIONS.values())
            self._count("images", title not in existing)
            result[key] = image.pk
        return result

    def ensure_documents(self):
        Document = get_document_model()
        titles = [title for title, _f, _b in demo.DOCUMENTS.values()]
        existing = {document.title: document for document in Document.objects.filter(title__in=titles)}
        result = {}
        for key, (title, file_name, build) in demo.DOCUMENTS.items():
            document = existing.get(title)
            if document is None:
                document = Document(title=title, file=ContentFile(build(), name=file_name))
                document._set_document_file_metadata()
                document.save()
            self._count("documents", title not in existing)
            result[key] = document.pk
        return result

    # Pages ---------------------------------------------------------------------------------------------

    def ensure_sections(self, home):
        """Every section by its path of titles, e.g. ("党建工作", "支部动态")."""
        sections = {}

        def ensure(parent, path, entries):
            for title, intro, children in entries:
                section = SectionPage.objects.child_of(parent).filter(title=title).first()
                created = section is None
                if created:
                    section = SectionPage(
                        title=title, intro=f"<p>{intro}</p>" if intro else "", show_in_menus=True
                    )
                    publish(parent, section)
                self._count("sections", created)
                sections[path + (title,)] = section
                ensure(section, path + (title,), children)

        ensure(home, (), demo.SECTIONS)
        return sections

    def ensure_standard_pages(self, sections, images):
        for path, title, body in demo.standard_pages(images):
            parent = sections[path]
            created = not StandardPage.objects.child_of(parent).filter(title=title).exists()
            if created:
                publish(parent, StandardPage(title=title, body=merge_text_blocks(body)))
            self._count("pages", created)

    def ensure_articles(self, sections, images, documents):
        existing = {}
        for article in build_articles(images, documents):
            section = sections[article.section]
            if section.pk not in existing:
                existing[section.pk] = set(
                    ArticlePage.objects.child_of(section).values_list("title", flat=True)
                )
            created = article.title not in existing[section.pk]
            if created:
                page = ArticlePage(
                    title=article.title,
                    subtitle=article.subtitle,
                    publish_time=article.publish_time,
                    first_published_at=article.publish_time,
                    author=article.author,
                    source=article.source,
                    hits=article.hits,
                    summary=article.summary,
                    cover_id=images[article.cover] if article.cover else None,
                    pinned=article.pinned,
                    featured=article.featured,
                    body=merge_text_blocks(article.body),
                )
                if article.tags:
                    page.tags.add(*article.tags)
                publish(section, page)
                existing[section.pk].add(article.title)
            self._count("articles", created)

    def configure_home(self, home, sections):
        """Notices section and home-page section blocks, only where none are set yet."""
        changed = False
        if home.notices_section_id is None:
            home.notices_section = sections[demo.NOTICES_SECTION]
            changed = True
        if not home.home_sections.exists():
            home.home_sections = [HomeSection(section=sections[path], count=8) for path in demo.HOME_SECTIONS]
            changed = True
        if changed:
            home.save_revision().publish()

    def configure_site_settings(self, site):
        """Fill in blank settings; values someone has already entered are kept."""
        site_settings = SiteSettings.for_site(site)
        for name, value in demo.SITE_SETTINGS.items():
            if not getattr(site_settings, name):
                setattr(site_settings, name, value)
                self.settings_changed = True
        if not site_settings.phone_numbers.exists():
            site_settings.phone_numbers = [
                PhoneNumber(label=label, number=number) for label, number in demo.PHONE_NUMBERS
            ]
            self.settings_changed = True
        if not site_settings.footer_links.exists():
            site_settings.footer_links = [
                FooterLink(title=title, url=url) for title, url in demo.FOOTER_LINKS
            ]
            self.settings_changed = True
        if self.settings_changed:
            site_settings.save()
