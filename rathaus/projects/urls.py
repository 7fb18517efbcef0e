from django.urls import path

from rathaus.projects.views import editor, files, media, public, transfers

app_name = "projects"

urlpatterns = [
    path("", public.index, name="index"),
    path("feed.atom", public.feed, name="feed"),
    path("export.csv", public.export_csv, name="export_csv"),
    path("export.json", public.export_json, name="export_json"),
    path("modellprojekte-smart-cities/", public.model_projects, name="model_projects"),
    path("medien/<str:kind>/<int:pk>/", files.media, name="media"),
    path("verwaltung/", editor.desk, name="desk"),
    path("verwaltung/neu/", editor.create, name="create"),
    path("verwaltung/<int:pk>/", editor.manage, name="manage"),
    path("verwaltung/<int:pk>/aktion/", editor.act, name="act"),
    path("verwaltung/<int:pk>/<str:kind>/neu/", media.upload, name="upload"),
    path(
        "verwaltung/<int:pk>/<str:kind>/<int:media_id>/entfernen/",
        media.remove,
        name="remove_media",
    ),  # fmt: skip
    path("uebernahmen/", transfers.transfers, name="transfers"),
    path("uebernahmen/<int:pk>/", transfers.conversation, name="transfer"),
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/uebernahme/", transfers.ask, name="ask_transfer"),
]
