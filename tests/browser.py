"""Debian's chromium, driven by Playwright, for every browser test (never a downloaded browser)."""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags chromium keeps calling Google's hosts, refused on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# What a visitor's desktop browser sends: the hit counter ignores "HeadlessChrome" as a script.
VISITOR_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
)

requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"No Chromium at {CHROMIUM}: apt-get install -y chromium fonts-noto-cjk"
)


def launch(playwright):
    """A headless chromium from Debian's package."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
