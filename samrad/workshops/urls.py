from django.urls import path

from samrad.workshops import views

app_name = "workshops"

urlpatterns = [
    path("dialogues/<int:dialogue_pk>/new/", views.template_list, name="template_list"),
    path("<int:pk>/run/", views.run, name="run"),
    path("<int:pk>/run/step/", views.run_step, name="run_step"),
    path("<int:pk>/command/<str:action>/", views.command, name="command"),
    path("<int:pk>/steps/<int:step_pk>/edit/", views.step_edit, name="step_edit"),
    path("<int:pk>/projector/", views.projector, name="projector"),
    path("<int:pk>/projector/step/", views.projector_step, name="projector_step"),
    path("j/<str:code>/", views.phone, name="phone"),
    path("j/<str:code>/step/", views.phone_step, name="phone_step"),
]
