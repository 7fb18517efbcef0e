from django.urls import path

from rathaus.authentication import views

app_name = "authentication"

urlpatterns = [
    path("anmelden/", views.login, name="login"),
    path("anmelden/zweiter-faktor/", views.second_factor, name="second_factor"),
    path("anmelden/freigeben/<str:token>/", views.unlock_login, name="unlock_login"),
    path("abmelden/", views.logout, name="logout"),
    path("anmelden/saml/metadata/", views.saml_metadata, name="saml_metadata"),
    path("anmelden/saml/", views.saml_start, name="saml_start"),
    path("anmelden/saml/acs/", views.saml_acs, name="saml_acs"),
    path("anmelden/saml/fertig/", views.saml_finish, name="saml_finish"),
    path("anmelden/oidc/", views.oidc_start, name="oidc_start"),
    path("anmelden/oidc/callback/", views.oidc_callback, name="oidc_callback"),
    path("anmelden/verbinden/", views.federated_link, name="federated_link"),
    path("anmelden/vertrauensniveau/", views.step_up, name="step_up"),
    path("registrieren/", views.register, name="register"),
    path("registrieren/e-mail-gesendet/", views.register_done, name="register_done"),
    path(
        "registrieren/bestaetigung-erneut-senden/",
        views.resend_verification,
        name="resend_verification",
    ),
    path("registrieren/bestaetigen/<str:token>/", views.verify_email, name="verify_email"),
    path("passwort-vergessen/", views.password_reset, name="password_reset"),
    path(
        "passwort-vergessen/e-mail-gesendet/",
        views.password_reset_done,
        name="password_reset_done",
    ),
    path(
        "passwort-vergessen/fertig/",
        views.password_reset_complete,
        name="password_reset_complete",
    ),
    path(
        "passwort-vergessen/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("konto/sicherheit/", views.security, name="security"),
    path("konto/sicherheit/passwort/", views.password_change, name="password_change"),
    path("konto/sicherheit/zwei-faktor/einrichten/", views.totp_setup, name="totp_setup"),
    path("konto/sicherheit/zwei-faktor/ausschalten/", views.totp_disable, name="totp_disable"),
    path(
        "konto/sicherheit/zwei-faktor/wiederherstellungscodes/",
        views.recovery_codes,
        name="recovery_codes",
    ),
    path("verwaltung/", views.staff_home, name="staff_home"),
]
