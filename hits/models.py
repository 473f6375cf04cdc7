"""What the hit counter keeps in the database: daily totals, visitor marks without Redis, applied batches."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HitDay(models.Model):
    """Views of one article on one day (Asia/Shanghai), the source of 7- and 30-day rankings."""

    article = models.ForeignKey(
        "articles.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="hit_days"
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="hitday_article_day")]
        # (article, day) serves one article's window sums; (day, article, count) a day range's ranking.
        indexes = [models.Index(fields=["day", "article", "count"], name="hitday_day_article")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.count}"


def counted_model():
    """The page model whose views are counted (articles), reached through ``HitDay``.

    So this app imports no page app: the articles app imports this one to show and order by views.
    """
    return HitDay._meta.get_field("article").related_model


class HitMark(models.Model):
    """A visitor's view of an article inside the window, when Redis is not there to remember it.

    ``key`` is a keyed hash (never the address, user agent or cookie itself). ``token`` is set when
    the hit fell back here after a Redis call failed: the flush then asks Redis whether that call
    counted too, and takes the database's count back if so.
    """

    key = models.CharField(max_length=64, primary_key=True)
    expires_at = models.DateTimeField(db_index=True)
    token = models.CharField(max_length=32, blank=True, db_index=True)
    article_id = models.BigIntegerField(null=True, blank=True)
    day = models.DateField(null=True, blank=True)

    def __str__(self):
        return self.key


class HitBatch(models.Model):
    """A batch of Redis counts already added to the database: a flush retried after a crash skips it."""

    id = models.CharField(max_length=32, primary_key=True)
    applied_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.id
