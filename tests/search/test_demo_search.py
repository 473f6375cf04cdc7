"""Search over the demo site equals a substring ground truth, in the theme, the API and the admin.

Ground truth: a page matches when its normalised text (title, subtitle, summary, body) contains every
piece of the normalised query; a piece is a run of Han characters (matched as a substring) or of
ASCII letters and digits (matched as a whole word). A single Han character follows the same rule:
the index keeps the last character of every run, so every character starts a token and a prefix
query finds it exactly.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from articles.models import ArticlePage, SectionPage, StandardPage
from search.analysis import normalize
from tests.factories import SectionPageFactory, StandardPageFactory
from tests.search.conftest import make_article, paragraphs

pytestmark = pytest.mark.django_db

QUERIES = [
    # Chinese words of two to six characters, frequent and rare
    "特殊教育",
    "党员",
    "点评",
    "学校",
    "教育",
    "教师",
    "学生",
    "家长",
    "培训",
    "活动",
    "安全",
    "孤独症",
    "送教上门",
    "创先争优",
    "党支部",
    "十八大",
    "劳动教育",
    "康复",
    "语文",
    "春季学期",
    "开学典礼",
    "志愿服务",
    "湘西",
    "州特校",
    "课题",
    "教研活动",
    "防溺水",
    "家长会",
    "运动会",
    "招生简章",
    "心理健康",
    "量子纠缠",
    "纠缠实验",
    "量子计算机",
    "甲乙丙",
    "乙丙丁戊己",
    "草稿专用词",
    # single characters
    "特",
    "党",
    "年",
    # English, mixed and several pieces
    "Wagtail",
    "wagtail",
    "ＷＡＧＴＡＩＬ",
    "Python",
    "open source",
    "使用Wagtail发布",
    "Wagtail 发布",
    "2010年",
    "2024",
    "特殊教育 党员",
    "特殊教育，党员",
    "点评 工作总结",
]
DONE_WHEN = ["特殊教育", "党员", "点评", "Wagtail"]
LONG_BODY_END = "量子纠缠实验"


@pytest.fixture(scope="module")
def corpus(demo, django_db_blocker):
    """The seeded demo plus pages that must and must not be found; yields the ground truth's texts."""
    with django_db_blocker.unblock(), transaction.atomic():
        add_search_cases()
        yield searchable_texts()
        transaction.set_rollback(True)


def add_search_cases():
    section = SectionPage.objects.filter(depth=3).order_by("path").first()
    make_article(section, "使用Wagtail发布新闻", "本站使用Wagtail发布新闻，an open source CMS in Python.")
    make_article(section, "Open source in special education", "Wagtail and PYTHON for 特殊教育 schools.")
    # Longer than a tsvector's 16,383 positions, with its most common bigrams far over 256 each.
    make_article(section, "长文", "我们一起学习，" * 4000 + LONG_BODY_END)
    # Beyond the limits too: every bigram of 甲乙丙 and 乙丙丁戊己 is there, but not in that order.
    make_article(section, "另一篇长文", "甲乙，乙丙，丙丁戊，丁戊己。" + "我们一起学习，" * 4000)
    about = paragraphs("本站由Wagtail驱动。")
    StandardPageFactory(parent=section, title="关于本站", slug="about-site", body=about)

    draft = make_article(section, "草稿：特殊教育 党员 点评 Wagtail", "草稿专用词", live=False)
    draft.save_revision()
    unpublished = make_article(section, "已撤下的特殊教育新闻", "党员 点评 Wagtail 草稿专用词")
    unpublished.unpublish()
    make_article(
        section,
        "已过期的特殊教育新闻",
        "党员 点评 Wagtail 草稿专用词",
        expire_at=timezone.now() - datetime.timedelta(days=1),
    )
    private = SectionPageFactory(parent=section, title="内部栏目")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    make_article(private, "内部：特殊教育党员点评", "Wagtail 草稿专用词")

    changed = make_article(section, "有新草稿的文章", "正文")
    changed.body = paragraphs("草稿专用词")
    changed.save_revision()


def searchable_texts():
    """The normalised text of every page that search may show, by id."""
    now = timezone.now()
    pages = [
        *ArticlePage.objects.live().public().exclude(expire_at__lte=now),
        *StandardPage.objects.live().public().exclude(expire_at__lte=now),
    ]
    return {page.pk: page_text(page) for page in pages}


def page_text(page):
    parts = [page.title, getattr(page, "subtitle", ""), getattr(page, "summary", "")]
    parts += page.body.stream_block.get_searchable_content(page.body)
    return normalize("\n".join(parts))


def contains(text, piece):
    if re.fullmatch(r"[a-z0-9]+", piece):
        return re.search(rf"(?<![a-z0-9]){piece}(?![a-z0-9])", text) is not None
    return piece in text


def ground_truth(corpus, query):
    pieces = re.findall(r"[\u4e00-\u9fff]+|[a-z0-9]+", normalize(query))
    return {pk for pk, text in corpus.items() if all(contains(text, piece) for piece in pieces)}


def api_ids(client, query, **params):
    response = client.get("/api/v2/search/", {"q": query, "page_size": 50, **params})
    assert response.status_code == 200, response.content
    data = response.json()
    ids = [item["id"] for item in data["results"]]
    for number in range(2, data["pagination"]["num_pages"] + 1):
        more = client.get("/api/v2/search/", {"q": query, "page_size": 50, "page": number, **params}).json()
        ids += [item["id"] for item in more["results"]]
    assert len(ids) == data["pagination"]["count"]
    return ids


def test_enough_queries():
    assert len(QUERIES) >= 40


@pytest.mark.parametrize("query", QUERIES)
def test_api_equals_ground_truth(corpus, client, query):
    ids = api_ids(client, query)
    assert len(ids) == len(set(ids))
    assert set(ids) == ground_truth(corpus, query)


def test_ground_truth_is_not_trivial(corpus):
    found = {query: len(ground_truth(corpus, query)) for query in QUERIES}
    assert all(found[query] for query in DONE_WHEN)
    assert sum(1 for count in found.values() if count) >= 35
    assert found["量子计算机"] == found["草稿专用词"] == 0


def test_end_of_a_long_body_is_found(corpus, client):
    assert [item["title"] for item in client.get("/api/v2/search/", {"q": "量子纠缠"}).json()["results"]] == [
        "长文"
    ]


@pytest.mark.parametrize("query", DONE_WHEN)
def test_theme_lists_every_match(corpus, client, query):
    shown, number = set(), 1
    while number:
        response = client.get("/search/", {"q": query, "page": number})
        data = response.context["data"]
        html = response.content.decode()
        for item in data["results"]:
            assert f'href="{item["url"]}"' in html
            shown.add(item["id"])
        number = data["pagination"]["next_page"]
    assert shown == ground_truth(corpus, query)


@pytest.mark.parametrize("query", DONE_WHEN)
def test_admin_page_search_finds_every_match(corpus, client, query):
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    response = client.get("/admin/pages/search/", {"q": query, "p": 1})
    ids = set()
    page = response.context["page_obj"]
    ids |= {item.pk for item in page.object_list}
    for number in range(2, page.paginator.num_pages + 1):
        more = client.get("/admin/pages/search/", {"q": query, "p": number}).context["page_obj"]
        ids |= {item.pk for item in more.object_list}
    assert ground_truth(corpus, query) <= ids
    # The admin also lists drafts and private pages, but only pages that contain the word.
    for page in Page.objects.filter(pk__in=ids).type(ArticlePage, StandardPage).specific():
        assert contains(page_text(page), normalize(query))
