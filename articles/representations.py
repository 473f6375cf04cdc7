"""The public representation of pages: built once per request, rendered by the API and the themes alike.

Every function returns JSON-able data (datetimes are aware and in the site's time zone). Queries
are made up front and in bulk so that the number of queries does not grow with the number of
articles, images or attachments shown.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.caching import cached_for_site
from core.representations import cached_unless_draft, represents
from hits.api import popular_articles
from hits.counter import attach_pending, current_hits, shown_hits

from .media import image_representation, prefetch_renditions, rich_text_html
from .models import ArticlePage, SectionPage, StandardPage, private_pages
from .seo import article_seo, section_seo, standard_seo

LATEST_IN_SECTION = 15
POPULAR_COUNT = 10


def page_link(page, request):
    return {"id": page.pk, "title": page.title, "url": page.get_url(request)}


def breadcrumbs(page, request):
    """Links from the home page down to the page's parent; the home page reads 首页.

    Cached by position in the tree: every change to the tree moves the content version.
    """

    def build():
        links = [page_link(ancestor, request) for ancestor in page.get_ancestors().filter(depth__gt=1)]
        if links:
            links[0]["title"] = _("Home")
        return links

    return cached_for_site(request, f"breadcrumbs:{page.path}", build)


def article_item(article, request):
    """An article as it appears in lists."""
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.get_url(request),
        "publish_time": timezone.localtime(article.publish_time),
        "pinned": article.pinned,
        "featured": article.featured,
        "summary": article.summary,
        "cover": image_representation(article.cover, request),
    }


def popular_items(request, root_id, root=None):
    """热门文章 below a home page or section: most read in 7 days, filled from all time.

    Two queries (three when only the root's id is known), then cached briefly for the site.
    """

    def build():
        top = root if root is not None else Page.objects.get(pk=root_id)
        articles = popular_articles(top, POPULAR_COUNT)
        attach_pending(articles)
        return [
            {
                **page_link(article, request),
                "publish_time": timezone.localtime(article.publish_time),
                "hits": current_hits(article),
            }
            for article in articles
        ]

    return cached_for_site(request, f"popular:{root_id}", build, timeout=settings.POPULAR_CACHE_SECONDS)


def load_articles(queryset):
    """Articles for a list, with their covers joined in the same query and without their bodies."""
    return list(queryset.select_related("cover").defer_streamfields())


def article_items(queryset, request):
    articles = load_articles(queryset)
    prefetch_renditions([article.cover for article in articles])
    return [article_item(article, request) for article in articles]


def body_representation(body, request, extra_images=()):
    """The blocks of a StreamField; ``extra_images`` join the same rendition query."""
    blocks = list(body)
    shown = (image for block in blocks for image in block.block.shown_images(block.value))
    prefetch_renditions([*extra_images, *shown])
    return body.stream_block.get_api_representation(body, context={"request": request})


def section_of(page):
    """The page's parent as a link target; listings prefetch it (``prefetch_sections``)."""
    return getattr(page, "prefetched_section", None) or page.get_parent()


@represents(ArticlePage, field="section")
def section_link(page, request):
    return page_link(section_of(page), request)


@represents(ArticlePage, field="hits")
def hits_of(article, request):
    """The count as shown: stored plus views still buffered in Redis."""
    return current_hits(article)


@represents(ArticlePage, field="tags")
def tag_names(article, request):
    return [tag.name for tag in article.tags.all()]


@represents(ArticlePage, field="cover")
def cover_of(article, request):
    return image_representation(article.cover, request)


def prefetch_sections(pages):
    """Load the parents of many pages in one query (what ``section_of`` then returns)."""
    parent_paths = {page.path[: -page.steplen] for page in pages}
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=parent_paths)}
    for page in pages:
        page.prefetched_section = parents.get(page.path[: -page.steplen])


def _chronological(article):
    """Publish order; an article not saved yet (an admin preview) comes after its equals."""
    return (article.publish_time, article.pk or float("inf"))


def related_articles(article):
    """The section's latest other articles and the article's neighbours, in two queries.

    Returns ``(latest, previous, following)``. Each query walks an index from where it starts and
    stops after a few rows, whatever the section's size (one query joining the three lists with
    ``OR`` made PostgreSQL read every article: 300 ms at 100,000).
    """
    section_path = article.path[: -article.steplen]
    in_section = ArticlePage.objects.listed().filter(path__startswith=section_path).exclude(pk=article.pk)
    latest = load_articles(in_section[:LATEST_IN_SECTION])
    siblings = in_section.filter(depth=article.depth).order_by("publish_time", "pk")
    # Bounded on publish_time alone first, so that the index scan starts at the article.
    before = siblings.filter(publish_time__lte=article.publish_time)
    after = siblings.filter(publish_time__gte=article.publish_time)
    if article.pk is None:  # an admin preview of a new article comes after its equals
        after = after.exclude(publish_time=article.publish_time)
    else:
        before = before.exclude(publish_time=article.publish_time, pk__gt=article.pk)
        after = after.exclude(publish_time=article.publish_time, pk__lt=article.pk)
    neighbours = load_articles(
        ArticlePage.objects.filter(
            Q(pk=Subquery(before.reverse().values("pk")[:1])) | Q(pk=Subquery(after.values("pk")[:1]))
        )
    )
    key = _chronological(article)
    previous = next((row for row in neighbours if _chronological(row) < key), None)
    following = next((row for row in neighbours if _chronological(row) > key), None)
    return latest, previous, following


@represents(ArticlePage)
def shown_article(article, request):
    """Built once per content version; views are counted without a content change, so the count is
    read afresh (the page may come from the route cache, with the count it had then)."""
    data = cached_unless_draft(request, article, lambda: article_representation(article, request))
    return {**data, "hits": shown_hits(article.pk) if article.pk else current_hits(article)}


def article_representation(article, request):
    trail = breadcrumbs(article, request)
    latest, previous, following = related_articles(article)
    body = body_representation(
        article.body, request, extra_images=[article.cover, *(item.cover for item in latest)]
    )
    cover = image_representation(article.cover, request)
    return {
        "id": article.pk,
        "type": "articles.ArticlePage",
        "title": article.title,
        "subtitle": article.subtitle,
        "url": article.get_url(request),
        "publish_time": timezone.localtime(article.publish_time),
        "author": article.author,
        "source": article.source,
        "hits": current_hits(article),
        "summary": article.summary,
        "tags": tag_names(article, request),
        "pinned": article.pinned,
        "featured": article.featured,
        "cover": cover,
        "body": body,
        "section": trail[-1],
        "breadcrumbs": trail,
        "previous": _neighbour(previous, request),
        "next": _neighbour(following, request),
        "latest": [article_item(item, request) for item in latest],
        "seo": article_seo(article, request, cover, trail[-1]),
    }


def _neighbour(article, request):
    if article is None:
        return None
    return {**page_link(article, request), "publish_time": timezone.localtime(article.publish_time)}


@represents(SectionPage)
def shown_section(section, request):
    """The first page, the most read, is built once per content version; 热门文章 keep their own timeout."""
    if request.GET.get("page", "1") != "1":
        return section_representation(section, request)
    data = cached_unless_draft(
        request, section, lambda: section_representation(section, request, page_number=1)
    )
    return {**data, "popular": popular_items(request, section.pk, section)}


def section_representation(section, request, page_number=None):
    if page_number is None:
        page_number = request.GET.get("page") if request is not None else None
    articles = section.articles().select_related("cover").defer_streamfields()
    paginator = Paginator(articles, section.page_size)
    if request is not None and section.pk is not None:
        # Counting a long section reads every article (75 ms at 10,000 of 100,000 on PostgreSQL)
        # and every later page needs the count: once per content version.
        paginator.count = cached_for_site(request, f"section-count:{section.pk}", articles.count)
    page = paginator.page(_nearest_page(page_number, paginator))
    start = (page.number - 1) * section.page_size
    articles = rows_from_nearer_end(paginator.object_list, start, page.end_index(), paginator.count)
    prefetch_renditions([article.cover for article in articles])
    children = SectionPage.objects.child_of(section).live().exclude(private_pages()).order_by("path")
    link = page_link(section, request)
    return {
        "id": section.pk,
        "type": "articles.SectionPage",
        "title": section.title,
        "url": section.get_url(request),
        "intro": rich_text_html(section.intro, request),
        "breadcrumbs": breadcrumbs(section, request),
        "children": [page_link(child, request) for child in children],
        "articles": [article_item(article, request) for article in articles],
        "popular": popular_items(request, section.pk, section),
        "pagination": {
            "page": page.number,
            "num_pages": paginator.num_pages,
            "count": paginator.count,
            "page_size": section.page_size,
            "previous_page": page.previous_page_number() if page.has_previous() else None,
            "next_page": page.next_page_number() if page.has_next() else None,
        },
        "seo": section_seo(section, request, link),
    }


def rows_from_nearer_end(queryset, start, end, count):
    """Rows ``start:end`` of an ordered queryset, read from whichever end is nearer.

    Past the middle the rows are read in reverse order with a small offset, so the last page of a
    long section costs what the first does instead of scanning every row before it.
    """
    if start <= count - end:
        return list(queryset[start:end])
    rows = list(queryset.reverse()[count - end : count - start])
    rows.reverse()
    return rows


def _nearest_page(page_number, paginator):
    """Clamp a requested page number into range; a value that is not a number is a 404."""
    if page_number in (None, ""):
        return 1
    try:
        number = int(page_number)
    except (TypeError, ValueError):
        raise Http404(_("Page not found")) from None
    return min(max(number, 1), paginator.num_pages)


@represents(StandardPage)
def shown_standard_page(page, request):
    return cached_unless_draft(request, page, lambda: standard_representation(page, request))


def standard_representation(page, request):
    return {
        "id": page.pk,
        "type": "articles.StandardPage",
        "title": page.title,
        "url": page.get_url(request),
        "breadcrumbs": breadcrumbs(page, request),
        "body": body_representation(page.body, request),
        "seo": standard_seo(page, request),
    }
