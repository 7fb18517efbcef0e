from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "rathaus.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self) -> None:
        from rathaus.authentication import areas
        from rathaus.core import demo as core_demo
        from rathaus.core import pagecache, personal_data, retention
        from rathaus.events import access, demo, privacy

        personal_data.register("events", privacy.export, privacy.erase)
        retention.register("events", privacy.purge)
        core_demo.register("events", demo.load_demo_events)
        areas.register("events", access.has_back_office)
        pagecache.private("events.eventmessage")  # no public page shows them
