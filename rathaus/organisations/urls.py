from django.urls import path

from rathaus.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.index, name="index"),
    path("neu/", views.create, name="create"),
    path("einladung/<str:token>/", views.join, name="join"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("<int:pk>/einladen/", views.invite, name="invite"),
    path("<int:pk>/mitglieder/<int:member_pk>/rolle/", views.change_role, name="change_role"),
    path("<int:pk>/mitglieder/<int:member_pk>/entfernen/", views.remove, name="remove"),
    path(
        "<int:pk>/einladungen/<int:invitation_pk>/zurueckziehen/",
        views.withdraw,
        name="withdraw",
    ),
]
