"""The versioned JSON API (/api/v1/, OpenAPI at /api/v1/openapi.json). Thin: it calls services."""
