"""Edit in place (core/editing.py): /edit/<key>/<pk>/ and its row."""

from django.urls import path

from samrad.dialogues import views_editing

app_name = "editing"

urlpatterns = [
    path("<str:key>/<int:pk>/", views_editing.edit, name="edit"),
    path("<str:key>/<int:pk>/row/", views_editing.row, name="row"),
]
