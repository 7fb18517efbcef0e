from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "rathaus.catalog"
    label = "catalog"
    verbose_name = _("Leistungskatalog")

    def ready(self) -> None:
        from rathaus.catalog import demo, signals  # noqa: F401  (signals keep the search index)
        from rathaus.core import demo as core_demo

        core_demo.register("catalog", demo.load_demo_offers)
