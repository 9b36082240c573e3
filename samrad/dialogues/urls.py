from django.urls import path

from samrad.dialogues import views

app_name = "dialogues"

urlpatterns = [
    path("", views.dialogue_list, name="list"),
    path("new/", views.dialogue_create, name="create"),
    path("<int:pk>/", views.dialogue_detail, name="detail"),
]
