"""访问统计 in the admin: views per day per section, a chart served from the site itself, CSV export."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from hits.models import HitDay
from tests.factories import ArticlePageFactory, SectionPageFactory


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", password="secret")
    client.force_login(admin)
    return client


@pytest.fixture
def statistics(home, section):
    today = timezone.localdate()
    notices = SectionPageFactory(parent=home, title="通知公告")
    for parent, views in ((section, 7), (section, 5), (notices, 3)):
        article = ArticlePageFactory(parent=parent)
        HitDay.objects.create(article=article, day=today, count=views)
        HitDay.objects.create(article=article, day=today - timedelta(days=1), count=1)
    HitDay.objects.create(article=article, day=today - timedelta(days=90), count=100)
    return today


def test_the_report_shows_views_per_day_per_section_in_chinese(admin_client, statistics):
    html = admin_client.get("/admin/reports/visits/").content.decode()
    assert "访问统计" in html
    assert "<svg" in html and "<rect" in html
    loaded_from_elsewhere = re.findall(r'(?:src="|<link[^>]*href=")(?:https?:)?//', html)
    assert not loaded_from_elsewhere
    assert html.count("新闻动态") == 2
    assert html.count("通知公告") == 2


def test_the_report_exports_csv(admin_client, statistics):
    response = admin_client.get("/admin/reports/visits/?export=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    today = statistics.isoformat()
    assert rows[1:3] == [[today, "新闻动态", "12"], [today, "通知公告", "3"]]
    assert len(rows) == 5


def test_the_report_filters_by_day(admin_client, statistics):
    old = (statistics - timedelta(days=90)).isoformat()
    response = admin_client.get(f"/admin/reports/visits/?export=csv&day_from={old}&day_to={old}")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1:] == [[old, "通知公告", "100"]]
