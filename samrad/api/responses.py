"""Every answer an API operation can give, declared once per operation.

An operation names its successful answer and the refusals its own code can make, each with
the reason in words; `answers()` adds the ones every request can meet before the operation
runs: 400 (a body that is not a JSON object, a host the server does not serve), 413 (a body
over the limit, refused by Django or by the ASGI gate in front of it), 401 for an operation
that needs a token, 408 for the participant API (the gate waits SAMRAD_BODY_TIMEOUT seconds
for a body) and 422 when the operation reads parameters or a body (the shape `invalid`
in samrad/api/api.py gives). Every refusal is JSON in one shape, `Error`.

The OpenAPI document then lists each status with what it means, and schemathesis checks
(tests/api/test_schemathesis.py) that nothing else is ever answered. More in
docs/architecture/apifuzz.md.
"""

from typing import Any

from ninja import Schema

from samrad.api.schemas import Open


class Error(Schema):
    """Every refusal: `detail` in words; a machine-readable `code` where there is one
    (participant refusals, 401, 400/408/413); `errors` for a request that is not valid (422)."""

    detail: str
    code: str | None = None
    errors: list[dict[str, Any]] | None = None


UNAUTHENTICATED = "No token, or a wrong, forged, expired or revoked one (`code`: unauthenticated)."
VIEWER = "The token's user is a viewer in this organisation: may read but not change."
INVALID = "A path or query parameter, or the body, is not valid (`errors` says which)."

# What any request can be answered before the operation's own code runs.
COMMON = {
    400: "The request cannot be read: a body that is not a JSON object, or a host name this "
    "server does not serve.",
    413: "The body is larger than the server takes (the participant API: "
    "DATA_UPLOAD_MAX_MEMORY_SIZE; other operations: SAMRAD_MAX_REQUEST_BYTES).",
}
PARTICIPANT_GATE = {
    408: "The body did not arrive within SAMRAD_BODY_TIMEOUT seconds (the participant API reads "
    "a body before the request takes one of its places).",
}


def answers(
    ok: dict[int, Any],
    refusals: dict[int, str] | None = None,
    *,
    token: bool = True,
    reads_input: bool = True,
    participant: bool = False,
    ok_content: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Keyword arguments for a router's decorator: `response` (status → schema) and
    `openapi_extra` (status → what it means). `ok` maps the success status to its schema
    (with `ok_content` the media types of a file instead); `refusals` the operation's own
    error statuses to their reasons; `reads_input` is False for an operation that has no
    parameter and no body (nothing there to be invalid)."""
    reasons: dict[int, str] = dict(COMMON)
    if participant:
        reasons.update(PARTICIPANT_GATE)
    if token:
        reasons[401] = UNAUTHENTICATED
    if reads_input:
        reasons[422] = INVALID
    reasons.update(refusals or {})
    response: dict[int, Any] = {}
    described: dict[int, dict[str, Any]] = {}
    for status, schema in ok.items():
        response[status], shape = _described_only(schema)
        if shape is not None:
            described[status] = {"content": {"application/json": {"schema": shape}}}
    response.update({status: Error for status in reasons})
    for status, reason in sorted(reasons.items()):
        described[status] = {"description": reason}
    if ok_content is not None:
        (status,) = ok
        described[status] = {"description": "The file, as an attachment.", "content": ok_content}
    return {"response": response, "openapi_extra": {"responses": described}}


def status_table(openapi: dict[str, Any]) -> str:
    """docs/api.md's table of every operation's statuses, from the OpenAPI document
    (scripts/api_responses.py writes it; tests/api/test_api_docs.py keeps them the same)."""
    root = "/api/v1"
    lines = ["| method | path | success | refusals |", "|---|---|---|---|"]
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            statuses = sorted(int(status) for status in operation["responses"])
            success = [str(s) for s in statuses if s < 300]
            refusals = [str(s) for s in statuses if s >= 300]
            lines.append(
                f"| {method.upper()} | `{path.removeprefix(root)}` | {', '.join(success)} "
                f"| {', '.join(refusals)} |"
            )
    return "\n".join(lines) + "\n"


def _described_only(schema: Any) -> tuple[Any, dict[str, Any] | None]:
    """An `Open` schema (or a list of them) is only described: Django Ninja passes the
    payload as it is (`dict`), and the OpenAPI document shows the schema."""
    if isinstance(schema, type) and issubclass(schema, Open):
        return dict, _inline(schema.model_json_schema(mode="serialization"))
    item = getattr(schema, "__args__", (None,))[0]
    if (
        getattr(schema, "__origin__", None) is list
        and isinstance(item, type)
        and issubclass(item, Open)
    ):
        shape = _inline(item.model_json_schema(mode="serialization"))
        return list[dict], {"type": "array", "items": shape}
    return schema, None


def _inline(shape: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema without `$defs` (their places in the OpenAPI document would differ):
    every `$ref` replaced by what it names."""
    definitions = shape.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(definitions[node["$ref"].rsplit("/", 1)[1]])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(value) for value in node]
        return node

    return resolve(shape)
