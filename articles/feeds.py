"""RSS 2.0 of the latest live, public, unexpired articles below a page, newest first, with summaries.

The site's feed at /feed/ is ``articles.views.site_feed``; each section's, at <section URL>feed/, is
a route of ``SectionPage``. Both hand over the page and its articles.
"""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from .seo import publisher

FEED_LENGTH = 20


def latest_unexpired(articles):
    now = timezone.now()
    return articles.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now)).order_by("-publish_time", "-pk")[
        :FEED_LENGTH
    ]


class ArticleFeed(Feed):
    """One instance per request (it keeps the request for absolute links): see ``serve_feed``."""

    feed_type = Rss201rev2Feed

    def __init__(self, root, articles):
        self.root = root
        self.articles = articles

    def get_object(self, request):
        self.request = request
        return self.root

    def title(self, root):
        name = publisher(self.request)["name"]
        return name if root.depth <= 2 else f"{root.title} - {name}"

    def link(self, root):
        return root.get_url(self.request)

    def description(self, root):
        return self.title(root)

    def items(self, root):
        return latest_unexpired(self.articles)

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_url(self.request)

    def item_pubdate(self, article):
        return timezone.localtime(article.publish_time)

    def item_author_name(self, article):
        return article.author or None


def serve_feed(request, root, articles):
    """The feed of ``root`` listing ``articles`` (live and public: the caller's queryset)."""
    return ArticleFeed(root, articles)(request)
