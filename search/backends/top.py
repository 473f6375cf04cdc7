"""The first results of a search and a count capped at a limit, as the site search needs them.

A search engine counts exactly only up to a limit (Elasticsearch's ``track_total_hits``) and says
"more than" beyond it, because an exact count means visiting every match. ``results.top(stop, cap)``
gives the first ``stop`` hits in the results' order (title matches first when ordered by relevance,
then the queryset's own ordering) and the number of matches, counted up to ``cap + 1``.

The generic version here runs the backend's ordinary search; PostgreSQL's replaces it with queries
that visit at most about ``cap`` matches (see ``postgres.CJKPostgresSearchResults``).
"""

import re
from dataclasses import dataclass

from ..analysis import WORD_CHAR, normalize, query_pieces


@dataclass(frozen=True)
class Hit:
    """A matching object: its pk, whether its title holds the query, its ordering values."""

    pk: int
    in_title: bool
    order: tuple


def order_fields(queryset):
    """The queryset's ordering as (field name, descending) pairs, ending with the pk (called ``pk``,
    as is a parent model's, such as a page's ``id``)."""
    fields = []
    for name in queryset.query.order_by:
        if not isinstance(name, str):
            raise TypeError(f"Only field names can order a top() search, not {name!r}.")
        descending = name.startswith("-")
        name = name.lstrip("-")
        is_pk = name == "pk" or queryset.model._meta.get_field(name).primary_key
        fields.append(("pk" if is_pk else name, descending))
    if ("pk", True) not in fields and ("pk", False) not in fields:
        fields.append(("pk", True))
    return fields


def title_matcher(query_string, operator="and", last_is_prefix=False):
    """Whether a title holds the query, by the analyzer's substring rule (as the index answers it)."""
    pieces = query_pieces(query_string)
    patterns = [
        re.compile(
            rf"(?<!{WORD_CHAR}){re.escape(piece.text)}"
            if last_is_prefix and piece == pieces[-1] and not piece.cjk
            else piece.pattern
        )
        for piece in pieces
    ]
    combine = any if operator == "or" else all

    def matches(title):
        text = normalize(title)
        return combine(pattern.search(text) for pattern in patterns)

    return matches


def sort_hits(hits, fields, relevance):
    """Hits in the order of ``fields`` (SQL's: NULLs last ascending, first descending), title
    matches first when ordered by relevance. Sorts are stable, so the last key sorts first."""
    hits = list(hits)
    for index in reversed(range(len(fields))):
        hits.sort(key=lambda hit: _comparable(hit.order[index]), reverse=fields[index][1])
    if relevance:
        hits.sort(key=lambda hit: not hit.in_title)
    return hits


def _comparable(value):
    return (1, 0) if value is None else (0, value)


class TopHitsMixin:
    """``top()`` for a backend's search results, from its ordinary ordered search."""

    def title_matcher(self):
        compiler = self.query_compiler
        return title_matcher(
            compiler.query.query_string,
            getattr(compiler.query, "operator", "and"),
            last_is_prefix=getattr(compiler, "LAST_TERM_IS_PREFIX", False),
        )

    def top(self, stop, cap):
        """The first ``stop`` hits and the number of matches, counted up to ``cap + 1``."""
        fields = order_fields(self.query_compiler.queryset)
        in_title = self.title_matcher()
        hits = [
            Hit(obj.pk, in_title(obj.title), tuple(getattr(obj, name) for name, _ in fields))
            for obj in self[:stop]
        ]
        return hits, self[: cap + 1].count()
