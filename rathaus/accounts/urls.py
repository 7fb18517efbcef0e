from django.urls import path

from rathaus.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("profil/", views.profile, name="profile"),
    path("daten/", views.my_data, name="my_data"),
    path("daten/export/", views.export_data, name="export_data"),
    path("daten/loeschen/", views.delete_account, name="delete_account"),
    path("e-mail/", views.email_change, name="email_change"),
    path("e-mail/gesendet/", views.email_change_sent, name="email_change_sent"),
    path(
        "e-mail/bestaetigen/<str:token>/",
        views.email_change_confirm,
        name="email_change_confirm",
    ),
]
