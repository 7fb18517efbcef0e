from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveriesConfig(AppConfig):
    name = "rathaus.deliveries"
    label = "deliveries"
    verbose_name = _("Zustellung an Fachverfahren")

    def ready(self) -> None:
        from rathaus.core import pagecache
        from rathaus.deliveries import plugins  # noqa: F401  (registers the built-in plugins)
        from rathaus.deliveries.services import on_submission_received
        from rathaus.submissions.signals import submission_received

        submission_received.connect(on_submission_received, dispatch_uid="deliveries.schedule")
        pagecache.private(
            "deliveries.deliveryroute", "deliveries.delivery", "deliveries.deliveryattempt"
        )  # no public page shows them
