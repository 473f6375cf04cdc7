"""Every change that public answers depend on moves the content version (see cms.caching)."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.caching import bump_content_version

from .models import FooterLink, PhoneNumber, SiteSettings


def connect():
    """Django ignores a second connection of the same receiver and sender, so this is idempotent."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version)
    for model in get_page_models():
        post_delete.connect(bump_content_version, sender=model)
    for model in (
        SiteSettings,
        PhoneNumber,
        FooterLink,
        Site,
        PageViewRestriction,
        get_image_model(),
        get_document_model(),
    ):
        post_save.connect(bump_content_version, sender=model)
        post_delete.connect(bump_content_version, sender=model)
