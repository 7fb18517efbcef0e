from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostboxConfig(AppConfig):
    name = "rathaus.postbox"
    label = "postbox"
    verbose_name = _("Postfach")

    def ready(self) -> None:
        from rathaus.accounts.overview import SECTIONS
        from rathaus.core import pagecache, personal_data
        from rathaus.postbox import privacy, services

        personal_data.register("postbox", privacy.export, privacy.erase)
        SECTIONS.register("postbox", lambda user: {"unread": services.unread_count(user)})
        pagecache.private("postbox.message", "postbox.messagefile")  # no public page shows them
