"""RSS 2.0 feeds: the site's at /feed/ and each section's at <section URL>feed/.

The latest live, public, unexpired articles, newest first by publish time, with their summaries.
"""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Site

from .models import ArticlePage
from .seo import publisher

FEED_LENGTH = 20


def feed_articles(root):
    now = timezone.now()
    return (
        ArticlePage.objects.visible()
        .descendant_of(root)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .order_by("-publish_time", "-pk")[:FEED_LENGTH]
    )


class ArticleFeed(Feed):
    """One instance per request (it keeps the request for absolute links): see ``serve_feed``."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, section=None):
        self.request = request
        if section is not None:
            return section
        site = Site.find_for_request(request)
        if site is None or not site.root_page.live:
            raise Http404
        return site.root_page

    def title(self, root):
        name = publisher(self.request)["name"]
        return name if root.depth <= 2 else f"{root.title} - {name}"

    def link(self, root):
        return root.get_url(self.request)

    def description(self, root):
        return self.title(root)

    def items(self, root):
        return feed_articles(root)

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


def serve_feed(request, section=None):
    return ArticleFeed()(request, section=section)
