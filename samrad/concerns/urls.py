from django.urls import path

from samrad.concerns import views

app_name = "concerns"

urlpatterns = [
    path("d/<int:dialogue_pk>/", views.concern_list, name="list"),
    path("d/<int:dialogue_pk>/actions/", views.action_list, name="actions"),
    path("actions/<int:pk>/", views.action_edit, name="action_edit"),
    path(
        "w/<int:workshop_pk>/steps/<int:step_pk>/phone/",
        views.phone_screen,
        name="phone_screen",
    ),
    path(
        "w/<int:workshop_pk>/steps/<int:step_pk>/phone/<slug:command>/",
        views.phone_command,
        name="phone_command",
    ),
    path(
        "w/<int:workshop_pk>/steps/<int:step_pk>/<slug:screen>/",
        views.step_screen,
        name="step_screen",
    ),
    path(
        "w/<int:workshop_pk>/steps/<int:step_pk>/do/<slug:command>/",
        views.step_command,
        name="step_command",
    ),
]
