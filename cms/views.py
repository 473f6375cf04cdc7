import logging

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


def server_error(request):
    """Render the theme's 500 page without touching the database, which may be what failed.

    Whatever breaks the page itself (a template, a missing static file) still gets a plain answer,
    never a second traceback in place of the error page.
    """
    try:
        return render(request, "500.html", {"site_data": {}}, status=500)
    except Exception:
        logger.exception("The 500 page could not be rendered.")
        message = gettext("Sorry, something went wrong on our side. Please try again later.")
        return HttpResponseServerError(
            f'<!DOCTYPE html><html lang="zh-Hans"><meta charset="utf-8"><title>500</title><p>{message}</p>',
            content_type="text/html; charset=utf-8",
        )


ROBOTS_DISALLOWED = ("/admin/", "/django-admin/", "/search/")


def robots_txt(request):
    """Crawlers may read every public page; the sitemap (an absolute URL, as the format asks) lists them."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
