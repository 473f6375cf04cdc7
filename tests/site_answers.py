"""Every public answer of a site, as ``{path: [status, sha256 of the body]}`` JSON on stdout.

Run against a database and media folder from the environment (DATABASE_URL, MEDIA_ROOT), e.g. to
compare a site before a backup with the same site restored from it: ``python -m tests.site_answers``.
"""

import hashlib
import json
import os
import sys

import django


def answers():
    from django.test import Client
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    paths = ["/", "/api/v2/site/", "/api/v2/pages/?limit=100", "/search/?q=学校", "/api/v2/search/?q=学校"]
    paths += sorted(page.url for page in pages if page.url)
    paths += [f"/api/v2/pages/{page.pk}/" for page in pages]
    client = Client()
    result = {}
    for path in paths:
        response = client.get(path)
        result[path] = [response.status_code, hashlib.sha256(response.content).hexdigest()]
    return result


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    django.setup()
    json.dump(answers(), sys.stdout, ensure_ascii=False)
