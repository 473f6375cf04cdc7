"""``manage.py import_legacy PATH``: articles and site settings from a JSON Lines file (docs/import.md)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm
from wagtail.models import Site

from transfer.importer import Importer
from transfer.records import RecordError


class Command(BaseCommand):
    @property
    def help(self):
        # A property: argparse needs a str, and translating at import time would miss the active language.
        return _(
            "Import articles and site settings from a JSON Lines file exported from an old CMS. "
            "Importing the same file again changes only what changed."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help=_("The JSON Lines file; the files it lists are relative to its folder.")
        )
        parser.add_argument(
            "--site", help=_("Host name of the site to import into (default: the default site).")
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Check every record and report, but write nothing.")
        )

    def handle(self, *args, path, site, dry_run, verbosity, **options):
        path = Path(path)
        if not path.is_file():
            raise CommandError(_("File not found: %(file)s") % {"file": path})
        importer = Importer(find_site(site), path.parent, dry_run=dry_run)
        failed = 0
        with path.open("rb") as lines:
            total = sum(1 for _line in lines)
            lines.seek(0)
            progress = tqdm(
                lines, total=total, desc=_("Importing"), unit="", disable=True if verbosity < 1 else None
            )
            for number, raw in enumerate(progress, start=1):
                reason = self.import_line(importer, number, raw)
                if reason:
                    failed += 1
                    importer.rolled_back()
                    with progress.external_write_mode():
                        self.stderr.write(_("Line %(line)s: %(reason)s") % {"line": number, "reason": reason})
        importer.counts["skipped"] = failed
        self.report(importer, dry_run)
        if failed:
            raise CommandError(
                ngettext("%(count)s record was skipped.", "%(count)s records were skipped.", failed)
                % {"count": failed}
            )

    @staticmethod
    def import_line(importer, number, raw):
        """Import one line in its own transaction; the reason it failed, or None."""
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
        except UnicodeDecodeError:
            return _("The line is not UTF-8.")
        if not line:
            return None
        try:
            with transaction.atomic():
                importer.import_line(number, line)
        except RecordError as error:
            return str(error)
        except ValidationError as error:
            return " ".join(error.messages)
        except DatabaseError as error:
            return _("The database refused the record: %(error)s") % {"error": error}
        return None

    def report(self, importer, dry_run):
        counts = importer.counts
        if importer.site_settings_changed is not None:
            self.stdout.write(
                _("Site settings updated.")
                if importer.site_settings_changed
                else _("Site settings unchanged.")
            )
        self.stdout.write(
            _(
                "Articles: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(skipped)s skipped. Redirects: %(redirects)s."
            )
            % {name: counts[name] for name in ("created", "updated", "unchanged", "skipped", "redirects")}
        )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))


def find_site(hostname):
    if hostname is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError(_("There is no default site; name one with --site."))
        return site
    site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
    if site is None:
        known = ", ".join(Site.objects.values_list("hostname", flat=True)) or "-"
        raise CommandError(
            _("No site has the host name %(hostname)s (sites: %(known)s).")
            % {"hostname": hostname, "known": known}
        )
    return site
