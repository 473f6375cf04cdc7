"""Checks before publishing: what an editor should see before a page goes live.

Errors are content that is invalid (nothing to read, a file that is gone) and block publishing and
submitting for review; warnings are content that may be intended and only show.
"""

import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

ERROR = "error"
WARNING = "warning"
TEST_TITLE = re.compile(r"测试|\btest\b", re.IGNORECASE)
LINK_TAG = re.compile(r"<a\b[^>]*>")
PAGE_LINK_ID = re.compile(r'\bid="(\d+)"')


@dataclass(frozen=True)
class Finding:
    level: str
    message: str

    @property
    def is_error(self):
        return self.level == ERROR


def check_content(title, body=None, publish_time=None, go_live_at=None):
    """Findings for a page's fields; ``body`` is a StreamField value or None for pages without one."""
    findings = []
    if title and TEST_TITLE.search(title):
        findings.append(Finding(WARNING, _("The title contains “测试” or “test”: is this test content?")))
    if publish_time and publish_time > timezone.now() and not go_live_at:
        findings.append(
            Finding(
                WARNING,
                _(
                    "The publish time is in the future, but no go-live time is set: the article "
                    "would appear now, dated in the future. Set 上线时间 to publish it later."
                ),
            )
        )
    if body is not None:
        findings += check_body(body)
    return findings


def check_body(body):
    """The body's own findings and each block's (see ``BodyPart.findings``)."""
    blocks = list(body)
    findings = []
    if not any(block.block.shows_something(block.value) for block in blocks):
        findings.append(Finding(ERROR, _("The body is empty.")))
    for block in blocks:
        findings.extend(block.block.findings(block.value))
    linked = _linked_page_ids(source for block in blocks for source in block.block.rich_texts(block.value))
    if linked:
        live = set(Page.objects.filter(pk__in=linked, live=True).values_list("pk", flat=True))
        titles = dict(Page.objects.filter(pk__in=linked - live).values_list("pk", "title"))
        for page_id in sorted(linked - live):
            findings.append(
                Finding(
                    WARNING,
                    _("A link points to “%(title)s”, which is not published.")
                    % {"title": titles.get(page_id, _("(deleted page)"))},
                )
            )
    return findings


def _linked_page_ids(rich_text_sources):
    ids = set()
    for source in rich_text_sources:
        for tag in LINK_TAG.findall(source):
            if 'linktype="page"' in tag and (match := PAGE_LINK_ID.search(tag)):
                ids.add(int(match.group(1)))
    return ids


def check_page(page):
    return check_content(
        page.title,
        getattr(page, "body", None),
        getattr(page, "publish_time", None),
        page.go_live_at,
    )
