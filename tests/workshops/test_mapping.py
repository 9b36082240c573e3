"""The mapping workshop: template, board, placements (limit, replace, undo, history),
phones, analysis, notes, comparison, report, permissions."""

import io
import zipfile

import pytest
from django.urls import reverse

from samrad.accounts.models import Role
from samrad.live.services import participant_join
from samrad.workshops import report_blocks, services
from samrad.workshops.mapping import selectors as mapping_selectors
from samrad.workshops.mapping import services as ms
from samrad.workshops.models import Placement, PlacementLog, StepNote
from tests.factories import ChoiceQuestionFactory, DialogueFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue():
    return DialogueFactory(language="sv")


@pytest.fixture
def runner(dialogue):
    return member_of(dialogue.organisation, Role.FACILITATOR)


@pytest.fixture
def workshop(dialogue, runner):
    workshop = services.workshop_create(dialogue, "mapping", runner)
    for name in ["Trygga skolvägar", "Fritidsbanken", "E-tjänst för bygglov", "Seniorcafé"]:
        ms.project_add(workshop=workshop, actor=runner, name=name)
    return workshop


def images(workshop):
    return list(workshop.framework.images.all())


def step_of(workshop, step_format):
    return workshop.steps.get(format=step_format)


def go_to(workshop, step_format):
    services.workshop_go_to(workshop=workshop, step=step_of(workshop, step_format))


def test_template_creates_the_seven_steps_in_swedish(workshop):
    kinds = list(workshop.steps.values_list("format", flat=True))
    assert kinds == [
        "workshops.text",
        "workshops.targets",
        "workshops.projects",
        "workshops.mapping",
        "workshops.analysis",
        "workshops.discussion",
        "workshops.compare",
    ]
    assert workshop.title == "Mappa er projektportfölj"
    first = workshop.steps.first()
    assert "Inga idéer är fel" in first.body and "snäll och öppen" in first.script
    assert all(step.script for step in workshop.steps.all())
    questions = step_of(workshop, "workshops.discussion").options["questions"]
    assert [q["key"] for q in questions] == list("abcdef")
    assert questions[0]["text"] == "Saknar vi något område helt?"
    assert [i.name for i in images(workshop)] == ["Trygghet", "Kollektivitet", "Smidighet"]
    assert list(workshop.projects.values_list("code", flat=True)) == ["P01", "P02", "P03", "P04"]


def test_the_template_in_norwegian_uses_norwegian_names(dialogue, runner):
    workshop = services.workshop_create(dialogue, "mapping", runner, language="nb")
    assert workshop.title == "Kartlegg prosjektporteføljen"
    assert [i.name for i in images(workshop)] == ["Trygghet", "Fellesskap", "Smidighet"]
    assert workshop.steps.get(format="workshops.discussion").options["questions"][5]["key"] == "f"


def test_the_default_framework_is_created_once_per_organisation_and_language(dialogue, runner):
    first = services.workshop_create(dialogue, "mapping", runner)
    second = services.workshop_create(dialogue, "mapping", runner)
    assert first.framework == second.framework
    assert dialogue.organisation.target_frameworks.count() == 1


def test_a_project_sits_on_at_most_two_images_and_a_third_is_explained(workshop, runner):
    safety, community, ease = images(workshop)
    project = workshop.projects.get(code="P01")
    ms.placement_place(project=project, image=safety, actor=runner)
    ms.placement_place(project=project, image=community, actor=runner)
    with pytest.raises(ms.PlacementRefused) as refused:
        ms.placement_place(project=project, image=ease, actor=runner)
    assert refused.value.reason == "limit"
    assert "P01" in refused.value.message and "Trygghet" in refused.value.message
    assert refused.value.current == [safety, community]
    assert set(project.placements.values_list("image", flat=True)) == {safety.pk, community.pk}
    # "Replace Trygghet with Smidighet"
    ms.placement_move(project=project, from_image=safety, to_image=ease, actor=runner)
    assert set(project.placements.values_list("image", flat=True)) == {community.pk, ease.pk}


def test_the_limit_is_configurable_per_workshop(workshop, runner):
    ms.workshop_settings_update(
        workshop=workshop,
        actor=runner,
        framework=workshop.framework,
        max_per_project=1,
        over_factor=1.5,
    )
    safety, community, _ease = images(workshop)
    project = workshop.projects.get(code="P02")
    ms.placement_place(project=project, image=safety, actor=runner)
    with pytest.raises(ms.PlacementRefused):
        ms.placement_place(project=project, image=community, actor=runner)
    # cannot go below what is already placed
    ms.workshop_settings_update(
        workshop=workshop,
        actor=runner,
        framework=workshop.framework,
        max_per_project=3,
        over_factor=1.5,
    )
    ms.placement_place(project=project, image=community, actor=runner)
    with pytest.raises(ms.PlacementRefused) as refused:
        ms.workshop_settings_update(
            workshop=workshop,
            actor=runner,
            framework=workshop.framework,
            max_per_project=1,
            over_factor=1.5,
        )
    assert refused.value.reason == "limit_below_placed"


def test_the_database_refuses_a_third_slot_even_past_the_service(workshop):
    from django.db import IntegrityError, transaction

    safety, community, ease = images(workshop)
    project = workshop.projects.get(code="P01")
    Placement.objects.create(workshop=workshop, project=project, image=safety, slot=1)
    Placement.objects.create(workshop=workshop, project=project, image=community, slot=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        # a second screen that counted before the first committed would take slot 2 again
        Placement.objects.create(workshop=workshop, project=project, image=ease, slot=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(workshop=workshop, project=project, image=safety, slot=3)


def test_undo_takes_back_the_last_placements_in_order(workshop, runner):
    safety, community, _ease = images(workshop)
    p1, p2 = workshop.projects.get(code="P01"), workshop.projects.get(code="P02")
    ms.placement_place(project=p1, image=safety, actor=runner)
    ms.placement_place(project=p2, image=community, actor=runner)
    ms.placement_move(project=p2, from_image=community, to_image=safety, actor=runner)
    ms.placement_remove(project=p1, image=safety, actor=runner)
    assert not p1.placements.exists()
    ms.placement_undo(workshop=workshop, actor=runner)  # the removal
    assert list(p1.placements.values_list("image", flat=True)) == [safety.pk]
    ms.placement_undo(workshop=workshop, actor=runner)  # the move
    assert list(p2.placements.values_list("image", flat=True)) == [community.pk]
    ms.placement_undo(workshop=workshop, actor=runner)  # p2 placed
    assert not p2.placements.exists()
    ms.placement_undo(workshop=workshop, actor=runner)  # p1 placed
    assert not Placement.objects.exists()
    assert ms.placement_undo(workshop=workshop, actor=runner) is None
    assert PlacementLog.objects.filter(undone_at__isnull=False).count() == 4


def test_history_keeps_who_placed_what(workshop, runner):
    participant = participant_join(session=workshop.session)
    safety = images(workshop)[0]
    ms.placement_place(project=workshop.projects.get(code="P01"), image=safety, actor=runner)
    ms.placement_place(
        project=workshop.projects.get(code="P02"), image=safety, participant=participant
    )
    log = mapping_selectors.history(workshop)
    assert [(e.project.code, e.actor, e.participant) for e in log] == [
        ("P02", None, participant),
        ("P01", runner, None),
    ]


def test_board_page_places_and_refuses_with_choices(client, workshop, runner):
    go_to(workshop, "workshops.mapping")
    client.force_login(runner)
    safety, community, ease = images(workshop)
    project = workshop.projects.get(code="P03")
    url = reverse("workshops:place", args=[workshop.pk])
    htmx = {"HTTP_HX_REQUEST": "true"}
    client.post(url, {"project": project.pk, "image": safety.pk}, **htmx)
    client.post(url, {"project": project.pk, "spot": str(community.pk)}, **htmx)
    refused = client.post(url, {"project": project.pk, "image": ease.pk}, **htmx)
    page = refused.content.decode()
    assert 'role="alert"' in page
    assert "at most 2 target images" in page
    assert "Replace Trygghet with Smidighet" in page
    assert project.placements.count() == 2
    client.post(
        url,
        {"project": project.pk, "image": ease.pk, "from_image": safety.pk, "action": "replace"},
        **htmx,
    )
    assert set(project.placements.values_list("image", flat=True)) == {community.pk, ease.pk}


def test_phones_place_on_the_mapping_step_only(client, workshop):
    safety = images(workshop)[0]
    code = workshop.session.code
    client.get(reverse("live:join_code", args=[code]))
    project = workshop.projects.get(code="P04")
    url = reverse("workshops:phone_place", args=[code])
    data = {"project": project.pk, "image": safety.pk, "action": "toggle"}
    early = client.post(url, data, HTTP_HX_REQUEST="true")
    assert "not open right now" in early.content.decode()
    assert not project.placements.exists()
    go_to(workshop, "workshops.mapping")
    page = client.get(reverse("workshops:phone", args=[code])).content.decode()
    assert 'aria-pressed="false"' in page
    done = client.post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert project.placements.get().placed_by_participant is not None
    assert 'aria-pressed="true"' in done
    client.post(url, data, HTTP_HX_REQUEST="true")  # tap again: off
    assert not project.placements.exists()


def test_a_phone_of_another_session_cannot_place(client, workshop, dialogue, runner):
    other = services.workshop_create(dialogue, "mapping", runner)
    go_to(workshop, "workshops.mapping")
    client.get(reverse("live:join_code", args=[other.session.code]))
    url = reverse("workshops:phone_place", args=[workshop.session.code])
    project = workshop.projects.first()
    response = client.post(url, {"project": project.pk, "image": images(workshop)[0].pk})
    assert response.status_code == 403


def test_analysis_step_shows_counts_gaps_and_over_representation(client, workshop, runner):
    safety, community, _ease = images(workshop)
    for code in ["P01", "P02", "P03"]:
        ms.placement_place(project=workshop.projects.get(code=code), image=safety, actor=runner)
    ms.placement_place(project=workshop.projects.get(code="P01"), image=community, actor=runner)
    # 4 placements, even share 4/3, threshold 2: Trygghet (3) over; Smidighet a gap
    result = mapping_selectors.workshop_analysis(workshop)
    assert result.counts == {"Trygghet": 3, "Kollektivitet": 1, "Smidighet": 0}
    assert result.gaps == ["Smidighet"] and result.over_represented == ["Trygghet"]
    assert result.multi_mapped == ["P01"] and result.unmapped == ["P04"]
    go_to(workshop, "workshops.analysis")
    client.force_login(runner)
    page = client.get(reverse("workshops:projector", args=[workshop.pk])).content.decode()
    assert "Överrepresenterad" in page or "Over-represented" in page
    assert "P04" in page


def test_notes_are_saved_per_question(client, workshop, runner):
    step = step_of(workshop, "workshops.discussion")
    client.force_login(runner)
    url = reverse("workshops:note_save", args=[workshop.pk, step.pk])
    response = client.post(
        url, {"key": "a", "text": "Smidighet saknas helt."}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    client.post(url, {"key": "a", "text": "Smidighet saknas – e-tjänster på gång."})
    assert StepNote.objects.get(step=step, key="a").text == "Smidighet saknas – e-tjänster på gång."
    assert client.post(url, {"key": "z", "text": "x"}).status_code == 404
    show = reverse("workshops:discussion_show", args=[workshop.pk, step.pk])
    client.post(show, {"index": 2})
    step.refresh_from_db()
    assert step.options["current"] == 2


def test_compare_uses_the_chosen_poll(client, workshop, dialogue, runner):
    from samrad.live.models import Response
    from tests.factories import OpenSessionFactory, ParticipantFactory

    session = OpenSessionFactory(dialogue=dialogue)
    question = ChoiceQuestionFactory(session=session)  # Trygghet, Kollektivitet, Smidighet
    choices = list(question.choices.all())
    for choice in [choices[0], choices[2], choices[2], choices[2]]:
        Response.objects.create(
            question=question, participant=ParticipantFactory(session=session), choices=[choice.pk]
        )
    client.force_login(runner)
    client.post(reverse("workshops:compare_choose", args=[workshop.pk]), {"question": question.pk})
    workshop.refresh_from_db()
    assert workshop.compare_question == question
    assert mapping_selectors.citizens_weights(workshop) == {
        "Trygghet": 1,
        "Kollektivitet": 0,
        "Smidighet": 3,
    }
    other = ChoiceQuestionFactory()  # another organisation's poll
    refused = client.post(
        reverse("workshops:compare_choose", args=[workshop.pk]), {"question": other.pk}
    )
    assert refused.status_code == 404


def test_report_is_a_pdf_and_a_docx_with_the_notes(client, workshop, runner):
    ms.placement_place(
        project=workshop.projects.get(code="P01"), image=images(workshop)[0], actor=runner
    )
    step = step_of(workshop, "workshops.discussion")
    services.note_save(step=step, key="f", text="Nästan, men inte smidighet.", actor=runner)
    client.force_login(runner)
    pdf = client.get(reverse("workshops:report", args=[workshop.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("workshops:report", args=[workshop.pk, "docx"]))
    archive = zipfile.ZipFile(io.BytesIO(docx.content))
    body = archive.read("word/document.xml").decode()
    assert "Nästan, men inte smidighet." in body
    assert "Saknar vi något område helt?" in body
    assert any(name.startswith("word/media/") for name in archive.namelist())  # the map


def test_code_cards_pdf(client, workshop, runner):
    client.force_login(runner)
    response = client.get(reverse("workshops:cards", args=[workshop.pk]))
    assert response.content.startswith(b"%PDF")


def test_other_organisation_gets_404_everywhere(client, workshop):
    stranger = member_of(DialogueFactory().organisation, Role.OWNER)
    client.force_login(stranger)
    for name in [
        "workshops:portfolio",
        "workshops:board",
        "workshops:framework",
        "workshops:cards",
    ]:
        assert client.get(reverse(name, args=[workshop.pk])).status_code == 404
    assert client.get(reverse("workshops:report", args=[workshop.pk, "pdf"])).status_code == 404
    project = workshop.projects.first()
    data = {"project": project.pk, "image": images(workshop)[0].pk}
    assert client.post(reverse("workshops:place", args=[workshop.pk]), data).status_code == 404
    assert client.post(reverse("workshops:undo", args=[workshop.pk])).status_code == 404
    assert not Placement.objects.exists()


def test_viewers_read_but_cannot_change(client, workshop, dialogue):
    viewer = member_of(dialogue.organisation, Role.VIEWER)
    client.force_login(viewer)
    go_to(workshop, "workshops.mapping")
    run = client.get(reverse("workshops:run", args=[workshop.pk])).content.decode()
    assert "P01" in run and "card-select" not in run and "Undo" not in run
    project = workshop.projects.first()
    data = {"project": project.pk, "image": images(workshop)[0].pk}
    assert client.post(reverse("workshops:place", args=[workshop.pk]), data).status_code == 403
    assert client.post(reverse("workshops:undo", args=[workshop.pk])).status_code == 403
    portfolio = reverse("workshops:portfolio", args=[workshop.pk])
    assert client.post(portfolio, {"add_project": "1", "name": "X"}).status_code == 403
    step = step_of(workshop, "workshops.discussion")
    note = reverse("workshops:note_save", args=[workshop.pk, step.pk])
    assert client.post(note, {"key": "a", "text": "x"}).status_code == 403
    assert client.get(reverse("workshops:report", args=[workshop.pk, "pdf"])).status_code == 200
    assert not Placement.objects.exists() and not StepNote.objects.exists()


def test_target_images_are_editable_with_sub_areas(client, workshop, runner):
    client.force_login(runner)
    safety, community, ease = images(workshop)
    url = reverse("workshops:framework", args=[workshop.pk])
    response = client.post(
        url,
        {
            "name": "Storbys målbilder",
            f"image_{safety.pk}_name": "Trygghet",
            f"image_{safety.pk}_description": "Tryggt hela dygnet",
            f"image_{safety.pk}_areas": "Belysning\nVård",
            f"image_{community.pk}_name": "Gemenskap",
            f"image_{ease.pk}_name": "Smidighet",
            "image_new_name": "Hållbarhet",
        },
    )
    assert response.status_code == 302
    names = [i.name for i in images(workshop)]
    assert names == ["Trygghet", "Gemenskap", "Smidighet", "Hållbarhet"]
    assert [a.name for a in images(workshop)[0].areas.all()] == ["Belysning", "Vård"]
    # a placement on a sub-area counts there; the empty one is a gap
    belysning = images(workshop)[0].areas.first()
    ms.placement_place(
        project=workshop.projects.first(), image=safety, area=belysning, actor=runner
    )
    result = mapping_selectors.workshop_analysis(workshop)
    assert result.area_counts["Trygghet"] == {"Belysning": 1, "Vård": 0}
    assert ("Trygghet", "Vård") in result.area_gaps
    assert result.gaps == ["Gemenskap", "Smidighet", "Hållbarhet"]


def test_without_the_insights_input_model_the_comparison_skips_inputs(workshop):
    try:
        from samrad.insights.models import Input  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("the insights app has coded inputs on this branch")
    assert mapping_selectors.insight_theme_counts(workshop) is None
    assert report_blocks.comparison(workshop)["has_inputs"] is False


def test_a_new_set_of_target_images_leaves_the_shared_one_alone(client, workshop, runner):
    client.force_login(runner)
    original = workshop.framework
    safety, community, ease = images(workshop)
    url = reverse("workshops:framework", args=[workshop.pk])
    client.post(
        url,
        {
            "name": "Kvällens målbilder",
            f"image_{safety.pk}_name": "Trygghet",
            f"image_{community.pk}_name": "Delaktighet",
            f"image_{ease.pk}_name": "Smidighet",
            "save_as_new": "1",
        },
    )
    workshop.refresh_from_db()
    assert workshop.framework != original
    assert workshop.framework.name == "Kvällens målbilder"
    assert [i.name for i in images(workshop)] == ["Trygghet", "Delaktighet", "Smidighet"]
    assert [i.name for i in original.images.all()] == ["Trygghet", "Kollektivitet", "Smidighet"]
    assert workshop.dialogue.organisation.target_frameworks.count() == 2
