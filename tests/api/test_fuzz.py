"""Schemathesis against the OpenAPI document, in process (WSGI) on the seeded demo site: no answer is
a 5xx, every answer conforms to the document, and the API accepts what the document allows
(positive cases) and refuses what it does not (negative cases).

Cases come from schemathesis's Hypothesis strategies under pytest's own parametrisation (the
schemathesis pytest plugin does not support pytest 9); examples are bounded and derandomised, so a
run is repeatable and takes a few seconds per operation.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.urls import set_urlconf
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from cms.openapi import document
from core.throttling import ClientRateThrottle
from tests import servers

EXAMPLES_PER_OPERATION = 20
OPERATIONS = [
    f"{method.upper()} {path}" for path, methods in document()["paths"].items() for method in methods
]
# Rules between parameters that OpenAPI cannot state; the pages listing's description gives them.
# A schema-valid request may be refused with one of these messages, and with no other.
COMBINATION_RULES = (
    "type=articles.ArticlePage",  # the article filters need the article type
    "filtering by descendant_of with child_of is not supported",
    "filtering by child_of with descendant_of is not supported",
    "random ordering with offset is not supported",
    "while searching (field is not indexed)",
)


@pytest.fixture(scope="module")
def api_schema(demo, connections_kept):
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture(scope="module")
def connections_kept():
    with servers.connections_kept():
        yield


@pytest.fixture
def unthrottled(monkeypatch):
    """The fuzzer is one client sending hundreds of requests; the limits have tests of their own."""
    monkeypatch.setattr(ClientRateThrottle, "allow_request", lambda self, request, view: True)


def accepted_or_combination_rule(response):
    """A positive case is answered, or refused for a combination of parameters the document states."""
    if response.status_code != 400:
        return
    message = response.json()["message"]
    assert any(rule in message for rule in COMBINATION_RULES), message


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize("label", OPERATIONS)
def test_api_conforms_to_its_document(api_schema, label, mode, db, unthrottled):
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, label

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
        set_urlconf(None)
        if mode is GenerationMode.POSITIVE:
            accepted_or_combination_rule(response)

    call()
