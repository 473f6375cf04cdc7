"""PostgreSQL: the analyzer's tokens written as tsvector literals and queried as tsquery literals.

Literals bypass PostgreSQL's parser, whose idea of a word depends on the server's locale and would
glue a whole sentence of Han characters into one token. A tsvector keeps positions only up to
16,383 and at most 256 per lexeme; a text beyond that is stored without positions or n-grams plus
the ``OVERFLOW`` marker, and pieces of three or more characters in such documents are looked for in
the normalised text that the index keeps beside the vectors for them alone. Every body is
thus searchable to its end.

Vectors also hold the CJK n-grams of three and four characters without positions. The body vector
holds the title as well, so each query piece is one lookup in Wagtail's GIN index on it: PostgreSQL
answers pieces of up to four characters from the index alone, and confirms only longer ones on the
candidates' positions. The title vector tells which matches have the query in their title.
"""

from contextlib import contextmanager
from functools import cached_property, reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQueryCombinable, SearchQueryField
from django.db import connections, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.index import SearchField
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks
from wagtail.models import Page

from ..analysis import NGRAM_MAX, indexed_text, ngrams, normalize, normalized_tokens, query_pieces
from .compat import ExpressionFiltersMixin, TitleNormsMixin
from .top import Hit, TopHitsMixin, order_fields, sort_hits

MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256
# Rows whose titles ``top()`` checks itself before asking the title's GIN index.
TITLE_SCAN_ROWS = 100
# Querysets of up to this many rows are searched by checking each row (a few for a kind of page
# there are few of), not through the GIN indexes, which may hold a common word for every page.
SMALL_SCOPE = 200
OVERFLOW = "\ue001"  # never produced by the analyzer, which drops private-use characters


def tsvector_literal(texts, limit=MAX_POSITION):
    """``texts`` are normalised (text, weight) pairs; lexemes are the analyzer's tokens, which need no
    quoting, and the CJK n-grams without positions. A vector beyond the limits keeps neither positions
    nor n-grams: with them it could pass PostgreSQL's 1 MB limit for a tsvector."""
    positions = {}
    position = 0
    for text, weight in texts:
        for token in normalized_tokens(text):
            position += 1
            found = positions.get(token)
            if found is None:
                positions[token] = [f"{position}{weight}"]
            else:
                found.append(f"{position}{weight}")
    if position > limit or any(len(found) > MAX_POSITIONS_PER_LEXEME for found in positions.values()):
        return " ".join(f"'{lexeme}'" for lexeme in [*positions, OVERFLOW])
    grams = set().union(*(ngrams(text) for text, _ in texts))
    return " ".join(
        [
            *(f"'{lexeme}':{','.join(found)}" for lexeme, found in positions.items()),
            *(f"'{gram}'" for gram in grams),
        ]
    )


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


def needs_text(piece):
    """Three or more CJK characters: an n-gram or a phrase, which a vector beyond the limits lacks."""
    return piece.cjk and len(piece.text) > 2


def piece_tsquery(piece, prefix=False):
    """Two characters are a bigram, three or four an n-gram; longer ones are their 4-grams (which the
    GIN index answers) and the phrase of their bigrams (which positions confirm)."""
    if piece.cjk and len(piece.text) > NGRAM_MAX:
        grams = " & ".join(f"'{gram}'" for gram in dict.fromkeys(piece.ngrams))
        phrase = " <-> ".join(f"'{bigram}'" for bigram in piece.bigrams)
        return f"{grams} & ({phrase})"
    if piece.cjk and len(piece.text) > 1:
        return f"'{piece.text}'"
    if piece.cjk or prefix:
        return f"'{piece.text}':*"
    return f"'{piece.text}'"


class CJKObjectIndexer(ObjectIndexer):
    """Vectors as tsvector literals, plain text normalised for checking phrases without positions.

    The body vector holds the title too, so that one GIN index answers whether a page matches; the
    title vector alone tells which pages have the query in their title. Each field is prepared once
    (a StreamField's searchable text is costly) and shared by all columns. The autocomplete column
    stays empty: the admin's search uses the same vectors.
    """

    @cached_property
    def _texts(self):
        """(is the title, normalised text, weight) for every search field with text, title first."""
        texts = [
            (current_field.field_name == "title", text, weight)
            for field in self.search_fields
            if isinstance(field, SearchField)
            for current_field, weight, value in self.prepare_field(self.obj, field)
            if (text := normalize(indexed_text(value.strip())))
        ]
        return sorted(texts, key=lambda text: not text[0])

    @cached_property
    def title(self):
        return tsvector_literal([(text, weight) for is_title, text, weight in self._texts if is_title])

    @cached_property
    def body(self):
        return tsvector_literal([(text, weight) for _is_title, text, weight in self._texts])

    @cached_property
    def autocomplete(self):
        return ""

    @cached_property
    def body_text(self):
        """The text, kept only where the vector has no positions to confirm phrases: a short heap
        row makes reading the index entries of a frequent word cheap."""
        if not self.body.endswith(f"'{OVERFLOW}'"):
            return ""
        return " ".join(text for _is_title, text, _weight in self._texts)


@contextmanager
def local_settings(connection, **settings):
    """A cursor in a transaction with ``settings`` changed, and restored after it (even in an outer
    transaction, where ``SET LOCAL`` would outlive the block). One statement sets them all, reading
    the previous values first (in a subquery), and one restores them."""

    def set_all(values):
        return ", ".join(["set_config(%s, %s, true)"] * len(values)), [
            item for name, value in values.items() for item in (name, value)
        ]

    names = list(settings)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if not settings:
            yield cursor
            return
        changes, params = set_all(settings)
        current = ", ".join(["current_setting(%s)"] * len(names))
        cursor.execute(
            f"SELECT previous.*, {changes} FROM (SELECT {current} OFFSET 0) previous", [*params, *names]
        )
        previous = dict(zip(names, cursor.fetchone()[: len(names)], strict=True))
        yield cursor
        changes, params = set_all(previous)
        cursor.execute(f"SELECT {changes}", params)


class CJKPostgresIndex(TitleNormsMixin, PostgresIndex):
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
                indexer.body_text,
            ]
        row = "(%s, %s, %s::tsvector, %s::tsvector, %s::tsvector, 1.0, '', %s)"
        bulk = {"gin_pending_list_limit": "1GB", "work_mem": "256MB"} if len(indexers) > 1 else {}
        with local_settings(self.write_connection, **bulk) as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table}
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                VALUES {", ".join([row] * len(indexers))}
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body, title_text = '', body_text = EXCLUDED.body_text
                """,
                params,
            )
            if bulk:
                # The GIN indexes' new entries, merged in one pass per batch rather than one per 4 MB.
                cursor.execute(
                    "SELECT gin_clean_pending_list(indexrelid) FROM pg_index"
                    " JOIN pg_class ON pg_class.oid = indexrelid JOIN pg_am ON pg_am.oid = relam"
                    " WHERE indrelid = %s::regclass AND amname = 'gin'",
                    [IndexEntry._meta.db_table],
                )

    def refresh_title_norms(self, full=False):
        """Nothing to do: ranking does not weigh titles by length, so ``title_norm`` stays 1.0.

        Wagtail's refresh rewrites every new row (and at the end of a rebuild the whole table), and
        with it every GIN entry, for a value that no query reads.
        """


class CJKQueryMixin(ExpressionFiltersMixin):
    """Query pieces as tsquery literals on the title and body vectors, for search and autocomplete."""

    def piece_condition(self, piece, prefix):
        """The piece in the body vector (which holds the title too); for a vector beyond the limits,
        in the text kept beside it.

        One tsquery finds both, so the body's GIN index answers it alone: an entry without the
        ``OVERFLOW`` marker matches only through the piece, and the few entries with it are all
        candidates. Checking the text is a filter that, for the usual entry without text, costs a
        comparison with an empty string and reads no vector.
        """
        tsquery = piece_tsquery(piece, prefix)
        if not needs_text(piece):
            return Q(Matches(F("body"), TSQuery(tsquery)))
        return Q(Matches(F("body"), TSQuery(f"({tsquery}) | '{OVERFLOW}'"))) & (
            Q(body_text="") | Q(body_text__contains=piece.text)
        )

    def condition(self, query):
        """The query as a condition on an index entry."""
        if isinstance(query, (PlainText, Phrase)):
            found = query_pieces(query.query_string)
            if not found:
                return Q(pk__in=[])
            conditions = [
                self.piece_condition(piece, self.LAST_TERM_IS_PREFIX and piece == found[-1])
                for piece in found
            ]
            return reduce(or_ if getattr(query, "operator", "and") == "or" else and_, conditions)
        if isinstance(query, Boost):
            return self.condition(query.subquery)
        if isinstance(query, Not):
            return ~self.condition(query.subquery)
        if isinstance(query, (And, Or)):
            return reduce(and_ if isinstance(query, And) else or_, map(self.condition, query.subqueries))
        raise NotImplementedError(f"`{query.__class__.__name__}` is not supported by the CJK search backend.")

    def tsquery_text(self, query):
        """The whole query as one tsquery, for telling which matches have it in the title."""
        if isinstance(query, (PlainText, Phrase)):
            found = query_pieces(query.query_string)
            operator = " | " if getattr(query, "operator", "and") == "or" else " & "
            return (
                operator.join(
                    f"({piece_tsquery(piece, self.LAST_TERM_IS_PREFIX and piece == found[-1])})"
                    for piece in found
                )
                or f"'{OVERFLOW}'"
            )
        if isinstance(query, Boost):
            return self.tsquery_text(query.subquery)
        if isinstance(query, Not):
            return f"!({self.tsquery_text(query.subquery)})"
        operator = " & " if isinstance(query, And) else " | "
        return operator.join(f"({self.tsquery_text(sub)})" for sub in query.subqueries)

    def in_title(self):
        """The whole query in the title vector."""
        return Matches(F("title"), TSQuery(self.tsquery_text(self.query)))

    def row_entries(self):
        """The outer row's index entry: for a page, under its own content type (the one it is
        indexed under), so the lookup is one probe of the unique index."""
        model = self.queryset.model
        entries = IndexEntry._default_manager.filter(object_id=Cast(OuterRef("pk"), CharField(max_length=50)))
        if issubclass(model, Page):
            return entries.filter(content_type_id=OuterRef("content_type_id"))
        return entries.filter(content_type_id__in=get_descendants_content_types_pks(model))

    def search(self, config, start, stop, score_field=None, backend=None):
        """Matches with the title ones first, then in the queryset's own order (or newest id first).

        No rank is computed over the matches: ``ts_rank`` would read every matching body. The match is
        an ``EXISTS`` on the object's index entry, joined on the page's own content type (the one it is
        indexed under) rather than a list of types, so the only conditions on the index entries are
        the text ones, which their GIN indexes answer.
        """
        if isinstance(self.query, (MatchAll, Fuzzy)) or (
            isinstance(self.query, Not) and isinstance(self.query.subquery, MatchAll)
        ):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        model = self.queryset.model
        queryset = self.queryset.filter(Exists(self.row_entries().filter(self.condition(self.query))))
        if self.order_by_relevance:
            in_title = ExpressionWrapper(
                Q(
                    search_id__in=IndexEntry._default_manager.filter(
                        self.in_title(), content_type_id__in=get_descendants_content_types_pks(model)
                    ).values("object_id")
                ),
                output_field=BooleanField(),
            )
            queryset = queryset.alias(search_id=Cast("pk", CharField(max_length=50))).order_by(
                in_title.desc(), *self.queryset.query.order_by, "-pk"
            )
            score = Case(When(in_title, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
        else:
            queryset = queryset.order_by(*self.queryset.query.order_by or ["-pk"])
            score = F("pk")
        if score_field is not None:
            queryset = queryset.annotate(**{score_field: score})
        return queryset[start:stop]


class CJKPostgresSearchQueryCompiler(CJKQueryMixin, PostgresSearchQueryCompiler):
    pass


class CJKPostgresAutocompleteQueryCompiler(CJKQueryMixin, PostgresAutocompleteQueryCompiler):
    """The admin's page search: the same index as the site search, the last word as a prefix."""


class CJKPostgresSearchResults(TopHitsMixin, PostgresSearchResults):
    def top(self, stop, cap):
        """The first hits and a capped count from at most about ``cap`` matches of each kind.

        A GIN index finds the matches of a rare query cheaply but in no useful order; walking the
        pages in the queryset's order (an index on the publish time) and checking each reaches the
        first matches of a common query cheaply. So: up to ``cap + 1`` matches through the GIN
        index; if that is all of them, they are sorted here and counted exactly. Otherwise the
        query is common, and the pages are walked in order: for the title matches first (unless
        they are rare), then for the others.
        """
        compiler = self.query_compiler
        if not issubclass(compiler.queryset.model, Page) or not isinstance(
            compiler.query, (PlainText, Phrase)
        ):
            return super().top(stop, cap)
        fields = order_fields(compiler.queryset)
        everything = compiler.condition(compiler.query)
        relevance = compiler.order_by_relevance
        size = compiler.queryset.order_by()[: SMALL_SCOPE + 1].count()
        if size <= SMALL_SCOPE:
            hits = self._in_order(everything, fields, None) if size else []
            return sort_hits(hits, fields, relevance)[:stop], min(len(hits), cap + 1)
        hits = self._through_index(everything, fields, cap + 1)
        if len(hits) <= cap:
            return sort_hits(hits, fields, relevance)[:stop], len(hits)
        if not relevance:
            return self._in_order(everything, fields, stop, in_title=False), cap + 1
        titles = self._titles(fields, stop, cap)
        if len(titles) < stop:
            in_title = Q(compiler.in_title())
            titles += self._in_order(everything & ~in_title, fields, stop - len(titles), in_title=False)
        return titles, cap + 1

    def _titles(self, fields, stop, cap):
        """The first ``stop`` title matches. Titles are short: the analyzer checks the first rows'
        titles here, which finds a common word's matches without reading the index; rarer ones come
        from the title's GIN index."""
        first = self.query_compiler.queryset.values_list(*self._columns(fields))[:TITLE_SCAN_ROWS]
        titles = [hit for hit in self._hits(first, fields) if hit.in_title]
        if len(titles) >= stop or len(first) < TITLE_SCAN_ROWS:
            return titles[:stop]
        in_title = Q(self.query_compiler.in_title())
        titles = self._through_index(in_title, fields, cap + 1)
        if len(titles) <= cap:
            return sort_hits(titles, fields, relevance=False)[:stop]
        return self._in_order(in_title, fields, stop, in_title=True)

    @staticmethod
    def _columns(fields):
        return list(dict.fromkeys(["pk", "title", *(name for name, _ in fields)]))

    def _hits(self, rows, fields, in_title=None):
        """Hits from rows of ``_columns(fields)``. Whether each title matches: ``in_title`` for all
        of them, or one flag per row, or (None) checked by the analyzer, the index's own rule."""
        columns = self._columns(fields)
        order = [columns.index(name) for name, _ in fields]
        rows = list(rows)
        if isinstance(in_title, bool):
            flags = [in_title] * len(rows)
        elif in_title is None:
            matches = self.title_matcher()
            flags = [matches(row[1]) for row in rows]
        else:
            flags = in_title
        return [
            Hit(row[0], flag, tuple(row[index] for index in order))
            for row, flag in zip(rows, flags, strict=True)
        ]

    def _through_index(self, condition, fields, limit):
        """Up to ``limit`` hits, in no order, from the GIN index to the queryset's rows; the index
        entry also tells whether the title matches."""
        queryset = self.query_compiler.queryset
        entries = (
            IndexEntry._default_manager.filter(condition)
            .values("object_id", "content_type_id")
            .annotate(in_title=self.query_compiler.in_title())
        )
        columns = self._columns(fields)
        entries_sql, entries_params = entries.query.sql_with_params()
        scope = queryset.order_by().values_list(*columns, "content_type_id")
        scope_sql, scope_params = scope.query.sql_with_params()
        aliases = ", ".join([*(f"c{index}" for index in range(len(columns))), "content_type_id"])
        connection = connections[queryset.db]
        # The GIN index must lead: the planner, which does not count reading each candidate's
        # out-of-line body vector, would rather scan the entries and check each, in a sequential
        # scan or a whole-index scan. Workers and JIT cost more to start than this query takes.
        settings = {
            "enable_seqscan": "off",
            "enable_indexscan": "off",
            "max_parallel_workers_per_gather": "0",
            "jit": "off",
        }
        with local_settings(connection, **settings) as cursor:
            cursor.execute(
                f"SELECT s.*, e.in_title FROM ({entries_sql}) e JOIN ({scope_sql}) s ({aliases})"
                " ON s.c0 = e.object_id::integer AND s.content_type_id = e.content_type_id LIMIT %s",
                [*entries_params, *scope_params, limit],
            )
            rows = cursor.fetchall()
        return self._hits(rows, fields, [row[-1] for row in rows])

    def _in_order(self, condition, fields, limit, in_title=None):
        """The first ``limit`` hits, walking the queryset's rows in its order."""
        compiler = self.query_compiler
        queryset = compiler.queryset.filter(Exists(compiler.row_entries().filter(condition)))
        return self._hits(queryset.values_list(*self._columns(fields))[:limit], fields, in_title)


class CJKPostgresSearchBackend(PostgresSearchBackend):
    results_class = CJKPostgresSearchResults
    query_compiler_class = CJKPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = CJKPostgresAutocompleteQueryCompiler
    index_class = CJKPostgresIndex
