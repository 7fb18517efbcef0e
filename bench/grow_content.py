"""Child of bench/http_pages.py ``--growth``: the ``make run`` content grown ``FACTOR`` times.

Run with the bench's environment after the demo content is loaded. The catalogue gets
``FACTOR - 1`` more copies of every service (numbered names, the same life situations, an
offer of each copy wherever the original is offered, each copy in the full-text index);
the Smart Region projects grow to ``FACTOR`` times the published ones with
``bench/project_data.py``'s generated projects (spread over Hessen, indexed). Prints the
counts before and after as JSON.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402

from bench import project_data  # noqa: E402
from rathaus.catalog import services as catalog  # noqa: E402
from rathaus.catalog.models import Offer, Service  # noqa: E402
from rathaus.projects.models import Project  # noqa: E402
from rathaus.tenants import scope  # noqa: E402
from rathaus.tenants import services as tenants  # noqa: E402


def counts() -> dict[str, int]:
    published = Project.objects.filter(state=Project.State.PUBLISHED).count()
    return {"services": Service.objects.count(), "offers": Offer.objects.count(),
            "projects": published}  # fmt: skip


def grow_catalogue(factor: int) -> None:
    originals = list(Service.objects.prefetch_related("life_situations", "offers"))
    with transaction.atomic():
        for copy in range(2, factor + 1):
            for service in originals:
                situations = list(service.life_situations.all())
                offers = list(service.offers.all())
                service.pk, service.id = None, None
                service.slug = f"{service.slug[:70]}-{copy}"
                service.name = f"{service.name} ({copy})"
                service.definition_slug = ""  # copies are described, not applied for
                service.leika_key = ""  # a key names one service
                service.save()
                service.life_situations.set(situations)
                for offer in offers:
                    offer.pk, offer.id = None, None
                    offer.service = service
                Offer.objects.bulk_create(offers)
    catalog.reindex_all()


def main() -> None:
    factor = int(sys.argv[1])
    with scope.activate(tenants.ensure(settings.RATHAUS_TENANT)):
        before = counts()
        grow_catalogue(factor)
        project_data.generate((factor - 1) * before["projects"], seed=factor)
        print(json.dumps({"before": before, "after": counts()}))


if __name__ == "__main__":
    main()
