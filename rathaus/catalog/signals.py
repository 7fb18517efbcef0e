"""Keep the catalogue's search index in step with edits (admin, loader, shell)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from rathaus.catalog.models import Service
from rathaus.catalog.services import SEARCH_KIND, reindex
from rathaus.search import services as search


@receiver(post_save, sender=Service)
def _saved(sender, instance: Service, raw: bool = False, **kwargs) -> None:
    if not raw:
        reindex(instance)


@receiver(m2m_changed, sender=Service.life_situations.through)
def _situations_changed(sender, instance, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Service):
        reindex(instance)


@receiver(post_delete, sender=Service)
def _deleted(sender, instance: Service, **kwargs) -> None:
    search.remove(SEARCH_KIND, instance.pk)
