"""The real URLs plus /bench/bare: a Django view doing nothing, the baseline of the run,
/bench/insert: a POST inserting one row in one transaction (baseline of bench/registration.py),
and two floors of every signed-in page (bench/http_pages.py): /bench/signed answers the
signed-in person's e-mail address (session and user read, nothing rendered),
/bench/signed-layout renders the site's layout around an empty page for her.
"""

from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import HttpResponse
from django.shortcuts import render
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


@login_required
def signed(request):
    return HttpResponse(request.user.email, content_type="text/plain")


@login_required
def signed_layout(request):
    return render(request, "base.html", {})


urlpatterns = [
    path("bench/bare", bare),
    path("bench/insert", insert),
    path("bench/signed", signed),
    path("bench/signed-layout", signed_layout),
    *real,
]
