from itertools import count

import pytest
from wagtail.rich_text import RichText

from tests.factories import ArticlePageFactory


def paragraphs(*texts):
    return [("text", RichText(f"<p>{text}</p>")) for text in texts]


SLUGS = count()


def make_article(parent, title, *texts, **kwargs):
    """A published article whose body is one paragraph per text."""
    kwargs.setdefault("slug", f"search-case-{next(SLUGS)}")
    return ArticlePageFactory(parent=parent, title=title, body=paragraphs(*texts), **kwargs)


@pytest.fixture
def article(section):
    def build(title, *texts, **kwargs):
        return make_article(section, title, *texts, **kwargs)

    return build
