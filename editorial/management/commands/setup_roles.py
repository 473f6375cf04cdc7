import argparse

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.models import SectionPage
from editorial import roles


class Command(BaseCommand):
    help = _("Create the editorial roles and the review workflow; safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--section",
            type=int,
            action="append",
            default=[],
            metavar="PAGE_ID",
            help=_("Also create a section editors group for this section (may be repeated)."),
        )
        parser.add_argument(
            "--final-review",
            action=argparse.BooleanOptionalAction,
            default=None,
            help=_("Add (or with --no-final-review remove) the second review step 终审."),
        )

    def handle(self, *args, section, final_review, **options):
        sections = []
        for page_id in section:
            page = SectionPage.objects.filter(pk=page_id).first()
            if page is None:
                raise CommandError(_("No section with id %(id)s.") % {"id": page_id})
            sections.append(page)
        workflow = roles.setup_roles(final_review=final_review)
        steps = " → ".join(task.name for task in workflow.tasks)
        self.stdout.write(
            _("Groups %(groups)s; workflow %(workflow)s: %(steps)s.")
            % {
                "groups": "、".join([roles.SITE_ADMINS, roles.REVIEWERS, roles.EDITORS]),
                "workflow": workflow.name,
                "steps": steps,
            }
        )
        for page in sections:
            group = roles.setup_section_editors(page)
            self.stdout.write(
                _("Group %(group)s edits only below %(section)s.")
                % {"group": group.name, "section": page.title}
            )
