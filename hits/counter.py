"""Counting article views (点击次数): one visitor once per article per window, crawlers never.

With ``HITS_REDIS_URL`` (default ``REDIS_URL``) a hit is one Lua call: the client's rate window is
counted, the article's stored count read from a short cache, the visitor's mark set with
``SET NX EX`` and, only if it was not there, the article's pending total and today's pending
count are incremented in one hash. ``flush()`` renames that hash atomically, adds it to the
database in one transaction under a batch id (so a retried flush never adds it twice) and deletes
it. Without Redis, or while it is failing, the mark is claimed with an ``INSERT … ON CONFLICT``
and the counts move with ``hits = hits + 1`` in the same transaction. A hit whose Redis call
failed part-way may have counted there too: its mark keeps the call's token, and the next flush
asks Redis and takes the database's count back if so. The count shown anywhere is the stored
count plus what is pending in Redis.
"""

import logging
import re
import secrets
import time
import uuid
from datetime import date, timedelta

import redis
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from redis.backoff import NoBackoff
from redis.retry import Retry

from core.clients import client_address

from .models import HitBatch, HitDay, HitMark, counted_model

logger = logging.getLogger(__name__)

PENDING = "hits:pending"
FLUSHING = "hits:flushing"
MARK_PREFIX = "hits:m:"
ARTICLE_PREFIX = "hits:a:"
ARTICLE_CACHE_SECONDS = 5
VISITOR_COOKIE = "hits_visitor"
VISITOR_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
COOKIE_MAX_AGE = 365 * 24 * 3600
BATCH_RETENTION = timedelta(days=7)

# Search engines, feed readers, HTTP libraries and headless or automated browsers.
CRAWLERS = re.compile(
    r"bot\b|bot/|spider|crawl|slurp|sogou|yandex|baidu|bytespider|petalsearch|yisou|"
    r"curl|wget|python|go-http-client|java/|okhttp|libwww|httpclient|http_request|"
    r"scrapy|aiohttp|httpx|axios|node-fetch|undici|postman|insomnia|"
    r"headless|phantomjs|selenium|puppeteer|playwright|lighthouse|facebookexternalhit|preview",
    re.IGNORECASE,
)

HIT_SCRIPT = (
    """
-- KEYS: client's throttle window, article's cached stored count, pending, flushing, then marks
-- ARGV: limit, window seconds, stored count or '', cache seconds, token, HIT_WINDOW, fields
local used = redis.call('INCR', KEYS[1])
if used == 1 then
    redis.call('EXPIRE', KEYS[1], ARGV[2])
end
if used > tonumber(ARGV[1]) then
    return {THROTTLED, redis.call('TTL', KEYS[1])}
end
local stored = redis.call('GET', KEYS[2])
if not stored then
    if ARGV[3] == '' then
        redis.call('DECR', KEYS[1])
        return {UNKNOWN, 0}
    end
    stored = ARGV[3]
    redis.call('SET', KEYS[2], stored, 'EX', ARGV[4])
end
if stored == '-' then
    return {MISSING, 0}
end
local counted = 0
if KEYS[5] and redis.call('SET', KEYS[5], ARGV[5], 'NX', 'EX', ARGV[6]) then
    counted = 1
    redis.call('HINCRBY', KEYS[3], ARGV[7], 1)
    redis.call('HINCRBY', KEYS[3], ARGV[8], 1)
end
if KEYS[6] then
    redis.call('SET', KEYS[6], ARGV[5], 'EX', ARGV[6])
end
local pending = tonumber(redis.call('HGET', KEYS[3], ARGV[7]) or '0')
    + tonumber(redis.call('HGET', KEYS[4], ARGV[7]) or '0')
return {counted, tonumber(stored) + pending}
""".replace("THROTTLED", "-1")
    .replace("UNKNOWN", "-2")
    .replace("MISSING", "-3")
)
THROTTLED, UNKNOWN, MISSING = -1, -2, -3

TAKE_BATCH_SCRIPT = """
if redis.call('EXISTS', KEYS[2]) == 0 then
    if redis.call('EXISTS', KEYS[1]) == 0 then
        return false
    end
    redis.call('RENAME', KEYS[1], KEYS[2])
    redis.call('HSET', KEYS[2], '_batch', ARGV[1])
end
return redis.call('HGETALL', KEYS[2])
"""

DROP_BATCH_SCRIPT = """
if redis.call('HGET', KEYS[1], '_batch') == ARGV[1] then
    return redis.call('DEL', unpack(KEYS))
end
return 0
"""

_clients = {}
_scripts = {}
_redis_down_until = 0.0


def redis_client():
    """The counter's Redis client, or None without one or for a few seconds after it failed."""
    url = settings.HITS_REDIS_URL
    if not url or time.monotonic() < _redis_down_until:
        return None
    if url not in _clients:
        _clients[url] = redis.Redis.from_url(
            url,
            socket_timeout=settings.HITS_REDIS_TIMEOUT,
            socket_connect_timeout=settings.HITS_REDIS_TIMEOUT,
            # One retry is safe: the visitor's mark makes a repeated hit count nothing.
            retry=Retry(NoBackoff(), 1),
        )
    return _clients[url]


def run_script(client, script, keys, args=()):
    """Run a Lua script by its SHA (EVALSHA): its text crosses the socket once per client, not per hit."""
    if (client, script) not in _scripts:
        _scripts[client, script] = client.register_script(script)
    return _scripts[client, script](keys, args)


def _redis_failed(error):
    global _redis_down_until
    _redis_down_until = time.monotonic() + settings.HITS_REDIS_RETRY_SECONDS
    logger.warning("Hit counting falls back to the database: Redis failed (%s)", error)


def is_crawler(request):
    agent = request.META.get("HTTP_USER_AGENT", "").strip()
    return not agent or CRAWLERS.search(agent) is not None


def visitor_marks(request, article_id):
    """The visitor's mark keys for the article and a new cookie token if the request brought none.

    The first key decides. A visitor with a cookie is its token; without one, a keyed hash of the
    address and user agent, and the new token's mark is set too, so the visit that gets the cookie
    is not counted again when the cookie comes back.
    """
    token = request.COOKIES.get(VISITOR_COOKIE, "")
    if VISITOR_TOKEN.match(token):
        return [_mark_key(article_id, f"cookie:{token}")], None
    new_token = secrets.token_urlsafe(18)
    agent = request.META.get("HTTP_USER_AGENT", "")
    return [
        _mark_key(article_id, f"client:{client_address(request)}\n{agent}"),
        _mark_key(article_id, f"cookie:{new_token}"),
    ], new_token


def _mark_key(article_id, visitor):
    return salted_hmac("hits.visitor", f"{article_id}\n{visitor}", algorithm="sha256").hexdigest()


def hittable_hits(article_id):
    """The stored count of a live, public, unexpired article, or None if it cannot be hit."""
    now = timezone.now()
    return (
        counted_model()
        .objects.visible()
        .filter(pk=article_id, expired=False)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .values_list("hits", flat=True)
        .first()
    )


def record_hit(article_id, throttle_key, limit, duration, marks):
    """Throttle, check and count a hit in one Redis call (two when the article is not cached).

    ``marks`` None answers without counting (crawlers). Returns ``("throttled", seconds)``,
    ``("missing", None)`` or ``("counted" | "seen", hits as shown)``; None without Redis or when
    it failed before counting, and the caller counts in the database.
    A fixed window of ``duration`` seconds per client enforces ``HIT_RATE``. The stored count is
    cached for ``ARTICLE_CACHE_SECONDS`` and dropped by each flush that changes it, so whether
    the article can be hit is checked in the database at least that often.
    """
    client = redis_client()
    if client is None:
        return None
    day = today()
    token = uuid.uuid4().hex
    keys = [
        throttle_key,
        ARTICLE_PREFIX + str(article_id),
        PENDING,
        FLUSHING,
        *(MARK_PREFIX + key for key in marks or ()),
    ]
    args = [
        limit,
        duration,
        "",
        ARTICLE_CACHE_SECONDS,
        token,
        settings.HIT_WINDOW,
        f"t:{article_id}",
        f"d:{article_id}:{day.isoformat()}",
    ]
    try:
        status, value = run_script(client, HIT_SCRIPT, keys, args)
        if status == UNKNOWN:
            stored = hittable_hits(article_id)
            args[2] = "-" if stored is None else stored
            status, value = run_script(client, HIT_SCRIPT, keys, args)
    except redis.RedisError as error:
        _redis_failed(error)
        if marks is None:
            return None
        stored = hittable_hits(article_id)
        if stored is None:
            return "missing", None
        # The call may have counted before it failed: the mark keeps its token for the flush to check.
        counted, hits = _count_in_database(article_id, marks, day, uncertain_token=token)
        return ("counted" if counted else "seen"), hits
    if status == THROTTLED:
        return "throttled", max(value, 1)
    if status == MISSING:
        return "missing", None
    return ("counted" if status == 1 else "seen"), value


def today():
    """The day in the site's time zone (Asia/Shanghai)."""
    return timezone.localdate()


def count_in_database(article_id, marks):
    """Count a visit if its first mark is new, without Redis; returns ``("counted" | "seen", hits)``."""
    counted, hits = _count_in_database(article_id, marks, today())
    return ("counted" if counted else "seen"), hits


def _adapt_time(value):
    return connection.ops.adapt_datetimefield_value(value)


def _count_in_database(article_id, marks, day, uncertain_token=""):
    now = timezone.now()
    expires = now + timedelta(seconds=settings.HIT_WINDOW)
    mark_table = connection.ops.quote_name(HitMark._meta.db_table)
    claim = (
        f"INSERT INTO {mark_table} (key, expires_at, token, article_id, day) VALUES (%s, %s, %s, %s, %s) "
        f"ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at, token = excluded.token, "
        f"article_id = excluded.article_id, day = excluded.day WHERE {mark_table}.expires_at <= %s "
        "RETURNING key"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            claim,
            [
                marks[0],
                _adapt_time(expires),
                uncertain_token,
                article_id if uncertain_token else None,
                connection.ops.adapt_datefield_value(day) if uncertain_token else None,
                _adapt_time(now),
            ],
        )
        counted = cursor.fetchone() is not None
        for key in marks[1:]:
            cursor.execute(
                claim.replace(f"WHERE {mark_table}.expires_at <= %s ", ""),
                [key, _adapt_time(expires), "", None, None],
            )
        if not counted:
            return False, hittable_hits(article_id) or 0
        hits = add_totals({article_id: 1}).get(article_id, 0)
        add_daily({(article_id, day): 1}, existing={article_id})
    return True, hits


def add_totals(totals):
    """``hits = hits + n`` for each article; returns the new counts of those that exist."""
    counted = counted_model()
    table = connection.ops.quote_name(counted._meta.db_table)
    column = connection.ops.quote_name(counted._meta.pk.column)
    result = {}
    with connection.cursor() as cursor:
        for article_id, amount in sorted(totals.items()):
            cursor.execute(
                f"UPDATE {table} SET hits = hits + %s WHERE {column} = %s RETURNING hits",
                [amount, article_id],
            )
            row = cursor.fetchone()
            if row is not None:
                result[article_id] = row[0]
    return result


def add_daily(counts, existing=None):
    """Add to the daily counts of ``{(article id, day): n}``, creating the days that are new.

    Articles deleted since their views were counted are left out (``existing``: ids known to exist).
    """
    if not counts:
        return
    table = connection.ops.quote_name(HitDay._meta.db_table)
    if existing is None:
        existing = set(
            counted_model().objects.filter(pk__in={key[0] for key in counts}).values_list("pk", flat=True)
        )
    rows = [
        [article_id, connection.ops.adapt_datefield_value(day), amount]
        for (article_id, day), amount in sorted(counts.items())
        if article_id in existing
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (article_id, day, count) VALUES (%s, %s, %s) "
            f"ON CONFLICT (article_id, day) DO UPDATE SET count = {table}.count + excluded.count",
            rows,
        )


def pending_hits(article_ids):
    """``{article id: views not yet in the database}`` for the given articles (Redis only)."""
    article_ids = [article_id for article_id in article_ids if article_id is not None]
    client = redis_client()
    if client is None or not article_ids:
        return {}
    fields = [f"t:{article_id}" for article_id in article_ids]
    try:
        with client.pipeline(transaction=False) as pipe:
            pipe.hmget(PENDING, fields)
            pipe.hmget(FLUSHING, fields)
            pending, flushing = pipe.execute()
    except redis.RedisError as error:
        _redis_failed(error)
        return {}
    return {
        article_id: int(first or 0) + int(second or 0)
        for article_id, first, second in zip(article_ids, pending, flushing, strict=True)
        if first or second
    }


def all_pending():
    """Every pending count: ``({article id: total}, {(article id, day): n})``."""
    client = redis_client()
    if client is None:
        return {}, {}
    try:
        with client.pipeline(transaction=False) as pipe:
            pipe.hgetall(PENDING)
            pipe.hgetall(FLUSHING)
            hashes = pipe.execute()
    except redis.RedisError as error:
        _redis_failed(error)
        return {}, {}
    totals, days = {}, {}
    for values in hashes:
        _parse_counts(values, totals, days)
    return totals, days


def _parse_counts(values, totals, days):
    for field, amount in values.items():
        kind, _, rest = field.decode().partition(":")
        if kind == "t":
            totals[int(rest)] = totals.get(int(rest), 0) + int(amount)
        elif kind == "d":
            article_id, _, day = rest.partition(":")
            key = (int(article_id), date.fromisoformat(day))
            days[key] = days.get(key, 0) + int(amount)


def current_hits(article):
    """The article's count as shown: stored plus pending (one Redis round trip, no query)."""
    if hasattr(article, "pending_hits"):
        return article.hits + article.pending_hits
    return article.hits + pending_hits([article.pk]).get(article.pk, 0)


def shown_hits(article_id):
    """The count shown for one article, by id: stored (one query) plus pending (one Redis round trip)."""
    stored = counted_model().objects.filter(pk=article_id).values_list("hits", flat=True).first() or 0
    return stored + pending_hits([article_id]).get(article_id, 0)


def attach_pending(articles):
    """Give many articles their pending counts in one round trip (``current_hits`` then reads them)."""
    pending = pending_hits([article.pk for article in articles])
    for article in articles:
        article.pending_hits = pending.get(article.pk, 0)


def flush():
    """Move Redis's pending counts into the database; returns the number of views added.

    Safe to run concurrently with hits and with itself: hits after the rename go to a new hash, and
    a batch id recorded in the same transaction as the counts makes a second apply a no-op.
    """
    HitMark.objects.filter(expires_at__lte=timezone.now(), token="").delete()
    HitBatch.objects.filter(applied_at__lt=timezone.now() - BATCH_RETENTION).delete()
    url = settings.HITS_REDIS_URL
    if not url:
        return 0
    client = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=settings.HITS_REDIS_TIMEOUT)
    _settle_uncertain_marks(client)
    values = run_script(client, TAKE_BATCH_SCRIPT, [PENDING, FLUSHING], [uuid.uuid4().hex])
    if not values:
        return 0
    fields = dict(zip(values[::2], values[1::2], strict=True))
    batch = fields.pop(b"_batch").decode()
    totals, days = {}, {}
    _parse_counts(fields, totals, days)
    try:
        with transaction.atomic():
            HitBatch.objects.create(id=batch)
            add_totals(totals)
            add_daily(days)
    except IntegrityError:
        logger.info("Hit batch %s was already applied", batch)
        added = 0
    else:
        added = sum(totals.values())
    # The articles' cached stored counts go with the batch: the next hit reads the new ones.
    cached = [ARTICLE_PREFIX + str(article_id) for article_id in totals]
    run_script(client, DROP_BATCH_SCRIPT, [FLUSHING, *cached], [batch])
    return added


def _settle_uncertain_marks(client):
    """Hits counted in the database after a failed Redis call: take back those Redis counted too."""
    for mark in HitMark.objects.exclude(token=""):
        counted_in_redis = client.get(MARK_PREFIX + mark.key) == mark.token.encode()
        with transaction.atomic():
            if counted_in_redis and mark.article_id is not None:
                add_totals({mark.article_id: -1})
                HitDay.objects.filter(article_id=mark.article_id, day=mark.day).update(count=F("count") - 1)
            HitMark.objects.filter(key=mark.key, token=mark.token).update(token="")
