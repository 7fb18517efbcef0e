from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlainLanguageConfig(AppConfig):
    name = "rathaus.plainlanguage"
    label = "plainlanguage"
    verbose_name = _("Verständliche Sprache")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from rathaus.plainlanguage.models import OfficialeseTerm
        from rathaus.plainlanguage.services import terms_changed

        # An edited term list takes effect at once (services caches it in this process).
        post_save.connect(terms_changed, sender=OfficialeseTerm, dispatch_uid="plainlanguage.terms")
        post_delete.connect(
            terms_changed, sender=OfficialeseTerm, dispatch_uid="plainlanguage.terms"
        )
