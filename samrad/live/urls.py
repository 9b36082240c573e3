from django.urls import path

from samrad.live import views

app_name = "live"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("j/<str:code>/", views.join_code, name="join_code"),
    path("j/<str:code>/question/", views.participant_question, name="participant_question"),
    path(
        "j/<str:code>/questions/<int:question_id>/respond/",
        views.participant_respond,
        name="participant_respond",
    ),
    path("present/<str:code>/", views.presenter, name="presenter"),
    path("present/<str:code>/stage/", views.presenter_stage, name="presenter_stage"),
    path("present/<str:code>/qr.svg", views.qr_image, name="qr"),
    path("dialogues/<int:dialogue_pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/control/", views.session_control, name="session_control"),
    path("sessions/<int:pk>/polls/<str:key>/", views.poll_add, name="poll_add"),
    path("sessions/<int:pk>/control/<str:action>/", views.session_command, name="session_command"),
    path(
        "sessions/<int:pk>/questions/<int:question_pk>/<str:action>/",
        views.question_action,
        name="question_action",
    ),
]
