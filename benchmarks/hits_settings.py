"""The hit benchmark's server: the test settings plus a do-nothing endpoint (never on the site)."""

from cms.settings.test import *  # noqa: F403

ROOT_URLCONF = "benchmarks.hits_urls"
