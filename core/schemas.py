"""Public shapes are declared once, as TypedDicts (``closed=True``: no other keys), and turned into the
JSON Schemas of the OpenAPI document here.

Representations keep building plain dicts, so nothing is validated at run time; tests check real
answers against the generated document instead.
"""

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema
from typing_extensions import TypedDict

REF_TEMPLATE = "#/components/schemas/{model}"


class ComponentSchemas(GenerateJsonSchema):
    """Pydantic's JSON Schema without the titles it makes up from class and key names."""

    def field_title_should_be_set(self, schema):
        return False

    def typed_dict_schema(self, schema):
        json_schema = super().typed_dict_schema(schema)
        json_schema.pop("title", None)
        return json_schema


def component_schemas(*shapes):
    """The schemas of ``shapes`` and of every shape they use, by name, referring to each other."""
    generator = ComponentSchemas(ref_template=REF_TEMPLATE)
    _, definitions = generator.generate_definitions(
        [(shape, "validation", TypeAdapter(shape).core_schema) for shape in shapes]
    )
    return definitions


class Error(TypedDict, closed=True):
    """Bad input and unknown objects, as Wagtail's views and ours answer them."""

    message: str


class Throttled(TypedDict, closed=True):
    detail: str
