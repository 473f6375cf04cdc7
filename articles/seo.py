"""What search engines, feed readers and link previews read about a page: the ``seo`` object of every
page representation, so the API and the theme's <head> say the same thing.

The site's name and logo come from the site settings of the ``home`` app, which itself builds on this
one; they are looked up by app label, as Django does for the user model, and cached per site.
"""

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Site

from core.caching import cached_for_site

DESCRIPTION_LENGTH = 160
HEADLINE_LENGTH = 110
FEED_PATH = "feed/"


def absolute(request, url):
    if not url or "://" in url:
        return url
    return request.build_absolute_uri(url)


def publisher(request):
    """The site's organisation: its name, home URL and logo (an absolute URL, or None)."""

    def build():
        site = Site.find_for_request(request)
        if site is None:
            return {"name": "", "url": absolute(request, "/"), "logo": None}
        settings = apps.get_model("home", "SiteSettings").for_site(site)
        logo = settings.logo.get_rendition("width-480").url if settings.logo_id else None
        return {
            "name": settings.name or site.site_name,
            "url": absolute(request, site.root_page.get_url(request) if site.root_page_id else "/"),
            "logo": absolute(request, logo),
        }

    return cached_for_site(request, "publisher", build)


def description(text):
    return Truncator(" ".join(strip_tags(text or "").split())).chars(DESCRIPTION_LENGTH)


def _iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def page_seo(page, request, *, summary="", image=None, feeds=(), og_type="website", json_ld=None):
    """The ``seo`` object: canonical URL, description, Open Graph properties, feeds and JSON-LD.

    ``image`` is an image representation (its large rendition is shared); ``feeds`` are
    ``(title, url)`` pairs of the RSS feeds that carry this page.
    """
    site = publisher(request)
    canonical = absolute(request, page.get_url(request))
    title = page.seo_title or page.title
    text = description(page.search_description or summary)
    open_graph = {
        "og:title": title,
        "og:type": og_type,
        "og:url": canonical,
        "og:site_name": site["name"],
    }
    if text:
        open_graph["og:description"] = text
    if image:
        open_graph["og:image"] = image["renditions"]["large"]["url"]
    return {
        "title": title,
        "description": text,
        "canonical_url": canonical,
        "open_graph": open_graph,
        "feeds": [{"title": feed_title, "url": absolute(request, url)} for feed_title, url in feeds],
        "json_ld": json_ld,
    }


def site_feed(request):
    site = publisher(request)
    return site["name"], site["url"] + FEED_PATH


def section_feed(section_link):
    """The feed of a section, given as a page link (id, title, url)."""
    return section_link["title"], section_link["url"] + FEED_PATH


def article_seo(article, request, cover, section):
    """``section`` is the article's section as a page link."""
    """An article: Open Graph ``article`` and a schema.org NewsArticle."""
    site = publisher(request)
    published = timezone.localtime(article.publish_time)
    modified = max(filter(None, [published, article.last_published_at]))
    organisation = {"@type": "Organization", "name": site["name"], "url": site["url"]}
    if site["logo"]:
        organisation["logo"] = {"@type": "ImageObject", "url": site["logo"]}
    seo = page_seo(
        article,
        request,
        summary=article.summary,
        image=cover,
        feeds=[site_feed(request), section_feed(section)],
        og_type="article",
    )
    news = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(article.title).chars(HEADLINE_LENGTH),
        "datePublished": _iso(published),
        "dateModified": _iso(modified),
        "author": {"@type": "Person", "name": article.author} if article.author else organisation,
        "publisher": organisation,
        "mainEntityOfPage": seo["canonical_url"],
    }
    if seo["description"]:
        news["description"] = seo["description"]
    if cover:
        news["image"] = [cover["renditions"]["large"]["url"]]
    seo["open_graph"]["article:published_time"] = news["datePublished"]
    seo["open_graph"]["article:modified_time"] = news["dateModified"]
    seo["json_ld"] = news
    return seo


def section_seo(section, request, link):
    return page_seo(section, request, summary=section.intro, feeds=[site_feed(request), section_feed(link)])


def standard_seo(page, request):
    return page_seo(page, request, feeds=[site_feed(request)])


def home_seo(home, request):
    """The home page: a schema.org WebSite whose SearchAction is the site search."""
    site = publisher(request)
    search = absolute(request, reverse("search")) + "?q={search_term_string}"
    return page_seo(
        home,
        request,
        feeds=[site_feed(request)],
        json_ld={
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": site["name"],
            "url": site["url"],
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": search},
                "query-input": "required name=search_term_string",
            },
        },
    )
