"""Hit endpoint throughput on gunicorn + PostgreSQL: ``python benchmarks/hits_benchmark.py``.

For each of "with Redis" (a throwaway redis-server on a free port, appendonly everysec, also the
cache) and "database only", starts gunicorn on a throwaway PostgreSQL database and drives, with
wrk over persistent connections, first a do-nothing endpoint of the same server and then
``POST /api/v2/pages/<id>/hit/``. Every request is a new visitor (its own cookie and forwarded
address, so every one counts and no throttle trips). After ``flush_hits`` the stored count must lie
between the 200 answers wrk saw and the requests it sent (requests in flight when wrk stops are
answered to nobody but still count): an increment lost or doubled shows. Prints requests/s and
the median ratio of alternating do-nothing/hit pairs; the aim is at least 80 % of the do-nothing
endpoint with Redis. Without PostgreSQL it prints SKIPPED and exits 3; without wrk it says so and
exits 3. Not a test.
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from benchmarks.database import SKIPPED, add_server_argument, throwaway_database  # noqa: E402

AIM = 0.8
WRK_SCRIPT = """
local counter = 0
local id = 0
local threads = {}
function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end
function init(args)
    id = tonumber(wrk.thread:get("id")) + 2 * tonumber(args[1])
    sent = 0
    ok = 0
end
function request()
    counter = counter + 1
    sent = sent + 1
    local headers = {
        ["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36",
        ["Cookie"] = string.format("hits_visitor=bench%02d%012d", id, counter),
        ["X-Forwarded-For"] = string.format(
            "10.%d.%d.%d", id, math.floor(counter / 256) % 256, counter % 256),
        ["Content-Length"] = "0",
    }
    return wrk.format("POST", nil, headers, "")
end
function response(status, headers, body)
    if status == 200 then ok = ok + 1 end
end
function done(summary, latency, requests)
    local total_sent, total_ok = 0, 0
    for _, thread in ipairs(threads) do
        total_sent = total_sent + thread:get("sent")
        total_ok = total_ok + thread:get("ok")
    end
    io.write(string.format("COUNTS sent=%d ok=%d\\n", total_sent, total_ok))
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process):
    for _ in range(600):
        if process.poll() is not None:
            sys.exit(f"the server on port {port} exited early")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"nothing listens on port {port}")


def start_redis(directory):
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(directory),
         "--appendonly", "yes", "--appendfsync", "everysec", "--save", ""],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    wait_for_port(port, process)
    return process, f"redis://127.0.0.1:{port}/0"


def start_gunicorn(redis_url, workers, threads):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.hits_settings",
        "REDIS_URL": redis_url,
        "HITS_REDIS_URL": redis_url,
        "TRUSTED_PROXIES": "127.0.0.1",
        "HIT_WINDOW": "1800",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
         "--log-level", "warning"],
        cwd=BASE_DIR,
        env=env,
    )  # fmt: skip
    wait_for_port(port, process)
    # The master listens before its workers have loaded Django: wait for answers from every worker.
    for _ in range(600):
        try:
            statuses = {post(port, "/benchmark/noop/") for _ in range(2 * workers)}
        except OSError:
            statuses = set()
        if statuses == {200}:
            return process, port
        time.sleep(0.1)
    sys.exit("gunicorn does not answer")


def post(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", path, headers={"Content-Length": "0"})
        return connection.getresponse().status
    finally:
        connection.close()


RUNS = iter(range(100))


def run_wrk(url, script, duration, connections):
    """wrk with the visitor script; each run's visitors (cookies, addresses) are new."""
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", script, url, "--", str(next(RUNS))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if os.environ.get("HITS_BENCHMARK_DEBUG"):
        print(output)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    sent, ok = map(int, re.search(r"COUNTS sent=(\d+) ok=(\d+)", output).groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, sent, ok, int(non_2xx.group(1)) if non_2xx else 0


def stored_hits(article_id):
    """The stored count once requests left in flight are answered and flushed (it stops moving)."""
    from django.core.management import call_command

    from articles.models import ArticlePage

    previous = None
    for _ in range(120):
        call_command("flush_hits", verbosity=0)
        current = ArticlePage.objects.get(pk=article_id).hits
        if current == previous:
            return current
        previous = current
        time.sleep(0.5)
    return current


def measure(label, redis_url, article_id, args, script):
    from django.conf import settings

    from articles.models import ArticlePage
    from hits.models import HitDay

    settings.HITS_REDIS_URL = redis_url
    ArticlePage.objects.filter(pk=article_id).update(hits=0)
    HitDay.objects.all().delete()
    server, port = start_gunicorn(redis_url, args.workers, args.threads)
    try:
        base = f"http://127.0.0.1:{port}"
        hit_url = f"{base}/api/v2/pages/{article_id}/hit/"
        run_wrk(f"{base}/benchmark/noop/", script, 2, args.connections)  # warm up both paths
        run_wrk(hit_url, script, 2, args.connections)
        before = stored_hits(article_id)
        # Alternate the two, pair by pair: a disturbance (a Redis rewrite, another process) then
        # spoils one pair, not the comparison; the median pair is the figure.
        pairs, sent, ok, failed = [], 0, 0, 0
        for _ in range(args.rounds):
            noop_rate, *_ = run_wrk(f"{base}/benchmark/noop/", script, args.duration, args.connections)
            hit_rate, round_sent, round_ok, round_failed = run_wrk(
                hit_url, script, args.duration, args.connections
            )
            pairs.append((hit_rate / noop_rate, noop_rate, hit_rate))
            sent, ok, failed = sent + round_sent, ok + round_ok, failed + round_failed
        after = stored_hits(article_id)
    finally:
        server.terminate()
        server.wait()
    counted = after - before
    exact = ok <= counted <= sent and failed == 0
    ratio, noop_rate, hit_rate = sorted(pairs)[len(pairs) // 2]
    print(
        f"{label:<14} do-nothing {noop_rate:8.0f}/s   hit {hit_rate:8.0f}/s   "
        f"ratio {ratio:6.1%} (median of {len(pairs)} pairs: "
        f"{', '.join(f'{pair[0]:.0%}' for pair in pairs)})   sent {sent}, answered 200: {ok}, "
        f"non-2xx: {failed}, counted {counted} -> {'no increment lost or doubled' if exact else 'MISMATCH'}"
    )
    return ratio, exact


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_server_argument(parser)
    parser.add_argument("--duration", type=int, default=5, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=5, help="do-nothing/hit pairs per configuration")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("SKIPPED: wrk is not installed (apt-get install -y wrk)", file=sys.stderr)
        sys.exit(SKIPPED)

    with throwaway_database(args.server, "hits_benchmark"), tempfile.TemporaryDirectory() as tmp:
        import django

        django.setup()
        from django.core.management import call_command

        from tests.factories import ArticlePageFactory, SectionPageFactory, make_site

        call_command("migrate", verbosity=0)
        article = ArticlePageFactory(parent=SectionPageFactory(parent=make_site()))
        script = Path(tmp) / "hits.lua"
        script.write_text(WRK_SCRIPT)
        results = []
        if shutil.which("redis-server"):
            redis_server, redis_url = start_redis(tmp)
            try:
                results.append(("redis", *measure("with Redis", redis_url, article.pk, args, script)))
            finally:
                redis_server.terminate()
                redis_server.wait()
        else:
            print("with Redis: not measured, redis-server is not installed")
        results.append(("database", *measure("database only", "", article.pk, args, script)))
    for name, ratio, exact in results:
        if not exact:
            sys.exit(f"{name}: the count does not match the requests")
        if name == "redis" and ratio < AIM:
            print(
                f"with Redis the hit endpoint reached {ratio:.0%} of the do-nothing one; the aim is {AIM:.0%}"
            )


if __name__ == "__main__":
    main()
