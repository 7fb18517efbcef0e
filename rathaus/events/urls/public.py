"""Public pages: calendar, event pages, registration, the participant's token pages."""

from django.urls import path

from rathaus.events.views import files, public
from rathaus.events.views import registration as reg

urlpatterns = [
    path("", public.calendar, name="calendar"),
    path("kalender.ics", public.feed, name="feed"),
    path("medien/foto/<int:pk>/", files.photo, name="photo"),
    path("medien/material/<int:pk>/", files.material, name="material"),
    path("anmeldung/<str:token>/", reg.own, name="registration"),
    path("anmeldung/<str:token>/stornieren/", reg.cancel, name="cancel"),
    path("anmeldung/<str:token>/bestaetigen/", reg.confirm, name="confirm"),
    path("anmeldung/<str:token>/workshops/", reg.workshops, name="workshops"),
    path("anmeldung/<str:token>/termin.ics", reg.own_ics, name="registration_ics"),
    path("<slug:slug>.ics", public.event_ics, name="ics"),
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/anmelden/", reg.register, name="register"),
]
