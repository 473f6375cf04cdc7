"""``manage.py seed_demo``: the demo school portal from ``home/demo_content/`` (idempotent, offline).

The demo is an import file (docs/import.md) with its pictures and documents beside it, loaded by
``import_legacy`` as a user's own site would be, so the demo exercises that path.
"""

import json
import time
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.utils.file import hash_filelike

from articles.media import RENDITIONS
from articles.models import ArticlePage
from transfer.models import ImportedArticle

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo_content" / "demo.jsonl"
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
        with transaction.atomic():
            adopt_earlier_demo()
            call_command(
                "import_legacy",
                str(DEMO_FILE),
                verbosity=verbosity,
                stdout=self.stdout if verbosity >= 1 else StringIO(),
                stderr=self.stderr,
            )
            make_renditions()
            created_user = ensure_superuser(password)
        if verbosity < 1:
            return
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


def adopt_earlier_demo():
    """Hand the articles that seed_demo wrote before the demo was an import file to the import, by title.

    Without this, seeding such a database again (``make run`` does) would add a copy of every article;
    the import updates them instead.
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    with DEMO_FILE.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    legacy_ids = {record["title"]: record["legacy_id"] for record in records if "legacy_id" in record}
    pages = ArticlePage.objects.descendant_of(site.root_page).filter(
        title__in=legacy_ids, import_record__isnull=True
    )
    ImportedArticle.objects.bulk_create(
        ImportedArticle(site=site, legacy_id=legacy_ids[page.title], page=page, content_hash="")
        for page in pages
    )


def make_renditions():
    """The renditions the site shows of the demo's pictures, made now so that first page views need not."""
    hashes = []
    for path in sorted((DEMO_FILE.parent / "media").glob("*.jpg")):
        with path.open("rb") as file:
            hashes.append(hash_filelike(file))
    for image in get_image_model().objects.filter(file_hash__in=hashes):
        image.get_renditions(*RENDITIONS.values())


def ensure_superuser(password):
    User = get_user_model()
    if User.objects.filter(username=ADMIN_USERNAME).exists():
        return False
    User.objects.create_superuser(ADMIN_USERNAME, "admin@example.com", password)
    return True
