"""Issue 13, "smaller things noticed", on the input board: a suggested theme below the
confidence threshold is not the "top suggestion"; the near-duplicates' similarity stays after
a merge; the channel of an imported input reads "Importerad" in Swedish."""

from django.urls import reverse
from django.utils import translation

from samrad.insights import selectors, services
from samrad.insights.models import InputChannel


def _row(html: str, pk: int) -> str:
    row = html[html.index(f'id="input-{pk}"') :]
    return row[: row.index("</li>")]


def test_an_unsure_suggestion_is_shown_but_not_offered_as_the_top_one(
    logged_in, make_input, dialogue, theme
):
    themes = [theme] + [
        services.theme_create(dialogue=dialogue, name=name)
        for name in ("Kollektivtrafik", "Skola", "Äldreomsorg")
    ]
    words = [
        "mörkt otryggt belysning gata",
        "buss tåg kollektivtrafik hållplats",
        "skola lärare elever klassrum",
        "äldreboende hemtjänst pension omsorg",
    ]
    for n in range(3):
        for each, text in zip(themes, words, strict=True):
            services.input_code(input=make_input(f"{text} {n}"), theme=each)
    sure = make_input("otryggt och mörkt, dålig belysning på gatan")
    unsure = make_input("zebra giraff krokodil")  # no word the model knows
    found = selectors.suggestions(dialogue, [sure, unsure])
    assert found[sure.pk][0][1] >= selectors.TOP_SUGGESTION_MIN
    assert found[unsure.pk][0][1] < selectors.TOP_SUGGESTION_MIN
    html = logged_in.get(reverse("insights:board", args=[dialogue.pk])).content.decode()
    sure_row, unsure_row = _row(html, sure.pk), _row(html, unsure.pk)
    assert f'data-top-theme="{theme.pk}"' in sure_row and "<kbd>a</kbd>" in sure_row
    assert "data-top-theme" not in unsure_row and "<kbd>a</kbd>" not in unsure_row
    assert 'class="suggestion' in unsure_row  # still there to click, with its percentage


def test_the_similarity_is_remembered_after_a_merge(logged_in, make_input, dialogue):
    keep = make_input("Bussen går för sällan från landsbygden in till stan.")
    twin = make_input("Bussen går alldeles för sällan från landsbygden in till stan!")
    url = reverse("insights:duplicates", args=[dialogue.pk])
    page = logged_in.get(url, {"similarity": "0.6"}).content.decode()
    assert 'name="similarity" value="0.6"' in page  # the merge form carries it
    response = logged_in.post(
        url, {"keep": keep.pk, "ids": [keep.pk, twin.pk], "similarity": "0.6"}
    )
    assert response.status_code == 302 and response["Location"] == f"{url}?similarity=0.6"
    after = logged_in.get(response["Location"]).content.decode()
    assert '<option value="0.6" selected>' in after


def test_the_import_channel_is_named_as_a_state_not_a_command():
    with translation.override("sv"):
        assert str(InputChannel.IMPORT.label) == "Importerad"
    with translation.override("nb"):
        assert str(InputChannel.IMPORT.label) == "Importert"
    with translation.override("da"):
        assert str(InputChannel.IMPORT.label) == "Importeret"
    with translation.override("en"):
        assert str(InputChannel.IMPORT.label) == "Import"
