"""Every admin string of the installed Wagtail apps has a Chinese translation, and none breaks a placeholder.

Wagtail's own zh_Hans catalogues are incomplete, so the project completes them; a wrong placeholder in a
translation would make Django raise at runtime instead of showing the message.
"""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
import wagtail

WAGTAIL_DIR = Path(wagtail.__file__).parent
PROJECT_DIR = Path(__file__).resolve().parents[2] / "editorial" / "wagtail_zh" / "locale" / "zh_Hans"
APPS = [
    *("", "admin", "users", "images", "documents", "snippets", "search", "sites", "embeds"),
    *("contrib/forms", "contrib/redirects", "contrib/routable_page", "contrib/settings"),
    *("contrib/sitemaps", "contrib/table_block"),
]
DOMAINS = ["django", "djangojs"]
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{\w*\}")


def catalogue(locale_dir, domain):
    path = locale_dir / "LC_MESSAGES" / f"{domain}.po"
    return polib.pofile(str(path)) if path.exists() else []


def is_translated(entry):
    if entry.obsolete or entry.fuzzy:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def placeholders(text):
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_wagtail_msgid_has_a_chinese_translation(domain):
    locale_dirs = [WAGTAIL_DIR / app / "locale" / "zh_Hans" for app in APPS] + [PROJECT_DIR]
    translated = {
        (entry.msgctxt, entry.msgid)
        for locale_dir in locale_dirs
        for entry in catalogue(locale_dir, domain)
        if is_translated(entry)
    }
    untranslated = sorted(
        {
            entry.msgid
            for app in APPS
            for entry in catalogue(WAGTAIL_DIR / app / "locale" / "en", domain)
            if entry.msgid and not entry.obsolete and (entry.msgctxt, entry.msgid) not in translated
        }
    )
    assert not untranslated, f"{len(untranslated)} msgids without a zh_Hans translation: {untranslated}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_project_translations_keep_the_msgid_placeholders(domain):
    broken = []
    for entry in catalogue(PROJECT_DIR, domain):
        if entry.msgid_plural:
            allowed = [placeholders(entry.msgid_plural), placeholders(entry.msgid)]
            translations = entry.msgstr_plural.values()
        else:
            allowed = [placeholders(entry.msgid)]
            translations = [entry.msgstr]
        broken += [(entry.msgid, text) for text in translations if text and placeholders(text) not in allowed]
    assert not broken, f"Translations whose placeholders differ from their msgid: {broken}"
