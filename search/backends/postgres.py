"""PostgreSQL: the analyzer's tokens written as tsvector literals and queried as tsquery literals.

Literals bypass PostgreSQL's parser, whose idea of a word depends on the server's locale and would
glue a whole sentence of Han characters into one token. A tsvector keeps positions only up to
16,383 and at most 256 per lexeme; a text beyond that is stored without positions plus the
``OVERFLOW`` marker, and phrases in such documents are checked against the normalised text that
the index keeps beside the vectors. Every body is thus searchable to its end.
"""

from functools import cached_property, reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQueryCombinable, SearchQueryField
from django.db.models import BooleanField, Case, F, Func, Q, Value, When
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from ..analysis import normalize, query_pieces, tokens

MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256
# Titles are short; reserving their positions keeps ``title || body`` below the limit too.
TITLE_POSITIONS = 1024
OVERFLOW = "\ue001"  # never produced by the analyzer, which drops private-use characters
NOTHING = "\ue000"  # a lexeme no document has: the query for a query without pieces


def tsvector_literal(texts, limit):
    """``texts`` are (text, weight) pairs; lexemes are the analyzer's tokens, which need no quoting."""
    positions = {}
    position = 0
    for text, weight in texts:
        for token in tokens(text):
            position += 1
            positions.setdefault(token, []).append(f"{position}{weight}")
    if position > limit or any(len(found) > MAX_POSITIONS_PER_LEXEME for found in positions.values()):
        return " ".join(f"'{lexeme}'" for lexeme in [*positions, OVERFLOW])
    return " ".join(f"'{lexeme}':{','.join(found)}" for lexeme, found in positions.items())


class TSQuery(SearchQueryCombinable, Func):
    """A tsquery literal, taken as written."""

    template = "%(expressions)s::tsquery"
    output_field = SearchQueryField()

    def __init__(self, text):
        super().__init__(Value(text))


class Matches(Func):
    template = "(%(expressions)s)"
    arg_joiner = " @@ "
    output_field = BooleanField()


def needs_positions(piece):
    """Two or more bigrams: a phrase, which only positions (or the text) can confirm."""
    return piece.cjk and len(piece.text) > 2


def piece_tsquery(piece, prefix=False, positions=True):
    if piece.cjk and len(piece.text) > 1:
        return (" <-> " if positions else " & ").join(f"'{bigram}'" for bigram in piece.bigrams)
    if piece.cjk or prefix:
        return f"'{piece.text}':*"
    return f"'{piece.text}'"


def nodes(query):
    yield query
    if isinstance(query, (Boost, Not)):
        yield from nodes(query.subquery)
    for subquery in getattr(query, "subqueries", ()):
        yield from nodes(subquery)


class CJKObjectIndexer(ObjectIndexer):
    """Vectors as tsvector literals, plain text normalised for checking phrases without positions."""

    def _texts(self, in_title):
        for field in self.search_fields:
            for current_field, weight, value in self.prepare_field(self.obj, field):
                is_title = current_field.field_name == "title"
                if isinstance(current_field, SearchField) and is_title == in_title:
                    yield value, weight

    @cached_property
    def title(self):
        return tsvector_literal(self._texts(in_title=True), TITLE_POSITIONS)

    @cached_property
    def body(self):
        return tsvector_literal(self._texts(in_title=False), MAX_POSITION - TITLE_POSITIONS)

    @cached_property
    def autocomplete(self):
        texts = (
            (value, weight)
            for field in self.search_fields
            for current_field, weight, value in self.prepare_field(self.obj, field)
            if isinstance(current_field, AutocompleteField)
        )
        return tsvector_literal(texts, MAX_POSITION)

    @cached_property
    def title_text(self):
        return normalize(super().title_text)

    @cached_property
    def body_text(self):
        return normalize(super().body_text)


class CJKPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Wagtail's upsert, with literals where it compiles ``to_tsvector`` expressions."""
        if not model.get_search_fields():
            return
        indexers = [CJKObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        params = []
        for indexer in indexers:
            params += [
                content_type_pk,
                indexer.id,
                indexer.title,
                indexer.autocomplete,
                indexer.body,
                indexer.title_text,
                indexer.body_text,
            ]
        row = "(%s, %s, %s::tsvector, %s::tsvector, %s::tsvector, 1.0, %s, %s)"
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table}
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                VALUES {", ".join([row] * len(indexers))}
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body, title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,
                params,
            )
        self._refresh_title_norms()


class CJKQueryMixin:
    """Query pieces as tsquery literals; the title and body vectors for both search and autocomplete."""

    def tsquery_text(self, query, positions=True):
        if isinstance(query, (PlainText, Phrase)):
            found = query_pieces(query.query_string)
            if not found:
                return f"'{NOTHING}'"
            operator = " | " if getattr(query, "operator", "and") == "or" else " & "
            return operator.join(
                f"({piece_tsquery(piece, self.LAST_TERM_IS_PREFIX and piece == found[-1], positions)})"
                for piece in found
            )
        if isinstance(query, Boost):
            return self.tsquery_text(query.subquery, positions)
        if isinstance(query, Not):
            return f"!({self.tsquery_text(query.subquery, positions)})"
        if isinstance(query, (And, Or)):
            operator = " & " if isinstance(query, And) else " | "
            return operator.join(f"({self.tsquery_text(sub, positions)})" for sub in query.subqueries)
        raise NotImplementedError(f"`{query.__class__.__name__}` is not supported by the CJK search backend.")

    def build_tsquery_content(self, query, config=None, invert=False):
        text = self.tsquery_text(query)
        return TSQuery(f"!({text})" if invert else text)

    def verification(self, query):
        """The query checked against the normalised text, for documents stored without positions."""
        if isinstance(query, (PlainText, Phrase)):
            found = query_pieces(query.query_string)
            if not found:
                return Q(Matches(F("_vector_"), TSQuery(f"'{NOTHING}'")))
            conditions = [
                Q(search_title_text__contains=piece.text) | Q(search_body_text__contains=piece.text)
                if needs_positions(piece)
                else Q(
                    Matches(
                        F("_vector_"),
                        TSQuery(piece_tsquery(piece, self.LAST_TERM_IS_PREFIX and piece == found[-1])),
                    )
                )
                for piece in found
            ]
            return reduce(or_ if getattr(query, "operator", "and") == "or" else and_, conditions)
        if isinstance(query, Boost):
            return self.verification(query.subquery)
        if isinstance(query, Not):
            return ~self.verification(query.subquery)
        return reduce(and_ if isinstance(query, And) else or_, map(self.verification, query.subqueries))

    def get_index_vectors(self, search_query):
        return [
            (F("index_entries__title"), F("index_entries__title_norm")),
            (F("index_entries__body"), 1.0),
        ]

    def _build_rank_expression(self, vectors, config):
        """Title matches first, then full-text rank squeezed into [0, 1)."""
        rank = super()._build_rank_expression(vectors, config)
        in_title = Case(
            When(Matches(F("index_entries__title"), self.build_tsquery(self.query)), then=Value(1.0)),
            default=Value(0.0),
        )
        return in_title + rank / (Value(1.0) + rank)

    def search(self, config, start, stop, score_field=None, backend=None):
        if isinstance(self.query, (MatchAll, Fuzzy)) or (
            isinstance(self.query, Not) and isinstance(self.query.subquery, MatchAll)
        ):
            return super().search(config, start, stop, score_field=score_field, backend=backend)

        vectors = self.get_search_vectors(None)
        queryset = self.queryset.annotate(
            _vector_=reduce(lambda a, b: a._combine(b, "||", False), [vector for vector, _ in vectors]),
            search_title_text=F("index_entries__title_text"),
            search_body_text=F("index_entries__body_text"),
        )
        condition = Q(Matches(F("_vector_"), self.build_tsquery(self.query)))
        query_nodes = list(nodes(self.query))
        if any(
            needs_positions(piece)
            for node in query_nodes
            if isinstance(node, (PlainText, Phrase))
            for piece in query_pieces(node.query_string)
        ):
            condition |= Q(Matches(F("_vector_"), TSQuery(f"'{OVERFLOW}'"))) & self.verification(self.query)
            if not any(isinstance(node, Not) for node in query_nodes):
                # Without positions the phrases become a superset the GIN index can answer.
                candidates = TSQuery(self.tsquery_text(self.query, positions=False))
                condition &= Q(Matches(F("_vector_"), candidates))
        queryset = queryset.filter(condition)
        rank_expression = self._build_rank_expression(vectors, config)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)


class CJKPostgresSearchQueryCompiler(CJKQueryMixin, PostgresSearchQueryCompiler):
    pass


class CJKPostgresAutocompleteQueryCompiler(CJKQueryMixin, PostgresAutocompleteQueryCompiler):
    """The admin's page search: the same index as the site search, the last word as a prefix."""


class CJKPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = CJKPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = CJKPostgresAutocompleteQueryCompiler
    index_class = CJKPostgresIndex
