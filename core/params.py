"""Query parameters checked before a view reads them, with Django forms.

A ``Parameters`` form declares what a view accepts; ``Parameters.parse(request.GET)`` refuses unknown
names, a declared name given twice and out-of-range values with a ``ParameterError`` whose message
names the parameter, so that nothing the database cannot hold (a twenty-digit id, year 0 in UTC)
ever reaches it. Views turn the error into a 400 (the API) or a message on the page (the theme).
"""

from contextlib import suppress
from datetime import UTC, datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.api.v2.utils import parse_boolean, parse_fields_parameter

# Ids, offsets and page numbers fit PostgreSQL's integer; beyond it nothing can exist.
MAX_INTEGER = 2**31 - 1
# Moments are clamped into the range every time zone can show: a filter from 0001-01-01 means "from
# the beginning", not a date that overflows when converted to UTC.
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, tzinfo=UTC)


class ParameterError(ValueError):
    """A query parameter that cannot be used; the message is for the person who sent it."""


def _range_message(min_value, max_value):
    return _("Enter a whole number from %(min)s to %(max)s.") % {"min": min_value, "max": max_value}


range_message = lazy(_range_message, str)


class BoundedIntegerField(forms.IntegerField):
    """A whole number from ``min_value`` to ``max_value`` (at most ``MAX_INTEGER``), digits only."""

    def __init__(self, min_value=0, max_value=MAX_INTEGER, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)
        message = range_message(min_value, max_value)
        self.error_messages.update(invalid=message, min_value=message, max_value=message)

    def to_python(self, value):
        if value not in self.empty_values and not str(value).isdigit():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def IdField(**kwargs):  # noqa: N802 - a field factory, named like the fields it makes
    return BoundedIntegerField(min_value=1, **kwargs)


class MomentField(forms.Field):
    """An ISO 8601 date or date-time; without an offset it is in the site's time zone.

    Filters (``clamp``) take a moment beyond ``EARLIEST``..``LATEST`` as that bound; elsewhere it is
    out of range.
    """

    default_error_messages = {
        "invalid": gettext_lazy(
            "Enter an ISO 8601 date or date-time, for example 2024-07-06 or 2024-07-06T08:00:00+08:00."
        ),
        "range": gettext_lazy("Enter a moment between the years 1 and 9999."),
    }

    def __init__(self, clamp=True, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.clamp = clamp

    def to_python(self, value):
        if value in self.empty_values:
            return None
        moment = parse_moment(value)
        if moment is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            bound = EARLIEST if moment < EARLIEST else LATEST if moment > LATEST else None
        except OverflowError:  # comparing converts to UTC, which may leave the calendar
            bound = EARLIEST if moment.year == 1 else LATEST
        if bound is None:
            return moment
        if not self.clamp:
            raise ValidationError(self.error_messages["range"], code="range")
        return bound


def parse_moment(value):
    """The aware moment an ISO 8601 date or date-time names, or None."""
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.combine(day, time.min) if day else None
    except ValueError:
        return None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment.utcoffset().seconds % 60:
        # Local mean time before standard zones (Shanghai was +08:05:43): RFC 3339 has no seconds
        # in offsets, so the same moment is given in UTC.
        with suppress(OverflowError):  # the first day of the calendar: MomentField takes it as a bound
            moment = moment.astimezone(UTC)
    return moment


class BooleanParameterField(forms.Field):
    """``true`` or ``false`` (or ``1`` and ``0``), read by Wagtail's ``parse_boolean`` as its own
    filters read them."""

    default_error_messages = {"invalid": gettext_lazy("Enter true or false.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_boolean(value)
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class FieldsParameterField(forms.CharField):
    """Wagtail's ``fields`` (``title,-body,cover(url)``), read by its own parser; which names a page
    type has is checked by the view."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value:
            try:
                parse_fields_parameter(value)
            except ValueError as error:
                raise ValidationError(str(error), code="invalid") from error


class Parameters(forms.Form):
    """The query parameters a view accepts, each at most once. ``format`` (DRF's, JSON only) is
    always accepted."""

    format = forms.ChoiceField(choices=[("json", "json")], required=False)

    # Names accepted besides the declared ones, unchecked; None accepts any (Wagtail's listings
    # filter on any of their fields and check the names themselves).
    also_accepted = frozenset()
    # Whether a declared parameter may be given empty (``?page=``), as an HTML form sends it.
    empty_accepted = False

    @classmethod
    def parse(cls, query):
        """The cleaned values of a QueryDict; ``ParameterError`` for the first problem found."""
        if cls.also_accepted is not None:
            unknown = sorted(set(query) - set(cls.base_fields) - cls.also_accepted)
            if unknown:
                raise ParameterError(
                    _("Query parameters not accepted here: %(names)s") % {"names": ", ".join(unknown)}
                )
        repeated = sorted(name for name in query if len(query.getlist(name)) > 1)
        if repeated:
            raise ParameterError(_("%(name)s may be given only once.") % {"name": repeated[0]})
        if any("\x00" in value for values in query.lists() for value in values[1]):
            raise ParameterError(_("Query parameters cannot contain NUL characters."))
        if not cls.empty_accepted:
            empty = sorted(name for name in cls.base_fields if query.get(name) == "")
            if empty:
                raise ParameterError(_("%(name)s cannot be empty.") % {"name": empty[0]})
        form = cls(query)
        if not form.is_valid():
            name, errors = next(iter(form.errors.items()))
            raise ParameterError(f"{name}: {errors[0]}")
        return form.cleaned_data
