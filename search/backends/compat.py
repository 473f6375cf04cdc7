"""Where the CJK backends change modelsearch's behaviour through its private methods.

modelsearch (Wagtail's search backends) has no public hook for three things these backends change:
which queryset filters a search accepts, how matches are ranked, and the refresh of title norms.
Each override of a private method lives here and hands over to a public method of ours, so that an
upgrade has one file to re-check; ``tests/search/test_compat.py`` pins the versions it was written
against.
"""

from django.db.models.expressions import Col
from django.db.models.lookups import Lookup


class ExpressionFiltersMixin:
    """Conditions that are expressions, not columns (such as the private-pages ``EXISTS`` of the
    API's page queryset), are fine: these backends run the queryset's own WHERE clause in SQL, so
    only lookups on columns need a ``FilterField``. Wagtail's check expects every condition to be a
    column and fails on the others with an AttributeError."""

    def _get_filters_from_where_node(self, where_node, check_only=False):
        if check_only and isinstance(where_node, Lookup) and not isinstance(where_node.lhs, Col):
            return None
        return super()._get_filters_from_where_node(where_node, check_only=check_only)


class RankExpressionMixin:
    """For query compilers: ``rank_expression()`` ranks the matches instead of modelsearch's."""

    def _build_rank_expression(self, vectors, config):
        return self.rank_expression(vectors, config)


class TitleNormsMixin:
    """For indexes: ``refresh_title_norms()`` is called where modelsearch refreshes title norms,
    after writing entries and at the end of a rebuild; by default it does what modelsearch does."""

    def _refresh_title_norms(self, full=False):
        self.refresh_title_norms(full=full)

    def refresh_title_norms(self, full=False):
        super()._refresh_title_norms(full=full)
