from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rathaus.accounts"
    label = "accounts"
    verbose_name = _("Konten und Rollen")

    def ready(self) -> None:
        from rathaus.accounts import privacy
        from rathaus.core import personal_data

        personal_data.register("accounts", privacy.export_account)
