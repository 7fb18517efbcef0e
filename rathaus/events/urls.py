"""Public pages (calendar, event, registration) and the organisers' back office."""

from django.urls import include, path

from rathaus.events import urls_backoffice, urls_public

app_name = "events"

urlpatterns = [
    path("verwaltung/", include(urls_backoffice)),
    path("", include(urls_public)),
]
