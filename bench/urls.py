"""The real URLs plus /bench/bare: a Django view doing nothing, the baseline of the run."""

from django.http import HttpResponse
from django.urls import path

from rathaus.urls import handler400, handler403, handler404, handler500
from rathaus.urls import urlpatterns as real

__all__ = ["urlpatterns", "handler400", "handler403", "handler404", "handler500"]


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare), *real]
