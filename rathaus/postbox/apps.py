from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostboxConfig(AppConfig):
    name = "rathaus.postbox"
    label = "postbox"
    verbose_name = _("Postfach")

    def ready(self) -> None:
        from rathaus.core import personal_data
        from rathaus.postbox import privacy

        personal_data.register("postbox", privacy.export, privacy.erase)
