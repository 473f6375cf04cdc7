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

requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"No Chromium at {CHROMIUM}: apt-get install -y chromium fonts-noto-cjk"
)


def launch(playwright):
    """A headless chromium from Debian's package."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
