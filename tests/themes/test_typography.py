"""Chinese typography in the theme: full-width punctuation after labels, list order shown as it is."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile

from home.models import SiteSettings
from tests.factories import SHANGHAI, ArticlePageFactory, DocumentFactory, tag

pytestmark = pytest.mark.django_db


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_article_meta_line_and_footer_use_full_width_colons(home, section, client):
    settings = SiteSettings.objects.create(
        site=home.get_site(),
        name="湘西自治州特殊教育学校",
        address="吉首市世纪大道",
        postcode="416000",
        fax="0743-8716244",
        email="xxztjxx@163.com",
    )
    settings.phone_numbers.create(label="值班室", number="0743-8716244")
    settings.save()
    article = tag(ArticlePageFactory(parent=section, title="开学典礼", source="校办公室"), "校园")
    text = text_of(client.get(article.url).content.decode())
    for label in (
        "发布时间：20",
        "点击次数：",
        "作者：办公室",
        "来源：校办公室",
        "标签：",
        "上一篇：",
        "下一篇：",
    ):
        assert label in text
    for label in (
        "地址：吉首市世纪大道",
        "邮编：416000",
        "电话：0743-8716244（值班室）",
        "传真：0743",
        "电子邮箱：xxztjxx",
    ):
        assert label in text
    assert not re.search(r"[\u4e00-\u9fff]: ", text)


def test_attachment_says_its_type_and_size_with_full_width_punctuation(section, client):
    document = DocumentFactory(title="报名表", file=ContentFile(b"%PDF", "form.pdf"), file_size=1_258_291)
    article = ArticlePageFactory(parent=section, body=[("attachment", {"document": document, "title": ""})])
    text = text_of(client.get(article.url).content.decode())
    assert "附件：报名表（PDF，1.2 MB）" in text


def test_home_headlines_are_in_list_order_with_pinned_ones_marked(home, section, client):
    home.featured_count = 4
    home.save()

    def day(year):
        return datetime.datetime(year, 5, 1, 8, 0, tzinfo=SHANGHAI)

    old_pinned = ArticlePageFactory(
        parent=section, featured=True, pinned=True, title="旧闻", publish_time=day(2020)
    )
    newest = ArticlePageFactory(parent=section, featured=True, title="最新消息", publish_time=day(2026))
    older = ArticlePageFactory(parent=section, featured=True, title="较早消息", publish_time=day(2024))
    html = client.get("/").content.decode()
    featured = html[html.index('class="home-featured"') : html.index("</section>")]
    positions = [featured.index(title) for title in (old_pinned.title, newest.title, older.title)]
    assert positions == sorted(positions)
    assert featured.count("置顶") == 1
