from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rathaus.accounts"
    label = "accounts"
    verbose_name = _("Konten und Rollen")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from rathaus.accounts import demo, privacy
        from rathaus.accounts.models import Membership
        from rathaus.accounts.services import keep_staff_status, watch_staff_source
        from rathaus.core import demo as core_demo
        from rathaus.core import pagecache, personal_data

        personal_data.register("accounts", privacy.export_account)
        core_demo.register("accounts", demo.load_demo_people)
        # who counts as staff, kept on the user row: stored at login, forgotten on a change
        watch_staff_source(Membership, "memberships")
        user_logged_in.connect(keep_staff_status, dispatch_uid="rathaus.accounts.keep_staff")
        pagecache.private(
            "accounts.user", "accounts.citizenprofile", "accounts.membership"
        )  # no public page shows them
