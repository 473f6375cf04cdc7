"""What a change makes stale, and the background task that rewrites or removes exactly that.

An article shows its section's latest articles and its neighbours, and sections and the home page
list articles: publishing, unpublishing, restricting or deleting an article rewrites the article,
the pages above it, its neighbours and, when it is among the latest of its section, the other
articles of its section. Sections, single pages and the home page
may be in the menus every page shows, and settings feed every footer: changing them, or moving a
page, rewrites every page. Changes are gathered per transaction (deleting a section deletes
every page below it) and handed to the task backend once it commits.
"""

import threading

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from articles.models import ArticlePage
from articles.representations import LATEST_IN_SECTION
from home.models import FooterLink, PhoneNumber, SiteSettings

from . import tasks


def neighbourhood(page):
    """The pages that show an article: those above it, its neighbours, and, while it is among its
    section's latest, every article of the section (each shows that list)."""
    ancestors = list(Page.objects.ancestor_of(page).filter(depth__gt=1).values_list("pk", flat=True))
    parent_path = page.path[: -page.steplen]
    siblings = ArticlePage.objects.filter(path__startswith=parent_path, depth=page.depth).exclude(pk=page.pk)
    article = ArticlePage.objects.filter(pk=page.pk).values("publish_time", "pinned").first()
    ahead = siblings.filter(Q(pinned=True) | Q(publish_time__gt=article["publish_time"])) if article else None
    if article is None or article["pinned"] or ahead.count() < LATEST_IN_SECTION:
        return ancestors + list(siblings.values_list("pk", flat=True))
    moment = article["publish_time"]
    before = (
        siblings.live()
        .filter(publish_time__lte=moment)
        .order_by("-publish_time", "-pk")
        .values_list("pk", flat=True)
    )
    after = (
        siblings.live()
        .filter(publish_time__gte=moment)
        .order_by("publish_time", "pk")
        .values_list("pk", flat=True)
    )
    return ancestors + list(before[:1]) + list(after[:1])


_pending = threading.local()


def schedule(remove=(), publish=(), everything=False):
    if not settings.STATIC_PUBLISH_ENABLED:
        return
    batch = getattr(_pending, "batch", None)
    if batch is None:
        batch = _pending.batch = {"remove": set(), "publish": set(), "everything": False}
    # The first callback to run takes the whole batch; a rolled-back transaction's batch joins the next.
    transaction.on_commit(flush)
    batch["remove"].update(remove)
    batch["publish"].update(publish)
    batch["everything"] |= everything


def flush():
    batch = _pending.__dict__.pop("batch", None)
    if batch is None:
        return
    publish = [] if batch["everything"] else sorted(batch["publish"])
    if batch["remove"]:
        tasks.remove.enqueue(sorted(batch["remove"]), publish)
    elif publish:
        tasks.publish_pages.enqueue(publish)
    if batch["everything"]:
        tasks.publish_everything.enqueue()


def is_article(page):
    return isinstance(page, ArticlePage) or page.specific_class is ArticlePage


def published(sender, instance, **kwargs):
    if not settings.STATIC_PUBLISH_ENABLED:
        return
    if is_article(instance):
        schedule(publish=[instance.pk, *neighbourhood(instance)])
    else:
        schedule(everything=True)


def gone(sender, instance, **kwargs):
    """Unpublished or deleted: its files go, and the pages that listed it are rewritten."""
    if not settings.STATIC_PUBLISH_ENABLED:
        return
    if is_article(instance):
        schedule(remove=[instance.url_path], publish=neighbourhood(instance))
    else:
        schedule(remove=[instance.url_path], everything=True)


def moved(sender, instance, url_path_before, **kwargs):
    schedule(remove=[url_path_before], everything=True)


def restricted(sender, instance, **kwargs):
    gone(sender, instance.page)


def unrestricted(sender, instance, **kwargs):
    schedule(everything=True)


def settings_changed(sender, **kwargs):
    schedule(everything=True)


def connect():
    page_published.connect(published, dispatch_uid="publishing-published")
    page_unpublished.connect(gone, dispatch_uid="publishing-unpublished")
    post_page_move.connect(moved, dispatch_uid="publishing-moved")
    for model in get_page_models():
        post_delete.connect(gone, sender=model, dispatch_uid=f"publishing-deleted-{model._meta.label}")
    post_save.connect(restricted, sender=PageViewRestriction, dispatch_uid="publishing-restricted")
    post_delete.connect(unrestricted, sender=PageViewRestriction, dispatch_uid="publishing-unrestricted")
    for model in (SiteSettings, PhoneNumber, FooterLink, Site):
        post_save.connect(
            settings_changed, sender=model, dispatch_uid=f"publishing-saved-{model._meta.label}"
        )
        post_delete.connect(
            settings_changed, sender=model, dispatch_uid=f"publishing-deleted-{model._meta.label}"
        )
