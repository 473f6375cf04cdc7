import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.factories import SectionPageFactory, make_site


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    """One throwaway media folder for the session, so module-scoped data keeps its files."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached site data must not outlive its database rows."""
    cache.clear()


@pytest.fixture
def home(db):
    return make_site()


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="新闻动态")
