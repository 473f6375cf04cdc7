"""``POST /api/v2/pages/<id>/hit/``: the article page's beacon and headless clients count a view here."""

import redis
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_redis.exceptions import ConnectionInterrupted

from core.params import MAX_INTEGER
from core.routing import needs_no_site
from core.throttling import ClientRateThrottle

from . import counter


class HitThrottle(ClientRateThrottle):
    """``HIT_RATE`` per client address; a failing cache lets the hit through rather than fail it."""

    scope = "hits"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except (redis.RedisError, ConnectionInterrupted):
            return True


def message(text, status, key="message"):
    response = JsonResponse({key: text}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def count_without_redis(request, throttle, article_id, marks):
    """The database path: DRF's throttle on the cache, then an atomic update."""
    if not throttle.allow_request(request, None):
        return "throttled", throttle.wait()
    stored = counter.hittable_hits(article_id)
    if stored is None:
        return "missing", None
    if marks is None:
        return "seen", stored
    return counter.count_in_database(article_id, marks)


@needs_no_site
@csrf_exempt
@require_POST
def hit(request, pk):
    """Count one view of a live, public article and answer ``{"id": …, "hits": …}``.

    Crawlers and scripts get the count without adding to it; a visitor counts once per article
    per ``HIT_WINDOW``. The answer is never cached.
    """
    if not pk.isdigit() or not 1 <= int(pk) <= MAX_INTEGER:
        return message(
            _("%(name)s must be a whole number from 1 to %(max)s.") % {"name": "id", "max": MAX_INTEGER}, 400
        )
    article_id = int(pk)
    throttle = HitThrottle()
    crawler = counter.is_crawler(request)
    marks, new_token = (None, None) if crawler else counter.visitor_marks(request, article_id)
    outcome = counter.record_hit(
        article_id, throttle.get_cache_key(request, None), throttle.num_requests, throttle.duration, marks
    )
    if outcome is None:
        outcome = count_without_redis(request, throttle, article_id, marks)
    status, hits = outcome
    if status == "throttled":
        response = message(_("Too many hits from this client; try again later."), 429, key="detail")
        if hits is not None:
            response["Retry-After"] = str(int(hits) + 1)
        return response
    if status == "missing":
        return message(_("No live, public article has this id."), 404)
    response = JsonResponse({"id": article_id, "hits": hits})
    response["Cache-Control"] = "no-store"
    if new_token:
        response.set_cookie(
            counter.VISITOR_COOKIE,
            new_token,
            max_age=counter.COOKIE_MAX_AGE,
            secure=request.is_secure(),
            samesite="Lax",
        )
    return response
