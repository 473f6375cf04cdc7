"""Admin logins: repeated failures for one user name from one address lock that pair out, and are logged."""

import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.test import Client

LOGIN = "/admin/login/"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="right-password")
    user.groups.add(Group.objects.get(name="编辑"))
    return user


def attempt(password, address="203.0.113.5", **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(LOGIN, {"username": "editor", "password": password})
    return response, client


def fail(times, **kwargs):
    """Failed logins: the form again with its error, until the last allowed failure locks out."""
    statuses = [attempt("wrong", **kwargs)[0].status_code for _ in range(times)]
    return statuses


def test_failures_lock_out_even_the_right_password(editor, settings, caplog):
    caplog.set_level(logging.WARNING, logger="axes")
    assert fail(settings.AXES_FAILURE_LIMIT) == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]

    response, client = attempt("right-password")

    assert response.status_code == 429
    assert "该账户从您的地址登录失败次数过多。请 15 分钟后再试，或请管理员解锁。" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # not signed in
    assert any(
        "Locking out" in record.getMessage()
        and "editor" in record.getMessage()
        and "203.0.113.5" in record.getMessage()
        for record in caplog.records
    )
    [record] = AccessAttempt.objects.all()
    assert (record.username, record.ip_address, record.failures_since_start) == (
        "editor",
        "203.0.113.5",
        settings.AXES_FAILURE_LIMIT + 1,  # the refused right password counts too
    )


def test_fewer_failures_do_not_lock_out(editor, settings):
    assert set(fail(settings.AXES_FAILURE_LIMIT - 1)) == {200}
    response, _client = attempt("right-password")
    assert response.status_code == 302


def test_lockout_is_for_the_user_name_from_that_address(editor, settings):
    fail(settings.AXES_FAILURE_LIMIT)
    response, _client = attempt("right-password", address="203.0.113.6")
    assert response.status_code == 302


def test_behind_a_trusted_proxy_the_client_address_counts(editor, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    fail(settings.AXES_FAILURE_LIMIT, address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")

    locked, _client = attempt("right-password", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    other, _client = attempt("right-password", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert (locked.status_code, other.status_code) == (429, 302)
    assert AccessAttempt.objects.get().ip_address == "198.51.100.1"
