from django.urls import path

from rathaus.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("statistik/", views.statistics_view, name="statistics"),
    path("zuweisen/", views.assign, name="assign"),
    path("<int:case_id>/", views.detail, name="detail"),
    path("<int:case_id>/schritt/", views.act, name="act"),
    path("<int:case_id>/uebernehmen/", views.claim, name="claim"),
    path("<int:case_id>/notiz/", views.note, name="note"),
    path("<int:case_id>/anhang/<uuid:attachment_id>/", views.attachment, name="attachment"),
]
