"""Read-only catalogue API: services, life situations, responsibility for a Gemeinde."""

from __future__ import annotations

from django.http import Http404
from ninja import Router, Schema

from rathaus.catalog import services
from rathaus.catalog.models import LifeSituation, Service
from rathaus.core.apierrors import Error, ValidationError
from rathaus.core.services import municipality_by_key

router = Router(tags=["Leistungskatalog"])


class LifeSituationOut(Schema):
    slug: str
    name: str
    name_en: str


class ServiceOut(Schema):
    slug: str
    leika_key: str | None
    name: str
    name_en: str
    summary: str
    life_situations: list[str]
    responsible_level: str
    online_definition: str | None


class ServiceDetailOut(ServiceOut):
    required_documents: list[str]
    fees: str
    processing_time: str
    legal_basis: str


class AuthorityOut(Schema):
    slug: str
    name: str
    email: str
    phone: str


class ResponsibilityOut(Schema):
    gemeinde: str
    served_territory: str | None
    authority: AuthorityOut | None
    online: bool
    explanation: str


def _service(service: Service) -> dict:
    return {
        "slug": service.slug,
        "leika_key": service.leika_key or None,
        "name": service.name,
        "name_en": service.name_en,
        "summary": service.summary,
        "life_situations": [ls.slug for ls in service.life_situations.all()],
        "responsible_level": service.responsible_level,
        "online_definition": service.definition_slug or None,
    }


def _found(slug: str) -> Service:
    service = services.service_by_slug(slug)
    if service is None:
        raise Http404
    return service


@router.get("/life-situations", response=list[LifeSituationOut])
def life_situations(request):
    return LifeSituation.objects.all()


@router.get("/services", response={200: list[ServiceOut], 422: ValidationError})
def service_list(request, q: str = "", life_situation: str = ""):
    """Services, optionally found by German full-text search and filtered."""
    situation = (
        LifeSituation.objects.filter(slug=life_situation).first() if life_situation else None
    )
    if life_situation and situation is None:
        return []
    return [_service(s) for s in services.find_services(q[:200], situation)]


@router.get("/services/{slug}", response={200: ServiceDetailOut, 404: Error, 422: ValidationError})
def service_detail(request, slug: str):
    service = _found(slug)
    return {
        **_service(service),
        "required_documents": service.document_list("de"),
        "fees": service.fees,
        "processing_time": service.processing_time,
        "legal_basis": service.legal_basis,
    }


@router.get(
    "/services/{slug}/responsibility",
    response={200: ResponsibilityOut, 404: Error, 422: ValidationError},
)
def responsibility(request, slug: str, gemeinde: str):
    """Who handles the service for a Gemeinde (8-digit AGS), Gemeinde → Kreis → RB → Land."""
    service = _found(slug)
    municipality = municipality_by_key(gemeinde)
    if municipality is None:
        raise Http404
    found = services.resolve(service, municipality)
    offer = found.offer
    return {
        "gemeinde": municipality.key,
        "served_territory": offer.territory.key if offer else None,
        "authority": offer.authority if offer else None,
        "online": bool(offer and offer.online and service.definition_slug),
        "explanation": found.explanation(),
    }
