"""The public REST API (read-only), version 1, with its OpenAPI description.

No interactive docs page: Swagger UI would load scripts from a CDN, and no page of the
platform makes third-party requests. The OpenAPI document is served at
``/api/v1/openapi.json`` and committed under ``docs/api/``. It lists every status code
an operation can return, with its error body (``rathaus.api.errors``).
"""

from ninja import NinjaAPI

from rathaus.api import errors
from rathaus.cases.api import router as cases_router
from rathaus.catalog.api import router as catalog_router
from rathaus.definitions.api import router as definitions_router
from rathaus.submissions.api import router as submissions_router

api = NinjaAPI(
    title="Rathaus API",
    version="1.0.0",
    description="The service catalogue, the published service definitions and, for a "
    "signed-in citizen, their own applications (read-only); for specialist systems with a "
    "token of their authority, that authority's cases (read, transitions, acknowledge).",
    urls_namespace="api",
    docs_url=None,
)
errors.install(api)
api.add_router("/catalog", catalog_router)
api.add_router("/definitions", definitions_router)
api.add_router("/me/submissions", submissions_router)
api.add_router("/fachverfahren", cases_router)
