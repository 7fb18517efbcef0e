from django.urls import path

from rathaus.submissions import views

app_name = "submissions"

urlpatterns = [
    path("leistungen/<slug:slug>/beantragen/", views.start, name="start"),
    path("antrag/<uuid:draft_id>/schritt/<int:number>/", views.step, name="step"),
    path("antrag/<uuid:draft_id>/pruefen/", views.check, name="check"),
    path("antrag/<uuid:draft_id>/speichern/", views.save, name="save"),
    path("antrag/<uuid:draft_id>/loeschen/", views.discard, name="discard"),
    path("antrag/fortsetzen/<str:token>/", views.resume_link, name="resume"),
    path("antraege/<str:reference>/", views.detail, name="detail"),
    path("antraege/<str:reference>/eingangsbestaetigung.pdf", views.receipt, name="receipt"),
    path("antraege/<str:reference>/zurueckziehen/", views.withdraw, name="withdraw"),
    path("konto/antraege/", views.mine, name="mine"),
    path("konto/dokumente/", views.documents, name="documents"),
]
