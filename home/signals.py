"""Every change that public answers depend on moves the content version (see core.caching)."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.caching import bump_content_version

from .models import FooterLink, PhoneNumber

# Page fields that change what the public sees without publishing (the menus read show_in_menus).
PUBLIC_PAGE_FIELDS = ("show_in_menus",)


def note_public_fields_change(sender, instance, update_fields=None, **kwargs):
    """Before a live page is saved outside publishing: whether it changes a public field."""
    fields = [name for name in PUBLIC_PAGE_FIELDS if update_fields is None or name in update_fields]
    if instance.pk is None or not fields:
        return
    saved = Page.objects.filter(pk=instance.pk, live=True).values(*fields).first()
    instance._public_fields_changed = bool(saved) and any(
        saved[name] != getattr(instance, name) for name in fields
    )


def bump_if_public_fields_changed(sender, instance, **kwargs):
    if getattr(instance, "_public_fields_changed", False):
        instance._public_fields_changed = False
        bump_content_version()


def connect():
    """Django ignores a second connection of the same receiver and sender, so this is idempotent.

    Scheduled go-live and expiry (``manage.py publish_scheduled``) publish and unpublish through
    Wagtail's actions, which send ``page_published`` and ``page_unpublished``.
    """
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version)
    for model in get_page_models():
        post_delete.connect(bump_content_version, sender=model)
        pre_save.connect(note_public_fields_change, sender=model)
        post_save.connect(bump_if_public_fields_changed, sender=model)
    public = [
        *settings_registry,
        PhoneNumber,
        FooterLink,
        Site,
        get_image_model(),
        get_document_model(),
        PageViewRestriction,
        CollectionViewRestriction,
        Redirect,
    ]
    for model in public:
        post_save.connect(bump_content_version, sender=model)
        post_delete.connect(bump_content_version, sender=model)
    for restriction in (PageViewRestriction, CollectionViewRestriction):
        m2m_changed.connect(bump_content_version, sender=restriction.groups.through)
