import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from articles.models import ArticlePage

BASE_DIR = Path(settings.BASE_DIR)


def zh_catalogues(root):
    """The project's catalogue and each app's own, as makemessages writes them."""
    return sorted(
        path for path in root.glob("**/locale/zh_Hans/LC_MESSAGES/django.po") if ".venv" not in path.parts
    )


def test_every_message_is_translated():
    missing = [
        (str(path.relative_to(BASE_DIR)), entry.msgid)
        for path in zh_catalogues(BASE_DIR)
        for entry in polib.pofile(str(path))
        if not entry.translated() and not entry.obsolete
    ]
    assert missing == []


@pytest.mark.skipif(
    not shutil.which("xgettext"), reason="GNU gettext (xgettext) is needed to extract messages"
)
def test_catalogue_covers_every_message_in_the_source(tmp_path):
    """makemessages on a copy finds no string that the committed catalogue lacks."""
    copy = tmp_path / "src"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "tests", "*.mo"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "zh_Hans", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "cms.settings.test", "PATH": "/usr/bin:/bin"},
    )
    untranslated = [
        entry.msgid
        for path in zh_catalogues(copy)
        for entry in polib.pofile(str(path))
        if not entry.translated()
    ]
    assert untranslated == []


def test_model_labels_are_chinese_by_default():
    with translation.override(settings.LANGUAGE_CODE):
        assert str(ArticlePage._meta.get_field("publish_time").verbose_name) == "发布时间"
        assert str(ArticlePage._meta.get_field("hits").verbose_name) == "点击次数"


def test_english_is_available():
    with translation.override("en"):
        assert str(ArticlePage._meta.get_field("publish_time").verbose_name) == "publish time"


def test_admin_is_chinese(client, db):
    response = client.get("/admin/login/")
    assert "登录" in response.content.decode()
