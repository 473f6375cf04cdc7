import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from articles.models import ArticlePage

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_message_is_translated():
    catalogue = polib.pofile(str(CATALOGUE))
    missing = [entry.msgid for entry in catalogue if not entry.translated() and not entry.obsolete]
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
    extracted = polib.pofile(str(copy / CATALOGUE.relative_to(settings.BASE_DIR)))
    untranslated = [entry.msgid for entry in extracted if not entry.translated()]
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
