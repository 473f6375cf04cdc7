"""An article from draft to published through 文章审核, as the editors do it in the admin."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from articles.models import ArticlePage
from editorial import roles
from tests.editorial.conftest import article_form

ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
# What a notification may contain in Latin letters: addresses, and the links back to the admin.
URL = re.compile(r"https?://\S+")


@pytest.fixture
def people(section, roles_set_up, login):
    roles.setup_section_editors(section)
    editor = login("editor1", roles.section_group_name(section), email="editor@example.org")
    reviewer = login("reviewer1", roles.REVIEWERS, email="reviewer@example.org")
    return editor, reviewer


def submit(editor, section, title="运动会通知"):
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    response = editor.post(url, article_form(title, **{"action-submit": "提交审核"}))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return ArticlePage.objects.get(title=title)


def act(reviewer, article, action, comment=""):
    state = article.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, action, state.pk])
    response = reviewer.post(url, {"comment": comment})
    assert response.status_code == 302
    article.refresh_from_db()
    return state


def visible_text(message):
    return URL.sub("", f"{message.subject}\n{message.body}")


def test_submitting_tells_the_reviewers_in_chinese(section, people):
    editor, _reviewer = people
    mail.outbox.clear()
    article = submit(editor, section)
    assert not article.live
    assert article.current_workflow_task.name == "审核"
    [message] = [message for message in mail.outbox if "reviewer@example.org" in message.to]
    assert "运动会通知" in message.subject
    assert ENGLISH_WORD.findall(visible_text(message)) == []


def test_approval_publishes(section, people):
    editor, reviewer = people
    article = submit(editor, section)
    mail.outbox.clear()
    act(reviewer, article, "approve", "同意发布。")
    assert article.live
    [message] = [message for message in mail.outbox if "editor@example.org" in message.to]
    assert ENGLISH_WORD.findall(visible_text(message)) == []


def test_rejection_keeps_the_draft_and_the_comment(section, people):
    editor, reviewer = people
    article = submit(editor, section)
    mail.outbox.clear()
    state = act(reviewer, article, "reject", "请补充活动时间。")
    state.refresh_from_db()
    assert not article.live
    assert state.status == "rejected"
    assert state.comment == "请补充活动时间。"
    [message] = [message for message in mail.outbox if "editor@example.org" in message.to]
    assert "请补充活动时间" in message.body
    assert ENGLISH_WORD.findall(visible_text(message)) == []


def test_final_review_is_a_second_approval(section, people, login):
    roles.setup_roles(final_review=True)
    editor, reviewer = people
    admin = login("chief", roles.SITE_ADMINS)
    article = submit(editor, section)
    act(reviewer, article, "approve")
    assert not article.live
    assert article.current_workflow_task.name == "终审"
    act(admin, article, "approve")
    assert article.live


def test_an_error_blocks_submitting_but_not_saving_a_draft(section, people):
    editor, _reviewer = people
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    response = editor.post(url, article_form("空文章", body_html="", **{"action-submit": "提交审核"}))
    assert response.status_code == 200
    assert "正文为空" in response.content.decode()
    assert not ArticlePage.objects.filter(title="空文章").exists()
    assert editor.post(url, article_form("空文章", body_html="")).status_code == 302
    assert ArticlePage.objects.get(title="空文章").workflow_in_progress is False
