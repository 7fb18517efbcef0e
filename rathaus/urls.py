"""Mounts each app's URLs. German at /, English at /en/ (the language lives in the URL)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from rathaus.api.urls import api
from rathaus.core import views as core_views

admin.site.site_header = "Rathaus – Plattformverwaltung"
admin.site.site_title = "Rathaus"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("mandant.css", core_views.theme, name="tenant_theme"),
    path("favicon.ico", core_views.favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    path("", include("rathaus.core.urls")),
    path("", include("rathaus.authentication.urls")),
    path("konto/postfach/", include("rathaus.postbox.urls")),
    path("konto/organisationen/", include("rathaus.organisations.urls")),
    path("konto/", include("rathaus.accounts.urls")),
    path("leistungen/", include("rathaus.catalog.urls")),
    path("verwaltung/dienste/", include("rathaus.designer.urls")),
    path("verwaltung/vorgaenge/", include("rathaus.cases.urls")),
    path("smart-region/projekte/", include("rathaus.projects.urls")),
    path("smart-region/beratung/", include("rathaus.consulting.urls")),
    path("smart-region/ozg-abdeckung/", include("rathaus.coverage.urls")),
    path("veranstaltungen/", include("rathaus.events.urls")),
    path("", include("rathaus.submissions.urls")),
    prefix_default_language=False,
)

handler400 = "rathaus.core.views.bad_request"
handler403 = "rathaus.core.views.permission_denied"
handler404 = "rathaus.core.views.page_not_found"
handler500 = "rathaus.core.views.server_error"
