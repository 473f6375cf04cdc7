"""Dashboard panels for editors: 我的草稿, 待我审核, 最近发布, 久未更新的栏目."""

import datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from articles.models import ArticlePage, SectionPage

PANEL_ROWS = 8
STALE_AFTER = datetime.timedelta(days=90)


class ListPanel(Component):
    template_name = "editorial/panels/list.html"
    heading = ""
    empty = ""

    def rows(self, user):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        return {
            "panel_id": self.name,
            "heading": self.heading,
            "empty": self.empty,
            "rows": self.rows(parent_context["request"].user),
        }


class MyDraftsPanel(ListPanel):
    """Pages whose newest changes are the user's own and not yet published."""

    name = "my-drafts"
    order = 100
    heading = _("My drafts")
    empty = _("You have no unpublished changes.")

    def rows(self, user):
        pages = Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user).order_by(
            "-latest_revision_created_at"
        )[:PANEL_ROWS]
        return [(page, page.latest_revision_created_at, "") for page in pages]


class AwaitingMyReviewPanel(ListPanel):
    name = "awaiting-my-review"
    order = 110
    heading = _("Awaiting my review")
    empty = _("Nothing is waiting for your review.")

    def rows(self, user):
        states = (
            TaskState.objects.reviewable_by(user)
            .select_related("task", "workflow_state", "workflow_state__requested_by")
            .order_by("-started_at")[:PANEL_ROWS]
        )
        pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in states])
        rows = []
        for state in states:
            page = pages.get(int(state.workflow_state.object_id))
            if page is not None:
                requested_by = state.workflow_state.requested_by
                note = f"{state.task.name} · {requested_by.get_full_name() or requested_by.get_username()}"
                rows.append((page, state.started_at, note))
        return rows


class RecentlyPublishedPanel(ListPanel):
    name = "recently-published"
    order = 120
    heading = _("Recently published")
    empty = _("Nothing has been published yet.")

    def rows(self, user):
        pages = Page.objects.live().filter(depth__gt=2).order_by("-last_published_at")[:PANEL_ROWS]
        return [(page, page.last_published_at, "") for page in pages]


class StaleSectionsPanel(ListPanel):
    """Sections whose newest live article is older than ``STALE_AFTER``, the longest silent first."""

    name = "stale-sections"
    order = 130
    heading = _("Sections not updated lately")
    empty = _("Every section has had a new article in the last 90 days.")

    def rows(self, user):
        newest = (
            ArticlePage.objects.live()
            .filter(path__startswith=OuterRef("path"))
            .order_by("-publish_time")
            .values("publish_time")[:1]
        )
        sections = (
            SectionPage.objects.live()
            .annotate(newest=Subquery(newest))
            .filter(newest__lt=timezone.now() - STALE_AFTER)
            .order_by("newest")[:PANEL_ROWS]
        )
        return [(section, section.newest, "") for section in sections]


PANELS = [MyDraftsPanel, AwaitingMyReviewPanel, RecentlyPublishedPanel, StaleSectionsPanel]
