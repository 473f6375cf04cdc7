"""Static publishing: live public pages written as HTML files that nginx serves without Django.

Each site's pages go to ``STATIC_PUBLISH_ROOT/<site hostname>/<url path>/index.html``, rendered
through the site's own request path (middleware, theme, templates) as an anonymous visitor sees
them, and written atomically (a temporary file renamed over the old one). A page that answers
anything but a cacheable 200 HTML page (private pages answer a password or login form) is not
written, and its old file is removed. Only the first page of a section's list is written; its
``?page=N`` pages stay dynamic (nginx passes requests with a query string to Django).
"""

import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import Client
from wagtail.models import Page, Site

from core.page_cache import cacheable_response
from core.visibility import private_q


def site_root(site):
    return Path(settings.STATIC_PUBLISH_ROOT) / site.hostname


def file_for(site, relative_url):
    """The index.html of a page's URL below its site's folder."""
    parts = [part for part in relative_url.split("/") if part]
    return site_root(site).joinpath(*parts, "index.html")


def sites_of(page):
    """The sites a page belongs to, with its URL in each."""
    for site in Site.objects.select_related("root_page"):
        if page.path.startswith(site.root_page.path):
            yield site, "/" + page.url_path[len(site.root_page.url_path) :]


def public_pages(site):
    return (
        Page.objects.live()
        .exclude(private_q())
        .descendant_of(site.root_page, inclusive=True)
        .only("path", "url_path", "depth")
        .order_by("path")
    )


def render(site, url):
    client = Client(HTTP_HOST=site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}")
    return client.get(url, secure=site.port == 443)


def write_atomically(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".index.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def publish_url(site, url):
    """Write one page's file, or remove it when the page is not a public page any more."""
    response = render(site, url)
    target = file_for(site, url)
    if cacheable_response(response):
        write_atomically(target, response.content)
        return True
    target.unlink(missing_ok=True)
    return False


def publish_pages(pages):
    written = 0
    for page in pages:
        for site, url in sites_of(page):
            written += publish_url(site, url)
    return written


def publish_site(site):
    """Every live public page of the site; files of pages that are gone are removed."""
    kept = set()
    for page in public_pages(site):
        url = "/" + page.url_path[len(site.root_page.url_path) :]
        if publish_url(site, url):
            kept.add(file_for(site, url))
    root = site_root(site)
    for stale in root.rglob("index.html") if root.exists() else ():
        if stale not in kept:
            stale.unlink()
    return len(kept)


def remove_url_path(url_path):
    """Remove the files of a page and of everything below it, in every site."""
    removed = 0
    for site in Site.objects.select_related("root_page"):
        if not url_path.startswith(site.root_page.url_path):
            continue
        folder = file_for(site, "/" + url_path[len(site.root_page.url_path) :]).parent
        if folder == site_root(site):
            for stale in folder.rglob("index.html"):
                stale.unlink()
                removed += 1
        elif folder.exists():
            removed += sum(1 for _ in folder.rglob("index.html"))
            shutil.rmtree(folder)
    return removed
