from django.urls import path

from rathaus.designer.views import editor, language, start, testrun, versions

app_name = "designer"

urlpatterns = [
    path("", start.index, name="index"),
    path("neu/", start.start, name="start"),
    path("codelisten/", start.code_lists, name="code_lists"),
    path("<slug:slug>/", editor.overview, name="editor"),
    path("<slug:slug>/angaben/", editor.edit_meta, name="meta"),
    path("<slug:slug>/aendern/", editor.change, name="change"),
    path("<slug:slug>/ablauf/", editor.edit_workflow, name="workflow"),
    path("<slug:slug>/schritte/<str:step_id>/", editor.edit_step, name="step"),
    path("<slug:slug>/felder/<str:field_id>/", editor.edit_field, name="field"),
    path("<slug:slug>/gebuehren/<str:fee_id>/", editor.edit_fee, name="fee"),
    path("<slug:slug>/bescheide/<int:index>/", editor.edit_decision, name="decision"),
    path("<slug:slug>/sprache/", language.plain_language, name="language"),
    path("<slug:slug>/testlauf/", testrun.begin, name="test_begin"),
    path("<slug:slug>/testlauf/<uuid:run_id>/<int:number>/", testrun.step, name="test_step"),
    path("<slug:slug>/testlauf/<uuid:run_id>/pruefen/", testrun.check, name="test_check"),
    path("<slug:slug>/versionen/", versions.history, name="versions"),
    path("<slug:slug>/versionen/vergleich/", versions.compare, name="compare"),
    path("<slug:slug>/v<int:number>/veroeffentlichen/", versions.publish, name="publish"),
    path("<slug:slug>/v<int:number>/wiederherstellen/", versions.restore, name="restore"),
    path("<slug:slug>/nachnutzung/", versions.reuse, name="reuse"),
    path("<slug:slug>/anbieten/", versions.offer, name="offer"),
    path("<slug:slug>/v<int:number>.<str:format>", versions.export, name="export"),
]
