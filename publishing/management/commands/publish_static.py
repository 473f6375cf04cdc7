from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail.models import Site

from publishing.publisher import publish_site, publish_url, site_root


class Command(BaseCommand):
    help = _("Write every live public page of every site as HTML files for nginx to serve.")

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="*", help=_("only these page URLs, e.g. / /news/"))

    def handle(self, *args, urls=(), **options):
        for site in Site.objects.select_related("root_page"):
            count = sum(publish_url(site, url) for url in urls) if urls else publish_site(site)
            if options["verbosity"]:
                self.stdout.write(
                    _("%(count)s pages of %(site)s written to %(folder)s")
                    % {"count": count, "site": site.hostname, "folder": site_root(site)}
                )
