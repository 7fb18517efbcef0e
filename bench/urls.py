"""The real URLs plus /bench/bare: a Django view doing nothing, the baseline of the run, and
/bench/insert: a POST inserting one row in one transaction (baseline of bench/registration.py).
"""

from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from rathaus.urls import handler400, handler403, handler404, handler500
from rathaus.urls import urlpatterns as real

__all__ = ["urlpatterns", "handler400", "handler403", "handler404", "handler500"]


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
@require_POST
def insert(request):
    """One row into ``bench_row`` (created by bench/registration.py), one transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_row (email) VALUES (%s)", [request.POST.get("email", "")])
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare), path("bench/insert", insert), *real]
