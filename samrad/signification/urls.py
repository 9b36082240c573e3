from django.urls import path

from samrad.signification import views

app_name = "signification"

urlpatterns = [
    path("s/<str:code>/", views.survey_public, name="public"),
    path("s/<str:code>/delete/", views.story_delete, name="story_delete"),
    path("peek/<str:token>/", views.peek, name="peek"),
    path("dialogues/<int:dialogue_pk>/new/", views.survey_create, name="create"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/status/<str:status>/", views.survey_status, name="status"),
    path("<int:pk>/peek/", views.survey_peek, name="peek_settings"),
    path("<int:pk>/results/", views.survey_results, name="results"),
    path("<int:pk>/export.<str:fmt>", views.survey_export, name="export"),
    path("<int:pk>/signifiers/<int:signifier_pk>/", views.signifier_edit, name="signifier_edit"),
    path(
        "<int:pk>/signifiers/<int:signifier_pk>/<str:action>/",
        views.signifier_action,
        name="signifier_action",
    ),
]
