"""Every public answer of a site, as ``{path: [status, sha256 of the body, lists]}`` JSON on stdout;
``lists`` marks answers with lists of other pages (home, sections, site data, page lists, search).

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

    pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")
    listing = {"homepage", "sectionpage"}
    paths = dict.fromkeys(("/", "/api/v2/site/", "/api/v2/pages/?limit=100", "/search/?q=学校"), True)
    paths["/api/v2/search/?q=学校"] = True
    for page in pages:
        lists = page.specific_class._meta.model_name in listing
        if page.url:
            paths[page.url] = lists
        paths[f"/api/v2/pages/{page.pk}/"] = lists
    client = Client()
    result = {}
    for path, lists in paths.items():
        response = client.get(path)
        result[path] = [response.status_code, hashlib.sha256(response.content).hexdigest(), lists]
    return result


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    django.setup()
    json.dump(answers(), sys.stdout, ensure_ascii=False)
