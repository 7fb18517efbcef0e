from django.urls import path

from rathaus.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
]
