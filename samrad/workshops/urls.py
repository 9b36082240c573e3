from django.urls import path

from samrad.workshops import views, views_mapping

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
    path("<int:pk>/board/", views_mapping.board, name="board"),
    path("<int:pk>/place/", views_mapping.place, name="place"),
    path("<int:pk>/undo/", views_mapping.undo, name="undo"),
    path("j/<str:code>/board/", views_mapping.phone_board, name="phone_board"),
    path("j/<str:code>/place/", views_mapping.phone_place, name="phone_place"),
    path("<int:pk>/portfolio/", views_mapping.portfolio, name="portfolio"),
    path("<int:pk>/portfolio/cards.pdf", views_mapping.code_cards, name="cards"),
    path("<int:pk>/target-images/", views_mapping.framework_edit, name="framework"),
    path("<int:pk>/steps/<int:step_pk>/notes/", views_mapping.note_save, name="note_save"),
    path(
        "<int:pk>/steps/<int:step_pk>/show/", views_mapping.discussion_show, name="discussion_show"
    ),
    path("<int:pk>/compare/", views_mapping.compare_choose, name="compare_choose"),
    path("<int:pk>/themes/", views_mapping.theme_map, name="theme_map"),
    path("<int:pk>/report.<str:fmt>", views_mapping.workshop_report, name="report"),
]
