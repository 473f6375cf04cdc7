"""A bounded soak on loopback: ``python benchmarks/soak.py --duration 300 --connections 64``.

Creates a throwaway PostgreSQL database (``--server``, default the local one), migrates it, seeds the
demo site and collects the static files, then serves it with gunicorn and the production settings
(``--workers`` sync workers) and keeps ``--connections`` clients busy for ``--duration`` seconds with a
mix of pages (home, sections, articles, single pages, search) and API requests (lists, details, site,
search), after one warm-up request to each address. Every ``--interval`` seconds it prints
requests/s, errors, p50/p99 latency and the resident memory of the server (master and workers); at
the end the totals, the errors by kind and how memory moved. The database is dropped afterwards.
Without a reachable PostgreSQL it prints SKIPPED and exits with status 3. It prints figures: not a test.
"""

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from benchmarks.database import add_server_argument, throwaway_database  # noqa: E402

SEARCH_WORDS = ["学校", "特殊教育", "党员", "安全", "康复训练", "家长", "送教上门"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_server_argument(parser)
    parser.add_argument("--duration", type=float, default=300, help="seconds of load (default 300)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--interval", type=float, default=30, help="seconds between progress lines")
    arguments = parser.parse_args()
    with throwaway_database(arguments.server, "soak"), tempfile.TemporaryDirectory() as static_root:
        paths = prepare(static_root)
        run(arguments, paths, static_root)


def prepare(static_root):
    print("soak: migrating, seeding the demo, collecting static files…", flush=True)
    environment = production_environment(static_root)
    for command in (["migrate", "--noinput"], ["seed_demo"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "--verbosity", "0"],
            cwd=BASE_DIR,
            env=environment,
            check=True,
        )
    import django

    django.setup()
    from articles.models import ArticlePage, SectionPage, StandardPage

    articles = list(ArticlePage.objects.live().values_list("pk", "url_path")[:200])
    sections = list(SectionPage.objects.live().values_list("pk", "url_path"))
    singles = list(StandardPage.objects.live().values_list("url_path", flat=True))

    def page(url_path):
        return "/" + url_path.split("/", 2)[2]  # without the home page's own slug

    pages = ["/"] + [page(path) for _pk, path in sections + articles] + [page(path) for path in singles]
    pages += [f"/search/?q={quote(word)}" for word in SEARCH_WORDS]
    api = ["/api/v2/site/", "/api/v2/pages/?type=articles.ArticlePage&limit=20"]
    api += [f"/api/v2/pages/{pk}/" for pk, _path in articles + sections]
    api += [f"/api/v2/search/?q={quote(word)}" for word in SEARCH_WORDS]
    print(f"soak: {len(pages)} page addresses and {len(api)} API addresses", flush=True)
    return pages + api


def production_environment(static_root):
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="soak-" + "s" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=static_root,
    )
    return environment


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_rss(pid):
    """Resident memory in MB of a process and its children (gunicorn's master and workers)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


class Load:
    def __init__(self, port, paths):
        self.port = port
        self.paths = paths
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.latencies = []  # seconds, of successful requests since the last report
        self.all_latencies = []
        self.errors = Counter()
        self.interval_errors = 0

    def client(self, seed):
        chooser = random.Random(seed)
        connection = None
        while not self.stop.is_set():
            path = chooser.choice(self.paths)
            started = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                error = None if response.status == 200 else f"HTTP {response.status}"
                if response.will_close:
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as exception:
                error = type(exception).__name__
                connection.close()
                connection = None
            elapsed = time.perf_counter() - started
            with self.lock:
                if error:
                    self.errors[f"{error} {path}" if error.startswith("HTTP") else error] += 1
                    self.interval_errors += 1
                else:
                    self.latencies.append(elapsed)

    def take(self):
        with self.lock:
            latencies, self.latencies = self.latencies, []
            errors, self.interval_errors = self.interval_errors, 0
        self.all_latencies += latencies
        return latencies, errors


def warm_up(port, paths):
    """Each address once, one at a time: first views make image renditions, which is not the steady state."""
    print("soak: warming up (each address once)…", flush=True)
    for path in paths:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request("GET", path)
        connection.getresponse().read()
        connection.close()


def percentile(values, fraction):
    return (
        sorted(values)[min(len(values) - 1, int(len(values) * fraction))] * 1000 if values else float("nan")
    )


def run(arguments, paths, static_root):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(arguments.workers), "--log-level", "warning"],
        cwd=BASE_DIR,
        env=production_environment(static_root),
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/api/v2/site/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("soak: gunicorn did not start")
                time.sleep(0.2)
        warm_up(port, paths)
        load = Load(port, paths)
        threads = [
            threading.Thread(target=load.client, args=(n,), daemon=True) for n in range(arguments.connections)
        ]
        print(
            f"soak: {arguments.connections} connections, {arguments.workers} gunicorn workers, "
            f"{arguments.duration:g} s; server RSS at start {server_rss(server.pid):.0f} MB",
            flush=True,
        )
        print(f"{'time':>6} {'req/s':>8} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8} {'RSS MB':>8}", flush=True)
        rss = [server_rss(server.pid)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        last = started
        while (now := time.monotonic()) - started < arguments.duration:
            time.sleep(min(arguments.interval, arguments.duration - (now - started)))
            latencies, errors = load.take()
            now = time.monotonic()
            rss.append(server_rss(server.pid))
            print(
                f"{now - started:6.0f} {len(latencies) / (now - last):8.1f} {errors:7d} "
                f"{percentile(latencies, 0.5):8.1f} {percentile(latencies, 0.99):8.1f} {rss[-1]:8.0f}",
                flush=True,
            )
            last = now
        load.stop.set()
        for thread in threads:
            thread.join(35)
        load.take()
        elapsed = time.monotonic() - started
        total = len(load.all_latencies)
        print(
            f"soak: {total} requests in {elapsed:.0f} s ({total / elapsed:.1f} req/s), "
            f"{sum(load.errors.values())} errors; p50 {percentile(load.all_latencies, 0.5):.1f} ms, "
            f"p99 {percentile(load.all_latencies, 0.99):.1f} ms, "
            f"mean {statistics.fmean(load.all_latencies) * 1000 if total else float('nan'):.1f} ms"
        )
        print(
            f"soak: server RSS {rss[0]:.0f} MB at start, {max(rss):.0f} MB at most, {rss[-1]:.0f} MB at end"
        )
        for error, count in load.errors.most_common(10):
            print(f"soak: error {count}× {error}")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
