from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rathaus.accounts"
    label = "accounts"
    verbose_name = _("Konten und Rollen")

    def ready(self) -> None:
        from rathaus.accounts import demo, privacy
        from rathaus.core import demo as core_demo
        from rathaus.core import pagecache, personal_data

        personal_data.register("accounts", privacy.export_account)
        core_demo.register("accounts", demo.load_demo_people)
        pagecache.private(
            "accounts.user", "accounts.citizenprofile", "accounts.membership"
        )  # no public page shows them
