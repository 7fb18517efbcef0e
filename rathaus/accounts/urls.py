from django.urls import path

from rathaus.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("profil/", views.profile, name="profile"),
    path("e-mail/", views.email_change, name="email_change"),
    path("e-mail/gesendet/", views.email_change_sent, name="email_change_sent"),
    path(
        "e-mail/bestaetigen/<str:token>/",
        views.email_change_confirm,
        name="email_change_confirm",
    ),
]
