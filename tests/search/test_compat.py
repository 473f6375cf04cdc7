"""search/backends/compat.py overrides private methods of modelsearch: pinned to what it was written for."""

from modelsearch.backends.base import BaseSearchQueryCompiler
from modelsearch.backends.database.postgres.postgres import PostgresIndex
from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchQueryCompiler

from tests.internals import check_private_method, check_versions

RECHECK = (
    "that modelsearch still checks a search's filters with _get_filters_from_where_node, ranks with "
    "_build_rank_expression(vectors, config) and calls _refresh_title_norms(full) after writing entries "
    "and at the end of a rebuild; then run tests/search on SQLite and PostgreSQL"
)


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
    check_private_method(SQLiteSearchQueryCompiler, "_build_rank_expression", ["self", "vectors", "config"])


def test_title_norms_are_still_refreshed_by_the_indexes():
    for index in (SQLiteIndex, PostgresIndex):
        check_private_method(index, "_refresh_title_norms", ["self", "full"])
