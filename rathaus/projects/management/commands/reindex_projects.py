from django.core.management.base import BaseCommand

from rathaus.projects.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the full-text index of published projects (after a restore or a move)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{reindex_all()} published projects indexed.")
