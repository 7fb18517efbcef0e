"""Views of core: home, health and error pages (``pages``), legal pages (``legal``), the
territory pages (``territory``), the tenant's stylesheet (``theme``) and icon
(``favicon``). The error handlers are named by their dotted path in ``rathaus/urls.py``
and ``CSRF_FAILURE_VIEW``."""

from rathaus.core.views.favicon import favicon
from rathaus.core.views.pages import (
    bad_request,
    csrf_failure,
    healthz,
    home,
    page_not_found,
    permission_denied,
    server_error,
)
from rathaus.core.views.theme import theme

__all__ = ["bad_request", "csrf_failure", "favicon", "healthz", "home", "page_not_found",
           "permission_denied", "server_error", "theme"]  # fmt: skip
