"""Public pages (no login) and the facilitator's feedback pages."""

from django.urls import path

from samrad.feedback import views

app_name = "feedback"

urlpatterns = [
    path("d/<slug:slug>/", views.public_page, name="public"),
    path("d/<slug:slug>/follow/", views.follow_page, name="follow"),
    path("feedback/confirm/<str:token>/", views.follow_confirm, name="confirm"),
    path("feedback/subscribe/<str:code>/", views.subscribe, name="subscribe"),
    path("feedback/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("feedback/import/", views.method_import, name="import"),
    path("feedback/dialogues/<int:pk>/", views.manage, name="manage"),
    path("feedback/dialogues/<int:pk>/preview/", views.preview, name="preview"),
    path("feedback/dialogues/<int:pk>/leaflet.pdf", views.leaflet_pdf, name="leaflet"),
    path("feedback/dialogues/<int:pk>/report.pdf", views.report, {"fmt": "pdf"}, name="report_pdf"),
    path(
        "feedback/dialogues/<int:pk>/report.docx", views.report, {"fmt": "docx"}, name="report_docx"
    ),
    path("feedback/dialogues/<int:pk>/reports/", views.report_start, name="report_start"),
    path("feedback/reports/<int:build_pk>/", views.report_progress, name="report_progress"),
    path(
        "feedback/reports/<int:build_pk>/download/",
        views.report_download,
        name="report_download",
    ),
    path("feedback/dialogues/<int:pk>/guide.pdf", views.guide_pdf, name="guide"),
    path("feedback/dialogues/<int:pk>/method.json", views.method_json, name="method"),
    path("feedback/mailings/<int:pk>/", views.mailing, name="mailing"),
]
