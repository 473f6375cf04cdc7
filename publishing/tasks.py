"""Regeneration of published files in the background, on the "publishing" task backend (see TASKS)."""

from django.conf import settings
from django_tasks import task
from wagtail.models import Page, Site

from . import publisher


@task(backend="publishing")
def publish_pages(page_ids):
    """Rewrite the files of these pages (or remove them, for pages that are not public any more)."""
    if settings.STATIC_PUBLISH_ENABLED:
        publisher.publish_pages(Page.objects.filter(pk__in=page_ids).only("path", "url_path"))


@task(backend="publishing")
def publish_everything():
    """Every site in full: after a change of menus, footer or settings that every page shows."""
    if settings.STATIC_PUBLISH_ENABLED:
        for site in Site.objects.select_related("root_page"):
            publisher.publish_site(site)


@task(backend="publishing")
def remove(url_paths, then_publish_ids=()):
    """Remove the files of pages (and what is below them), then rewrite the pages that listed them."""
    if settings.STATIC_PUBLISH_ENABLED:
        for url_path in url_paths:
            publisher.remove_url_path(url_path)
        publisher.publish_pages(Page.objects.filter(pk__in=then_publish_ids).only("path", "url_path"))
