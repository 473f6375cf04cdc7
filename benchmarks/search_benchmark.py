"""Search latency on PostgreSQL at scale: ``python benchmarks/search_benchmark.py --articles 100000``.

Creates a throwaway database on the server in ``--server`` (default the local one), migrates it,
generates the articles (benchmarks/search_generate.py), times ``update_index`` and then the search
that ``/search/`` and ``/api/v2/search/`` run for a request (count, first page, snippets) for common
and rare words of 2, 3 and 4 characters. The database is dropped afterwards. Without a reachable PostgreSQL it
prints SKIPPED and exits with status 3: it never passes silently. This is a benchmark, not a test.

``--database URL`` times the searches alone on a database that an earlier run's steps already
generated and indexed, and leaves it as it is: for trying changes to the queries.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from benchmarks.database import add_server_argument, throwaway_database  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per word")
    parser.add_argument("--database", help="an existing generated and indexed database: only time searches")
    add_server_argument(parser)
    return parser.parse_args()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(args):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory

    from benchmarks.search_generate import WORDS, generate
    from search.query import parse_params, search_representation
    from tests.factories import make_site

    if not args.database:
        call_command("migrate", verbosity=0)
        home = make_site()
        started = time.perf_counter()
        generate(home, args.articles)
        print(f"generated {args.articles} articles in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        print(f"update_index: {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does after a bulk load

    print(f"{'word':<8}{'chars':>6}{'freq':>6}{'matches':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for length, words in WORDS.items():
        for label, word in (("high", words[0]), ("low", words[len(words) * 3 // 4])):
            # What the API view does for each request, without DRF's JSON rendering.
            requests = [RequestFactory().get("/api/v2/search/", {"q": word}) for _ in range(args.repeat + 1)]
            params = parse_params(requests[0].GET)
            search_representation(params, requests.pop())  # warm the cache
            times = []
            for request in requests:
                started = time.perf_counter()
                data = search_representation(params, request)
                times.append((time.perf_counter() - started) * 1000)
            pagination = data["pagination"]
            count = f"{pagination['count']}{'' if pagination['count_exact'] else '+'}"
            print(
                f"{word:<8}{length:>6}{label:>6}{count:>9}"
                f"{statistics.median(times):>9.1f}{percentile(times, 0.95):>9.1f}"
            )


def main():
    args = parse_args()
    if args.database:
        os.environ["DATABASE_URL"] = args.database
        os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
        run(args)
        return
    with throwaway_database(args.server, "search_bench"):
        run(args)


if __name__ == "__main__":
    main()
