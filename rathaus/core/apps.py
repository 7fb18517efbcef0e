from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rathaus.core"
    label = "core"
    verbose_name = _("Gebiete und Behörden")

    def ready(self) -> None:
        from rathaus.core import csrfstrings, feedback, pagecache, retention

        csrfstrings.install()  # one random read per CSRF secret or mask, not 32
        pagecache.connect()  # writes of public rows empty the page cache
        pagecache.private("core.feedback")  # no public page shows them
        retention.register("core.feedback", lambda now: feedback.delete_expired_feedback(now))
