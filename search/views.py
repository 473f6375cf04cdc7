from django.core.paginator import Paginator
from django.shortcuts import render

from articles.models import ArticlePage
from articles.representations import article_items

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 20


def search(request):
    """Site search over live, public articles."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = []
    page = None
    if query:
        matches = ArticlePage.objects.live().public().search(query)
        page = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        ids = [article.pk for article in page.object_list]
        by_id = {item["id"]: item for item in article_items(ArticlePage.objects.filter(pk__in=ids), request)}
        results = [by_id[pk] for pk in ids if pk in by_id]
    return render(request, "search/search.html", {"query": query, "results": results, "page": page})
