from django.urls import path

from samrad.opinions import views

app_name = "opinions"

urlpatterns = [
    path("statements/import/<int:dialogue_pk>/", views.import_polis, name="import_polis"),
    path(
        "j/<str:code>/statements/<int:question_id>/",
        views.phone_card,
        name="phone_card",
    ),
    path(
        "sessions/<int:pk>/statements/<int:question_pk>/",
        views.moderation,
        name="moderation",
    ),
    path(
        "sessions/<int:pk>/statements/<int:question_pk>/polis.zip",
        views.export_polis,
        name="export_polis",
    ),
    path(
        "sessions/<int:pk>/statements/<int:question_pk>/report/",
        views.report,
        name="report",
    ),
    path(
        "sessions/<int:pk>/statements/<int:question_pk>/report.<str:fmt>",
        views.report_export,
        name="report_export",
    ),
    path(
        "sessions/<int:pk>/statements/<int:question_pk>/to-board/",
        views.to_board,
        name="to_board",
    ),
    path(
        "sessions/<int:pk>/statements/<int:question_pk>/<int:statement_pk>/<str:action>/",
        views.moderate,
        name="moderate",
    ),
]
