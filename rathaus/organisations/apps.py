from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "rathaus.organisations"
    label = "organisations"
    verbose_name = _("Organisationen")

    def ready(self) -> None:
        from rathaus.accounts.overview import SECTIONS
        from rathaus.accounts.services import STAFF_SOURCES, watch_staff_source
        from rathaus.core import demo as core_demo
        from rathaus.core import pagecache, personal_data
        from rathaus.organisations import demo, privacy, services
        from rathaus.organisations.models import Member, Organisation

        STAFF_SOURCES.register("municipality", services.municipal_memberships)
        # what municipal_memberships reads: a member joins or leaves, an organisation's kind
        watch_staff_source(Member, "organisation_memberships")
        watch_staff_source(Organisation, "organisation_memberships__organisation")
        personal_data.register("organisations", privacy.export, privacy.erase)
        core_demo.register("organisations", demo.load_demo_organisation)
        SECTIONS.register(
            "organisations", lambda user: {"organisations": services.memberships_of(user)}
        )
        pagecache.private(
            "organisations.organisation", "organisations.member", "organisations.invitation"
        )  # no public page shows them
