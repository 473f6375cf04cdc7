from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.home import (
    UpgradeNotificationPanel,
    WhatsNewInWagtailVersionPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.admin.widgets import Button

from articles.models import SectionPage

from . import dashboard, views

# Replaced by 待我审核, or calling outside hosts (release checks, Wagtail's own news).
REMOVED_PANELS = (UpgradeNotificationPanel, WhatsNewInWagtailVersionPanel, WorkflowObjectsToModeratePanel)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "editorial/section-editors/<int:page_id>/",
            views.section_editors,
            name="editorial_section_editors",
        )
    ]


def section_editors_button(page, user, priority):
    if isinstance(page.specific_deferred, SectionPage) and views.can_set_up_groups(user):
        yield Button(
            _("Set up section editors"),
            reverse("editorial_section_editors", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield from section_editors_button(page, user, priority=60)


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield from section_editors_button(page, user, priority=60)


@hooks.register("construct_homepage_panels")
def construct_homepage_panels(request, panels):
    panels[:] = [panel for panel in panels if not isinstance(panel, REMOVED_PANELS)]
    panels.extend(panel() for panel in dashboard.PANELS)
