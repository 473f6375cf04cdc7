"""API fields whose values come from ``articles.representations``, so listings match detail and HTML."""

from rest_framework import serializers


class RepresentationField(serializers.ReadOnlyField):
    """The value of ``representations.<name>(page, request)``; imported late to avoid a cycle with models."""

    def __init__(self, name, **kwargs):
        self.representation_name = name
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        from . import representations

        return getattr(representations, self.representation_name)(page, self.context.get("request"))
