"""transfer/bulk_pages.py uses private parts of Django, treebeard and Wagtail: pinned to the versions it
was written against, and its rows compared with the ones Wagtail's public way writes."""

from django.db.models.query import QuerySet
from treebeard.mp_tree import MP_Node
from wagtail.models import ReferenceIndex

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory, ImageFactory, SectionPageFactory
from tests.internals import check_private_method, check_versions
from transfer.bulk_pages import add_references, child_path

RECHECK = (
    "treebeard's MP_Node._get_path(path, depth, newstep) and _inc_path(), Django's QuerySet._insert(objs, "
    "fields) for a child model's rows, Wagtail's ReferenceIndex._extract_references_from_object(object) "
    "and _get_content_path_hash(content_path), and that add_child() and publishing a new page still write "
    "only the rows transfer/importer.py's create_articles() writes; then run tests/transfer"
)


def test_written_for_these_versions():
    check_versions(
        "transfer/bulk_pages.py",
        {"wagtail": "8.0.1", "django-treebeard": "5.3.1", "Django": "5.2.19"},
        RECHECK,
    )


def test_private_methods_are_still_there():
    check_private_method(MP_Node, "_get_path", ["path", "depth", "newstep"])
    check_private_method(MP_Node, "_inc_path", ["self"])
    check_private_method(
        QuerySet,
        "_insert",
        [
            "self",
            "objs",
            "fields",
            "returning_fields",
            "raw",
            "using",
            "on_conflict",
            "update_fields",
            "unique_fields",
        ],
    )
    check_private_method(ReferenceIndex, "_extract_references_from_object", ["object"])
    check_private_method(ReferenceIndex, "_get_content_path_hash", ["content_path"])


def test_child_paths_are_the_ones_add_child_gives(home):
    section = SectionPageFactory(parent=home)
    first_path = child_path(section, None)
    first = ArticlePageFactory(parent=section)
    second_path = child_path(section, first)
    second = ArticlePageFactory(parent=section)
    assert (first_path, second_path) == (first.path, second.path)


def test_references_are_the_ones_wagtail_indexes(home):
    article = ArticlePageFactory(parent=SectionPageFactory(parent=home), cover=ImageFactory())
    ReferenceIndex.create_or_update_for_object(article)
    references = ReferenceIndex.get_references_for_object(article)
    columns = (
        "content_type",
        "base_content_type",
        "object_id",
        "to_content_type",
        "to_object_id",
        "model_path",
        "content_path",
        "content_path_hash",
    )
    wagtails = set(references.values_list(*columns))
    references.delete()
    add_references(ArticlePage, [article])
    assert set(references.values_list(*columns)) == wagtails
    assert {row[-3] for row in wagtails} == {"cover"}
