import pytest
from django.db import connection

from hits import counter
from tests.factories import ArticlePageFactory

BROWSER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"


@pytest.fixture(autouse=True)
def _redis_reachable():
    """Each test starts trusting Redis again (a fault test may have tripped the pause)."""
    counter._redis_down_until = 0.0


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section, title="运动会")


def hit(client, article_id, visitor=None, agent=BROWSER_AGENT, **extra):
    """POST the beacon as a browser with visitor cookie ``visitor`` (None: no cookie)."""
    client.cookies.clear()
    if visitor is not None:
        client.cookies["hits_visitor"] = f"visitor-{visitor:012d}"
    return client.post(f"/api/v2/pages/{article_id}/hit/", HTTP_USER_AGENT=agent, **extra)


def shown(client, article_id):
    """The count as the API shows it (stored plus pending)."""
    return client.get(f"/api/v2/pages/{article_id}/").json()["hits"]


@pytest.fixture(scope="module")
def restore_base_data(django_db_blocker):
    """Put back what migrations created (root page, locale, groups) after a module's flushing tests.

    Transactional tests end with a flush; tests after them that use the database without a mark
    (module-scoped demo data) expect that base data, as serialized rollback restores it.
    """
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
