"""Screenshots of the default theme for the README, made in Debian's chromium.

Seeds the demo into a throwaway SQLite database, serves it on a free loopback port, and shoots the
home page and an article at desktop and phone widths, with and without 长者模式 (extra-large text,
wider line spacing and high contrast), into docs/screenshots/ as palette PNGs.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from tests.browser import CHROMIUM, launch  # noqa: E402

WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
ELDER_MODE = {"text": "xlarge", "contrast": True, "spacing": True, "cursor": False}
COLOURS = 256


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, **kwargs)


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The demo server at {url} did not answer within {timeout} s")


def optimise(path):
    """Down to a 256-colour palette: a theme's flat colours survive, the file shrinks several times."""
    from PIL import Image

    with Image.open(path) as image:
        image.convert("RGB").quantize(COLOURS, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def shoot(base_url, article_path, out):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        for width_name, (width, height) in WIDTHS.items():
            for elder in (False, True):
                context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
                if elder:
                    context.add_init_script(
                        f"localStorage.setItem('a11y', {json.dumps(json.dumps(ELDER_MODE))})"
                    )
                page = context.new_page()
                for page_name, path in (("home", "/"), ("article", article_path)):
                    page.goto(base_url + path, wait_until="networkidle")
                    target = out / f"{page_name}-{width_name}{'-elder' if elder else ''}.png"
                    page.screenshot(path=target)
                    optimise(target)
                    print(f"{target.relative_to(BASE_DIR)}: {target.stat().st_size // 1024} KiB")
                context.close()
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BASE_DIR / "docs" / "screenshots")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"SKIPPED: no chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
        return 3
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DATABASE_URL": f"sqlite:///{workdir}/db.sqlite3",
            "MEDIA_ROOT": f"{workdir}/media",
        }
        env.pop("REDIS_URL", None)
        manage(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
        manage(env, "seed_demo", stdout=subprocess.DEVNULL)
        article_path = (
            manage(
                env,
                "shell",
                "-c",
                "from articles.models import ArticlePage;"
                "print(ArticlePage.objects.listed().exclude(cover=None).first().relative_url(None))",
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )  # the shell may print its own notes first
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_up(base_url + "/")
            shoot(base_url, article_path, args.out)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
