from django.urls import path

from samrad.insights import views, views_foreign

app_name = "insights"

urlpatterns = [
    path("d/<int:pk>/", views.board, name="board"),
    path("d/<int:pk>/bulk/", views.board_bulk, name="bulk"),
    path("d/<int:pk>/themes/", views.codebook, name="codebook"),
    path("d/<int:pk>/groups/", views.groups, name="groups"),
    path("d/<int:pk>/duplicates/", views.duplicates, name="duplicates"),
    path("d/<int:pk>/import/", views.import_upload, name="import"),
    path("d/<int:pk>/import/results/", views_foreign.foreign_upload, name="foreign_import"),
    path("imports/<int:pk>/results/", views_foreign.foreign_preview, name="foreign_preview"),
    path("d/<int:pk>/compare/", views.compare, name="compare"),
    path("d/<int:pk>/exports/", views.exports_page, name="exports"),
    path("d/<int:pk>/exports/<str:fmt>/", views.export, name="export"),
    path("d/<int:pk>/public/", views.public_preview, name="public_preview"),
    path("themes/<int:pk>/", views.theme_edit, name="theme_edit"),
    path("imports/<int:pk>/", views.import_preview, name="import_preview"),
    path("imports/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("inputs/<int:pk>/", views.input_row, name="input_row"),
    path("inputs/<int:pk>/code/", views.input_code, name="input_code"),
    path("inputs/<int:pk>/answer/", views.input_answer, name="input_answer"),
    path("inputs/<int:pk>/status/", views.input_status, name="input_status"),
    path("inputs/<int:pk>/publish/", views.input_publish, name="input_publish"),
    path("inputs/<int:pk>/unmerge/", views.input_unmerge, name="input_unmerge"),
]
