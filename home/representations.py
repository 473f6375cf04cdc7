"""Representations of the home page and of the site (settings and navigation)."""

from itertools import chain

from wagtail.models import Page, Site

from articles.models import ArticlePage, private_pages
from articles.representations import (
    article_item,
    image_representation,
    load_articles,
    page_link,
    popular_items,
    prefetch_renditions,
)
from articles.seo import home_seo
from core.representations import cached_unless_draft, represents

from .models import ICP_URL, HomePage, SiteSettings

NAVIGATION_DEPTH = 2


@represents(HomePage)
def shown_home(home, request):
    return cached_unless_draft(request, home, lambda: home_representation(home, request))


def home_representation(home, request):
    articles = ArticlePage.objects.listed().descendant_of(home)
    blocks = [block for block in home.home_sections.select_related("section") if block.section.live]
    notices_section = home.notices_section if home.notices_section_id else None
    if notices_section is not None and not notices_section.live:
        notices_section = None
    featured = load_articles(articles.filter(featured=True)[: home.featured_count])
    block_articles = [load_articles(articles.descendant_of(block.section)[: block.count]) for block in blocks]
    notices = []
    if notices_section is not None:
        notices = load_articles(articles.descendant_of(notices_section)[: home.notices_count])
    prefetch_renditions([article.cover for article in chain(featured, notices, *block_articles)])

    def items(loaded):
        return [article_item(article, request) for article in loaded]

    return {
        "id": home.pk,
        "type": "home.HomePage",
        "title": home.title,
        "url": home.get_url(request),
        "featured": items(featured),
        "sections": [
            {"section": page_link(block.section, request), "articles": items(loaded)}
            for block, loaded in zip(blocks, block_articles, strict=True)
        ],
        "notices": {"section": page_link(notices_section, request), "articles": items(notices)}
        if notices_section
        else None,
        "popular": popular_items(request, home.pk, home),
        "seo": home_seo(home, request),
    }


def navigation(root, request, depth=NAVIGATION_DEPTH):
    """Menu pages below ``root`` as a tree ``depth`` levels deep, in one query."""
    pages = (
        Page.objects.descendant_of(root)
        .live()
        .exclude(private_pages())
        .in_menu()
        .filter(depth__lte=root.depth + depth)
        .order_by("path")
    )
    by_path = {}
    tree = []
    for page in pages:
        node = {**page_link(page, request), "children": []}
        by_path[page.path] = node
        parent = by_path.get(page.path[: -Page.steplen])
        if parent is not None:
            parent["children"].append(node)
        elif page.depth == root.depth + 1:
            tree.append(node)
    return tree


def site_representation(request, navigation_depth=NAVIGATION_DEPTH):
    site = Site.find_for_request(request)
    if site is None:
        return {}
    site_settings = SiteSettings.for_request(request)
    prefetch_renditions([site_settings.logo])
    return {
        "name": site_settings.name or site.site_name,
        "home_url": site.root_page.get_url(request) if site.root_page_id else "/",
        "logo": image_representation(site_settings.logo, request),
        "address": site_settings.address,
        "postcode": site_settings.postcode,
        "phones": [
            {"label": phone.label, "number": phone.number} for phone in site_settings.phone_numbers.all()
        ],
        "fax": site_settings.fax,
        "email": site_settings.email,
        "icp_record": site_settings.icp_record,
        "icp_url": ICP_URL,
        "police_record": site_settings.police_record,
        "police_record_url": site_settings.police_record_url,
        "copyright": site_settings.copyright,
        "footer_links": [{"title": link.title, "url": link.url} for link in site_settings.footer_links.all()],
        "navigation": navigation(site.root_page, request, depth=navigation_depth),
    }
