from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rathaus.core"
    label = "core"
    verbose_name = _("Gebiete und Behörden")

    def ready(self) -> None:
        from rathaus.core import feedback, retention

        retention.register("core.feedback", lambda now: feedback.delete_expired_feedback(now))
