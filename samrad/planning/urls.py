"""The plan and the evaluation of a dialogue, under /plan/<dialogue id>/."""

from django.urls import path

from samrad.planning import views

app_name = "planning"

urlpatterns = [
    path("<int:pk>/", views.plan, name="plan"),
    path("<int:pk>/goals/", views.goals, name="goals"),
    path("<int:pk>/goals/measures/<int:measure_pk>/", views.measure, name="measure"),
    path("<int:pk>/reach/", views.reach, name="reach"),
    path("<int:pk>/reach/groups/<int:group_pk>/", views.target_group, name="target_group"),
    path("<int:pk>/communication/", views.comms, name="comms"),
    path("<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("<int:pk>/labs/", views.labs, name="labs"),
    path("<int:pk>/labs/<int:lab_pk>/", views.lab, name="lab"),
]
