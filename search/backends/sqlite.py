"""SQLite: the analyzer's tokens stored as space-separated text, which FTS5's unicode61 keeps intact.

FTS5 keeps every position, so phrases need no fallback here.
"""

from django.db.models import F, FloatField, Func, Value
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.query import (
    LexemeCombinable,
    SearchQueryExpression,
    SQLiteFTSIndexEntry,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from ..analysis import indexed_text, query_pieces, tokens
from .compat import ExpressionFiltersMixin, RankExpressionMixin, TitleNormsMixin
from .top import TopHitsMixin

NOTHING = "\ue000"  # a private-use token: FTS5 indexes it, the analyzer never produces it


class CJKObjectIndexer(ObjectIndexer):
    @cached_property
    def title(self):
        return " ".join(tokens(ObjectIndexer.title.func(self)))

    @cached_property
    def body(self):
        return " ".join(tokens(indexed_text(ObjectIndexer.body.func(self))))

    @cached_property
    def autocomplete(self):
        return " ".join(tokens(ObjectIndexer.autocomplete.func(self)))


class CJKSQLiteIndex(TitleNormsMixin, SQLiteIndex):
    def add_items(self, model, objs):
        """Wagtail's upsert with the analyzer's text."""
        if not model.get_search_fields():
            return
        content_type_pk = get_content_type_pk(model)
        values = {
            indexer.id: {"title": indexer.title, "autocomplete": indexer.autocomplete, "body": indexer.body}
            for indexer in (CJKObjectIndexer(obj, self.backend) for obj in objs)
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        existing = set(entries.filter(object_id__in=values).values_list("object_id", flat=True))
        for object_id in existing:
            entries.filter(object_id=object_id).update(**values[object_id])
        self.entries.bulk_create(
            IndexEntry(content_type_id=content_type_pk, object_id=object_id, **fields)
            for object_id, fields in values.items()
            if object_id not in existing
        )
        self.refresh_title_norms()


class RawMatch(LexemeCombinable, Value):
    """An FTS5 query string, taken as written."""

    def as_sql(self, compiler, connection):
        return "%s", [self.value]


class InTitle(Func):
    """1.0 when the title column matches too; a second MATCH on the table needs its own subquery."""

    output_field = FloatField()

    def __init__(self, rowid, query):
        super().__init__(rowid)
        self.query = query

    def as_sql(self, compiler, connection, **extra_context):
        rowid_sql, params = compiler.compile(self.source_expressions[0])
        query_sql, query_params = compiler.compile(self.query)
        table = SQLiteFTSIndexEntry._meta.db_table
        title_rows = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"
        sql = f"(CASE WHEN {rowid_sql} IN ({title_rows}) THEN 1.0 ELSE 0.0 END)"
        return sql, [*params, f"{{title}} : ({query_sql % tuple(query_params)})"]


class CJKQueryMixin(RankExpressionMixin, ExpressionFiltersMixin):
    FTS_TABLE_FIELDS = ["title", "body"]

    def match_text(self, query):
        found = query_pieces(query.query_string)
        if not found:
            return f'"{NOTHING}"'
        parts = []
        for piece in found:
            if piece.cjk and len(piece.text) > 1:
                parts.append(f'("{" ".join(piece.bigrams)}")')
            elif piece.cjk or (self.LAST_TERM_IS_PREFIX and piece == found[-1]):
                parts.append(f'("{piece.text}"*)')
            else:
                parts.append(f'("{piece.text}")')
        return (" OR " if getattr(query, "operator", "and").lower() == "or" else " AND ").join(parts)

    def build_search_query_content(self, query, config=None):
        if isinstance(query, (PlainText, Phrase)):
            return SearchQueryExpression(RawMatch(self.match_text(query)))
        return super().build_search_query_content(query, config=config)

    def get_index_vectors(self):
        return [
            (F("index_entry__title"), F("index_entry__title_norm")),
            (F("index_entry__body"), 1.0),
        ]

    def rank_expression(self, vectors, config):
        """Ascending like FTS5's bm25: -1 for a match in the title, else 0 (see ``search``)."""
        query = normalize(self.query)
        in_title = Value(0.0) if isinstance(query, Not) else InTitle(F("pk"), self.build_search_query(query))
        return Value(0.0) - in_title

    def search(self, config, start, stop, score_field=None):
        """Matches with the title ones first, then in the queryset's own order (or newest id first),
        as on PostgreSQL."""
        queryset = super().search(config, None, None, score_field=score_field)
        score = score_field or "_score"
        if self.order_by_relevance and score in queryset.query.annotations:
            queryset = queryset.order_by(score, *self.queryset.query.order_by, "-pk")
        return queryset[start:stop]


class CJKSQLiteSearchQueryCompiler(CJKQueryMixin, SQLiteSearchQueryCompiler):
    pass


class CJKSQLiteAutocompleteQueryCompiler(CJKQueryMixin, SQLiteAutocompleteQueryCompiler):
    """The admin's page search: the same index as the site search, the last word as a prefix."""


class CJKSQLiteSearchResults(TopHitsMixin, SQLiteSearchResults):
    pass


class CJKSQLiteSearchBackend(SQLiteSearchBackend):
    results_class = CJKSQLiteSearchResults
    query_compiler_class = CJKSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = CJKSQLiteAutocompleteQueryCompiler
    index_class = CJKSQLiteIndex
