"""The organisers' back office under /veranstaltungen/verwaltung/ (staff with second factor)."""

from django.urls import path

from rathaus.events.views import backoffice as bo
from rathaus.events.views import backoffice_checkin as door
from rathaus.events.views import backoffice_people as people
from rathaus.events.views import backoffice_programme as programme

SECTIONS = {"programm": "programme", "mitwirkende": "speakers", "aussteller": "exhibitors"}

urlpatterns = [
    path("", bo.index, name="manage_index"),
    path("neu/", bo.create, name="manage_create"),
    path("<int:pk>/", bo.overview, name="manage_event"),
    path("<int:pk>/bearbeiten/", bo.edit, name="manage_edit"),
    path("<int:pk>/status/", bo.change_state, name="manage_state"),
    path("<int:pk>/kopieren/", bo.copy, name="manage_copy"),
    path("<int:pk>/materialien/", programme.materials, name="manage_materials"),
    path("<int:pk>/materialien/<int:item_pk>/sichtbarkeit/", programme.material_publish,
         name="manage_material_publish"),
    path("<int:pk>/materialien/<int:item_pk>/loeschen/", programme.material_delete,
         name="manage_material_delete"),
    path("<int:pk>/anmeldungen/", people.registrations, name="manage_registrations"),
    path("<int:pk>/anmeldungen/<int:registration_pk>/<str:action>/",
         people.registration_action, name="manage_registration_action"),
    path("<int:pk>/nachrichten/", people.messages_page, name="manage_messages"),
    path("<int:pk>/team/", people.team, name="manage_team"),
    path("<int:pk>/team/<int:user_pk>/entfernen/", people.team_remove, name="manage_team_remove"),
    path("<int:pk>/einlass/", door.checkin, name="manage_checkin"),
    path("<int:pk>/einlass/<int:registration_pk>/", door.check, name="manage_check"),
    path("<int:pk>/teilnehmende.csv", door.export, name="manage_export"),
    path("<int:pk>/namensschilder.pdf", door.badge_sheet, name="manage_badges"),
    path("<int:pk>/namensliste.pdf", door.name_list, name="manage_name_list"),
    path("<int:pk>/statistik/", door.statistics_page, name="manage_statistics"),
]  # fmt: skip

for segment, section in SECTIONS.items():
    urlpatterns += [
        path(f"<int:pk>/{segment}/", programme.items, {"section": section},
             name=f"manage_{section}"),
        path(f"<int:pk>/{segment}/<int:item_pk>/", programme.item, {"section": section},
             name=f"manage_{section}_item"),
        path(f"<int:pk>/{segment}/<int:item_pk>/loeschen/", programme.delete,
             {"section": section}, name=f"manage_{section}_delete"),
    ]  # fmt: skip
