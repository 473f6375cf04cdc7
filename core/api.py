"""The public API's strict parameters: every endpoint checks its query with a ``Parameters`` form
before the view reads it, and answers JSON only (no browsable HTML API)."""

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404, QueryDict
from django.urls import path, re_path
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError

from .db import StatementTimeout, statement_timeout
from .params import (
    BoundedIntegerField,
    FieldsParameterField,
    IdField,
    MomentField,
    ParameterError,
    Parameters,
)
from .throttling import SearchThrottle

MAX_SEARCH_LENGTH = 255
SEARCH_TIMEOUT_MESSAGE = gettext_lazy(
    "The search took too long. Try more specific keywords or narrow it to a section."
)


class StrictParametersMixin:
    """The base of every API view set: ``parameters`` maps an action (``listing_view``…) to its
    ``Parameters``, and an id in the path (``pk``) must be one.

    The check runs before DRF's own (content negotiation, throttles), so ``?format=api`` is a 400
    like any other bad value; the cleaned values are ``self.params`` and ``self.kwargs["pk"]``. Bad
    input answers 400 and a missing object 404, each with ``{"message": …}``, as Wagtail's own
    endpoints answer.
    """

    parameters = {}
    renderer_classes = [JSONRenderer]

    def initial(self, request, *args, **kwargs):
        form = self.parameters.get(self.action)
        try:
            if form is not None:
                self.params = form.parse(request.GET)
            if "pk" in self.kwargs:
                path_values = QueryDict(mutable=True)
                path_values["id"] = self.kwargs["pk"]
                self.kwargs["pk"] = PathParameters.parse(path_values)["id"]
        except ParameterError as error:
            raise BadRequestError(str(error)) from error
        super().initial(request, *args, **kwargs)

    def get_throttles(self):
        """A listing's ``search`` costs what a site search does, and is limited alike."""
        throttles = super().get_throttles()
        if self.action == "listing_view" and "search" in self.request.GET:
            throttles.append(SearchThrottle())
        return throttles

    def listing_view(self, request, *args, **kwargs):
        if "search" not in request.GET:
            return super().listing_view(request, *args, **kwargs)
        with statement_timeout(settings.SEARCH_STATEMENT_TIMEOUT_MS):
            return super().listing_view(request, *args, **kwargs)

    def handle_exception(self, exc):
        if isinstance(exc, BadRequestError):
            return Response({"message": str(exc)}, status=400)
        if isinstance(exc, Http404):
            return Response({"message": str(exc)}, status=404)
        if isinstance(exc, StatementTimeout):
            return Response({"message": str(SEARCH_TIMEOUT_MESSAGE)}, status=503)
        return super().handle_exception(exc)

    def check_query_parameters(self, queryset):
        """Wagtail's listings: its check of the names, then the values of its field filters."""
        super().check_query_parameters(queryset)
        fields = set(self.get_available_fields(queryset.model, db_fields_only=True))
        declared = self.parameters[self.action].base_fields  # checked already, or Wagtail's own
        check_field_filters(queryset.model, self.request.GET, fields - set(declared))


class NumericIdMixin:
    """For Wagtail's endpoints: a non-numeric id in the path is bad input (400), not an unknown URL."""

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("find/", cls.as_view({"get": "find_view"}), name="find"),
            re_path(r"^(?P<pk>[^/]+)/$", cls.as_view({"get": "detail_view"}), name="detail"),
        ]


def field_filter(model_field):
    """The form field that checks a value of Wagtail's filter on ``model_field`` (``?hits=3``), or
    None where Wagtail's own parsing suffices (text, booleans)."""
    if model_field.primary_key or isinstance(model_field, models.ForeignKey):
        return IdField()
    if isinstance(model_field, models.IntegerField):
        return BoundedIntegerField()
    if isinstance(model_field, models.DateTimeField):
        return MomentField(clamp=False)
    return None


def check_field_filters(model, query, names):
    """Wagtail's field filters among ``names`` that ``query`` uses hold values their columns can."""
    for name in sorted(set(names) & set(query)):
        try:
            form_field = field_filter(model._meta.get_field(name))
        except FieldDoesNotExist:
            continue
        if form_field is None:
            continue
        try:
            form_field.clean(query[name])
        except ValidationError as error:
            raise BadRequestError(f"{name}: {error.messages[0]}") from error


class PageReferenceField(forms.CharField):
    """A page id or ``root`` (Wagtail's ``child_of`` and ``descendant_of``)."""

    def clean(self, value):
        value = super().clean(value)
        return value if value in ("", "root") else IdField().clean(value)


class WagtailListingParameters(Parameters):
    """Wagtail's listing operations; its field filters (``?title=…``) are checked by the view."""

    also_accepted = None
    limit = BoundedIntegerField(min_value=1, max_value=settings.WAGTAILAPI_LIMIT_MAX)
    offset = BoundedIntegerField()
    fields = FieldsParameterField()
    order = forms.CharField(required=False)
    search = forms.CharField(required=False, max_length=MAX_SEARCH_LENGTH)
    search_operator = forms.ChoiceField(choices=[("and", "and"), ("or", "or")], required=False)
    id = IdField()


class PathParameters(Parameters):
    """An object's id in a URL's path."""

    id = IdField(required=True)


class WagtailDetailParameters(Parameters):
    fields = FieldsParameterField()


class WagtailFindParameters(Parameters):
    id = IdField(required=True)
