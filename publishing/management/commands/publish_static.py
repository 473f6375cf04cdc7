from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail.models import Site

from publishing.publisher import publish_site, site_root


class Command(BaseCommand):
    help = _("Write every live public page of every site as HTML files for nginx to serve.")

    def handle(self, *args, **options):
        for site in Site.objects.select_related("root_page"):
            count = publish_site(site)
            if options["verbosity"]:
                self.stdout.write(
                    _("%(count)s pages of %(site)s written to %(folder)s")
                    % {"count": count, "site": site.hostname, "folder": site_root(site)}
                )
