"""A page part in ``{% fragment %}`` is rendered once for the values it shows, and never shown stale."""

import itertools

import pytest
from django.core.cache import cache
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse
from django.utils import translation

from tests.api.test_preview import save_draft
from tests.factories import ArticlePageFactory

PART = Template(
    "{% load fragments i18n %}"
    "{% fragment part title %}{{ title }} {% translate 'Home' %} {{ renders }}{% endfragment %}"
)


def render(title, renders):
    return PART.render(Context({"title": title, "renders": renders}))


def test_the_same_values_are_rendered_once():
    renders = itertools.count(1)
    assert render("学校新闻", lambda: next(renders)).endswith(" 1")
    assert render("学校新闻", lambda: next(renders)).endswith(" 1")


def test_other_values_render_anew():
    assert render("学校新闻", 1).startswith("学校新闻")
    assert render("党建工作", 2).startswith("党建工作")


def test_each_language_has_its_own_copy():
    with translation.override("zh-hans"):
        chinese = render("学校新闻", 1)
    with translation.override("en"):
        english = render("学校新闻", 2)
    assert "首页" in chinese
    assert "Home" in english


def test_a_part_must_name_what_it_shows():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}{% fragment part %}{% endfragment %}")


def test_a_new_title_shows_on_the_home_page_at_once(client, section):
    article = ArticlePageFactory(parent=section, title="运动会开幕")
    assert "运动会开幕" in client.get("/").content.decode()
    article.title = "运动会闭幕"
    article.save_revision().publish()
    html = client.get("/").content.decode()
    assert "运动会闭幕" in html
    assert "运动会开幕" not in html


def test_a_previewed_draft_stays_out_of_the_public_page(client, editor_client, settings, section):
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {}}
    article = ArticlePageFactory(parent=section, title="二")
    client.get(article.url)
    save_draft(editor_client, article)
    preview = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    assert "草稿正文" in preview.content.decode()
    assert "草稿正文" not in client.get(article.url).content.decode()


def test_the_search_box_keeps_each_visitors_words(client, home):
    for words in ("党员", "特殊教育"):
        assert f'value="{words}"' in client.get("/search/", {"q": words}).content.decode()


def test_a_new_neighbour_shows_on_the_article_at_once(client, section):
    first = ArticlePageFactory(parent=section, title="开学典礼")
    client.get(first.url)
    ArticlePageFactory(parent=section, title="运动会")
    assert 'rel="next">运动会</a>' in client.get(first.url).content.decode()


def test_a_part_used_again_is_kept_by_the_process():
    """Its key always names the same HTML, so a process need not ask a shared cache (Redis) again."""
    render("校园风采", 1)
    cache.clear()
    assert render("校园风采", 2).endswith(" 1")
