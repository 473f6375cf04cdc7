"""Serving throughput: dynamic, page-cached (locmem, Redis) and static-published, in one run.

    .venv/bin/python benchmarks/serve_benchmark.py [--articles 10000] [--duration 5] [--quick]
        [--stock-articles 2000]

Generates articles in a throwaway PostgreSQL database, starts gunicorn (2 sync workers, production
settings) for each configuration in turn and nginx (when installed) on loopback, and measures each
page with wrk (16 connections), beside nginx serving a plain file of the same size and a Django
view of the same server that returns a constant. Then, in the same setup, the baselines issue #15's
targets are relative to: two bare WSGI apps returning the published home page's bytes (one reading
Redis twice first) and stock Wagtail 8 with a minimal news app (benchmarks/stock/, in a second
throwaway database), without and with Django's per-site cache. Prints requests/s, p50 and p99, and
ratios against these same-run figures. Needs wrk and gunicorn; prints SKIPPED and exits 3 without
PostgreSQL, wrk or gunicorn.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.database import SKIPPED, add_server_argument, throwaway_database  # noqa: E402
from tests import nginx  # noqa: E402
from tests.nginx import free_port, wait_for  # noqa: E402

PAGES = ("home", "section", "article", "api detail", "api list", "search", "api search")
PAGE_CACHED = ("page cache (locmem)", "page cache (Redis)")
SEARCH = "%E7%89%B9%E6%AE%8A%E6%95%99%E8%82%B2"  # 特殊教育
BARE, BARE_REDIS = "bare WSGI", "bare WSGI + 2 Redis GETs"
STOCK, STOCK_CACHED = "stock Wagtail", "stock per-site cache"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per case")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--quick", action="store_true", help="2,000 articles, 2 s per case")
    parser.add_argument("--explain-only", action="store_true", help="only the EXPLAIN of the list queries")
    parser.add_argument(
        "--stock-articles",
        type=int,
        default=2_000,
        help="news pages of the stock Wagtail baseline, as in the issue (0: skip the stock cases)",
    )
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/4",
        help="a database nothing else flushes meanwhile (tests do)",
    )
    parser.add_argument(
        "--explain-articles",
        type=int,
        default=100_000,
        help="grow the database to this many articles and EXPLAIN ANALYZE the list queries (0: skip)",
    )
    add_server_argument(parser)
    args = parser.parse_args()
    if args.quick:
        args.articles, args.duration, args.explain_articles = min(args.articles, 2_000), 2, 0
    return args


def wrk(url, args):
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{args.connections}",
            f"-d{args.duration}s",
            "--latency",
            "-H",
            "Host: localhost",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=args.duration + 60,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)

    def latency(percent):
        value, unit = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {
        "rate": rate,
        "p50": latency(50),
        "p99": latency(99),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def check_published(url):
    """The figure must be nginx's own file, not the app behind it."""
    headers = subprocess.run(
        ["curl", "-s", "-D", "-", "-o", "/dev/null", "-H", "Host: localhost", url],
        capture_output=True,
        text=True,
    ).stdout
    if "X-Published: 1" not in headers:
        raise RuntimeError(f"{url} was not served from a published file")


def warm_and_check(url, cached, hit="X-Page-Cache: hit"):
    """Warming requests (each worker keeps its own local-memory cache, so a few); a page-cached
    configuration must then answer from the cache (Django's cache middleware says so with Age)."""
    command = ["curl", "-s", "-D", "-", "-o", "/dev/null", "-H", "Host: localhost", url]
    for _ in range(10):
        headers = subprocess.run(command, capture_output=True, text=True, check=False).stdout
        if not cached or hit in headers:
            return
    raise RuntimeError(f"{url} was not answered from the page cache (is another process flushing it?)")


def start_gunicorn(env, port, app="cms.wsgi:application"):
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", app],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def serving(env, app="cms.wsgi:application"):
    """gunicorn as start_gunicorn starts it, on a free port; yields its base URL."""
    port = free_port()
    server = start_gunicorn(env, port, app)
    try:
        wait_for(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def prepare(args):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.search_generate import generate
    from home.models import HomeSection, SiteSettings
    from tests.factories import make_site

    call_command("migrate", verbosity=0)
    home = make_site()
    SiteSettings.objects.create(site=home.get_site(), name="湘西自治州特殊教育学校")
    started = time.perf_counter()
    generate(home, args.articles)
    if args.articles:
        call_command("update_index", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"generated and indexed {args.articles} articles in {time.perf_counter() - started:.0f} s")
    from articles.models import ArticlePage, SectionPage

    sections = list(SectionPage.objects.child_of(home).order_by("path")[:3])
    for section in sections:
        HomeSection.objects.create(page=home, section=section, count=8)
    if not args.articles:
        return {}
    article = ArticlePage.objects.listed().descendant_of(sections[0])[5]
    return {
        "home": "/",
        "section": sections[0].url,
        "article": article.url,
        "api detail": f"/api/v2/pages/{article.pk}/",
        "api list": "/api/v2/pages/?type=articles.ArticlePage&fields=cover,section,tags&limit=20",
        "search": f"/search/?q={SEARCH}",
        "api search": f"/api/v2/search/?q={SEARCH}",
    }


def run(args):
    for tool in ("wrk",):
        if not shutil.which(tool):
            print(f"SKIPPED: {tool} is not installed (apt-get install -y wrk)", file=sys.stderr)
            sys.exit(SKIPPED)
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        print("SKIPPED: gunicorn is not installed", file=sys.stderr)
        sys.exit(SKIPPED)
    if args.explain_only:
        args.articles = 0
        prepare(args)
        explain_lists(args)
        return
    urls = prepare(args)
    from django.db import connections

    connections.close_all()
    work = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    static_root, published = work / "static", work / "published"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.serve_settings",
        "SECRET_KEY": "benchmark-only",
        "SECURE_SSL_REDIRECT": "False",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "STATIC_PUBLISH_ROOT": str(published),
        "HIT_RATE": "1000000/minute",
        "SEARCH_RATE": "1000000/minute",
    }
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    # The measured pages only: publishing every page is timed by publish_static itself.
    measured = [urls[page] for page in ("home", "section", "article")]
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "publish_static", *measured], cwd=ROOT, env=env, check=True)
    print(f"published {len(measured)} pages in {time.perf_counter() - started:.1f} s (one process start)")
    page_size = len((published / "localhost" / "index.html").read_bytes())
    (work / "plain").mkdir()
    (work / "plain" / "plain.html").write_bytes(b"x" * page_size)

    results = {}
    configurations = [
        ("dynamic", {"PAGE_CACHE": "False"}),
        ("page cache (locmem)", {"PAGE_CACHE": "True"}),
        (
            "page cache (Redis)",
            {"PAGE_CACHE": "True", "REDIS_URL": args.redis, "CACHE_KEY_PREFIX": "serve-bench"},
        ),
    ]
    for name, extra in configurations:
        with serving({**env, **extra}) as base:
            for page, url in urls.items():
                warm_and_check(base + url, cached=name != "dynamic" and not url.startswith("/api/"))
                results[(name, page)] = wrk(base + url, args)
            if name == "dynamic":
                results[("django constant view", "-")] = wrk(base + "/bench-constant/", args)
                if nginx.NGINX:
                    port = urlsplit(base).port
                    plain = f"    location = /plain.html {{ root {work}/plain; }}"
                    with nginx.running(work, port, published, static_root, extra=plain) as nginx_port:
                        nbase = f"http://127.0.0.1:{nginx_port}"
                        plains = []
                        for page in ("home", "section", "article"):
                            check_published(nbase + urls[page])
                            result, plain_runs = paired(nbase + urls[page], nbase + "/plain.html", args)
                            results[("static (nginx)", page)] = result
                            plains += plain_runs
                        results[("nginx plain file", "-")] = median_run(plains)
    measure_bare(published / "localhost" / "index.html", results, args)
    if args.stock_articles:
        measure_stock(work, results, args)
    report(results, page_size, args)
    shutil.rmtree(work, ignore_errors=True)
    if args.explain_articles > args.articles:
        explain_lists(args)


def median_run(runs, key=lambda run: run["rate"]):
    return sorted(runs, key=key)[len(runs) // 2]


def paired(url, plain_url, args, pairs=3):
    """The page and nginx's plain file in alternation: a ratio of neighbours in time, where the machine's
    drift between cases (larger than the difference measured, at these rates) cancels. The median pair's
    page run, with that pair's ratio; and the plain file's runs."""
    runs, plains = [], []
    for _ in range(pairs):
        plain, page = wrk(plain_url, args), wrk(url, args)
        runs.append({**page, "versus plain": page["rate"] / plain["rate"]})
        plains.append(plain)
    return median_run(runs, key=lambda run: run["versus plain"]), plains


def measure_bare(body_file, results, args):
    """What the same gunicorn setup answers with no framework at all: the issue's figures for scale."""
    env = {**os.environ, "BARE_WSGI_FILE": str(body_file), "BARE_WSGI_REDIS": args.redis}
    for name, app in ((BARE, "application"), (BARE_REDIS, "redis_application")):
        with serving(env, f"benchmarks.bare_wsgi:{app}") as base:
            results[(name, "-")] = wrk(base + "/", args)


@contextlib.contextmanager
def stock_database(server):
    """A second throwaway database on the same server, for the stock site; yields its URL."""
    import psycopg2

    name = f"bench_stock_{os.getpid()}"
    admin = psycopg2.connect(server, connect_timeout=5)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def measure_stock(work, results, args):
    """Stock Wagtail 8 with a minimal news app, measured like our site: the issue's baseline."""
    with stock_database(args.server) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.stock.settings",
            "DATABASE_URL": database_url,
            "STATIC_ROOT": str(work / "stock-static"),
            "MEDIA_ROOT": str(work / "stock-media"),
        }
        env.pop("STOCK_PER_SITE_CACHE", None)
        prepared = subprocess.run(
            [sys.executable, "-m", "benchmarks.stock.prepare", str(args.stock_articles)],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        article = json.loads(prepared.stdout.splitlines()[-1])
        urls = {
            "article": article["article"],
            "api detail": f"/api/v2/pages/{article['id']}/",
            "api list": "/api/v2/pages/?type=news.NewsPage&fields=date,intro&limit=20",
            "api search": f"/api/v2/pages/?search={SEARCH}",
        }
        with serving(env, "benchmarks.stock.wsgi:application") as base:
            request = urllib.request.Request(base + urls["api search"], headers={"Host": "localhost"})
            with urllib.request.urlopen(request, timeout=30) as response:
                found = json.load(response)["meta"]["total_count"]
            print(f"stock: its API search for 特殊教育 finds {found} pages")
            for page, url in urls.items():
                warm_and_check(base + url, cached=False)
                results[(STOCK, page)] = wrk(base + url, args)
        with serving({**env, "STOCK_PER_SITE_CACHE": "1"}, "benchmarks.stock.wsgi:application") as base:
            warm_and_check(base + urls["article"], cached=True, hit="Age: ")
            results[(STOCK_CACHED, "article")] = wrk(base + urls["article"], args)


LEGEND = """\
/stock: vs the same-run stock Wagtail figure the issue compares the row to: dynamic pages vs its article,
        API rows vs its same request, the search page vs its API search, page-cached pages vs its
        per-site-cached article.
/bare:  page-cached rows vs the bare WSGI app (the Redis page cache vs the one reading Redis twice).
/nginx: vs nginx's plain file of the same size; a static row is the median of 3 pairs measured in
        alternation with it (the plain row: the median of those runs)."""


def stock_baseline(name, page):
    """The same-run stock figure the issue compares a row to, or None."""
    if name not in ("dynamic", *PAGE_CACHED):
        return None
    if page in ("api detail", "api list", "api search"):
        return (STOCK, page)
    if name in PAGE_CACHED:
        return (STOCK_CACHED, "article")
    return (STOCK, "api search") if page == "search" else (STOCK, "article")


def bare_baseline(name, page):
    """The bare WSGI app a page-cached row is bounded by: the Redis one for the Redis page cache."""
    if name == STOCK_CACHED or (name == "page cache (locmem)" and not page.startswith("api")):
        return (BARE, "-")
    if name == "page cache (Redis)" and not page.startswith("api"):
        return (BARE_REDIS, "-")
    return None


def report(results, page_size, args):
    plain = results.get(("nginx plain file", "-"), {}).get("rate")
    constant = results[("django constant view", "-")]["rate"]
    setup = f"wrk {args.connections} connections, {args.duration} s per case"
    stock = f", stock {args.stock_articles} news pages" if args.stock_articles else ""
    print(f"\n{args.articles} articles{stock}, home page {page_size} bytes, {setup}")
    columns = ["req/s", "p50 ms", "p99 ms", "/constant", "/nginx", "/stock", "/bare", "errors"]
    print(f"{'configuration':<26}{'page':<12}" + "".join(f"{column:>10}" for column in columns))

    def versus(rate, baseline):
        base = results.get(baseline, {}).get("rate") if baseline else None
        return f"{rate / base:.2f}" if base else ""

    for (name, page), result in results.items():
        rate = result["rate"]
        versus_plain = f"{result.get('versus plain', rate / plain if plain else 0):.2f}" if plain else "-"
        print(
            f"{name:<26}{page:<12}{rate:>10.0f}{result['p50']:>10.1f}{result['p99']:>10.1f}"
            f"{rate / constant:>10.2f}{versus_plain:>10}{versus(rate, stock_baseline(name, page)):>10}"
            f"{versus(rate, bare_baseline(name, page)):>10}{result['errors']:>10}"
        )
    print(LEGEND)


def explain_lists(args):
    """EXPLAIN ANALYZE of every query the list-showing representations run, at a larger size."""
    import statistics

    from django.core.cache import cache
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from articles.models import ArticlePage, SectionPage
    from articles.representations import article_representation, section_representation
    from benchmarks.search_generate import generate
    from home.models import HomePage
    from home.representations import home_representation

    home = HomePage.objects.get()
    started = time.perf_counter()
    generate(home, args.explain_articles - args.articles)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"\ngrew the database to {args.explain_articles} articles in {time.perf_counter() - started:.0f} s")
    section = SectionPage.objects.child_of(home).order_by("path").first()
    count = section.articles().count()
    last_page = -(-count // section.page_size)
    article = ArticlePage.objects.listed().descendant_of(section)[count // 2]
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    cases = {
        "home lists": lambda: home_representation(home, request),
        f"section page 1 of {last_page} ({count} articles)": lambda: section_representation(
            section, request, 1
        ),
        f"section page {last_page} (the last)": lambda: section_representation(section, request, last_page),
        "article latest list and neighbours": lambda: article_representation(article, request),
    }
    for name, build in cases.items():
        cache.clear()
        build()  # renditions and caches
        times = []
        for _ in range(10):
            started = time.perf_counter()
            build()
            times.append((time.perf_counter() - started) * 1000)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            build()
        print(f"\n=== {name}: {statistics.median(times):.1f} ms median, {len(queries)} queries cold")
        with connection.cursor() as cursor:
            for query in queries.captured_queries:
                sql = query["sql"]
                if not sql.startswith("SELECT") or "wagtailimages_rendition" in sql or "taggit" in sql:
                    continue
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql)
                print("\n".join(row[0] for row in cursor.fetchall()))
                print()


def main():
    args = parse_args()
    with throwaway_database(args.server, "bench_serve"):
        os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
        run(args)


if __name__ == "__main__":
    main()
