from django.urls import path

from rathaus.definitions import views

app_name = "definitions"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/v<int:number>/", views.version_detail, name="version"),
    path("<slug:slug>/v<int:number>/veroeffentlichen/", views.version_publish, name="publish"),
]
