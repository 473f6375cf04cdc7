"""Ordering article listings by views: ``order=-hits``, ``-hits_7d``, ``-hits_30d`` (and ascending).

Counts are stored plus pending (still in Redis), so a ranking matches the numbers shown; the
pending part is a ``CASE`` over the few articles viewed since the last flush.
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Case, F, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from wagtail.api.v2.filters import OrderingFilter
from wagtail.api.v2.utils import BadRequestError

from .counter import all_pending, today
from .models import HitDay, counted_model

WINDOWS = {"hits": None, "hits_7d": 7, "hits_30d": 30}


def window_start(days):
    return today() - timedelta(days=days - 1)


def pending_expression(pending):
    """``{article id: n}`` as an expression over the row's pk; articles sharing a count share a WHEN."""
    by_amount = defaultdict(list)
    for article_id, amount in pending.items():
        if amount:
            by_amount[amount].append(article_id)
    if not by_amount:
        return Value(0)
    return Case(
        *(When(pk__in=ids, then=Value(amount)) for amount, ids in sorted(by_amount.items())),
        default=Value(0),
        output_field=IntegerField(),
    )


def views_expression(days):
    """Views of the row's article, all time (``days`` None) or in the last ``days`` days, with pending."""
    totals, pending_days = all_pending()
    if days is None:
        return F("hits") + pending_expression(totals)
    since = window_start(days)
    in_window = defaultdict(int)
    for (article_id, day), amount in pending_days.items():
        if day >= since:
            in_window[article_id] += amount
    stored = (
        HitDay.objects.filter(article=OuterRef("pk"), day__gte=since)
        .values("article")
        .annotate(total=Sum("count"))
        .values("total")
    )
    return Coalesce(Subquery(stored, output_field=IntegerField()), 0) + pending_expression(in_window)


class HitsOrderingFilter(OrderingFilter):
    """Wagtail's ordering, plus ``hits``, ``hits_7d`` and ``hits_30d`` counted as shown."""

    def filter_queryset(self, request, queryset, view):
        order = request.GET.get("order", "")
        parts = [part.strip() for part in order.split(",")] if order else []
        if not any(part.lstrip("-") in WINDOWS for part in parts):
            return super().filter_queryset(request, queryset, view)
        if not issubclass(queryset.model, counted_model()):
            raise BadRequestError(_("Ordering by views needs type=articles.ArticlePage."))
        allowed = view.get_available_fields(queryset.model, db_fields_only=True)
        ordering = []
        for part in parts:
            name = part.lstrip("-")
            if name in WINDOWS:
                queryset = queryset.annotate(**{f"views_{name}": views_expression(WINDOWS[name])})
                name = f"views_{name}"
            elif name not in allowed:
                raise BadRequestError(_("cannot order by '%(field)s' (unknown field)") % {"field": part})
            ordering.append(f"-{name}" if part.startswith("-") else name)
        return queryset.order_by(*ordering, "-pk")


def popular_articles(root, limit):
    """The ``limit`` most read live, public articles below ``root``: in 7 days, then all time.

    Two queries whatever the data: the week's ranking, and the all-time ranking that fills the
    list while the week has few views. Covers are joined.
    """
    articles = counted_model().objects.visible().descendant_of(root).select_related("cover")
    week = list(
        articles.filter(hit_days__day__gte=window_start(7))
        .annotate(week_views=Sum("hit_days__count"))
        .order_by("-week_views", "-hits", "-pk")[:limit]
    )
    chosen = {article.pk for article in week}
    # Twice the limit: however many of them are already in the week's list, enough remain.
    all_time = articles.order_by("-hits", "-page_ptr_id")[: 2 * limit]  # the article_hits_order index
    return week + [article for article in all_time if article.pk not in chosen][: limit - len(week)]
