"""访问统计: views per day per section in the admin, with a chart drawn on the server and CSV export."""

from datetime import timedelta

from django.db.models import Sum, Value
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from django_filters import DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from .counter import today
from .models import HitDay

DEFAULT_DAYS = 30
CHART_WIDTH = 720
CHART_HEIGHT = 200


class HitsReportFilterSet(WagtailFilterSet):
    day = DateFromToRangeFilter(label=_("Day"), widget=DateRangePickerWidget)

    class Meta:
        model = HitDay
        fields = []


def bar_chart(totals):
    """Bars for ``[(day, views)]`` in SVG coordinates: no chart library, nothing from a CDN."""
    if not totals:
        return None
    peak = max(views for _day, views in totals) or 1
    slot = CHART_WIDTH / len(totals)
    bars = []
    for index, (day, views) in enumerate(totals):
        height = round(views / peak * (CHART_HEIGHT - 20), 1)
        bars.append(
            {
                "day": day,
                "views": views,
                "x": round(index * slot + slot * 0.1, 1),
                "y": round(CHART_HEIGHT - height, 1),
                "width": round(slot * 0.8, 1),
                "height": height,
            }
        )
    return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "peak": peak, "bars": bars}


class HitsReportView(ReportView):
    page_title = _("Visit statistics")
    header_icon = "table"
    index_url_name = "hits_report"
    index_results_url_name = "hits_report_results"
    results_template_name = "hits/report_results.html"
    filterset_class = HitsReportFilterSet
    paginate_by = 100
    columns = [
        Column("day", label=_("Day")),
        Column("section", label=_("Section")),
        NumberColumn("views", label=_("Views")),
    ]
    list_export = ["day", "section", "views"]
    export_headings = {"day": _("Day"), "section": _("Section"), "views": _("Views")}

    def get_filename(self):
        return "visit-statistics"

    def get_queryset(self):
        return HitDay.objects.all()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.request.GET.get("day_from") and not self.request.GET.get("day_to"):
            queryset = queryset.filter(day__gte=today() - timedelta(days=DEFAULT_DAYS - 1))
        self.days = queryset
        section_path = Substr("article__path", 1, Length("article__path") - Value(Page.steplen))
        return (
            queryset.annotate(section_path=section_path)
            .values("day", "section_path")
            .annotate(views=Sum("count"))
            .order_by("-day", "-views", "section_path")
        )

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        titles = dict(
            Page.objects.filter(path__in={row["section_path"] for row in rows}).values_list("path", "title")
        )
        for row in rows:
            row["section"] = titles.get(row["section_path"], "")
        return rows

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        totals = self.days.values("day").annotate(views=Sum("count")).order_by("day")
        context["chart"] = bar_chart([(row["day"], row["views"]) for row in totals])
        return context
