import pytest

from tests.factories import SectionPageFactory, make_site


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home(db):
    return make_site()


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="新闻动态")
