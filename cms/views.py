from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse


def server_error(request):
    """Render the theme's 500 page without touching the database, which may be what failed."""
    return render(request, "500.html", {"site_data": {}}, status=500)


ROBOTS_DISALLOWED = ("/admin/", "/django-admin/", "/search/")


def robots_txt(request):
    """Crawlers may read every public page; the sitemap (an absolute URL, as the format asks) lists them."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
