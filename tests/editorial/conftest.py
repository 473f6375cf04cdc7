import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from editorial import roles


@pytest.fixture
def login(django_user_model):
    """``login(name, *groups)``: a user in those groups, logged in to the admin, as a client."""

    def make(name, *groups, email=""):
        user = django_user_model.objects.create_user(name, email=email, password="secret")
        user.groups.add(*(Group.objects.get(name=group) for group in groups))
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return make


@pytest.fixture
def roles_set_up(home):
    return roles.setup_roles()


def article_form(title, body_html="<p>正文第一段。</p><p>第二段。</p>", **fields):
    """The article editor's form as the admin posts it."""
    return nested_form_data(
        {
            "title": title,
            "slug": "",
            "subtitle": "",
            "publish_time": "2024-07-02 09:00",
            "author": "办公室",
            "source": "",
            "summary": "",
            "cover": "",
            "tags": "",
            "body": streamfield([("text", rich_text(body_html))] if body_html else []),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
            **fields,
        }
    )
