from django.urls import path

from rathaus.core.views import legal as legal_views
from rathaus.core.views import pages as views
from rathaus.core.views import territory as territory_views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("impressum/", legal_views.imprint, name="imprint"),
    path("datenschutz/", legal_views.privacy, name="privacy"),
    path("barrierefreiheit/", legal_views.accessibility, name="accessibility"),
    path("barrierefreiheit/rueckmeldung/", legal_views.feedback, name="feedback"),
    path("leichte-sprache/", legal_views.easy_language, name="easy_language"),
    path("gebaerdensprache/", legal_views.sign_language, name="sign_language"),
    path("kontakt/", legal_views.contact, name="contact"),
    path("eingang/<slug:reference>/", legal_views.receipt, name="feedback_receipt"),
    path("gebiete/suche/", territory_views.territory_search, name="territory_search"),
    path("gebiete/<str:key>/", territory_views.territory_detail, name="territory_detail"),
]
