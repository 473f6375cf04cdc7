"""``POST /api/v2/pages/<id>/hit/``: the article page's beacon and headless clients count a view here."""

import redis
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_redis.exceptions import ConnectionInterrupted

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


def message(text, status):
    response = JsonResponse({"message": text}, status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_POST
def hit(request, pk):
    """Count one view of a live, public article and answer ``{"id": …, "hits": …}``.

    Crawlers and scripts get the count without adding to it; a visitor counts once per article
    per ``HIT_WINDOW``. The answer is never cached.
    """
    if not pk.isdigit():
        return message(_("%(name)s must be a positive whole number.") % {"name": "id"}, 400)
    article_id = int(pk)
    throttle = HitThrottle()
    checked = counter.throttled_hittable_hits(
        article_id, throttle.get_cache_key(request, None), throttle.num_requests, throttle.duration
    )
    if checked is None:
        allowed = throttle.allow_request(request, None)
        wait = None if allowed else throttle.wait()
        stored = counter.hittable_hits(article_id) if allowed else None
    else:
        allowed, wait, stored = checked
    if not allowed:
        response = message(_("Too many hits from this client; try again later."), 429)
        if wait is not None:
            response["Retry-After"] = str(int(wait) + 1)
        return response
    if stored is None:
        return message(_("No live, public article has this id."), 404)
    new_token = None
    if counter.is_crawler(request):
        hits = stored + counter.pending_hits([article_id]).get(article_id, 0)
    else:
        marks, new_token = counter.visitor_marks(request, article_id)
        _counted, hits = counter.count_hit(article_id, marks, stored)
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
