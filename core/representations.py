"""Which function builds a page type's representation, and each of its API fields.

Each app's ``representations`` module registers its builders with ``represents`` (the module is
loaded by the app's ``AppConfig.ready``). Models and serializers look builders up here, so a model
never imports the module that queries it.
"""

from rest_framework import serializers

from core.caching import cached_for_site

_builders = {}


def represents(model, field=None):
    """Register the decorated ``builder(page, request)`` for ``model`` (or one of its API fields)."""

    def register(builder):
        _builders[model, field] = builder
        return builder

    return register


def builder_for(page, field=None):
    for model in type(page).__mro__:
        if (model, field) in _builders:
            return _builders[model, field]
    raise LookupError(f"no representation of {type(page).__name__} {field or ''} is registered")


def representation(page, request):
    return builder_for(page)(page, request)


def cached_unless_draft(request, page, build):
    """``build()`` once per content version and site address; a preview's draft is never cached."""
    if getattr(request, "is_preview", False) or page.pk is None:
        return build()
    return cached_for_site(request, f"representation:{page.pk}", build)


class RepresentationField(serializers.ReadOnlyField):
    """An API field whose value is the builder registered for its page type and name."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return builder_for(page, self.field_name)(page, self.context.get("request"))
