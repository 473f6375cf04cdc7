from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import HitsReportView


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/visits/", HitsReportView.as_view(), name="hits_report"),
        path(
            "reports/visits/results/",
            HitsReportView.as_view(results_only=True),
            name="hits_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(_("Visit statistics"), reverse("hits_report"), name="visit-statistics", icon_name="table")
