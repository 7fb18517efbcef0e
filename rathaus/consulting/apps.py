from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultingConfig(AppConfig):
    name = "rathaus.consulting"
    label = "consulting"
    verbose_name = _("Digitalisierungsberatung")

    def ready(self) -> None:
        from rathaus.authentication import areas
        from rathaus.consulting import access, demo, privacy
        from rathaus.core import demo as core_demo
        from rathaus.core import pagecache, personal_data, retention

        personal_data.register("consulting", privacy.export, privacy.erase)
        retention.register("consulting", privacy.purge)
        core_demo.register("consulting", demo.load_demo_consulting)
        areas.register("consulting", access.may_open)
        pagecache.private(
            "consulting.consultingrequest",
            "consulting.consultingevent",
            "consulting.consultingnote",
        )  # no public page shows them
