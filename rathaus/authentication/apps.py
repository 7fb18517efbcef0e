from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthenticationConfig(AppConfig):
    name = "rathaus.authentication"
    label = "authentication"
    verbose_name = _("Anmeldung")

    def ready(self) -> None:
        from rathaus.authentication import registry, services
        from rathaus.core import retention

        if "password" not in {method.identifier for method in registry.all()}:
            registry.register(registry.PasswordLoginMethod())
        # Login-failure records hold e-mail addresses: gone once they no longer count.
        retention.register(
            "authentication.login_failures", lambda now: services.purge_stale_failure_records()
        )
