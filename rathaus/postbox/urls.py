from django.urls import path

from rathaus.postbox import views

app_name = "postbox"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<uuid:message_id>/", views.message, name="message"),
    path("datei/<uuid:file_id>/", views.download, name="download"),
]
