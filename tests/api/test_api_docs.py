"""docs/api.md lists every status each operation can answer, as the API declares them
(samrad/api/responses.py; schemathesis checks the API against the same declarations)."""

from samrad.api.api import api
from samrad.api.responses import status_table
from scripts.api_responses import DOC, documented


def test_the_documented_statuses_are_the_declared_ones():
    text = DOC.read_text()
    assert documented(text, status_table(api.get_openapi_schema())) == text, (
        "docs/api.md is out of date: run .venv/bin/python scripts/api_responses.py"
    )


def test_every_operation_declares_its_refusals_with_reasons():
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"400", "413"} <= set(map(str, responses)), (method, path)
            if operation.get("security"):
                assert 401 in responses, (method, path)
            for status, answer in responses.items():
                if int(status) >= 400:
                    assert answer["content"]["application/json"]["schema"] == {
                        "$ref": "#/components/schemas/Error"
                    }, (method, path, status)
                    assert len(answer["description"]) > 20, (method, path, status)
