"""The themes' static assets exist, so a lost stylesheet or script fails CI instead of a visitor's page."""

import re
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.templatetags.static import static

STATIC_TAG = re.compile(r"""{%\s*static\s+(["'])(?P<path>[^"']+)\1""")
STYLESHEET = "default/css/site.css"


def static_references():
    """Every literal ``{% static '...' %}`` path in every theme template, with the template that uses it."""
    references = []
    for template in sorted(settings.THEMES_DIR.glob("*/templates/**/*.html")):
        for match in STATIC_TAG.finditer(template.read_text(encoding="utf-8")):
            references.append((match["path"], template.relative_to(settings.THEMES_DIR)))
    return references


class AssetCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets = []
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


def test_every_static_reference_in_the_themes_is_found():
    references = static_references()
    assert STYLESHEET in {path for path, _ in references}
    missing = [f"{path} (used by {template})" for path, template in references if not finders.find(path)]
    assert missing == []


def test_home_page_links_the_hashed_stylesheet(home, client, settings, tmp_path):
    """Production serves hashed names from a manifest, so the test links what collectstatic wrote."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)

    response = client.get("/")

    assert response.status_code == 200
    assets = AssetCollector()
    assets.feed(response.content.decode())
    stylesheet = static(STYLESHEET)
    assert stylesheet != settings.STATIC_URL + STYLESHEET
    assert stylesheet in assets.stylesheets
    for url in assets.stylesheets + assets.scripts:
        assert (tmp_path / url.removeprefix(settings.STATIC_URL)).is_file(), url
