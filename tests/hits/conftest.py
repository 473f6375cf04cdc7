import pytest

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
