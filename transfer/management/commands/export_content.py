"""``manage.py export_content PATH``: a site in the format ``import_legacy`` reads, with its files."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from transfer.exporter import Exporter
from transfer.management.commands.import_legacy import find_site


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Export the site settings and every published article to a JSON Lines file, with the images "
            "and attachments copied into a folder beside it. import_legacy reads the file back."
        )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("The JSON Lines file to write."))
        parser.add_argument("--site", help=_("Host name of the site to export (default: the default site)."))

    def handle(self, *args, path, site, verbosity, **options):
        path = Path(path)
        count = Exporter(find_site(site), path).run()
        if verbosity >= 1:
            self.stdout.write(
                ngettext(
                    "Exported %(count)s article to %(path)s.",
                    "Exported %(count)s articles to %(path)s.",
                    count,
                )
                % {"count": count, "path": path}
            )
