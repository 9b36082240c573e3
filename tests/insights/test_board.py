"""The board's pages: filters, search, pagination, htmx rows, scoping and who may change."""

import pytest
from django.urls import reverse

from samrad.insights import selectors, services
from samrad.insights.models import Input, InputStatus
from samrad.live import services as live
from samrad.live.kinds import Answer
from tests.factories import (
    ChoiceQuestionFactory,
    DialogueFactory,
    FacilitatorFactory,
    ParticipantFactory,
    QuestionFactory,
    SessionFactory,
    put_on_screen,
)


def _texts(dialogue, **query):
    filters = selectors.BoardFilters.from_query(query)
    return sorted(i.text for i in selectors.board_inputs(dialogue, filters))


def test_filters_combine(make_input, dialogue, theme):
    session = SessionFactory(dialogue=dialogue)
    a = make_input("Buss på kvällen", kind="question", session=session, language="sv")
    make_input("Park och bänkar", kind="suggestion", status=InputStatus.ANSWERED, answer="Ja")
    make_input("Bus in the evening", kind="question", language="en", published=True, answer="Y")
    services.input_code(input=a, theme=theme)
    assert _texts(dialogue, kind="question") == ["Bus in the evening", "Buss på kvällen"]
    assert _texts(dialogue, session=str(session.pk)) == ["Buss på kvällen"]
    assert _texts(dialogue, theme=str(theme.pk)) == ["Buss på kvällen"]
    assert _texts(dialogue, theme="none") == ["Bus in the evening", "Park och bänkar"]
    assert _texts(dialogue, status="answered") == ["Park och bänkar"]
    assert _texts(dialogue, language="en") == ["Bus in the evening"]
    assert _texts(dialogue, published="yes") == ["Bus in the evening"]
    assert _texts(dialogue, channel="import", kind="question") == [
        "Bus in the evening",
        "Buss på kvällen",
    ]
    assert _texts(dialogue, q="BUSS kväll") == ["Buss på kvällen"]
    assert _texts(dialogue, q="ja") == ["Park och bänkar"]  # answers are searched too


def test_theme_filter_includes_sub_themes(make_input, dialogue, theme):
    child = services.theme_create(dialogue=dialogue, name="Belysning", parent=theme)
    item = make_input("Mörkt vid skolan")
    services.input_code(input=item, theme=child)
    assert _texts(dialogue, theme=str(theme.pk)) == ["Mörkt vid skolan"]


def test_segment_filter_reads_composition_answers(dialogue):
    session = SessionFactory(dialogue=dialogue, status="open")
    age = ChoiceQuestionFactory(session=session, role="composition", options=["Under 18", "18+"])
    open_question = QuestionFactory(session=session)
    young, old = ParticipantFactory(session=session), ParticipantFactory(session=session)
    put_on_screen(age)
    choices = {c.label: c.pk for c in age.choices.all()}
    live.response_submit(
        question=age, participant=young, answer=Answer(choices=[str(choices["Under 18"])])
    )
    live.response_submit(
        question=age, participant=old, answer=Answer(choices=[str(choices["18+"])])
    )
    put_on_screen(open_question)
    for phone, text in ((young, "Skatepark"), (old, "Parkering")):
        live.response_submit(
            question=open_question, participant=phone, answer=Answer(text=text, kind="input")
        )
    services.inputs_sync(dialogue=dialogue)
    options = selectors.segment_options(dialogue)
    assert [o["label"] for o in options] == ["Under 18", "18+"]
    assert _texts(dialogue, segment=str(choices["Under 18"])) == ["Skatepark"]


def test_board_page_paginates_and_answers_htmx_with_the_list_only(logged_in, make_input, dialogue):
    for n in range(selectors.PAGE_SIZE + 5):
        make_input(f"Inspel {n:03d}")
    url = reverse("insights:board", args=[dialogue.pk])
    page = logged_in.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="board-help"' in html and "Inspel 000" in html and "Inspel 054" not in html
    second = logged_in.get(
        url + "?page=2&q=Inspel", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="board-results"
    )
    html = second.content.decode()
    assert "<html" not in html and "Inspel 054" in html and "Inspel 000" not in html


def test_board_shows_suggestions_once_enough_inputs_are_coded(
    logged_in, make_input, dialogue, theme
):
    other = services.theme_create(dialogue=dialogue, name="Kollektivtrafik")
    for n in range(4):
        services.input_code(input=make_input(f"mörkt otryggt belysning gata {n}"), theme=theme)
        services.input_code(
            input=make_input(f"buss tåg kollektivtrafik hållplats {n}"), theme=other
        )
    uncoded = make_input("otryggt och mörkt, dålig belysning")
    html = logged_in.get(reverse("insights:board", args=[dialogue.pk])).content.decode()
    row = html[html.index(f'id="input-{uncoded.pk}"') :]
    assert f'data-top-theme="{theme.pk}"' in row[: row.index(">")]


def test_code_answer_status_publish_through_rows(logged_in, make_input, dialogue, theme):
    item = make_input()
    code = logged_in.post(reverse("insights:input_code", args=[item.pk]), {"theme": theme.pk})
    assert code.status_code == 200 and "Theme Trygghet added." in code.content.decode()
    assert list(item.themes.all()) == [theme]
    form = logged_in.get(reverse("insights:input_answer", args=[item.pk]))
    assert "data-answer" in form.content.decode()
    logged_in.post(
        reverse("insights:input_answer", args=[item.pk]),
        {"answer": "Vi ser över det.", "status": "considered"},
    )
    item.refresh_from_db()
    assert (item.answer, item.status) == ("Vi ser över det.", "considered")
    logged_in.post(reverse("insights:input_publish", args=[item.pk]), {"published": "1"})
    item.refresh_from_db()
    assert item.published


def test_saving_an_answer_with_the_form_as_shown_marks_the_input_answered(
    logged_in, make_input, dialogue
):
    """The answer form shows the current status ("new") and sends it back unchanged."""
    item = make_input()
    logged_in.post(
        reverse("insights:input_answer", args=[item.pk]),
        {"answer": "Vi bygger en ny park 2027.", "status": "new"},
    )
    item.refresh_from_db()
    assert item.status == "answered"
    # the coordinator can still change it afterwards
    logged_in.post(reverse("insights:input_status", args=[item.pk]), {"status": "new"})
    item.refresh_from_db()
    assert item.status == "new"
    # "publish the answered ones" then publishes it
    response = logged_in.post(
        reverse("insights:bulk", args=[dialogue.pk]),
        {"ids": [item.pk], "action": "publish"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.published


def test_the_board_says_what_the_public_sees_before_publishing(logged_in, make_input, dialogue):
    make_input("a", answer="Ja.", published=True)
    make_input("b", answer="Kanske.")
    make_input("c")
    html = logged_in.get(reverse("insights:board", args=[dialogue.pk])).content.decode()
    assert "The public page shows 1 answer." in html
    assert "1 written answer is not published yet" in html
    assert reverse("insights:public_preview", args=[dialogue.pk]) in html


def test_bulk_through_the_page(logged_in, make_input, dialogue, theme):
    a, b = make_input("a"), make_input("b")
    response = logged_in.post(
        reverse("insights:bulk", args=[dialogue.pk]),
        {"ids": [a.pk, b.pk], "action": f"theme:{theme.pk}", "q": "a"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "2 inputs changed." in response.content.decode()
    assert set(theme.inputs.all()) == {a, b}


@pytest.mark.parametrize(
    "name,method,data",
    [
        ("insights:board", "get", None),
        ("insights:codebook", "get", None),
        ("insights:compare", "get", None),
        ("insights:exports", "get", None),
        ("insights:public_preview", "get", None),
        ("insights:import", "get", None),
        ("insights:bulk", "post", {"ids": [1], "action": "publish"}),
    ],
)
def test_another_organisations_dialogue_is_404(client, dialogue, name, method, data):
    client.force_login(FacilitatorFactory())
    response = getattr(client, method)(reverse(name, args=[dialogue.pk]), data)
    assert response.status_code == 404


def test_another_organisations_inputs_and_themes_are_404(client, make_input, theme):
    item = make_input()
    client.force_login(FacilitatorFactory())
    assert (
        client.post(reverse("insights:input_code", args=[item.pk]), {"theme": theme.pk}).status_code
        == 404
    )
    assert client.get(reverse("insights:input_row", args=[item.pk])).status_code == 404
    assert client.get(reverse("insights:theme_edit", args=[theme.pk])).status_code == 404
    assert not item.themes.exists()


def test_a_theme_of_another_dialogue_is_404_on_an_input(logged_in, make_input, owner):
    item = make_input()
    foreign = services.theme_create(dialogue=DialogueFactory(), name="X")
    assert (
        logged_in.post(
            reverse("insights:input_code", args=[item.pk]), {"theme": foreign.pk}
        ).status_code
        == 404
    )


def test_viewers_read_but_cannot_change(client, viewer, make_input, dialogue, theme):
    item = make_input(answer="Svar")
    client.force_login(viewer)
    board = client.get(reverse("insights:board", args=[dialogue.pk]))
    assert board.status_code == 200 and "data-code-url" not in board.content.decode()
    for name, data in (
        ("insights:input_code", {"theme": theme.pk}),
        ("insights:input_answer", {"answer": "x", "status": "new"}),
        ("insights:input_status", {"status": "answered"}),
        ("insights:input_publish", {"published": "1"}),
    ):
        assert client.post(reverse(name, args=[item.pk]), data).status_code == 403
    assert (
        client.post(
            reverse("insights:bulk", args=[dialogue.pk]), {"ids": [item.pk], "action": "publish"}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("insights:codebook", args=[dialogue.pk]), {"name": "Ny"}).status_code
        == 403
    )
    assert client.get(reverse("insights:import", args=[dialogue.pk])).status_code == 403
    item.refresh_from_db()
    assert not item.published and not item.themes.exists()


def test_login_required(client, dialogue):
    response = client.get(reverse("insights:board", args=[dialogue.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_codebook_pages_create_rename_merge(logged_in, make_input, dialogue, theme):
    response = logged_in.post(
        reverse("insights:codebook", args=[dialogue.pk]), {"name": "Parker", "colour": "#ffff00"}
    )
    assert "hard to read" in response.content.decode()  # white on yellow: refused
    logged_in.post(
        reverse("insights:codebook", args=[dialogue.pk]), {"name": "Parker", "colour": "#2e6b30"}
    )
    parks = dialogue.themes.get(name="Parker")
    item = make_input()
    services.input_code(input=item, theme=theme)
    logged_in.post(
        reverse("insights:theme_edit", args=[theme.pk]), {"merge": "1", "target": parks.pk}
    )
    assert list(item.themes.all()) == [parks]


def test_dialogue_page_links_to_the_board(logged_in, dialogue):
    html = logged_in.get(reverse("dialogues:detail", args=[dialogue.pk])).content.decode()
    assert reverse("insights:board", args=[dialogue.pk]) in html
    assert reverse("insights:compare", args=[dialogue.pk]) in html


def test_public_section_shows_published_answers_by_theme_only(
    logged_in, make_input, dialogue, theme
):
    shown = make_input("Mörkt vid skolan", answer="Ny belysning 2026.", published=True)
    services.input_code(input=shown, theme=theme)
    make_input("Hemligt", answer="Inte publicerat")
    html = logged_in.get(reverse("insights:public_preview", args=[dialogue.pk])).content.decode()
    assert "Mörkt vid skolan" in html and "Ny belysning 2026." in html and "Trygghet" in html
    assert "Hemligt" not in html


def test_compare_page_shows_both_groups(logged_in, make_input, dialogue, theme):
    for n in range(3):
        services.input_code(input=make_input(f"mörkt vid skolan och otryggt {n}"), theme=theme)
        make_input(f"fler bussar till centrum {n}")
    html = logged_in.get(
        reverse("insights:compare", args=[dialogue.pk]), {"by": "theme", "a": theme.pk}
    ).content.decode()
    assert "Everyone else" in html and "mörkt" in html and "bussar" in html


def test_inputs_are_kept_per_dialogue(make_input, dialogue):
    make_input("a")
    make_input("b", dialogue=DialogueFactory())
    assert _texts(dialogue) == ["a"]
    assert Input.objects.count() == 2


def test_row_urls_built_in_python_match_the_url_patterns():
    from samrad.insights.views import input_urls

    urls = input_urls(42)
    assert urls["row"] == reverse("insights:input_row", args=[42])
    assert urls["code"] == reverse("insights:input_code", args=[42])
    assert urls["answer"] == reverse("insights:input_answer", args=[42])
    assert urls["publish"] == reverse("insights:input_publish", args=[42])
    assert urls["row_base"] + "7/unmerge/" == reverse("insights:input_unmerge", args=[7])


def test_compare_clouds_show_what_a_term_groups_and_the_public_cloud_does_not(
    logged_in, make_input, dialogue, theme
):
    texts = ["tryggheten i parken", "mer trygghet", "trygghet vid skolan"] * 2
    for text in texts:
        services.input_code(input=make_input(text, published=True, answer="Ja."), theme=theme)
    html = logged_in.get(
        reverse("insights:compare", args=[dialogue.pk]), {"by": "theme", "a": theme.pk}
    ).content.decode()
    assert 'role="tooltip"' in html and "trygghet ← tryggheten" in html
    public = logged_in.get(reverse("insights:public_preview", args=[dialogue.pk])).content.decode()
    assert "trygghet" in public  # the public cloud is there, with its terms only
    assert 'role="tooltip"' not in public and "trygghet ← " not in public
