from django.urls import path

from rathaus.coverage import views

app_name = "coverage"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.csv", views.export, name="export"),
    path("gemeinden/<str:key>/", views.municipality, name="municipality"),
    path("laender/", views.tenants, name="tenants"),
]
