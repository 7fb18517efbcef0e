"""Public pages (calendar, event, registration) and the organisers' back office."""

from django.urls import include, path

from rathaus.events.urls import backoffice, public

app_name = "events"

urlpatterns = [
    path("verwaltung/", include(backoffice)),
    path("", include(public)),
]
