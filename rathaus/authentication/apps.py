from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthenticationConfig(AppConfig):
    name = "rathaus.authentication"
    label = "authentication"
    verbose_name = _("Anmeldung")

    def ready(self) -> None:
        from rathaus.accounts.overview import SECTIONS
        from rathaus.authentication import methods, privacy, registry, saml, services
        from rathaus.core import pagecache, personal_data, retention

        personal_data.register("authentication", privacy.export, privacy.erase)
        SECTIONS.register("second_factor", privacy.overview)

        if "password" not in registry.METHODS:
            registry.register(registry.PasswordLoginMethod())
        for method in (methods.SamlLoginMethod(), methods.OidcLoginMethod()):
            if method.identifier not in registry.METHODS:
                registry.register(method)
        retention.register("authentication.saml_requests", lambda now: saml.purge_stale_requests())
        # Login-failure records hold e-mail addresses: gone once they no longer count.
        retention.register(
            "authentication.login_failures", lambda now: services.purge_stale_failure_records()
        )
        pagecache.private(
            "authentication.loginfailurerecord",
            "authentication.totpdevice",
            "authentication.recoverycode",
            "authentication.externalidentity",
            "authentication.samlrequest",
        )  # no public page shows them
