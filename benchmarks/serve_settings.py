"""Production settings plus a constant view (benchmarks/serve_urls.py): for serve_benchmark.py only."""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.serve_urls"
