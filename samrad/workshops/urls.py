from django.urls import path

from samrad.workshops import views
from samrad.workshops.mapping import views as mapping_views

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
    # Portfolio mapping
    path("<int:pk>/board/", mapping_views.board, name="board"),
    path("<int:pk>/place/", mapping_views.place, name="place"),
    path("<int:pk>/undo/", mapping_views.undo, name="undo"),
    path("j/<str:code>/board/", mapping_views.phone_board, name="phone_board"),
    path("j/<str:code>/place/", mapping_views.phone_place, name="phone_place"),
    path("<int:pk>/portfolio/", mapping_views.portfolio, name="portfolio"),
    path("<int:pk>/portfolio/cards.pdf", mapping_views.code_cards, name="cards"),
    path("<int:pk>/target-images/", mapping_views.framework_edit, name="framework"),
    path("<int:pk>/steps/<int:step_pk>/notes/", mapping_views.note_save, name="note_save"),
    path(
        "<int:pk>/steps/<int:step_pk>/show/", mapping_views.discussion_show, name="discussion_show"
    ),
    path("<int:pk>/compare/", mapping_views.compare_choose, name="compare_choose"),
    path("<int:pk>/themes/", mapping_views.theme_map, name="theme_map"),
    path("<int:pk>/report.<str:fmt>", mapping_views.workshop_report, name="report"),
]
