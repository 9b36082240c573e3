"""The pages: the phone's survey page, the facilitator's pages (organisation-scoped, viewers
read-only), results with filters and regions, the sneak peek, exports."""

import csv
import io
import uuid

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samrad.accounts.models import Role
from samrad.core.models import AuditEntry
from samrad.signification import services
from samrad.signification.models import Story, Survey
from tests.factories import DialogueFactory, member_of

pytestmark = pytest.mark.django_db


def public(survey):
    return reverse("signification:public", args=[survey.code])


def form(signifiers, text="Min berättelse", **values):
    data = {"text": text, "client_id": str(uuid.uuid4())}
    for kind, value in values.items():
        pk = signifiers[kind].pk
        if kind == "triad":
            data.update({f"s{pk}_{c}": v for c, v in zip("abc", value, strict=True)})
        else:
            data[f"s{pk}"] = value
    return data


# --- The phone -------------------------------------------------------------------------------


def test_a_phone_answers_then_edits_its_one_story(client, survey, signifiers):
    page = client.get(public(survey))
    assert page.status_code == 200
    assert survey.prompt in page.content.decode()
    cookie = f"samrad_s{survey.pk}"
    assert cookie in page.cookies
    sent = client.post(public(survey), form(signifiers, triad=(60, 20, 20), dyad="70", tags=["1"]))
    assert sent.status_code == 200
    assert "Thank you! Your story was received." in sent.content.decode()
    edited = client.post(public(survey), form(signifiers, "Ändrad", dyad="20"))
    assert "Your story was saved." in edited.content.decode()
    assert Story.objects.filter(survey=survey).count() == 1
    assert Story.objects.get(survey=survey).text == "Ändrad"
    # Back on the page later: the story is there to edit.
    again = client.get(public(survey)).content.decode()
    assert "Ändrad" in again and "You have already sent a story" in again


def test_an_invalid_triad_keeps_what_was_typed(client, survey, signifiers):
    response = client.post(public(survey), form(signifiers, "Behåll mig", triad=(50, 50, 50)))
    assert response.status_code == 422
    body = response.content.decode()
    assert "Behåll mig" in body and "add up to 100" in body
    assert not Story.objects.exists()


def test_the_same_form_sent_twice_is_stored_once(client, survey, signifiers):
    data = form(signifiers, triad=(10, 10, 80))
    client.post(public(survey), data)
    client.cookies.clear()  # as if the first answer (with its cookie) never arrived
    client.post(public(survey), data)
    assert Story.objects.filter(survey=survey).count() == 1


def test_a_closed_survey_says_so_in_the_phones_language(client, survey, signifiers, owner):
    client.post(public(survey), form(signifiers, "Min gamla"))
    services.survey_set_status(survey=survey, actor=owner, status="closed")
    client.cookies.load({"django_language": "sv"})
    response = client.post(public(survey), form(signifiers, "Ny"), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 409
    body = response.content.decode()
    assert "Min gamla" in body  # their story is kept, and shown
    assert list(Story.objects.values_list("text", flat=True)) == ["Min gamla"]
    assert 'lang="sv"' in body


def test_an_unknown_code_is_404(client, db):
    assert client.get(reverse("signification:public", args=["nope1234"])).status_code == 404


# --- Facilitator: scope and roles --------------------------------------------------------------


FACILITATOR_PAGES = [
    ("signification:detail", {}),
    ("signification:results", {}),
    ("signification:export", {"fmt": "csv"}),
]


@pytest.mark.parametrize(("name", "kwargs"), FACILITATOR_PAGES)
def test_another_organisation_gets_404(client, survey, name, kwargs):
    client.force_login(member_of(DialogueFactory().organisation))
    assert client.get(reverse(name, kwargs={"pk": survey.pk, **kwargs})).status_code == 404
    signifier = survey.signifiers.first()
    url = reverse("signification:signifier_edit", args=[survey.pk, signifier.pk])
    assert client.get(url).status_code == 404
    status = reverse("signification:status", args=[survey.pk, "closed"])
    assert client.post(status).status_code == 404
    create = reverse("signification:create", args=[survey.dialogue.pk])
    assert client.get(create).status_code == 404


def test_login_is_needed(client, survey):
    response = client.get(reverse("signification:detail", args=[survey.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_viewer_reads_but_changes_nothing(client, survey, signifiers):
    client.force_login(member_of(survey.dialogue.organisation, Role.VIEWER))
    detail = client.get(reverse("signification:detail", args=[survey.pk]))
    assert detail.status_code == 200
    assert "Add a signifier" not in detail.content.decode()
    assert client.get(reverse("signification:results", args=[survey.pk])).status_code == 200
    posts = [
        reverse("signification:status", args=[survey.pk, "closed"]),
        reverse("signification:peek_settings", args=[survey.pk]),
        reverse(
            "signification:signifier_action", args=[survey.pk, signifiers["dyad"].pk, "delete"]
        ),
        reverse("signification:detail", args=[survey.pk]),
    ]
    for url in posts:
        assert (
            client.post(url, {"save_survey": "1", "title": "x", "prompt": "y"}).status_code == 403
        )
    assert client.get(reverse("signification:create", args=[survey.dialogue.pk])).status_code == 403
    survey.refresh_from_db()
    assert survey.is_open and survey.title == "Hemma" and survey.signifiers.count() == 4


def test_a_facilitator_builds_and_opens_a_survey(client, dialogue, owner):
    client.force_login(owner)
    create = reverse("signification:create", args=[dialogue.pk])
    page = client.get(create).content.decode()
    assert "Berätta om en gång" in page  # the example in the dialogue's language (sv)
    response = client.post(
        create,
        {
            "title": "Min enkät",
            "prompt": "Berätta!",
            "ask_title": "on",
            "with_example_signifiers": "on",
        },
    )
    survey = Survey.objects.get(title="Min enkät")
    assert response.status_code == 302
    assert [s.kind for s in survey.signifiers.all()][:2] == ["triad", "triad"]
    detail = reverse("signification:detail", args=[survey.pk])
    added = client.post(
        detail,
        {
            "add_signifier": "1",
            "kind": "dyad",
            "prompt": "Hur?",
            "labels": "Lite\nMycket",
            "allow_na": "on",
        },
    )
    assert added.status_code == 302 and survey.signifiers.last().labels == ["Lite", "Mycket"]
    wrong = client.post(
        detail, {"add_signifier": "1", "kind": "triad", "prompt": "T", "labels": "a\nb"}
    )
    assert "exactly 3 labels" in wrong.content.decode()
    client.post(reverse("signification:status", args=[survey.pk, "open"]))
    survey.refresh_from_db()
    assert survey.is_open
    actions = set(
        AuditEntry.objects.filter(organisation=dialogue.organisation).values_list(
            "action", flat=True
        )
    )
    assert {
        "signification.survey_create",
        "signification.signifier_add",
        "signification.survey_open",
    } <= actions
    # The dialogue's page lists it.
    assert (
        "Min enkät" in client.get(reverse("dialogues:detail", args=[dialogue.pk])).content.decode()
    )


# --- Results, filters, regions -------------------------------------------------------------------


@pytest.fixture
def stories(submit):
    submit("Parken 1", triad=(80, 10, 10), dyad=90, tags=[0], segment=0)
    submit("Parken 2", triad=(70, 20, 10), dyad=70, tags=[0, 1], segment=1)
    submit("Torget", triad=(10, 80, 10), dyad=10, tags=[1], segment=1)
    submit("Skolan", triad=(10, 10, 80), dyad=30, tags=[2], segment=2)


def results(client, survey, query=""):
    url = reverse("signification:results", args=[survey.pk])
    return client.get(f"{url}?{query}").context


def test_filters_change_the_plotted_set(client, survey, signifiers, owner, stories):
    client.force_login(owner)
    everything = results(client, survey)
    assert everything["count"] == 4 and everything["plots"][0].n == 4
    tag = signifiers["tags"].pk
    park = results(client, survey, f"f{tag}=0")
    assert park["count"] == 2
    triad_plot, dyad_plot = park["plots"][0], park["plots"][1]
    assert triad_plot.n == 2
    assert triad_plot.mean == pytest.approx((0.75, 0.15, 0.1))
    assert dyad_plot.mean == pytest.approx(80)
    segment = signifiers["segment"].pk
    both = results(client, survey, f"f{tag}=0&f{tag}=1&f{segment}=1")
    assert [row.story.text for row in both["rows"]] == ["Parken 2", "Torget"]


def test_a_corner_region_lists_its_stories(client, survey, signifiers, owner, stories):
    client.force_login(owner)
    triad = signifiers["triad"].pk
    context = results(client, survey, f"region={triad}:a")
    assert [row.story.text for row in context["rows"]] == ["Parken 1", "Parken 2"]
    assert context["plots"][0].n == 4  # the plot still shows all, with the region marked
    regions = {r.name: r for r in context["plots"][0].regions}
    assert regions["a"].selected and regions["a"].count == 2 and regions["a"].percent == 50
    page = client.get(reverse("signification:results", args=[survey.pk]) + f"?region={triad}:a")
    assert "2 stories in: Vad var viktigast? – Människorna" in page.content.decode()


def test_the_htmx_filter_gets_the_fragment(client, survey, signifiers, owner, stories):
    client.force_login(owner)
    url = reverse("signification:results", args=[survey.pk]) + f"?f{signifiers['tags'].pk}=2"
    body = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "Stories matching the filter: 1 of 4." in body


def test_html_in_stories_is_inert(client, survey, owner, submit):
    submit("<script>alert(1)</script><b>fet</b>", title="<img src=x onerror=alert(2)>")
    services.peek_update(survey=survey, actor=owner, enabled=True, shows_stories=True)
    client.force_login(owner)
    pages = [
        client.get(reverse("signification:results", args=[survey.pk])),
        client.get(reverse("signification:peek", args=[survey.peek_token])),
    ]
    for page in pages:
        body = page.content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<script>alert(1)" not in body and "<img src=x" not in body


# --- Sneak peek --------------------------------------------------------------------------------


def test_the_sneak_peek_is_off_until_switched_on(client, survey, owner, stories):
    url = reverse("signification:peek", args=[survey.peek_token])
    assert client.get(url).status_code == 404
    services.peek_update(survey=survey, actor=owner, enabled=True, shows_stories=False)
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "4 stories so far." in body
    assert "Parken 1" not in body and "Torget</p>" not in body
    assert 'hx-trigger="every 10s"' in body
    services.peek_update(survey=survey, actor=owner, enabled=True, shows_stories=True)
    assert "Parken 1" in client.get(url).content.decode()
    services.peek_update(survey=survey, actor=owner, enabled=False, shows_stories=True)
    assert client.get(url).status_code == 404
    assert client.get(reverse("signification:peek", args=["wrong-token"])).status_code == 404


def test_the_public_section_links_only_peeks_that_are_on(survey, owner):
    from django.template.loader import render_to_string

    assert "Sneak peeks" not in render_to_string(
        "signification/_public_section.html", {"dialogue": survey.dialogue}
    )
    services.peek_update(survey=survey, actor=owner, enabled=True, shows_stories=False)
    html = render_to_string("signification/_public_section.html", {"dialogue": survey.dialogue})
    assert reverse("signification:peek", args=[survey.peek_token]) in html


# --- Exports -----------------------------------------------------------------------------------


def test_csv_has_one_row_per_story_and_escapes_formulas(client, survey, signifiers, owner, submit):
    submit(
        '=HYPERLINK("http://evil")', triad=(50, 25, 25), dyad=40, tags=[0, 2], segment=1, title="+1"
    )
    submit("Vanlig", **{f"s{signifiers['triad'].pk}_na": "1"})
    client.force_login(owner)
    response = client.get(reverse("signification:export", args=[survey.pk, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, first, second = rows
    assert len(rows) == 3
    assert header[:4] == ["story", "created_at", "title", "text"]
    assert header[4:7] == ["1_triad_Människorna", "1_triad_Platsen", "1_triad_Att bidra"]
    assert len(header) == 4 + 3 + 1 + 1 + 1
    assert first[2] == "'+1" and first[3] == '\'=HYPERLINK("http://evil")'
    assert first[4:7] == ["0.5", "0.25", "0.25"]
    assert first[7] == "40" and first[8] == "Parken; Skolan" and first[9] == "Vuxen"
    assert second[4:7] == ["n/a", "n/a", "n/a"] and second[7] == ""
    xlsx = client.get(reverse("signification:export", args=[survey.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 3 and sheet["D2"].value == '\'=HYPERLINK("http://evil")'
