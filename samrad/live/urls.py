from django.urls import path

from samrad.live import (
    views,
    views_edit,
    views_entry,
    views_exports,
    views_images,
    views_moderation,
    views_privacy,
    views_qa,
    views_words,
)

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
    path(
        "j/<str:code>/questions/<int:question_id>/qa/",
        views_qa.participant_qa,
        name="participant_qa",
    ),
    path(
        "j/<str:code>/posts/<int:response_id>/upvote/",
        views_qa.participant_upvote,
        name="participant_upvote",
    ),
    path("j/<str:code>/react/", views.participant_react, name="participant_react"),
    path("j/<str:code>/nickname/", views.participant_nickname, name="participant_nickname"),
    path("j/<str:code>/my-data/", views_privacy.my_data, name="my_data"),
    path("j/<str:code>/my-data.json", views_privacy.my_data_download, name="my_data_download"),
    path("present/<str:code>/", views.presenter, name="presenter"),
    path("show/<str:secret>/", views.presenter_link, name="presenter_link"),
    path("present/<str:code>/stage/", views.presenter_stage, name="presenter_stage"),
    path("present/<str:code>/qr.svg", views.qr_image, name="qr"),
    path(
        "live/images/<int:question_id>/<str:name>",
        views_images.question_image,
        name="question_image",
    ),
    path("dialogues/<int:dialogue_pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_edit, name="session_edit"),
    path(
        "sessions/<int:pk>/export/<str:fmt>",
        views_exports.session_export,
        name="session_export",
    ),
    path(
        "dialogues/<int:dialogue_pk>/export/<str:fmt>",
        views_exports.dialogue_export,
        name="dialogue_export",
    ),
    path("sessions/<int:pk>/control/", views.session_control, name="session_control"),
    path("sessions/<int:pk>/entry/", views_entry.entry_list, name="entry_list"),
    path("sessions/<int:pk>/entry/save/", views_entry.entry_save, name="entry_save"),
    path("sessions/<int:pk>/entry/new/<str:channel>/", views_entry.entry_new, name="entry_new"),
    path(
        "sessions/<int:pk>/entry/<int:participant_pk>/",
        views_entry.entry_form,
        name="entry_form",
    ),
    path(
        "sessions/<int:pk>/entry/<int:participant_pk>/questions/<int:question_pk>/",
        views_entry.entry_respond,
        name="entry_respond",
    ),
    path("sessions/<int:pk>/polls/<str:key>/", views.poll_add, name="poll_add"),
    path("sessions/<int:pk>/polls/<str:key>/first/", views_edit.poll_first, name="poll_first"),
    path("sessions/<int:pk>/control/<str:action>/", views.session_command, name="session_command"),
    # Before question_action, whose <action> would otherwise take "edit" or "moderate".
    path(
        "sessions/<int:pk>/questions/<int:question_pk>/edit/",
        views_edit.question_edit,
        name="question_edit",
    ),
    path(
        "sessions/<int:pk>/questions/<int:question_pk>/moderate/",
        views_qa.qa_moderation,
        name="qa_moderation",
    ),
    path(
        "sessions/<int:pk>/questions/<int:question_pk>/moderate/premoderation/",
        views_qa.qa_premoderation,
        name="qa_premoderation",
    ),
    path(
        "sessions/<int:pk>/questions/<int:question_pk>/moderate/<int:response_pk>/<str:action>/",
        views_qa.qa_post_action,
        name="qa_post_action",
    ),
    path(
        "sessions/<int:pk>/questions/<int:question_pk>/entries/",
        views_moderation.entry_moderation,
        name="entry_moderation",
    ),
    path(
        "sessions/<int:pk>/questions/<int:question_pk>/entries/premoderation/",
        views_moderation.entry_premoderation,
        name="entry_premoderation",
    ),
    path(
        "sessions/<int:pk>/questions/<int:question_pk>/entries/<int:response_pk>/<str:action>/",
        views_moderation.entry_action,
        name="entry_action",
    ),
    path(
        "sessions/<int:pk>/questions/<int:question_pk>/words/",
        views_words.word_groups,
        name="word_groups",
    ),
    path(
        "sessions/<int:pk>/questions/<int:question_pk>/words/<str:action>/",
        views_words.word_group_action,
        name="word_group_action",
    ),
    path(
        "organisations/<int:organisation_pk>/word-filter/",
        views_moderation.word_filter,
        name="word_filter",
    ),
    path(
        "sessions/<int:pk>/questions/<int:question_pk>/<str:action>/",
        views.question_action,
        name="question_action",
    ),
]
