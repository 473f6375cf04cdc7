"""``manage.py import_legacy PATH``: articles and site settings from a JSON Lines file (docs/import.md)."""

import logging
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

logger = logging.getLogger(__name__)

# Lines written per transaction.
BATCH_SIZE = 100


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
        with path.open("rb") as lines, importer.running():
            total = sum(1 for _line in lines)
            lines.seek(0)
            progress = tqdm(
                lines, total=total, desc=_("Importing"), unit="", disable=True if verbosity < 1 else None
            )
            batch = []
            for number, raw in enumerate(progress, start=1):
                batch.append((number, *self.read_line(importer, number, raw)))
                if len(batch) == BATCH_SIZE:
                    failed += self.write_batch(importer, batch, progress)
                    batch = []
            failed += self.write_batch(importer, batch, progress)
        importer.counts["skipped"] = failed
        self.report(importer, dry_run)
        if failed:
            raise CommandError(
                ngettext("%(count)s record was skipped.", "%(count)s records were skipped.", failed)
                % {"count": failed}
            )

    @staticmethod
    def read_line(importer, number, raw):
        """The line's item to write (None: nothing to write) and the reason it is bad, or None."""
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
        except UnicodeDecodeError:
            return None, _("The line is not UTF-8.")
        if not line:
            return None, None
        try:
            return importer.read(number, line), None
        except RecordError as error:
            return None, str(error)

    def write_batch(self, importer, batch, progress):
        """Write a batch of read lines in one transaction, else each in its own; report bad lines.

        One transaction per line cost a commit each. When the batch fails, it is written again line
        by line, so only the bad record is skipped and nothing of it stays.
        """
        items = [item for _number, item, _reason in batch if item is not None]
        if items and self.write_items(importer, items):
            batch = [
                (number, item, self.write_items(importer, [item]) if item is not None else reason)
                for number, item, reason in batch
            ]
        failed = 0
        for number, _item, reason in batch:
            if reason:
                failed += 1
                with progress.external_write_mode():
                    self.stderr.write(_("Line %(line)s: %(reason)s") % {"line": number, "reason": reason})
        return failed

    @staticmethod
    def write_items(importer, items):
        """Write items in a transaction of their own; the reason it failed, or None."""
        importer.begin()
        try:
            with transaction.atomic():
                importer.write(items)
        except RecordError as error:
            reason = str(error)
        except ValidationError as error:
            reason = " ".join(error.messages)
        except DatabaseError as error:
            reason = _("The database refused the record: %(error)s") % {"error": error}
        except Exception as error:  # what no check foresaw still costs only the records it is in
            logger.exception("import_legacy: unexpected error writing %s item(s)", len(items))
            reason = _("Unexpected error (%(error)s); see the server log.") % {"error": type(error).__name__}
        else:
            return None
        importer.rolled_back()
        return reason

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
        if counts["pages created"] or counts["pages unchanged"]:
            self.stdout.write(
                _("Single pages: %(created)s created, %(unchanged)s unchanged.")
                % {"created": counts["pages created"], "unchanged": counts["pages unchanged"]}
            )
        if counts["home updated"] or counts["home unchanged"]:
            self.stdout.write(
                _("Home page updated.") if counts["home updated"] else _("Home page unchanged.")
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
