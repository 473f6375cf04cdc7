"""What the database backends accept as a search's queryset filters."""

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
