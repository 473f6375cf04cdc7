"""What a legacy import left behind, so that importing the same file again updates instead of adding."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedArticle(models.Model):
    """The page a legacy record became, and a hash of the record as last imported."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="+"
    )
    legacy_id = models.CharField(_("legacy id"), max_length=100)
    page = models.OneToOneField(
        "articles.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="import_record",
    )
    content_hash = models.CharField(_("content hash"), max_length=64)

    class Meta:
        verbose_name = _("imported article")
        verbose_name_plural = _("imported articles")
        constraints = [
            models.UniqueConstraint(fields=["site", "legacy_id"], name="unique_legacy_id_per_site")
        ]

    def __str__(self):
        return f"{self.legacy_id} → {self.page_id}"
