"""The public REST API (read-only), version 1, with its OpenAPI description.

No interactive docs page: Swagger UI would load scripts from a CDN, and no page of the
platform makes third-party requests. The OpenAPI document is served at
``/api/v1/openapi.json`` and committed under ``docs/api/``.
"""

from ninja import NinjaAPI

from rathaus.catalog.api import router as catalog_router
from rathaus.definitions.api import router as definitions_router
from rathaus.submissions.api import router as submissions_router

api = NinjaAPI(
    title="Rathaus API",
    version="1.0.0",
    description="Read-only access to the service catalogue, the published service "
    "definitions and, for a signed-in citizen, their own applications.",
    urls_namespace="api",
    docs_url=None,
)
api.add_router("/catalog", catalog_router)
api.add_router("/definitions", definitions_router)
api.add_router("/me/submissions", submissions_router)
