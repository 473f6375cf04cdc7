"""search/backends/compat.py overrides private methods of modelsearch: pinned to what it was written for."""

from modelsearch.backends import get_search_backend
from modelsearch.backends.base import BaseSearchQueryCompiler

from tests.internals import check_private_method, check_versions

RECHECK = (
    "that modelsearch still checks a search's filters with _get_filters_from_where_node, ranks with "
    "_build_rank_expression(vectors, config) and calls _refresh_title_norms(full) after writing entries "
    "and at the end of a rebuild; then run tests/search on SQLite and PostgreSQL"
)


def library_class(cls):
    """The modelsearch class ours extends (each database's module imports only on that database)."""
    return next(base for base in cls.__mro__ if base.__module__.startswith("modelsearch."))


def test_written_for_these_versions():
    check_versions(
        "search/backends/compat.py",
        {"wagtail": "8.0.1", "modelsearch": "1.3.2", "Django": "5.2.19"},
        RECHECK,
    )


def test_filters_check_is_still_there():
    check_private_method(
        BaseSearchQueryCompiler, "_get_filters_from_where_node", ["self", "where_node", "check_only"]
    )


def test_rank_expression_is_still_built_by_the_compiler():
    compiler = library_class(get_search_backend().query_compiler_class)
    check_private_method(compiler, "_build_rank_expression", ["self", "vectors", "config"])


def test_title_norms_are_still_refreshed_by_the_index():
    index = library_class(get_search_backend().index_class)
    check_private_method(index, "_refresh_title_norms", ["self", "full"])
