from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "rathaus.organisations"
    label = "organisations"
    verbose_name = _("Organisationen")

    def ready(self) -> None:
        from rathaus.accounts.overview import SECTIONS
        from rathaus.accounts.services import STAFF_SOURCES
        from rathaus.core import demo as core_demo
        from rathaus.core import pagecache, personal_data
        from rathaus.organisations import demo, privacy, services

        STAFF_SOURCES.register("municipality", services.municipal_memberships)
        personal_data.register("organisations", privacy.export, privacy.erase)
        core_demo.register("organisations", demo.load_demo_organisation)
        SECTIONS.register(
            "organisations", lambda user: {"organisations": services.memberships_of(user)}
        )
        pagecache.private(
            "organisations.organisation", "organisations.member", "organisations.invitation"
        )  # no public page shows them
