import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from core.templatetags import fragments
from tests.database import remember_base_data, restore_base_data
from tests.factories import SectionPageFactory, make_site


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    """One throwaway media folder for the session, so module-scoped data keeps its files."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(scope="session", autouse=True)
def _base_data_snapshot(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        remember_base_data()


@pytest.fixture(autouse=True)
def _base_data(_base_data_snapshot, django_db_blocker):
    """Every test starts with the migrated base data, even after a transactional test's flush."""
    with django_db_blocker.unblock():
        restore_base_data()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached site data must not outlive its database rows (nor
    the parts the process keeps)."""
    cache.clear()
    fragments.kept.clear()


@pytest.fixture
def home(db):
    return make_site()


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="新闻动态")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, seeded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        restore_base_data()
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def editor_client(django_user_model):
    """A member of Wagtail's Editors group (编辑, named by the editorial app), logged in to the admin."""
    editor = django_user_model.objects.create_user("editor", password="secret")
    editor.groups.add(Group.objects.get(name="编辑"))
    client = Client()
    client.force_login(editor)
    return client
