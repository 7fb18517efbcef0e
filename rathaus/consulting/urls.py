from django.urls import path

from rathaus.consulting.views import public as views
from rathaus.consulting.views import staff as staff_views

app_name = "consulting"

urlpatterns = [
    path("", views.index, name="index"),
    path("anfrage/", views.new, name="new"),
    path("meine/", views.mine, name="mine"),
    path("meine/<str:reference>/", views.mine_detail, name="mine_detail"),
    path("meine/<str:reference>/rueckmeldung/", views.feedback, name="feedback"),
    path("eingang/", staff_views.queue, name="queue"),
    path("uebersicht/", staff_views.overview, name="overview"),
    path("anfragen/<str:reference>/", staff_views.detail, name="detail"),
    path("anfragen/<str:reference>/zuweisen/", staff_views.assign, name="assign"),
    path("anfragen/<str:reference>/status/", staff_views.change_status, name="status"),
    path("anfragen/<str:reference>/partner/", staff_views.set_partner, name="partner"),
    path("anfragen/<str:reference>/notiz/", staff_views.note, name="note"),
]
